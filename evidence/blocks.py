from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class EvidenceHighlightBlock(blocks.StructBlock):
    """A source brought forward: what it found and why that matters here."""

    source = SnippetChooserBlock("evidence.Source")
    quote = blocks.TextBlock(label="Quote or finding")
    why_it_matters = blocks.TextBlock(required=False)

    class Meta:
        icon = "openquote"
        label = "Evidence highlight"
        template = "blocks/evidence_highlight.html"
