"""Run one search over pages, sources and organisations, and rank the hits together.

Wagtail's search backend finds and scores the matches of each model (PostgreSQL full-text search
or SQLite FTS5). For every model we fetch, in one query, just the columns ranking and facets need
for all matches; filters are applied to that SQL, so the cost per search is a fixed number of
queries whatever the number of hits. Only the current page of results is loaded in full
(`search.results`).
"""

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Func, IntegerField, Q, QuerySet
from django.db.models.lookups import Exact

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from evidence.models import Citation, Organisation, Source
from search.catalogue import Catalogue
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


def backend_queryset(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """The backend's matches for `terms` in `queryset`, as a lazy, filterable queryset.

    Both database backends (PostgreSQL and SQLite) compile a search to an ordinary queryset
    annotated with `_score`; filtering it further keeps everything in one SQL statement.
    """
    backend = get_search_backend()
    results = backend.search(" ".join(terms), queryset, operator="and")
    matches = results.annotate_score("_score").get_queryset()
    if connection.vendor == "postgresql":
        matches = matches.filter(gin_prefilter(terms, getattr(backend, "config", None)))
    return matches


def gin_prefilter(terms: list[str], config) -> Q:
    """A condition every match meets that PostgreSQL can answer from the GIN indexes.

    The backend matches `title || body` against all the words: an expression no index covers,
    so on its own PostgreSQL reads every index entry of the model. A match has each word in its
    title or its body, and those tests use the indexes, so only candidate rows are read. A word
    the text search configuration drops (a stop word such as "the") must not exclude anything:
    `numnode(...) = 0` is constant for a given word, and PostgreSQL folds it away when planning.
    """
    config = config or default_search_config()
    condition = Q()
    for term in terms:
        word = SearchQuery(term, config=config)
        dropped = Exact(Func(word, function="numnode", output_field=IntegerField()), 0)
        condition &= Q(index_entries__title=word) | Q(index_entries__body=word) | Q(dropped)
    return condition


@cache
def default_search_config() -> str:
    """The configuration the index was built with when the backend names none.

    Naming it makes each word's query immutable, so PostgreSQL evaluates it once when planning.
    """
    with connection.cursor() as cursor:
        cursor.execute("SHOW default_text_search_config")
        return cursor.fetchone()[0]


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
        self.pages = self._pages() if wants["page"] else None
        self.sources = self._sources() if wants["source"] else None
        self.organisations = self._organisations() if wants["organisation"] else None

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

    def _pages(self) -> QuerySet:
        filters, catalogue = self.params.filters, self.catalogue
        base = Page.objects.live().filter(depth__gt=1)
        qs = backend_queryset(base, self.params.terms).filter(catalogue.public_q)
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

    def _sources(self) -> QuerySet:
        filters = self.params.filters
        qs = backend_queryset(Source.objects.live(), self.params.terms)
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

    def _organisations(self) -> QuerySet:
        qs = backend_queryset(Organisation.objects.live(), self.params.terms)
        scope = self._citation_scope()
        if scope:
            qs = qs.filter(pk__in=citations(**scope).values("organisation_id"))
        if "organisation" in self.params.filters:
            qs = qs.filter(pk=self.catalogue.organisation.pk)
        return qs

    # Hits --------------------------------------------------------------------------------
    def hits(self) -> list[Hit]:
        """Every match, ranked: one query per model searched."""
        query = self.params.query
        hits: list[Hit] = []
        if self.pages is not None:
            rows = self.pages.values_list(
                "pk",
                "_score",
                "title",
                "path",
                "visionstatementpage__vision_statement_id",
                "visionstatementpage__last_updated",
                "last_published_at",
                "content_type_id",
            )
            for pk, score, title, path, statement_id, updated, published, ct_id in rows:
                date = updated or (published and published.date())
                hits.append(
                    Hit(
                        "page",
                        pk,
                        relevance(score),
                        title,
                        title_tier(query, title),
                        date,
                        {"path": path, "statement": statement_id, "content_type": ct_id},
                    )
                )
        if self.sources is not None:
            rows = self.sources.values_list(
                "pk", "_score", "title", "resource_type", "year", "publication_date"
            )
            for pk, score, title, resource_type, year, published in rows:
                date = published or (year and datetime.date(year, 1, 1)) or None
                hits.append(
                    Hit(
                        "source",
                        pk,
                        relevance(score),
                        title,
                        title_tier(query, title),
                        date,
                        {"type": resource_type, "year": year},
                    )
                )
        if self.organisations is not None:
            rows = self.organisations.values_list("pk", "_score", "name", "short_name")
            for pk, score, name, short_name in rows:
                hits.append(
                    Hit(
                        "organisation",
                        pk,
                        relevance(score),
                        name,
                        title_tier(query, name, short_name),
                    )
                )
        return sorted(hits, key=self._sort_key)

    def _sort_key(self, hit: Hit):
        by_relevance = (-hit.tier, -hit.score, KIND_ORDER[hit.kind], hit.pk)
        if self.params.sort == "date":
            return (hit.date is None, -(hit.date.toordinal() if hit.date else 0), *by_relevance)
        return by_relevance
