"""Run one search over pages, sources and organisations, and rank the hits together.

The matches of each model (`search.matching`) are filtered in SQL, so every count and ranking is
one statement whatever the number of hits. Facets count the filtered matches with aggregates
(`search.facets`); ranking asks each model for its first rows in SQL (`ORDER BY tier, score
LIMIT n`) and merges only those, so a results page reads the rows it shows, not every match.
Only the current page of results is loaded in full (`search.results`).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import Case, DateField, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower, NullIf, TruncDate
from django.db.models.lookups import Contains, Exact

from wagtail.models import Page

from evidence.models import Citation, Organisation, Source
from search.catalogue import Catalogue
from search.matching import SCORE, matches, scored
from search.params import SearchParams

KIND_ORDER = {"organisation": 0, "page": 1, "source": 2}


@dataclass(slots=True)
class Hit:
    kind: str
    pk: int
    score: float
    title: str
    tier: int = 0  # 2: the title is the query, 1: the title contains it, 0: otherwise
    date: datetime.date | None = None
    facets: dict = field(default_factory=dict)


def relevance(score) -> float:
    """Higher is better on both backends (SQLite's bm25 is negative: lower is better)."""
    score = float(score or 0)
    return -score if connection.vendor == "sqlite" else score


def title_tier(query: str, *names: str) -> int:
    query = query.lower()
    names = tuple(name.lower() for name in names if name)
    if query in names:
        return 2
    return 1 if any(query in name for name in names) else 0


def citations(**lookups) -> QuerySet:
    return Citation.objects.filter(in_live_version=True, **lookups)


def tier_sql(query: str, *names: str) -> Case:
    """`title_tier` in SQL, so the database can order by it."""
    query = query.lower()
    lowered = [Lower(name) for name in names]
    is_name, in_name = Q(), Q()
    for name in lowered:
        is_name |= Q(Exact(name, query))
        in_name |= Q(Contains(name, query))
    return Case(
        When(is_name, then=Value(2)),
        When(in_name, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


class YearStart(Func):
    """1 January of a year column (NULL for no year), to date sources that have only a year."""

    output_field = DateField()

    def __init__(self, year):
        super().__init__(NullIf(year, Value(0)))

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="make_date(%(expressions)s, 1, 1)")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(substr('000' || %(expressions)s, -4) || '-01-01')"
        )


#: The date a result is sorted by: a page's "last updated" (else its publication day, in UTC),
#: a source's publication date (else 1 January of its year); organisations have none.
PAGE_DATE = Coalesce(
    "visionstatementpage__last_updated",
    TruncDate("last_published_at", tzinfo=datetime.UTC),
    output_field=DateField(),
)
SOURCE_DATE = Coalesce("publication_date", YearStart("year"), output_field=DateField())


class SearchRun:
    """The matching, filtered querysets for one search, and the hits they yield."""

    def __init__(self, params: SearchParams, catalogue: Catalogue):
        self.params = params
        self.catalogue = catalogue
        filters = params.filters
        kind = filters.get("kind")
        # A resource type or year filter is about sources (and, for years, pages).
        wants = {
            "page": kind in (None, "page") and "type" not in filters,
            "source": kind in (None, "source"),
            "organisation": kind in (None, "organisation")
            and "type" not in filters
            and "year" not in filters,
        }
        self.kinds = [name for name in ("page", "source", "organisation") if wants[name]]
        self.ids: dict[str, list[int]] = {}

    # The matches of each kind searched (None for a kind the filters rule out), built only when
    # first used: a search answered from the cache never builds them.
    @cached_property
    def pages(self) -> QuerySet | None:
        return self._pages() if "page" in self.kinds else None

    @cached_property
    def sources(self) -> QuerySet | None:
        return self._sources() if "source" in self.kinds else None

    @cached_property
    def organisations(self) -> QuerySet | None:
        return self._organisations() if "organisation" in self.kinds else None

    # Filters -----------------------------------------------------------------------------
    def _citation_scope(self) -> dict:
        """Citation lookups for the section, vision statement and foundation filters."""
        filters, scope = self.params.filters, {}
        if "section" in filters:
            scope["page__path__startswith"] = self.catalogue.section(filters["section"]).path
        if "vision" in filters:
            scope["vision_statement"] = self.catalogue.statement(filters["vision"])
        if "foundation" in filters:
            scope["vision_statement__foundation"] = filters["foundation"]
        return scope

    def _pages(self, scored: bool = False) -> QuerySet:
        filters, catalogue = self.params.filters, self.catalogue
        base = Page.objects.live().filter(depth__gt=1)
        qs = matches(base, self.params.terms, scored).filter(catalogue.public_q)
        if "section" in filters:
            qs = qs.filter(path__startswith=catalogue.section(filters["section"]).path)
        if "vision" in filters:
            statement = catalogue.statement(filters["vision"])
            qs = qs.filter(visionstatementpage__vision_statement=statement)
        if "foundation" in filters:
            qs = qs.filter(visionstatementpage__vision_statement__foundation=filters["foundation"])
        if "organisation" in filters:
            organisation = catalogue.organisation
            cited = citations().filter(
                Q(organisation=organisation) | Q(source__organisations=organisation)
            )
            qs = qs.filter(pk__in=cited.values("page_id"))
        if "year" in filters:
            year = int(filters["year"])
            qs = qs.filter(
                Q(visionstatementpage__last_updated__year=year)
                | Q(visionstatementpage__last_updated__isnull=True, last_published_at__year=year)
            )
        return qs

    def _sources(self, scored: bool = False) -> QuerySet:
        filters = self.params.filters
        qs = matches(Source.objects.live(), self.params.terms, scored)
        scope = self._citation_scope()
        if scope:
            qs = qs.filter(pk__in=citations(**scope).values("source_id"))
        if "organisation" in filters:
            made_by = Source.organisations.through.objects.filter(
                organisation=self.catalogue.organisation
            )
            qs = qs.filter(pk__in=made_by.values("source_id"))
        if "type" in filters:
            qs = qs.filter(resource_type=filters["type"])
        if "year" in filters:
            qs = qs.filter(year=int(filters["year"]))
        return qs

    def _organisations(self, scored: bool = False) -> QuerySet:
        qs = matches(Organisation.objects.live(), self.params.terms, scored)
        scope = self._citation_scope()
        if scope:
            qs = qs.filter(pk__in=citations(**scope).values("organisation_id"))
        if "organisation" in self.params.filters:
            qs = qs.filter(pk=self.catalogue.organisation.pk)
        return qs

    # Matched ids --------------------------------------------------------------------------
    def found(self, kind: str, ids: list[int] | None) -> None:
        """Remember the ids of every match of `kind`, once counted (PostgreSQL only)."""
        if ids is not None and connection.vendor == "postgresql":
            self.ids[kind] = ids

    def matched_ids(self, kind: str):
        """The ids matched for `kind`, for `pk__in`: a PostgreSQL array, else a subquery.

        An array of ids already fetched spares PostgreSQL searching and filtering again; on
        SQLite (no arrays, a limit on parameters) the search itself is the subquery.
        """
        if kind in self.ids:
            return RawSQL("SELECT unnest(%s::bigint[])", [self.ids[kind]])
        return getattr(self, f"{kind}s").values("pk")

    def _scored(self, kind: str) -> QuerySet:
        """The matches of `kind` with their scores: the counted ids again if we have them."""
        if kind not in self.ids:
            return getattr(self, f"_{kind}s")(scored=True)
        model = {"page": Page, "source": Source, "organisation": Organisation}[kind]
        matched = model._default_manager.filter(pk__in=self.matched_ids(kind))
        return scored(matched, self.params.terms)

    # Hits --------------------------------------------------------------------------------
    def top(self, count: int) -> list[Hit]:
        """The first `count` hits in order: one query per model searched, `count` rows each.

        Each model's first `count` rows (in the same order) include every one of its hits that
        belongs in the overall first `count`, so merging them gives the right result.
        """
        hits: list[Hit] = []
        if count > 0:
            for kind in self.kinds:
                hits += getattr(self, f"_top_{kind}s")(count)
        return sorted(hits, key=self._sort_key)[:count]

    def _ranked(self, qs: QuerySet, tier: Case, date=None) -> QuerySet:
        """`qs` annotated with tier (and date) and ordered as `_sort_key` orders its hits."""
        score = F(SCORE).asc() if connection.vendor == "sqlite" else F(SCORE).desc()
        order = [F("_tier").desc(), score, "pk"]
        qs = qs.annotate(_tier=tier)
        if date is not None:
            qs = qs.annotate(_date=date)
            if self.params.sort == "date":
                order.insert(0, F("_date").desc(nulls_last=True))
        return qs.order_by(*order)

    def _top_pages(self, count: int) -> list[Hit]:
        query = self.params.query
        rows = self._ranked(self._scored("page"), tier_sql(query, "title"), PAGE_DATE)
        rows = rows.values_list(
            "pk",
            SCORE,
            "title",
            "_tier",
            "_date",
            "path",
            "visionstatementpage__vision_statement_id",
            "content_type_id",
        )[:count]
        return [
            Hit(
                "page",
                pk,
                relevance(score),
                title,
                tier,
                date,
                {"path": path, "statement": statement_id, "content_type": ct_id},
            )
            for pk, score, title, tier, date, path, statement_id, ct_id in rows
        ]

    def _top_sources(self, count: int) -> list[Hit]:
        query = self.params.query
        rows = self._ranked(self._scored("source"), tier_sql(query, "title"), SOURCE_DATE)
        rows = rows.values_list("pk", SCORE, "title", "_tier", "_date")[:count]
        return [
            Hit("source", pk, relevance(score), title, tier, date)
            for pk, score, title, tier, date in rows
        ]

    def _top_organisations(self, count: int) -> list[Hit]:
        tier = tier_sql(self.params.query, "name", "short_name")
        rows = self._ranked(self._scored("organisation"), tier)
        rows = rows.values_list("pk", SCORE, "name", "_tier")[:count]
        return [
            Hit("organisation", pk, relevance(score), name, tier) for pk, score, name, tier in rows
        ]

    def _sort_key(self, hit: Hit):
        by_relevance = (-hit.tier, -hit.score, KIND_ORDER[hit.kind], hit.pk)
        if self.params.sort == "date":
            return (hit.date is None, -(hit.date.toordinal() if hit.date else 0), *by_relevance)
        return by_relevance


class RankedHits(Sequence):
    """Every hit of a search in order, as the paginator sees it: a slice fetches only its rows.

    `first` are hits already ranked (from the search cache): a slice within them costs nothing.
    """

    def __init__(self, run: SearchRun | None, total: int, first: list[Hit] | None = None):
        self.run, self.total, self.first = run, total, first or []

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.total)
            if stop <= start:
                return []
            if stop <= len(self.first):
                return self.first[start:stop:step]
            if self.run is None:
                return []
            return self.run.top(stop)[start:stop:step]
        position = range(self.total)[index]
        return self[position : position + 1][0]
