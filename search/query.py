"""Run one search over pages, sources and organisations, and rank the hits together.

One query finds every match of each kind with its score, best first (`search.matching`).
Everything else is worked out from `Findable` (`search.findable`), which knows what a reader may
find and what each item is filed under: the matches that may be shown and pass the filters are a
set intersection, the facet counts a `Counter` over their keys, and the first hits a lazy merge of
the kinds' ranked lists. The database's work is the same whatever the filters, and Python's
work is a few C loops over ids, so a broad search costs little more than a narrow one.
"""

import datetime
import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, islice

from django.db import connection

from evidence.text import ascii_int
from search import prepared_matches
from search.catalogue import Catalogue
from search.findable import Findable
from search.params import KIND_ORDER, KINDS, SearchParams


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


#: Filters that only some kinds can meet: a resource type only sources, a year not organisations.
FILTERS_FOR_KIND = {
    "page": {"type"},
    "indicator": {"type"},
    "source": set(),
    "organisation": {"type", "year"},
}


class SearchRun:
    """One search: the findable matches that pass the filters, their counts and their order."""

    def __init__(
        self, params: SearchParams, catalogue: Catalogue, findable: Findable | None = None
    ):
        self.params = params
        self.catalogue = catalogue
        if findable is not None:
            self.findable = findable
        filters = params.filters
        kind = filters.get("kind")
        self.kinds = [
            name
            for name in KINDS
            if kind in (None, name) and not FILTERS_FOR_KIND[name] & filters.keys()
        ]

    @cached_property
    def findable(self) -> Findable:
        """What a reader may find, loaded only when the search is computed (not from the cache)."""
        from search.findable import findable

        return findable(self.catalogue)

    def _filter_keys(self) -> list[tuple[str, object]]:
        """The filters as facet keys (`Findable.key`): a result must hold every one."""
        filters, keys = self.params.filters, []
        if "section" in filters:
            keys.append(("section", filters["section"]))
        if "vision" in filters:
            keys.append(("vision", ascii_int(filters["vision"])))
        if "foundation" in filters:
            keys.append(("foundation", filters["foundation"]))
        if "organisation" in filters and self.catalogue.organisation is not None:
            keys.append(("organisation", self.catalogue.organisation.pk))
        if "type" in filters:
            keys.append(("type", filters["type"]))
        if "year" in filters:
            keys.append(("year", ascii_int(filters["year"])))
        return keys

    @cached_property
    def ranked(self) -> dict[str, tuple[list[int], list[float]]]:
        """Each kind's matches and scores, best first: prepared for the broadest words
        (`search.prepared_matches`), else one query for all kinds."""
        return prepared_matches.matches(self.params.terms, self.kinds)

    @cached_property
    def matched(self) -> dict[str, set[int]]:
        """Each kind's matches that a reader may find and that pass the filters."""
        keys = self._filter_keys()
        return {
            kind: self.findable.allowed(kind, keys).intersection(self.ranked[kind][0])
            for kind in self.kinds
        }

    @property
    def total(self) -> int:
        return sum(len(ids) for ids in self.matched.values())

    def count(self) -> Counter:
        """How many results fall under each facet value: (facet, value) -> count."""
        counts: Counter = Counter()
        for kind, ids in self.matched.items():
            facet_keys = self.findable.facet_keys[kind]
            counts.update(chain.from_iterable(map(facet_keys.__getitem__, ids)))
        labels = self.findable.labels
        return Counter({labels[number]: count for number, count in counts.items()})

    # Hits --------------------------------------------------------------------------------
    def top(self, count: int) -> list[Hit]:
        """The first `count` hits in order."""
        if count <= 0:
            return []
        if self.params.sort == "date":
            return self._top_by_date(count)
        return [self._hit(*found) for found in islice(self._by_relevance(), count)]

    @cached_property
    def _query(self) -> str:
        """The query as names are compared with it (`Findable.named`: lower-cased)."""
        return self.params.query.lower()

    def _by_relevance(self) -> Iterator[tuple]:
        """(kind, id, score, tier) of every hit, best first, lazily.

        Titles that are (then contain) the query come first; within a tier, by score, then
        organisations before pages before sources, then by id. Each kind's list is already in
        score order, so merging the kinds' lists tier by tier is the whole sort, and a tier's
        list is read only as far as the hits asked for: the first page of a broad search looks
        at a few hundred titles, not at every match's.
        """
        streams: dict[int, list] = {2: [], 1: [], 0: []}
        for kind in self.kinds:
            ids, scores = self.ranked[kind]
            matched, order = self.matched[kind], KIND_ORDER[kind]
            exact = self.findable.called(kind, self._query) & matched
            streams[2].append(sorted((-scores[ids.index(pk)], order, pk, kind, 2) for pk in exact))
            rest, named = matched - exact if exact else matched, self.findable.named[kind]
            for tier in (1, 0):
                streams[tier].append(in_tier(tier, kind, self._query, ids, scores, rest, named))
        for tier in (2, 1, 0):
            for negative_score, _order, pk, kind, tier_found in heapq.merge(*streams[tier]):
                yield kind, pk, -negative_score, tier_found

    def _top_by_date(self, count: int) -> list[Hit]:
        """Newest first (undated last), then as by relevance."""
        query, candidates = self._query, []
        for kind in self.kinds:
            ids, scores = self.ranked[kind]
            matched, order, items = self.matched[kind], KIND_ORDER[kind], self.findable.items[kind]
            exact, named = self.findable.called(kind, query), self.findable.named[kind]
            for pk, score in zip(ids, scores, strict=True):
                if pk in matched:
                    day = items.day(pk)
                    tier = 2 if pk in exact else 1 if query and query in named[pk] else 0
                    # Newest first: minus the day's number; undated after every date (1 > -day).
                    newest = -day if day is not None else 1
                    candidates.append((newest, -tier, -score, order, pk, kind))
        best = heapq.nsmallest(count, candidates)
        return [self._hit(kind, pk, -score, -tier) for _, tier, score, _o, pk, kind in best]

    def _hit(self, kind: str, pk: int, score: float, tier: int) -> Hit:
        item = self.findable.items[kind][pk]
        facets = {}
        if kind == "page":
            facets = {
                "path": item.path,
                "statement": item.statement_id,
                "content_type": item.content_type_id,
            }
        return Hit(kind, pk, score, item.title, tier, item.date, facets)


def in_tier(tier, kind, query, ids, scores, matched, named) -> Iterator[tuple]:
    """The hits of one kind in tier 1 (a name contains the query) or 0 (none does), in order.

    `matched` leaves out the hits whose name is the query (tier 2).
    """
    order, contains = KIND_ORDER[kind], tier == 1
    for pk, score in zip(ids, scores, strict=True):
        if pk in matched and bool(query and query in named[pk]) is contains:
            yield (-score, order, pk, kind, tier)


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
