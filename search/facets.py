"""Facet counts for one search: how many of the current results fall under each filter value.

Counts come from the hits already fetched (kind, resource type, year, a page's section and vision
statement) and from a few aggregate queries over the matched id sets (which pages and organisations
cite what), never from one query per result. Each count is the number of results that choosing
that value would show, so a count always matches the results behind its link.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from evidence.models import Organisation, Source
from search.catalogue import Catalogue
from search.params import KINDS, SearchParams
from search.query import Hit, SearchRun, citations
from story.models import Foundation

MAX_ORGANISATIONS = 15
SQLITE_MAX_IDS = 20_000


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)


class FacetCounter:
    def __init__(self, run: SearchRun, hits: list[Hit]):
        self.run, self.hits = run, hits
        self.catalogue: Catalogue = run.catalogue
        self.params: SearchParams = run.params
        # Each hit has one value per facet of its own, so those are plain counts; facets that
        # come through citations (a source cited in two sections) count distinct results.
        self.counted: dict[str, Counter] = defaultdict(Counter)
        self.members: dict[str, dict] = defaultdict(lambda: defaultdict(set))

    def add(self, facet: str, value, hit_key) -> None:
        if value not in (None, ""):
            self.members[facet][value].add(hit_key)

    def count(self) -> list[Facet]:
        counted, statements = self.counted, self.catalogue.statements
        section_for_path = self.catalogue.section_for_path
        for hit in self.hits:
            counted["kind"][hit.kind] += 1
            if hit.kind == "page":
                section = section_for_path(hit.facets["path"])
                if section:
                    counted["section"][section.slug] += 1
                statement = statements.get(hit.facets["statement"])
                if statement:
                    counted["vision"][statement.number] += 1
                    counted["foundation"][statement.foundation] += 1
                if hit.date:
                    counted["year"][hit.date.year] += 1
            elif hit.kind == "source":
                counted["type"][hit.facets["type"]] += 1
                if hit.facets["year"]:
                    counted["year"][hit.facets["year"]] += 1
            else:
                counted["organisation"][hit.pk] += 1
        self.count_citations()
        self.count_organisations()
        return self.facets()

    def add_statement(self, statement_id, key) -> None:
        statement = self.catalogue.statements.get(statement_id)
        if statement:
            self.add("vision", statement.number, key)
            self.add("foundation", statement.foundation, key)

    def ids(self, kind: str) -> list[int]:
        """The matched ids of one kind: already fetched, so facet queries need not search again."""
        return [hit.pk for hit in self.hits if hit.kind == kind]

    def matched(self, field: str, kind: str) -> Q | None:
        """`field` is one of the matched ids of `kind`; None when nothing of that kind matched.

        PostgreSQL gets the ids as one array parameter. SQLite gets a list, or for very many
        ids (past its limit on query parameters) the search itself as a subquery.
        """
        ids = self.ids(kind)
        if not ids:
            return None
        if connection.vendor == "postgresql":
            return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", [ids])})
        if len(ids) > SQLITE_MAX_IDS:
            search = {"page": self.run.pages, "source": self.run.sources}
            return Q(**{f"{field}__in": search.get(kind, self.run.organisations).values("pk")})
        return Q(**{f"{field}__in": ids})

    def count_citations(self) -> None:
        """Sections and statements of the pages that cite each matched source or organisation."""
        for kind in ("source", "organisation"):
            matched = self.matched(f"{kind}_id", kind)
            if matched is None:
                continue
            rows = (
                citations()
                .filter(matched)
                .order_by()
                .values_list(f"{kind}_id", "vision_statement_id", "page__path")
                .distinct()
            )
            for pk, statement_id, path in rows:
                section = self.catalogue.section_for_path(path)
                self.add("section", section and section.slug, (kind, pk))
                self.add_statement(statement_id, (kind, pk))

    def count_organisations(self) -> None:
        """Sources an organisation made, and pages citing it or one of its sources."""
        sources, pages = self.matched("source_id", "source"), self.matched("page_id", "page")
        if sources is not None:
            rows = Source.organisations.through.objects.filter(sources).values_list(
                "organisation_id", "source_id"
            )
            for organisation_id, source_id in rows:
                self.add("organisation", organisation_id, ("source", source_id))
        if pages is not None:
            rows = (
                citations()
                .filter(pages)
                .order_by()
                .annotate(cited=Coalesce("organisation_id", "source__organisations__id"))
                .values("cited")
                .annotate(pages=Count("page_id", distinct=True))
                .values_list("cited", "pages")
            )
            for organisation_id, pages in rows:
                if organisation_id is not None:
                    self.counted["organisation"][organisation_id] += pages

    def facets(self) -> list[Facet]:
        members, filters = self.members, self.params.filters
        counts: dict[str, Counter] = defaultdict(Counter)
        for name, values in members.items():
            counts[name].update({value: len(keys) for value, keys in values.items()})
        for name, extra in self.counted.items():
            counts[name].update(extra)

        def options(name, labelled) -> list[Option]:
            return [
                Option(str(value), label, counts[name][value], filters.get(name) == str(value))
                for value, label in labelled
                if counts[name][value]
            ]

        statements = sorted(self.catalogue.statements.values(), key=lambda s: s.number)
        years = sorted(counts["year"], reverse=True)
        return [
            Facet("kind", "Type of result", options("kind", KINDS.items())),
            Facet(
                "section",
                "Section",
                options("section", [(s.slug, s.title) for s in self.catalogue.sections]),
            ),
            Facet(
                "vision",
                "Vision statement",
                options("vision", [(s.number, str(s)) for s in statements]),
            ),
            Facet("foundation", "Foundation", options("foundation", Foundation.choices)),
            Facet("organisation", "Organisation", self.organisation_options(counts)),
            Facet("type", "Resource type", options("type", Source.ResourceType.choices)),
            Facet("year", "Year", options("year", [(year, str(year)) for year in years])),
        ]

    def organisation_options(self, counts) -> list[Option]:
        top = dict(counts["organisation"].most_common(MAX_ORGANISATIONS))
        selected = self.catalogue.organisation
        if selected:
            top.setdefault(selected.pk, counts["organisation"][selected.pk])
        rows = Organisation.objects.live().filter(pk__in=top).values_list("pk", "slug", "name")
        chosen = selected.pk if selected else None
        return [
            Option(slug, name, top[pk], pk == chosen)
            for pk, slug, name in sorted(rows, key=lambda row: (-top[row[0]], row[2]))
        ]
