from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from evidence.compare import EvidenceStructBlockComparison
from evidence.references import references_in_block


class EditorPreloadingStreamBlock:
    """Mixin for a page's top stream block: the editor converts its whole value's citations
    from one bulk load instead of one query per link (`evidence.contentstate`)."""

    def get_form_state(self, value):
        # The admin's converters cannot be imported while models load, as blocks are.
        from evidence.contentstate import evidence_loaded_for_editor

        with evidence_loaded_for_editor(references_in_block(self, value)):
            return super().get_form_state(value)


class EvidenceHighlightBlock(blocks.StructBlock):
    """A source brought forward: what it found and why that matters here."""

    source = SnippetChooserBlock("evidence.Source")
    quote = blocks.TextBlock(label="Quote or finding")
    why_it_matters = blocks.TextBlock(required=False)

    def get_comparison_class(self):
        return EvidenceStructBlockComparison

    class Meta:
        icon = "openquote"
        label = "Evidence highlight"
        template = "blocks/evidence_highlight.html"
