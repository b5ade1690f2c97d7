"""Serializer fields for what the API adds to Wagtail's own: vision statement, section, parts,
citations resolved to live source ids, "cited in".

Each reads what the view loaded for the whole response (`ResponseData`), so a listing costs
the same number of queries for 2 items as for 100.
"""

import re

from rest_framework.fields import Field

from django.utils.functional import cached_property
from django.utils.html import escape

from wagtail.models import Site
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from evidence.models import Organisation, Source
from evidence.references import references_in
from evidence.text import ascii_int
from evidence.usage import live_pages_citing
from story.models import SectionPage


class ResponseData:
    """What fields of many items need, loaded once per response."""

    @cached_property
    def sections_by_path(self) -> dict[str, SectionPage]:
        return {section.path: section for section in SectionPage.objects.live()}

    def section_of(self, page) -> SectionPage | None:
        for depth in range(page.depth - 1, 0, -1):
            section = self.sections_by_path.get(page.path[: depth * page.steplen])
            if section is not None:
                return section
        return None


def response_data(context) -> ResponseData:
    view = context["view"]
    if not hasattr(view, "_response_data"):
        view._response_data = ResponseData()
    return view._response_data


class VisionStatementField(Field):
    def to_representation(self, statement):
        return {
            "id": statement.pk,
            "number": statement.number,
            "short_name": statement.short_name,
            "full_wording": statement.full_wording,
            "foundation": statement.foundation,
        }


class SectionField(Field):
    """The section (lens) a page belongs to."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        section = response_data(self.context).section_of(page)
        if section is None:
            return None
        return {"id": section.pk, "title": section.title, "lens": section.lens}


class PartsField(Field):
    """The body's parts, each with the strength of the evidence behind it."""

    def __init__(self, **kwargs):
        super().__init__(source="body", read_only=True, **kwargs)

    def to_representation(self, body):
        return [
            {
                "heading": child.value["heading"],
                "evidence_strength": child.value["evidence_strength"],
                "caveats": child.value["caveats"],
            }
            for child in body
            if child.block_type == "part"
        ]


def cited_evidence(page, context) -> dict:
    """The live sources and organisations `page` cites: {"source": {id: obj}, ...}, loaded
    once per page and response (body and `cited_sources` both read it)."""
    cache = context.setdefault("_cited_evidence", {})
    if page.pk not in cache:
        ids: dict[str, set[int]] = {"source": set(), "organisation": set()}
        for reference in references_in(page):
            ids[reference.linktype].add(reference.object_id)
        cache[page.pk] = {
            "source": Source.objects.live().only("pk", "slug").in_bulk(ids["source"]),
            "organisation": Organisation.objects.live()
            .only("pk", "slug")
            .in_bulk(ids["organisation"]),
        }
    return cache[page.pk]


class BodyField(Field):
    """The body's blocks as stored (rich text in Wagtail's stored form), each citation resolved
    from the evidence loaded once for the page: a live source or organisation becomes `<a
    href="https://…/evidence/sources/slug/" data-source-id="12" class="evidence-link …">`, one
    that is not live its words in a bare `<a>`, with no id. Other links (pages, documents) are
    expanded by Wagtail. Citations cost no query each, however many the body has."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        evidence = cited_evidence(page, self.context)
        root = site_root(self.context["request"])

        def evidence_tag(match: re.Match) -> str:
            attrs = extract_attrs(match.group(1))
            kind = attrs.get("linktype")
            if kind not in evidence:
                return match.group(0)
            obj = evidence[kind].get(ascii_int(attrs.get("id")))
            if obj is None:
                return "<a>"
            return (
                f'<a href="{escape(root + obj.public_url)}" data-{kind}-id="{obj.pk}" '
                f'class="evidence-link evidence-link--{kind}">'
            )

        def walk(value):
            if isinstance(value, str):
                if "linktype=" not in value and "embedtype=" not in value:
                    return value
                value = FIND_A_TAG.sub(evidence_tag, value)
                return expand_db_html(value) if "type=" in value else value
            if isinstance(value, list):
                return [walk(item) for item in value]
            if isinstance(value, dict):
                return {key: walk(item) for key, item in value.items()}
            return value

        return walk(list(page.body.raw_data))


class CitedSourcesField(Field):
    """The live sources the page cites, in reading order, as ids with how often each is cited.
    A citation of evidence that is not live has its words in the body and no id here."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        live = cited_evidence(page, self.context)["source"]
        counts: dict[int, int] = {}
        for reference in references_in(page):
            if reference.linktype == "source" and reference.object_id in live:
                counts[reference.object_id] = counts.get(reference.object_id, 0) + 1
        return [{"id": source_id, "times": times} for source_id, times in counts.items()]


def site_root(request) -> str:
    """The site's root URL, as Wagtail writes pages' `html_url`."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


class CitedInField(Field):
    """Live, public pages citing the object (detail views only)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return [
            {"id": page.pk, "title": page.title, "html_url": page.full_url}
            for page in live_pages_citing(obj)
        ]


class AbsoluteUrlField(Field):
    """The object's public page, absolute, on the site's own host name as pages' `html_url`."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return obj.absolute_public_url(site_root(self.context["request"]))


class FiguresField(Field):
    """An indicator's figures: period, breakdown (empty for the whole) and value."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, figures):
        return [
            {"period": figure.period, "breakdown": figure.breakdown, "value": float(figure.value)}
            for figure in figures.all()
        ]


class LiveSourceField(Field):
    """The source an indicator comes from, while it is live (None otherwise)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, indicator):
        source = indicator.live_source
        if source is None:
            return None
        return {
            "id": source.pk,
            "title": source.title,
            "html_url": source.absolute_public_url(site_root(self.context["request"])),
        }


class AbsoluteLinkField(Field):
    """An absolute link to one of the object's own URLs (`attribute`), e.g. a CSV download."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return site_root(self.context["request"]) + getattr(obj, self.attribute)
