"""Facet counts for one search: how many of the current results fall under each filter value.

Counts come from a few aggregate queries (`GROUP BY`) over the filtered matches, given to them
as subqueries: a page's section, vision statement and year, a source's type and year, and which
pages and organisations cite what. Nothing is fetched per result, so the cost does not grow with
the number of results in Python. Each count is the number of results that choosing that value
would show, so a count always matches the results behind its link.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from evidence.models import Organisation, Source
from search.catalogue import Catalogue
from search.params import KINDS, SearchParams
from search.query import PAGE_DATE, SearchRun, citations
from story.models import Foundation

MAX_ORGANISATIONS = 15


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
    """Count the filtered matches per facet value with aggregate queries, never hit by hit."""

    def __init__(self, run: SearchRun):
        self.run = run
        self.catalogue: Catalogue = run.catalogue
        self.params: SearchParams = run.params
        self.counted: dict[str, Counter] = defaultdict(Counter)

    @property
    def total(self) -> int:
        return sum(self.counted["kind"].values())

    def count(self) -> list[Facet]:
        self.tally()
        return self.facets()

    def tally(self) -> dict[str, Counter]:
        """Count the matches per facet value (into `counted`), with aggregate queries."""
        if self.run.pages is not None:
            self.count_pages()
        if self.run.sources is not None:
            self.count_sources()
        if self.run.organisations is not None:
            ids = list(self.run.organisations.values_list("pk", flat=True))
            self.run.found("organisation", ids)
            self.counted["kind"]["organisation"] += len(ids)
            self.counted["organisation"].update(ids)
        self.count_citations()
        self.count_organisations()
        return self.counted

    def section_sql(self, path: str) -> Case | Value:
        """The slug of the section a path is in, as `Catalogue.section_for_path` finds it."""
        sections = sorted(self.catalogue.sections, key=lambda section: len(section.path))
        if not sections:
            return Value("", output_field=CharField())
        return Case(
            *(When(**{f"{path}__startswith": s.path}, then=Value(s.slug)) for s in sections),
            default=Value(""),
            output_field=CharField(),
        )

    def count_pages(self) -> None:
        statements, counted = self.catalogue.statements, self.counted
        rows = (
            self.run.pages.annotate(
                _section=self.section_sql("path"),
                _statement=F("visionstatementpage__vision_statement_id"),
                _year=ExtractYear(PAGE_DATE),
            )
            .values("_section", "_statement", "_year")
            .annotate(hits=Count("pk"), **self.id_arrays())
            .values_list("_section", "_statement", "_year", "hits", *self.id_arrays())
        )
        ids = []
        for section, statement_id, year, hits, *pks in rows:
            ids += pks[0] if pks else []
            counted["kind"]["page"] += hits
            if section:
                counted["section"][section] += hits
            statement = statements.get(statement_id)
            if statement:
                counted["vision"][statement.number] += hits
                counted["foundation"][statement.foundation] += hits
            if year:
                counted["year"][year] += hits
        self.run.found("page", ids if self.id_arrays() else None)

    def id_arrays(self) -> dict:
        """On PostgreSQL each group also lists its ids, so later queries need not search again."""
        return {"_ids": ArrayAgg("pk")} if connection.vendor == "postgresql" else {}

    def count_sources(self) -> None:
        rows = (
            self.run.sources.values("resource_type", "year")
            .annotate(hits=Count("pk"), **self.id_arrays())
            .values_list("resource_type", "year", "hits", *self.id_arrays())
        )
        ids = []
        for resource_type, year, hits, *pks in rows:
            ids += pks[0] if pks else []
            self.counted["kind"]["source"] += hits
            self.counted["type"][resource_type] += hits
            if year:
                self.counted["year"][year] += hits
        self.run.found("source", ids if self.id_arrays() else None)

    def matched(self, field: str, kind: str) -> Q | None:
        """`field` is one of the matches of `kind`; None if nothing of that kind matched."""
        if not self.counted["kind"][kind]:
            return None
        return Q(**{f"{field}__in": self.run.matched_ids(kind)})

    def count_citations(self) -> None:
        """Sections and statements of the pages citing the matched sources and organisations.

        A source cited in two sections counts once in each, and once for a foundation however
        many of its statements cite it: distinct counts. The citations are read and joined once
        (a common table expression of distinct rows), then counted per facet in one statement.
        """
        parts = []
        for kind, tag in (("source", 0), ("organisation", 1)):
            matched = self.matched(f"{kind}_id", kind)
            if matched is None:
                continue
            parts.append(
                citations()
                .filter(matched)
                .order_by()
                .annotate(
                    _item=F(f"{kind}_id") * 2 + tag,  # one number for (kind, id)
                    _foundation=F("vision_statement__foundation"),
                    _section=self.section_sql("page__path"),
                )
                .values_list("_item", "vision_statement_id", "_foundation", "_section")
                .distinct()
            )
        if not parts:
            return
        cited = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        sql, params = cited.query.sql_with_params()
        per_facet = " UNION ALL ".join(
            f"SELECT '{facet}', CAST({column} AS VARCHAR(100)), COUNT(*) "  # noqa: S608 (constants)
            f"FROM (SELECT DISTINCT item, {column} FROM cited) AS d GROUP BY {column}"
            for facet, column in (
                ("section", "section"),
                ("vision", "statement"),
                ("foundation", "foundation"),
            )
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH cited (item, statement, foundation, section) AS ({sql}) {per_facet}",
                params,
            )
            rows = cursor.fetchall()
        statements = self.catalogue.statements
        for facet, value, hits in rows:
            if value in (None, ""):
                continue
            if facet == "vision":
                statement = statements.get(int(value))
                if statement is None:
                    continue
                value = statement.number
            self.counted[facet][value] += hits

    def count_organisations(self) -> None:
        """Sources an organisation made, and pages citing it or one of its sources."""
        sources, pages = self.matched("source_id", "source"), self.matched("page_id", "page")
        if sources is not None:
            rows = (
                Source.organisations.through.objects.filter(sources)
                .values("organisation_id")
                .annotate(hits=Count("source_id", distinct=True))
                .values_list("organisation_id", "hits")
            )
            for organisation_id, hits in rows:
                self.counted["organisation"][organisation_id] += hits
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
        counts, filters = self.counted, self.params.filters

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
