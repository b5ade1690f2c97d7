"""The API's endpoints: Wagtail's API v2 viewsets, narrowed to what the public may see.

- Pages: the one public rule (`evidence.public_pages`) instead of Wagtail's (which still
  serves a live page under an unpublished parent); page types' fields from `FIELDS`.
- Sources and organisations: live ones only, their live organisations and sources prefetched,
  so a listing costs the same queries for 2 items as for 100; "cited in" on detail views.
- Rich text is served as display HTML (`WAGTAILAPI_RICH_TEXT_FORMAT = "html"`), where a
  citation of evidence that is not live keeps its words without a link; the
  `rich_text_format` parameter is refused, as Wagtail's stored format would show the ids of
  unpublished sources.
- Every endpoint counts against the search rate limit's numbers (`READER_RATE_LIMITS["api"]`),
  answering 429 JSON with `Retry-After`.
"""

from rest_framework.fields import ListField

from django.db.models import Prefetch
from django.utils.decorators import method_decorator

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page

from api.fields import (
    AbsoluteLinkField,
    AbsoluteUrlField,
    BodyField,
    CitedInField,
    CitedSourcesField,
    FiguresField,
    LiveSourceField,
    PartsField,
    SectionField,
    VisionStatementField,
)
from evidence.models import Organisation, Source, citations_of
from evidence.public_pages import public_pages
from evidence.rate_limits import rate_limited
from evidence.text import CONTROL_CHARACTERS, MAX_DIGITS, ascii_int, is_number
from indicators.models import Indicator
from search.params import clean_query, query_terms
from story.models import SectionPage, VisionStatementPage

REFUSED_PARAMETERS = frozenset({"rich_text_format"})
PAGING_PARAMETERS = frozenset({"offset", "limit"})
HTML_URL = APIField("html_url", serializer=AbsoluteUrlField())

PAGE_FIELDS = {
    VisionStatementPage: [
        APIField("vision_statement", serializer=VisionStatementField(read_only=True)),
        APIField("section", serializer=SectionField()),
        APIField("summary"),
        APIField("last_updated"),
        APIField("next_update_expected"),
        APIField("parts", serializer=PartsField()),
        APIField("body", serializer=BodyField()),
        APIField("cited_sources", serializer=CitedSourcesField()),
    ],
    SectionPage: [
        APIField("lens"),
        APIField("introduction"),
        APIField("what_is_this"),
        APIField("background"),
    ],
}


class LimitedMixin:
    """The rate limit, and query parameters the API does not take refused with a message."""

    @method_decorator(rate_limited("api", as_json=True))
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def check_query_parameters(self, queryset):
        refused = REFUSED_PARAMETERS & set(self.request.GET)
        if refused:
            raise BadRequestError(
                "query parameter is not supported: rich text is always served as HTML"
            )
        # Python's int() reads "٣" and "²"-free Unicode digits as numbers; the site reads
        # numbers in ASCII digits only, everywhere a URL carries one (README "Hardening").
        for name, value in self.request.GET.items():
            if any(char.isdigit() and not char.isascii() for char in value):
                raise BadRequestError(f"{name}: numbers are written in ASCII digits (0-9)")
            # PostgreSQL refuses U+0000 in a query (a search, a field filter) with an error.
            if CONTROL_CHARACTERS.search(value):
                raise BadRequestError(f"{name}: control characters are not allowed")
            # Wagtail checks offset and limit are whole numbers, not that the database can take
            # them: an OFFSET past 2**63 is an error in PostgreSQL.
            if name in PAGING_PARAMETERS and value.isdigit() and not is_number(value):
                raise BadRequestError(f"{name} must be a number of at most {MAX_DIGITS} digits")
        super().check_query_parameters(queryset)

    def find_object(self, queryset, request):
        if "id" in request.GET and ascii_int(request.GET["id"]) is None:
            raise BadRequestError("id must be a number")
        return super().find_object(queryset, request)


class WordsSearchFilter(SearchFilter):
    """Wagtail's `search` filter, given the words of the search only, as the site's own search
    is (`search.params.query_terms`): quotes, `*` and `AND` are query syntax to SQLite's FTS5,
    where `search="` was an error (a 500), and a reader's words should find the same things on
    either database."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            query = request.GET.copy()
            query["search"] = " ".join(query_terms(clean_query(request.GET["search"])))
            request = WithQuery(request, query)
        return super().filter_queryset(request, queryset, view)


class WithQuery:
    """A request whose query string reads `query` (Wagtail's filter reads `request.GET`)."""

    def __init__(self, request, query):
        self._request = request
        self.GET = query

    def __getattr__(self, name):
        return getattr(self._request, name)


def with_words_search(filter_backends: list) -> list:
    return [WordsSearchFilter if f is SearchFilter else f for f in filter_backends]


class PublicPagesAPIViewSet(LimitedMixin, PagesAPIViewSet):
    filter_backends = with_words_search(PagesAPIViewSet.filter_backends)
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body", "cited_sources"]

    @classmethod
    def get_body_fields(cls, model):
        own = [
            field
            for page_type, fields in PAGE_FIELDS.items()
            if issubclass(model, page_type)
            for field in fields
        ]
        return cls._convert_api_fields(cls.body_fields + own)

    def get_base_queryset(self):
        """By id, so search (which filters on indexed fields only) can use it too; built once
        per request (Wagtail asks for it for the listing, the serializer and `parent`)."""
        if not hasattr(self, "_public_pages"):
            self._public_pages = Page.objects.filter(pk__in=public_pages().values("pk"))
        return self._public_pages.all()

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is VisionStatementPage:
            queryset = queryset.select_related("vision_statement")
        return queryset


class EvidenceAPIViewSet(LimitedMixin, BaseAPIViewSet):
    """What sources, organisations and indicators share: field filters, ordering and search,
    and their public page (`html_url`) and slug beside Wagtail's meta fields."""

    filter_backends = [FieldsFilter, OrderingFilter, WordsSearchFilter]
    meta_fields = [*BaseAPIViewSet.meta_fields, HTML_URL, "slug"]


class SourcesAPIViewSet(EvidenceAPIViewSet):
    model = Source
    name = "sources"
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["organisation"])
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "title",
        "resource_type",
        APIField("authors", serializer=ListField(source="author_list", read_only=True)),
        "year",
        "publication_date",
        "url",
        "doi",
        "summary",
        "purpose_and_context",
        "licence",
        "citation",
        "organisations",
        APIField("cited_in", serializer=CitedInField()),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "html_url",
        "title",
        "resource_type",
        "year",
        "citation",
        "organisations",
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "title"]
    detail_only_fields = ["cited_in"]

    def get_queryset(self):
        queryset = Source.objects.live().with_live_organisations().order_by("id")
        organisation = self.request.GET.get("organisation")
        if organisation is not None:
            if not organisation.isascii() or not organisation.isdigit():
                raise BadRequestError("organisation must be an organisation's id")
            queryset = queryset.filter(organisations=int(organisation))
        return queryset

    def paginate_queryset(self, queryset):
        """The listing's sources (up to 100), their references read together: one read of the
        shared ones, not one each."""
        sources = list(super().paginate_queryset(queryset))
        citations_of(sources)
        return sources


class OrganisationsAPIViewSet(EvidenceAPIViewSet):
    model = Organisation
    name = "organisations"
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "short_name",
        "kind",
        "description",
        "website",
        "is_partner",
        "is_promise_collective_member",
        "sources",
        APIField("cited_in", serializer=CitedInField()),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "html_url",
        "name",
        "short_name",
        "kind",
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "name"]
    detail_only_fields = ["cited_in", "sources"]

    def get_queryset(self):
        return (
            Organisation.objects.live()
            .prefetch_related(Prefetch("sources", queryset=Source.objects.live().order_by("title")))
            .order_by("id")
        )


class IndicatorsAPIViewSet(EvidenceAPIViewSet):
    model = Indicator
    name = "indicators"
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "what_it_measures",
        "why_it_matters",
        "definition",
        "unit",
        APIField("source", serializer=LiveSourceField()),
        "frequency",
        "last_updated",
        "next_update",
        "breakdown_label",
        "technical_notes",
        "caveats",
        "illustrative",
        APIField("figures", serializer=FiguresField()),
        APIField("csv_url", serializer=AbsoluteLinkField("csv_url")),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "html_url",
        "name",
        "unit",
        "frequency",
        "illustrative",
        "source",
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "name"]
    detail_only_fields = ["figures"]

    def get_queryset(self):
        return Indicator.objects.live().for_display().order_by("id")
