"""The library catalogue's filters, read from the query string, and their facet counts.

Every value a reader (or a crafted link) sends is checked against what exists before it reaches
the database; anything unknown is dropped and reported, so the page never fails on bad input and
always says which filters it ignored. Export links are built from the cleaned values only.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, F, QuerySet
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.http import urlencode

from citations.models import Citation
from evidence.models import Organisation, Source
from evidence.text import ascii_int
from story.models import VisionStatement

SORTS = {"title": "Title (A to Z)", "year": "Year (newest first)"}
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
UNDATED = "undated"  # the year filter's value for sources with no year


def shorten(value: str, limit: int = 40) -> str:
    """A rejected value made safe to show back: printable characters only, and short."""
    value = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def live_citations() -> QuerySet:
    """Citations of sources that count in public (`Citation.objects.in_public`, the one rule)
    and belong to a vision statement: what "cited under this vision statement" means here."""
    return Citation.objects.in_public().filter(source__isnull=False, vision_statement__isnull=False)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class LibraryFilters:
    resource_type: str = ""
    organisation: Organisation | None = None
    year: int | None = None
    undated: bool = False  # year=undated: the sources with no year
    vision_statement: VisionStatement | None = None
    sort: str = "title"
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, data: QueryDict) -> "LibraryFilters":
        filters = cls()
        resource_types = dict(Source.ResourceType.choices)
        if value := data.get("type", "").strip():
            if value in resource_types:
                filters.resource_type = value
            else:
                filters.problems.append(f"There is no resource type “{shorten(value)}”.")
        if value := data.get("organisation", "").strip():
            organisation = (
                Organisation.objects.live().filter(slug=value).first()
                if SLUG.fullmatch(value)
                else None
            )
            if organisation:
                filters.organisation = organisation
            else:
                filters.problems.append(f"There is no organisation “{shorten(value)}”.")
        if value := data.get("year", "").strip():
            if (year := ascii_int(value, max_digits=4)) is not None:
                filters.year = year
            elif value == UNDATED:
                filters.undated = True
            else:
                filters.problems.append(f"“{shorten(value)}” is not a year such as 2024.")
        if value := data.get("vision", "").strip():
            number = ascii_int(value, max_digits=4)
            statements = VisionStatement.objects.filter(number=number)
            statement = statements.first() if number is not None else None
            if statement:
                filters.vision_statement = statement
            else:
                filters.problems.append(f"There is no vision statement “{shorten(value)}”.")
        if value := data.get("sort", "").strip():
            if value in SORTS:
                filters.sort = value
            else:
                filters.problems.append(f"There is no sort order “{shorten(value)}”.")
        return filters

    @cached_property
    def citations(self) -> QuerySet:
        """Built once: finding the public pages reads the view restrictions."""
        return live_citations()

    @property
    def active(self) -> bool:
        return any(self.params(include_sort=False).values())

    def params(self, *, include_sort: bool = True) -> dict[str, str]:
        """The cleaned filters as query-string values (empty ones left out)."""
        values = {
            "type": self.resource_type,
            "organisation": self.organisation.slug if self.organisation else "",
            "year": str(self.year) if self.year is not None else UNDATED if self.undated else "",
            "vision": str(self.vision_statement.number) if self.vision_statement else "",
        }
        if include_sort and self.sort != "title":
            values["sort"] = self.sort
        return {key: value for key, value in values.items() if value}

    def query_dict(self) -> QueryDict:
        """The cleaned filters as a QueryDict: what the pagination links carry on."""
        query = QueryDict(mutable=True)
        query.update(self.params())
        return query

    def querystring(self, **overrides) -> str:
        values = {**self.params(), **{k: str(v) for k, v in overrides.items()}}
        return "?" + urlencode(values) if values else ""

    def sources(self, *, skip: str = "") -> QuerySet:
        """Live sources matching every filter except `skip` (for that facet's counts)."""
        sources = Source.objects.live()
        if self.resource_type and skip != "type":
            sources = sources.filter(resource_type=self.resource_type)
        if self.organisation and skip != "organisation":
            sources = sources.filter(organisations=self.organisation)
        if self.year is not None and skip != "year":
            sources = sources.filter(year=self.year)
        if self.undated and skip != "year":
            sources = sources.filter(year__isnull=True)
        if self.vision_statement and skip != "vision":
            cited = self.citations.filter(vision_statement=self.vision_statement)
            sources = sources.filter(pk__in=cited.values("source_id"))
        return sources

    def ordered(self, sources: QuerySet) -> QuerySet:
        if self.sort == "year":
            return sources.order_by(F("year").desc(nulls_last=True), Lower("title"), "pk")
        return sources.order_by(Lower("title"), "pk")

    def facets(self) -> dict[str, list[FacetOption]]:
        """Each facet's options with how many sources each would give, the other filters
        applied: one query a facet, whatever the number of sources."""
        return {
            "type": self._type_facet(),
            "organisation": self._organisation_facet(),
            "year": self._year_facet(),
            "vision": self._vision_facet(),
        }

    def _type_facet(self) -> list[FacetOption]:
        counts = dict(
            self.sources(skip="type")
            .order_by()
            .values_list("resource_type")
            .annotate(count=Count("pk", distinct=True))
        )
        return [
            FacetOption(value, label, counts.get(value, 0), value == self.resource_type)
            for value, label in Source.ResourceType.choices
            if counts.get(value) or value == self.resource_type
        ]

    def _organisation_facet(self) -> list[FacetOption]:
        rows = (
            Source.organisations.through.objects.filter(
                source__in=self.sources(skip="organisation"), organisation__live=True
            )
            .values("organisation__slug", "organisation__name")
            .annotate(count=Count("source", distinct=True))
            .order_by(Lower("organisation__name"))
        )
        options = [
            FacetOption(
                row["organisation__slug"],
                row["organisation__name"],
                row["count"],
                self.organisation is not None
                and row["organisation__slug"] == self.organisation.slug,
            )
            for row in rows
        ]
        if self.organisation and not any(option.selected for option in options):
            options.insert(0, FacetOption(self.organisation.slug, self.organisation.name, 0, True))
        return options

    def _year_facet(self) -> list[FacetOption]:
        """Newest first, then "Not dated" (the sources with no year), which can be chosen too."""
        counts = dict(
            self.sources(skip="year")
            .order_by()
            .values_list("year")
            .annotate(count=Count("pk", distinct=True))
        )
        if self.year is not None:
            counts.setdefault(self.year, 0)
        if self.undated:
            counts.setdefault(None, 0)
        undated = counts.pop(None, 0)
        options = [
            FacetOption(str(year), str(year), count, year == self.year)
            for year, count in sorted(counts.items(), reverse=True)
        ]
        if undated or self.undated:
            options.append(FacetOption(UNDATED, "Not dated", undated, self.undated))
        return options

    def _vision_facet(self) -> list[FacetOption]:
        rows = (
            self.citations.filter(source__in=self.sources(skip="vision"))
            .values("vision_statement__number", "vision_statement__short_name")
            .annotate(count=Count("source", distinct=True))
            .order_by("vision_statement__number")
        )
        selected = self.vision_statement.number if self.vision_statement else None
        options = [
            FacetOption(
                str(row["vision_statement__number"]),
                f"{row['vision_statement__number']}. {row['vision_statement__short_name']}",
                row["count"],
                row["vision_statement__number"] == selected,
            )
            for row in rows
        ]
        if self.vision_statement and not any(option.selected for option in options):
            options.insert(0, FacetOption(str(selected), str(self.vision_statement), 0, True))
        return options


def vision_statements_by_source(
    citations: QuerySet, source_ids
) -> dict[int, list[tuple[int, str]]]:
    """(number, short name) of the vision statements under which live pages cite each source,
    in one query; `source_ids` may be a list or a subquery."""
    rows = (
        citations.filter(source_id__in=source_ids)
        .values_list("source_id", "vision_statement__number", "vision_statement__short_name")
        .distinct()
        .order_by("vision_statement__number")
    )
    result: dict[int, list[tuple[int, str]]] = {}
    for source_id, number, short_name in rows:
        result.setdefault(source_id, []).append((number, short_name))
    return result
