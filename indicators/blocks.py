"""The indicator block: an indicator's chart placed in a vision statement page, with the
editor's narrative around it."""

import copy

from django.conf import settings

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from evidence.compare import EvidenceStructBlockComparison
from evidence.models import Source
from indicators.models import ILLUSTRATIVE_NOTICE

#: The lens of the national data section (`story.models.SectionPage.Lens.QUANTITATIVE`: story
#: imports this app, so this app cannot import story).
NATIONAL_DATA = "quantitative"


class IndicatorChooserBlock(SnippetChooserBlock):
    """Chooses an indicator; a page showing it cites the indicator's source.

    The source is reported with the indicator (`extract_references`), so the one parser of
    citations (`evidence.references`) numbers it in "Sources on this page", Wagtail's reference
    index lists the page in the source's "Cited in", and the citation index and the evidence
    audit count it, with no second mechanism. Every indicator block of a page is loaded at once
    (`bulk_to_python`, with figures and source), so ten charts cost the queries of one.
    """

    def __init__(self, **kwargs):
        super().__init__("indicators.Indicator", **kwargs)

    def bulk_to_python(self, values):
        """As Wagtail's, but from `for_display()` (a copy for an indicator chosen twice)."""
        objects = self.model_class.objects.for_display().in_bulk(
            [value for value in values if value is not None]
        )
        result, seen = [], set()
        for value in values:
            obj = objects.get(value)
            result.append(copy.copy(obj) if obj is not None and value in seen else obj)
            seen.add(value)
        return result

    def extract_references(self, value):
        yield from super().extract_references(value)
        if value is not None and value.source_id:
            yield Source, str(value.source_id), "", ""


class IndicatorBlock(blocks.StructBlock):
    indicator = IndicatorChooserBlock()
    introduction = blocks.RichTextBlock(
        features=settings.RICH_TEXT_NARRATIVE_FEATURES,
        required=False,
        help_text="What readers should notice in the chart, before it.",
    )
    commentary = blocks.RichTextBlock(
        features=settings.RICH_TEXT_NARRATIVE_FEATURES,
        required=False,
        help_text="What the figures mean for this vision statement, after the chart.",
    )

    def get_comparison_class(self):
        return EvidenceStructBlockComparison

    class Meta:
        icon = "table"
        label = "Indicator chart"
        template = "blocks/indicator.html"
        help_text = "National data section only: an indicator's chart, table and CSV download."
        lenses = (NATIONAL_DATA,)  # checked by the vision statement page form (`story.forms`)


def illustrative_figures_notices(body) -> list[str]:
    """The page-wide notice a body needs when a chart it shows has illustrative figures, so a
    reader is told under the summary, before the first chart. The body's indicators are loaded
    once for all its charts (`IndicatorChooserBlock.bulk_to_python`), so asking costs no query."""
    for block in body:
        if isinstance(block.block, IndicatorBlock):
            indicator = block.value["indicator"]
            if indicator is not None and indicator.live and indicator.illustrative:
                return [f"{ILLUSTRATIVE_NOTICE}."]
    return []
