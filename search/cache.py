"""Computed searches, kept in Django's cache until the content they were computed from changes.

A search's facet counts and its first ranked hits cost the database work in proportion to the
number of matches (a broad search such as "care" matches most of the site). Readers repeat
searches (the popular ones above all), so each computed search is kept under a key made of the
search itself and a *generation* number, and every change to what search can see (a page, source,
organisation, vision statement or search promotion saved or deleted, a page moved, a view
restriction or a site changed; citations follow their page's save) moves the generation on: from
then on no request can read a search computed before the change.
Old entries are never read again and expire on their own (`TIMEOUT`).

The generation lives in the cache too, so with Redis (`REDIS_URL`, as in production) every
worker process sees a change at once. Local memory (the development default) is per process,
which is right for `runserver`, a single process.

What is cached holds no rendering: only counts and (kind, id, score, title, ...) of the first
hits. The results shown are still loaded from the database on every request, and only live
objects are shown, so a cache entry can never bring back something that has been unpublished.
"""

from dataclasses import dataclass, fields
from operator import attrgetter

from django.core.cache import cache

from search.generation import ROUND_KEY, TIMEOUT, counter, versioned_key
from search.params import SearchParams
from search.query import Hit

#: How many ranked hits are kept per search: the first five pages of results.
CACHED_HITS = 100
#: A hit's fields in order, as `Hit(*row)` takes them back; `dataclasses.astuple` would deep-copy
#: each hit's date and facets first (a millisecond of every computed search), and the cache
#: pickles them anyway.
hit_row = attrgetter(*(field.name for field in fields(Hit)))


@dataclass(slots=True)
class ComputedSearch:
    """What a search costs to compute: its facet counts and its first ranked hits."""

    total: int
    counted: dict[str, dict]
    hits: list[Hit]
    organisation_names: dict[int, tuple[str, str]]

    def dump(self) -> tuple:
        counted = {name: dict(values) for name, values in self.counted.items()}
        hits = [hit_row(hit) for hit in self.hits]
        return (self.total, counted, hits, self.organisation_names)

    @classmethod
    def load(cls, data: tuple) -> "ComputedSearch":
        total, counted, hits, organisation_names = data
        return cls(total, counted, [Hit(*fields) for fields in hits], organisation_names)


def key(params: SearchParams) -> str:
    """The cache key of a search: its words, filters and order (not the page shown).

    Take the key before computing the search and store under that key, so that a search
    computed while the content changed is filed under the old generation, never the new one.
    """
    described = (params.terms, sorted(params.filters.items()), params.sort)
    return versioned_key("search", counter(ROUND_KEY), described)


def get(cache_key: str) -> ComputedSearch | None:
    data = cache.get(cache_key)
    return ComputedSearch.load(data) if data is not None else None


def put(cache_key: str, computed: ComputedSearch) -> None:
    cache.set(cache_key, computed.dump(), timeout=TIMEOUT)
