"""Inline evidence in rich text: `<a linktype="source" id="12">` and `linktype="organisation"`.

Modelled on Wagtail's document links (`wagtail/documents/rich_text/`): the database stores only
the snippet's id, so renaming a source or changing its slug never breaks a page. The handlers
expand links in bulk (one query per rich text value and link type), feed the reference index
through `extract_references`, and render the text without a link when the snippet is missing or
not live, so deleting or unpublishing evidence never breaks a page. Pages render through
`evidence.page_evidence` instead (one load for the whole page, numbered markers); both write the
link with `evidence_link_tag`.
"""

import re
from html import escape  # what Django's `escape` calls, without its lazy-string wrapper

from wagtail.rich_text import LinkHandler

from evidence.models import EvidenceSnippet, Organisation, Source, SourceRow
from evidence.text import ascii_int


def parse_id(attrs: dict) -> int | None:
    """The snippet id from stored attributes, or None for hand-edited or imported junk."""
    return ascii_int(attrs.get("id"))


#: An `id` attribute as Wagtail's `extract_attrs` reads attributes (`name="value"`), and not
#: the end of a longer name (`data-id`).
ID_ATTRIBUTE = re.compile(r'(?<![\w-])id\="([^"]*)"')


def stored_id(attr_string: str) -> int | None:
    """`parse_id(extract_attrs(attr_string))` without reading every attribute: the last `id`
    (as the dict keeps it), with the same entities decoded. A page renders hundreds."""
    found = ID_ATTRIBUTE.findall(attr_string)
    if not found:
        return None
    value = found[-1]
    if "&" in value:
        value = (
            value.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", '"')
            .replace("&amp;", "&")
        )
    return ascii_int(value)


def evidence_link_tag(obj: EvidenceSnippet | SourceRow | None) -> str:
    """The opening tag of a link to a source's or organisation's public page.

    A missing or unpublished object gets a bare `<a>`: its words stay, without a link.
    """
    if obj is None:
        return "<a>"
    return (
        f'<a href="{escape(obj.public_url)}" class="evidence-link evidence-link--{obj.linktype}">'
    )


class EvidenceLinkHandler(LinkHandler):
    """Shared behaviour of the source and organisation link types."""

    model: type[EvidenceSnippet]

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
        return [evidence_link_tag(obj) for obj in cls.get_many(attrs_list)]

    @classmethod
    def extract_references(cls, attrs):
        object_id = parse_id(attrs)
        if object_id is not None:
            yield cls.model, str(object_id), "", ""


class SourceLinkHandler(EvidenceLinkHandler):
    identifier = Source.linktype
    model = Source


class OrganisationLinkHandler(EvidenceLinkHandler):
    identifier = Organisation.linktype
    model = Organisation
