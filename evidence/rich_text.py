"""Inline evidence in rich text: `<a linktype="source" id="12">` and `linktype="organisation"`.

Modelled on Wagtail's document links (`wagtail/documents/rich_text/`): the database stores only
the snippet's id, so renaming a source or changing its slug never breaks a page. The handlers
expand links in bulk (one query per rich text value and link type), feed the reference index
through `extract_references`, and render the text without a link when the snippet is missing or
not live, so deleting or unpublishing evidence never breaks a page.
"""

from django.utils.html import escape

from wagtail.rich_text import LinkHandler

from evidence.models import Organisation, Source


def parse_id(attrs: dict) -> int | None:
    """The snippet id from stored attributes, or None for hand-edited or imported junk."""
    try:
        return int(attrs.get("id", ""))
    except (TypeError, ValueError):
        return None


class EvidenceLinkHandler(LinkHandler):
    """Shared behaviour of the source and organisation link types."""

    model: type

    @classmethod
    def get_model(cls):
        return cls.model

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        ids = [parse_id(attrs) for attrs in attrs_list]
        found = cls.model.objects.live().in_bulk({i for i in ids if i is not None})
        return [found.get(i) for i in ids]

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        css_class = f"evidence-link evidence-link--{cls.identifier}"
        return [
            f'<a href="{escape(obj.public_url)}" class="{css_class}">' if obj else "<a>"
            for obj in cls.get_many(attrs_list)
        ]

    @classmethod
    def extract_references(cls, attrs):
        object_id = parse_id(attrs)
        if object_id is not None:
            yield cls.model, str(object_id), "", ""


class SourceLinkHandler(EvidenceLinkHandler):
    identifier = "source"
    model = Source


class OrganisationLinkHandler(EvidenceLinkHandler):
    identifier = "organisation"
    model = Organisation
