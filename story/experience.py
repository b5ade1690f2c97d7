"""The experience lens: what children, young people, families and care experienced adults say.

Two blocks, a quote in someone's own words and a theme many people raised, each saying who in
words that cannot identify them ("a young person, 16"), which source and organisation gathered
it, and how consent was given. They carry no name field and no image, and their templates show
none, so a photo or a name cannot reach the page through them. The source and organisation are
chosen with Wagtail's snippet chooser block, so they are cited exactly like every other piece of
evidence: `evidence.references` finds them, so the page numbers them, the review guard waits for
them, the citation index and the audit list them, compare shows them and "Cited in" names the
page.

`illustrative` marks a quote or theme made up to show the site (the demo content), never real
testimony: the block and the page then say so in plain words, and so does the text the search
index keeps, which search excerpts are cut from. Real deployments leave it off.

The blocks belong to the experience lens only (`lenses` in their Meta, checked by the vision
statement page form, `story.forms`).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from evidence.compare import EvidenceStructBlockComparison

EXPERIENTIAL = "experiential"  # `SectionPage.Lens.EXPERIENTIAL`, which imports this module
ILLUSTRATIVE_QUOTES_NOTICE = "Illustrative quotes for demonstration, not real testimony."

# What would identify someone however it is worded: an email address, a handle, a web address,
# a phone number. Names cannot be told apart from words; the help text and review catch those.
IDENTIFYING = re.compile(r"@|https?://|www\.|\d[\d\s-]{5,}\d")


def who_block(help_text: str) -> blocks.CharBlock:
    return blocks.CharBlock(
        label="Who",
        max_length=80,
        help_text=f"{help_text} Never a name, a place they could be found, or a photo.",
    )


def gathered_by_blocks() -> dict[str, blocks.Block]:
    """The fields both blocks share, fresh instances for each (a block belongs to one parent)."""
    return {
        "source": SnippetChooserBlock(
            "evidence.Source", help_text="The consultation, survey or report that gathered it."
        ),
        "organisation": SnippetChooserBlock(
            "evidence.Organisation",
            required=False,
            help_text="Who gathered it, if not the organisations that made the source.",
        ),
        "consent": blocks.TextBlock(
            label="Note on consent",
            help_text="How people agreed to their words being shared, and what was changed so "
            "that no one can be identified.",
        ),
        "content_note": blocks.CharBlock(
            required=False,
            max_length=120,
            help_text="Shown before it, for readers who may find it hard: e.g. 'mentions "
            "physical restraint'.",
        ),
        "illustrative": blocks.BooleanBlock(
            required=False,
            default=False,
            help_text="Made up to demonstrate the site, not real testimony. Readers are told. "
            "Leave off for anything people really said.",
        ),
    }


class ExperienceBlock(blocks.StructBlock):
    """What the quote and theme blocks share: identification checks, search text, compare."""

    def clean(self, value):
        value = super().clean(value)
        if IDENTIFYING.search(value.get("who") or ""):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "who": ValidationError(
                        "Describe who said it without anything that identifies them "
                        "(no email address, handle, web address or phone number)."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["illustrative_label"] = self.meta.illustrative_label
        return context

    def get_searchable_content(self, value):
        content = super().get_searchable_content(value)
        if value.get("illustrative"):
            return [f"{self.meta.illustrative_label}:", *content]
        return content

    def get_comparison_class(self):
        return EvidenceStructBlockComparison

    def cited_words(self, value) -> str:
        """The words the chosen source stands behind, for the evidence audit."""
        raise NotImplementedError


class ExperienceQuoteBlock(ExperienceBlock):
    quote = blocks.TextBlock(help_text="Their own words, as they agreed to share them.")
    who = who_block("For example 'a young person, 16' or 'a parent'.")
    source, organisation, consent, content_note, illustrative = gathered_by_blocks().values()

    def cited_words(self, value) -> str:
        return value.get("quote") or ""

    class Meta:
        icon = "openquote"
        label = "Experience: quote"
        template = "blocks/experience_quote.html"
        lenses = (EXPERIENTIAL,)
        illustrative_label = "Illustrative quote for demonstration, not real testimony"
        preview_value = {
            "quote": "Someone finally asked me what I wanted, and then they actually did it.",
            "who": "a young person, 16",
            "consent": "Shared with permission; details changed so no one can be identified.",
            "illustrative": True,
        }


class ExperienceThemeBlock(ExperienceBlock):
    theme = blocks.CharBlock(max_length=160, help_text="What many people raised, in a line.")
    summary = blocks.RichTextBlock(
        features=settings.RICH_TEXT_NARRATIVE_FEATURES,
        help_text="What they said about it, in your words.",
    )
    who = who_block("For example 'young people in residential care, 12 to 17'.")
    source, organisation, consent, content_note, illustrative = gathered_by_blocks().values()

    def cited_words(self, value) -> str:
        return value.get("theme") or ""

    class Meta:
        icon = "group"
        label = "Experience: theme"
        template = "blocks/experience_theme.html"
        lenses = (EXPERIENTIAL,)
        illustrative_label = "Illustrative theme for demonstration, not real testimony"
        preview_value = {
            "theme": "Being listened to",
            "summary": "<p>Young people said decisions felt different when someone explained "
            "them and asked what they thought.</p>",
            "who": "young people in foster care",
            "consent": "Shared with permission; no one can be identified.",
            "illustrative": True,
        }


def illustrative_notices(body) -> list[str]:
    """The page-wide notices a vision statement body needs, read from the stored stream (no
    queries, no snippets loaded): one if any experience block in it is illustrative."""
    experience_types = {
        name
        for name, block in body.stream_block.child_blocks.items()
        if isinstance(block, ExperienceBlock)
    }
    for raw in body.raw_data:
        if raw.get("type") in experience_types and (raw.get("value") or {}).get("illustrative"):
            return [ILLUSTRATIVE_QUOTES_NOTICE]
    return []
