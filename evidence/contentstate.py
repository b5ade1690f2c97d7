"""Draftail (contentstate) conversion for inline evidence, after `wagtail/documents/rich_text/`."""

from django.urls import reverse

from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler

from evidence.rich_text import parse_id


class EvidenceLinkElementHandler(LinkElementHandler):
    """Database HTML to the editor's contentstate: the entity carries id, label and edit URL."""

    def __init__(self, entity_type: str, model: type):
        super().__init__(entity_type)
        self.model = model

    def get_attribute_data(self, attrs):
        object_id = parse_id(attrs)
        if object_id is None:
            return {}
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
