"""Revision compare that shows what a passage cites, not only its words.

Wagtail compares rich text as plain text (`wagtail.admin.compare.RichTextFieldComparison`,
`RichTextBlockComparison`), so adding or removing an inline citation, which changes no words,
compares as no change at all. These comparisons keep Wagtail's text diff and add, beside it, the
sources and organisations the passage cites, each marked added or removed in words and with
Wagtail's own diff classes (`span.addition`, `span.deletion`).

They are generic over rich text and evidence choosers: `register_evidence_comparisons` makes
them the comparison of every `RichTextField` and `StreamField`; blocks pick theirs through
`get_comparison_class()`, which `get_comparison_class_for_block` asks first. The titles load
once per compared field, in one query per model (a StreamField loads for all its blocks), and
blocks compared outside a field load their own.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from wagtail import blocks
from wagtail.admin.compare import (
    BlockComparison,
    RichTextBlockComparison,
    RichTextFieldComparison,
    StreamFieldComparison,
    StructBlockComparison,
    diff_text,
    get_comparison_class_for_block,
    register_comparison_class,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.utils.text import text_from_html

from evidence.models import EvidenceSnippet
from evidence.references import (
    EvidenceReference,
    evidence_cited,
    references_in_block,
    references_in_rich_text,
)

KINDS = {"source": "Source", "organisation": "Organisation"}

_loaded: ContextVar[dict | None] = ContextVar("evidence_loaded_for_compare", default=None)


@contextmanager
def evidence_loaded_for_compare(references: Iterable[EvidenceReference]) -> Iterator[None]:
    """Within the block, comparisons read the cited evidence from one bulk load."""
    outer = _loaded.get() or {}
    missing = [r for r in references if (r.linktype, r.object_id) not in outer]
    token = _loaded.set({**outer, **evidence_cited(missing)} if missing else outer)
    try:
        yield
    finally:
        _loaded.reset(token)


def _in_order(references: Iterable[EvidenceReference]) -> list[tuple[str, int]]:
    return list(dict.fromkeys((r.linktype, r.object_id) for r in references))


def _describe(linktype: str, obj) -> str:
    return f"{KINDS[linktype]} “{obj}”" if obj is not None else f"{KINDS[linktype]} (missing)"


def cited_evidence_html(
    before: list[EvidenceReference], after: list[EvidenceReference]
) -> SafeString:
    """The evidence a passage cites in either version, each marked added, removed or kept.

    Listed in reading order of the newer version, then what it no longer cites.
    """
    keys_before, keys_after = _in_order(before), _in_order(after)
    if not keys_before and not keys_after:
        return SafeString("")
    loaded = _loaded.get() or {}
    if any(key not in loaded for key in (*keys_before, *keys_after)):
        with evidence_loaded_for_compare([*before, *after]):
            return cited_evidence_html(before, after)
    rows = [("cited" if key in keys_before else "addition", key) for key in keys_after]
    rows += [("deletion", key) for key in keys_before if key not in keys_after]
    return format_html(
        '<div class="evidence-compare w-mt-3"><p class="w-mt-0 w-mb-1">'
        "<strong>Cited evidence</strong></p>"
        '<ul class="w-list-none w-m-0 w-p-0">{}</ul></div>',
        format_html_join("", "<li>{}</li>", ((_row(change, key, loaded),) for change, key in rows)),
    )


def _row(change: str, key: tuple[str, int], loaded: dict) -> SafeString:
    description = _describe(key[0], loaded.get(key))
    if change == "addition":
        return format_html('<span class="addition">Added citation: {}</span>', description)
    if change == "deletion":
        return format_html('<span class="deletion">Removed citation: {}</span>', description)
    return format_html("Cited: {}", description)


def _version_references(comparison, val, references_in) -> tuple[list, list]:
    """A block shown whole (new, deleted or unchanged): its citations as before and after."""
    references = references_in(val)
    if comparison.is_new():
        return [], references
    if comparison.is_deleted():
        return references, []
    return references, references


class EvidenceRichTextFieldComparison(RichTextFieldComparison):
    def htmldiff(self):
        return format_html(
            "{}{}",
            super().htmldiff(),
            cited_evidence_html(
                references_in_rich_text(self.val_a), references_in_rich_text(self.val_b)
            ),
        )


class EvidenceStreamFieldComparison(StreamFieldComparison):
    """Wagtail's StreamField comparison, with every block's cited evidence loaded at once."""

    def htmldiff(self):
        stream_block = self.field.stream_block
        references = [
            *references_in_block(stream_block, self.val_a),
            *references_in_block(stream_block, self.val_b),
        ]
        with evidence_loaded_for_compare(references):
            return super().htmldiff()


def _rich_text_references(value) -> list[EvidenceReference]:
    return references_in_rich_text(value.source if value is not None else "")


def _text(value) -> str:
    return text_from_html(value.source if value is not None else "")


class EvidenceRichTextBlockComparison(RichTextBlockComparison):
    """Text from the stored HTML, not from `render_basic` as Wagtail's: the words are the same,
    and rendering would expand each block's links with queries of its own."""

    def htmlvalue(self, val):
        before, after = _version_references(self, val, _rich_text_references)
        return format_html("{}{}", escape(_text(val)), cited_evidence_html(before, after))

    def htmldiff(self):
        return format_html(
            "{}{}",
            diff_text(_text(self.val_a), _text(self.val_b)).to_html(),
            cited_evidence_html(
                _rich_text_references(self.val_a), _rich_text_references(self.val_b)
            ),
        )


class EvidenceChooserBlockComparison(BlockComparison):
    """A chosen source or organisation, named with its kind; a change says what was replaced."""

    def _describe(self, obj) -> str:
        return f"{self.block.target_model._meta.verbose_name.capitalize()} “{obj}”"

    def htmlvalue(self, val):
        if val is None:
            return format_html("{}", "None")
        if self.is_new():
            return format_html('<span class="addition">Added: {}</span>', self._describe(val))
        if self.is_deleted():
            return format_html('<span class="deletion">Removed: {}</span>', self._describe(val))
        return format_html("{}", self._describe(val))

    def htmldiff(self):
        if self.val_a == self.val_b:
            return self.htmlvalue(self.val_a)
        parts = []
        if self.val_a is not None:
            parts.append(("deletion", "Removed", self._describe(self.val_a)))
        if self.val_b is not None:
            parts.append(("addition", "Added", self._describe(self.val_b)))
        return format_html_join(" ", '<span class="{}">{}: {}</span>', parts)


def comparison_class_for(block):
    """The evidence-aware comparison of a child block, else Wagtail's own."""
    if hasattr(block, "get_comparison_class"):
        return block.get_comparison_class()
    if isinstance(block, blocks.RichTextBlock):
        return EvidenceRichTextBlockComparison
    if isinstance(block, SnippetChooserBlock) and issubclass(block.target_model, EvidenceSnippet):
        return EvidenceChooserBlockComparison
    return get_comparison_class_for_block(block)


class EvidenceStructBlockComparison(StructBlockComparison):
    """Wagtail's struct comparison, with evidence-aware children.

    A child of a new or deleted struct is told so (Wagtail's passes "exists in both"), so that
    the evidence it cites reads as added or removed, not only coloured.
    """

    def _children(self, val_a, val_b):
        for name, block in self.block.child_blocks.items():
            comparison = comparison_class_for(block)(
                block, self.exists_a, self.exists_b, val_a[name], val_b[name]
            )
            yield block.label, comparison

    def htmlvalue(self, val):
        values = ((label, c.htmlvalue(c.val_a)) for label, c in self._children(val, val))
        return format_html(
            "<dl>\n{}\n</dl>", format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", values)
        )

    def htmldiff(self):
        diffs = ((label, c.htmldiff()) for label, c in self._children(self.val_a, self.val_b))
        return format_html(
            "<dl>\n{}\n</dl>", format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", diffs)
        )


def register_evidence_comparisons() -> None:
    """Every rich text field and StreamField compares with its cited evidence."""
    register_comparison_class(RichTextField, comparison_class=EvidenceRichTextFieldComparison)
    register_comparison_class(StreamField, comparison_class=EvidenceStreamFieldComparison)
