"""Facet counts for one search: how many of the current results fall under each filter value.

The counting is `SearchRun.count` (set arithmetic on ids, see `search.findable`); this module
turns the counts into the options a reader sees, each with its count and the link choosing it.
Each count is the number of results that choosing that value would show.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from evidence.models import Source
from search.catalogue import Catalogue
from search.params import KINDS, SearchParams
from search.query import SearchRun
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
    """The facets of one search, from its counts (computed, or as kept in the search cache)."""

    def __init__(self, run: SearchRun):
        self.run = run
        self.catalogue: Catalogue = run.catalogue
        self.params: SearchParams = run.params
        self.counted: dict[str, Counter] = defaultdict(Counter)
        self.organisation_names: dict[int, tuple[str, str]] = {}  # id: (slug, name)

    @property
    def total(self) -> int:
        return sum(self.counted["kind"].values())

    def tally(self) -> dict[str, Counter]:
        """Count the matches per facet value (into `counted`)."""
        for (facet, value), hits in self.run.count().items():
            self.counted[facet][value] += hits
        live = self.run.findable.organisations
        self.organisation_names = {
            pk: live[pk] for pk in self.counted["organisation"] if pk in live
        }
        return self.counted

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
        """The organisations with the most results (and the one chosen, if any)."""
        named = self.organisation_names  # the live ones counted: id -> (slug, name)
        ranked = sorted(
            (pk for pk in counts["organisation"] if pk in named),
            key=lambda pk: (-counts["organisation"][pk], named[pk][1]),
        )
        shown = ranked[:MAX_ORGANISATIONS]
        selected = self.catalogue.organisation
        chosen = selected.pk if selected else None
        if chosen is not None and chosen in named and chosen not in shown:
            shown.append(chosen)
            shown.sort(key=lambda pk: (-counts["organisation"][pk], named[pk][1]))
        return [
            Option(named[pk][0], named[pk][1], counts["organisation"][pk], pk == chosen)
            for pk in shown
        ]
