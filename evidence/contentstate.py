"""Draftail (contentstate) conversion for inline evidence, after `wagtail/documents/rich_text/`.

Wagtail converts each rich text value for the editor link by link: `DraftailRichTextArea.
format_value` hands the stored HTML to `ContentstateConverter.from_database_format`, whose
element handler is asked for each link's entity data on its own, so Wagtail's document links
cost one query per link. Here the data comes from a lookup loaded in bulk before conversion, at
the two depths where Wagtail holds a whole value:

- `EvidenceDraftailRichTextArea.format_value` (the widget of every rich text field and rich
  text block, set in `WAGTAILADMIN_RICH_TEXT_EDITORS`): one value's citations, one query per
  model cited;
- `evidence.blocks.EditorPreloadingStreamBlock.get_form_state` (a page's StreamField:
  `BlockWidget` asks the top stream block once for the form state of the whole stream, which
  asks each child): every citation in the stream, so that many narrative blocks still cost
  one query per model.

An inner lookup reuses what an outer one loaded, and the handler falls back to a query of its
own for a link no lookup holds (a converter used outside a widget), so nothing depends on it.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.urls import reverse

from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea

from evidence.references import (
    EvidenceReference,
    evidence_cited,
    references_in_rich_text,
)
from evidence.rich_text import parse_id

_loaded_for_editor: ContextVar[dict | None] = ContextVar("evidence_loaded_for_editor", default=None)


@contextmanager
def evidence_loaded_for_editor(references: Iterable[EvidenceReference]) -> Iterator[None]:
    """Within the block, the element handler reads the cited evidence from one bulk load."""
    outer = _loaded_for_editor.get() or {}
    missing = [r for r in references if (r.linktype, r.object_id) not in outer]
    token = _loaded_for_editor.set({**outer, **evidence_cited(missing)} if missing else outer)
    try:
        yield
    finally:
        _loaded_for_editor.reset(token)


class EvidenceDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail widget, converting a value's evidence links from one bulk load."""

    def format_value(self, value):
        with evidence_loaded_for_editor(references_in_rich_text(str(value or ""))):
            return super().format_value(value)


class EvidenceLinkElementHandler(LinkElementHandler):
    """Database HTML to the editor's contentstate: the entity carries id, label and edit URL."""

    def __init__(self, entity_type: str, model: type):
        super().__init__(entity_type)
        self.model = model

    def get_attribute_data(self, attrs):
        object_id = parse_id(attrs)
        if object_id is None:
            return {}
        loaded = _loaded_for_editor.get() or {}
        key = (self.model.linktype, object_id)
        if key in loaded:
            obj = loaded[key]
        else:
            obj = self.model._default_manager.filter(pk=object_id).first()
        if obj is None:
            return {"id": object_id, "string": "Missing evidence", "edit_url": ""}
        return {
            "id": obj.pk,
            "string": str(obj),
            "edit_url": reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk]),
        }


def evidence_entity_decorator(linktype: str):
    """Contentstate to database HTML: only the link type and the id are stored."""

    def decorator(props):
        return DOM.create_element(
            "a", {"linktype": linktype, "id": props.get("id")}, props["children"]
        )

    return decorator


def contentstate_rule(linktype: str, entity_type: str, model: type) -> dict:
    return {
        "from_database_format": {
            f'a[linktype="{linktype}"]': EvidenceLinkElementHandler(entity_type, model),
        },
        "to_database_format": {
            "entity_decorators": {entity_type: evidence_entity_decorator(linktype)}
        },
    }
