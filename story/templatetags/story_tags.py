from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from indicators.blocks import illustrative_figures_notices
from story.blocks import EvidenceStrength
from story.experience import illustrative_notices
from story.lenses import LensPage, StoryLenses, lenses_of, statements_by_lens

register = template.Library()


@register.simple_tag(takes_context=True)
def include_blocks(context, blocks) -> SafeString:
    """`{% include_blocks part.blocks %}`: each block as `{% include_block block %}` renders
    it, with the page's context flattened once for all of them rather than once for each (a
    long page has hundreds). Each block gets a copy of its own, as with `include_block`."""
    flat = context.flatten()
    return mark_safe(  # noqa: S308 (each block's output escaped as include_block does)
        "".join(conditional_escape(block.render_as_block(context=dict(flat))) for block in blocks)
    )


@register.simple_tag
def lenses_of_page(page) -> list[LensPage]:
    """The page's vision statement in each section (`story.lenses`)."""
    return lenses_of(page)


@register.simple_tag
def story_through_lenses(index) -> StoryLenses:
    """The sections, and every vision statement with its page in each (`story.lenses`)."""
    return statements_by_lens(index)


@register.simple_tag
def illustrative_notices_of(page) -> list[str]:
    """The notices the page's body needs ("Illustrative quotes for demonstration, ...",
    "Illustrative figures for demonstration, ...")."""
    return illustrative_notices(page.body) + illustrative_figures_notices(page.body)


@register.simple_tag
def part_strengths(page) -> list[dict]:
    """Each part's heading and strength of evidence, read from the stored body.

    Listings show these for many pages: reading the raw stream avoids loading the snippets
    that the page's other blocks choose, so a listing's queries do not grow with its length.
    """
    strengths = []
    for raw in page.body.raw_data:
        if raw["type"] == "part":
            try:
                value = EvidenceStrength(raw["value"].get("evidence_strength"))
            except ValueError:  # a choice since removed: say nothing rather than fail
                continue
            strengths.append(
                {
                    "heading": raw["value"].get("heading", ""),
                    "strength": value,
                    "label": value.label,
                }
            )
    return strengths
