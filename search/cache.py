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

import hashlib
import time
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.db import transaction

from search.params import SearchParams
from search.query import Hit

GENERATION_KEY = "search:generation"
ROUND_KEY = "search:round"
#: How long a computed search is kept (seconds). Changes made without signals (SQL run by hand,
#: `update_index` after a bulk load) show in searches after this long at most.
TIMEOUT = 10 * 60
#: How many ranked hits are kept per search: the first five pages of results.
CACHED_HITS = 100
VERSION = 2  # change when the cached shape changes


@dataclass(slots=True)
class ComputedSearch:
    """What a search costs to compute: its facet counts and its first ranked hits."""

    total: int
    counted: dict[str, dict]
    hits: list[Hit]
    organisation_names: dict[int, tuple[str, str]]

    def dump(self) -> tuple:
        counted = {name: dict(values) for name, values in self.counted.items()}
        hits = [astuple(hit) for hit in self.hits]
        return (self.total, counted, hits, self.organisation_names)

    @classmethod
    def load(cls, data: tuple) -> "ComputedSearch":
        total, counted, hits, organisation_names = data
        return cls(total, counted, [Hit(*fields) for fields in hits], organisation_names)


def counter(name: str) -> int:
    """A number kept in the cache, started from the clock when the cache has none.

    Starting from the clock (not from 0) means that if the cache forgets the number, the
    entries written under an earlier one cannot be mistaken for new ones.
    """
    value = cache.get(name)
    if value is None:
        cache.add(name, time.time_ns(), timeout=None)
        value = cache.get(name) or time.time_ns()
    return value


def advance(name: str) -> None:
    try:
        cache.incr(name)
    except ValueError:  # not there (yet, or any more)
        cache.set(name, time.time_ns(), timeout=None)


def generation() -> int:
    """The current content generation: it moves on whenever content that search reads changes."""
    return counter(GENERATION_KEY)


def move_on() -> None:
    """Make everything computed from the content so far unreadable."""
    advance(GENERATION_KEY)


def forget_searches() -> None:
    """Forget the computed searches only (not the catalogue or `Findable`): for benchmarks and
    tests that time or count the queries of a search computed afresh."""
    advance(ROUND_KEY)


def watched_models() -> list[type]:
    """The models whose rows decide what a search finds, how it is counted and who may see it.

    Citations are not among them: they are rewritten only when their page is saved, published or
    unpublished, which already moves the generation on (again on commit, after the rewrite).
    Receivers are connected per model, not for every model: a `post_delete` receiver stops
    Django deleting a model's rows in bulk, which cascades rely on.
    """
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page, PageViewRestriction, Site, get_page_models

    from evidence.models import Organisation, Source
    from story.models import VisionStatement

    pages = [Page, *get_page_models()]
    return [
        *pages,
        Source,
        Organisation,
        PageViewRestriction,
        Site,
        VisionStatement,
        SearchPromotion,
    ]


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail.signals import post_page_move

    from evidence.models import Source

    for model in watched_models():
        uid = f"search_cache_{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}_deleted")
    m2m_changed.connect(
        content_changed,
        sender=Source.organisations.through,
        dispatch_uid="search_cache_source_organisations",
    )
    post_page_move.connect(content_changed, dispatch_uid="search_cache_page_moved")


#: Fields a save can touch without changing what readers see: saving a draft revision, locking.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "comments",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def content_changed(update_fields=None, **kwargs) -> None:
    """Signal receiver: move the generation on now, and again once the change is committed.

    Now, so that this request (and tests, which never commit) see the change; after the commit,
    so that a search computed by another request while the change was in flight, from the data
    as it was before, is not kept. A save touching only draft fields (an editor saving a draft)
    changes nothing readers see, and keeps every computed search.
    """
    if update_fields and DRAFT_ONLY_FIELDS.issuperset(update_fields):
        return
    move_on()
    transaction.on_commit(move_on, robust=True)


def key(params: SearchParams) -> str:
    """The cache key of a search: its words, filters and order (not the page shown).

    Take the key before computing the search and store under that key, so that a search
    computed while the content changed is filed under the old generation, never the new one.
    """
    described = (params.terms, sorted(params.filters.items()), params.sort)
    return versioned_key("search", counter(ROUND_KEY), described)


def versioned_key(name: str, *parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search:v{VERSION}:{generation()}:{name}:{digest}"


def remembered(name: str, compute, *parts):
    """`compute()`, kept under `name` and `parts` until the content changes (or `TIMEOUT`)."""
    cache_key = versioned_key(name, *parts)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=TIMEOUT)
    return value


def get(cache_key: str) -> ComputedSearch | None:
    data = cache.get(cache_key)
    return ComputedSearch.load(data) if data is not None else None


def put(cache_key: str, computed: ComputedSearch) -> None:
    cache.set(cache_key, computed.dump(), timeout=TIMEOUT)
