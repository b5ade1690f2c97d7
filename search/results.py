"""The current page of results, loaded in bulk: one query per kind plus one for the excerpts.

Excerpts come from the text the search index already holds for each result (its searchable
fields, cited evidence names included), so rendering a result needs no further queries.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.safestring import SafeString

from wagtail.models import Page, Site
from wagtail.search.models import IndexEntry

from evidence.models import Organisation, Source
from indicators.models import Indicator
from search.catalogue import Catalogue
from search.highlight import excerpt, highlight
from search.query import Hit

KIND_LABELS = {
    "page": "Page",
    "indicator": "Indicator",
    "source": "Source",
    "organisation": "Organisation",
}


def body_field() -> str | None:
    """The plain text of each indexed object: `body_text` on PostgreSQL, `body` on SQLite."""
    for name in ("body_text", "body"):
        try:
            field = IndexEntry._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.get_internal_type() == "TextField":
            return name
    return None


BODY_FIELD = body_field()


@dataclass
class Result:
    kind: str
    kind_label: str
    title: SafeString
    url: str
    context: str
    excerpt: SafeString
    date: object = None


def index_texts(keys: list[tuple[int, int]]) -> dict[tuple[int, str], str]:
    """(content type id, object id) -> indexed body text, in one query."""
    if not keys or BODY_FIELD is None:
        return {}
    by_type: dict[int, list[str]] = {}
    for content_type_id, pk in keys:
        by_type.setdefault(content_type_id, []).append(str(pk))
    condition = Q(pk__in=[])
    for content_type_id, ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    rows = IndexEntry.objects.filter(condition).values_list(
        "content_type_id", "object_id", BODY_FIELD
    )
    return {(ct, object_id): text or "" for ct, object_id, text in rows}


def live_in_bulk(queryset, ids: list[int], *fields: str) -> dict:
    """id -> object for those of `ids` in `queryset`, with only the fields a result shows."""
    return queryset.filter(pk__in=ids).only("pk", *fields).in_bulk() if ids else {}


def load_results(hits: list[Hit], catalogue: Catalogue, pattern, request) -> list[Result]:
    ids = {kind: [hit.pk for hit in hits if hit.kind == kind] for kind in KIND_LABELS}
    # Live and public only: the hits may come from the search cache, computed a moment before
    # something was unpublished, and nothing unpublished or private may be shown.
    pages = live_in_bulk(
        Page.objects.live().filter(catalogue.public_q), ids["page"], "path", "url_path", "locale_id"
    )
    sources = live_in_bulk(Source.objects.live(), ids["source"], "slug", "resource_type", "year")
    organisations = live_in_bulk(Organisation.objects.live(), ids["organisation"], "slug", "kind")
    indicators = live_in_bulk(
        Indicator.objects.live(), ids["indicator"], "slug", "frequency", "illustrative"
    )
    site = Site.find_for_request(request)
    content_types = {
        kind: ContentType.objects.get_for_model(model).pk
        for kind, model in (
            ("source", Source),
            ("organisation", Organisation),
            ("indicator", Indicator),
        )
    }

    def content_type(hit: Hit) -> int:
        if hit.kind == "page":
            return hit.facets["content_type"]
        return content_types[hit.kind]

    texts = index_texts([(content_type(hit), hit.pk) for hit in hits])
    results = []
    for hit in hits:
        text = texts.get((content_type(hit), str(hit.pk)), "")
        if hit.kind == "page":
            page = pages.get(hit.pk)
            if page is None:
                continue
            section = catalogue.section_for_path(page.path)
            statement = catalogue.statements.get(hit.facets["statement"])
            context = " › ".join(
                str(part) for part in (section and section.title, statement) if part
            )
            url = page.get_url(request, current_site=site) or ""
        elif hit.kind == "source":
            source = sources.get(hit.pk)
            if source is None:
                continue
            url = source.public_url
            context = " · ".join(
                str(part) for part in (source.get_resource_type_display(), source.year) if part
            )
        elif hit.kind == "indicator":
            indicator = indicators.get(hit.pk)
            if indicator is None:
                continue
            url = indicator.public_url
            context = " · ".join(
                ["National data", indicator.get_frequency_display()]
                + (["Illustrative figures"] if indicator.illustrative else [])
            )
        else:
            organisation = organisations.get(hit.pk)
            if organisation is None:
                continue
            url = organisation.public_url
            context = organisation.get_kind_display()
        results.append(
            Result(
                kind=hit.kind,
                kind_label=KIND_LABELS[hit.kind],
                title=highlight(hit.title, pattern),
                url=url,
                context=context,
                excerpt=excerpt(text, pattern),
                date=hit.date,
            )
        )
    return results
