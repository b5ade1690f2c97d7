"""Narrative blocks for vision statement pages.

The body is one flat stream: a `part` block opens each part of the page (its heading, how strong
the evidence behind it is, and its caveats) and the blocks after it, up to the next part, are
that part's content. A flat stream keeps editing simple and lets the page load every cited
source in one query.
"""

from django.conf import settings
from django.db import models
from django.utils.html import format_html

from wagtail import blocks

from evidence.blocks import EditorPreloadingStreamBlock, EvidenceHighlightBlock
from evidence.compare import EvidenceRichTextBlockComparison, EvidenceStructBlockComparison
from evidence.page_evidence import cited_rich_text
from indicators.blocks import IndicatorBlock
from story.experience import ExperienceQuoteBlock, ExperienceThemeBlock


class EvidenceStrength(models.TextChoices):
    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    EMERGING = "emerging", "Emerging"
    LIMITED = "limited", "Limited"


EVIDENCE_STRENGTH_DESCRIPTIONS = {
    EvidenceStrength.STRONG: "Several independent sources agree, including inspection or data.",
    EvidenceStrength.MODERATE: "More than one source supports this, with some gaps.",
    EvidenceStrength.EMERGING: "Early learning from a few organisations; still being tested.",
    EvidenceStrength.LIMITED: "A single source or self-report; read with care.",
}


class LearningKind(models.TextChoices):
    BEING_TRIED = "being_tried", "What is being tried"
    WORKING = "working", "What is working"
    LEARNED = "learned", "What has been learned"
    SUPPORTS_PROGRESS = "supports_progress", "What supports progress"
    GETS_IN_THE_WAY = "gets_in_the_way", "What gets in the way"


class PartBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    evidence_strength = blocks.ChoiceBlock(
        choices=EvidenceStrength.choices, default=EvidenceStrength.EMERGING
    )
    caveats = blocks.TextBlock(
        required=False, help_text="What the evidence behind this part cannot show."
    )

    class Meta:
        icon = "title"
        label = "Part"
        template = "blocks/part.html"
        preview_value = {
            "heading": "Changing practice with families",
            "evidence_strength": "emerging",
            "caveats": "Based on what organisations told us; not yet independently evaluated.",
        }


class NarrativeBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=settings.RICH_TEXT_NARRATIVE_FEATURES, **kwargs)

    def get_comparison_class(self):
        return EvidenceRichTextBlockComparison

    def render(self, value, context=None):
        """`<div class="narrative">` and the text with its citations, without a template: a long
        page has hundreds of paragraphs, and rendering a template for each was most of what a
        page's cost grows by with its citations."""
        text = cited_rich_text(context if context is not None else {}, value)
        return format_html('<div class="narrative">{}</div>', text)

    class Meta:
        icon = "pilcrow"
        label = "Narrative"


class LearningBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=LearningKind.choices)
    text = blocks.RichTextBlock(features=settings.RICH_TEXT_NARRATIVE_FEATURES)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = LearningKind(value["kind"]).label
        return context

    def get_comparison_class(self):
        return EvidenceStructBlockComparison

    class Meta:
        icon = "tick-inverse"
        label = "Learning"
        template = "blocks/learning.html"
        preview_value = {
            "kind": "learned",
            "text": "<p>Change takes hold when staff have time to reflect together.</p>",
        }


class VisionStatementBodyBlock(EditorPreloadingStreamBlock, blocks.StreamBlock):
    """The editor loads every citation of the body at once (`evidence.contentstate`).

    A block whose Meta names `lenses` belongs in those sections only (`story.forms`).
    """

    part = PartBlock()
    narrative = NarrativeBlock()
    evidence_highlight = EvidenceHighlightBlock()
    learning = LearningBlock()
    # The experience lens (`story.experience`)
    experience_quote = ExperienceQuoteBlock()
    experience_theme = ExperienceThemeBlock()
    # The national data lens (`indicators`)
    indicator = IndicatorBlock()
