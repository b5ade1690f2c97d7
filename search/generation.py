"""The content generation: a number that moves on whenever content that search reads changes.

Everything search computes from the content (the catalogue, `Findable`, computed searches in
`search.cache`) is kept under a key that includes the generation, so a change to a page, source,
organisation, vision statement, view restriction, site or search promotion makes all of it
unreadable at once, in every process that shares the cache (Redis in production).

With a task worker (README "Background tasks") the search index follows a change only when the
worker has run the index updates the change queued, after the commit; searches computed in
between read the index as it was. So each change also queues `index_followed` after the commit,
behind those updates (the worker takes tasks in the order they were queued), and moving the
generation on there makes such searches unreadable once the index has followed.
"""

import hashlib
import time

from django_tasks import task

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search:generation"
ROUND_KEY = "search:round"
#: How long anything computed is kept (seconds). Changes made without signals (SQL run by hand,
#: `update_index` after a bulk load) show in searches after this long at most.
TIMEOUT = 10 * 60
VERSION = 2  # change when the cached shape changes


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


#: What to prepare for readers once the index has followed a change (the app registers
#: building `Findable`: `search.findable` imports this module, not the other way).
AFTER_INDEX_FOLLOWED: list = []


@task()
def index_followed() -> None:
    """The index updates queued before this task are done: forget what was computed before,
    and prepare what the next searches need."""
    move_on()
    for prepare in AFTER_INDEX_FOLLOWED:
        prepare()


def after_commit() -> None:
    """Move on now the change is visible, and again once the index has followed it (at once
    with the immediate backend, which has already run the index updates)."""
    move_on()
    index_followed.enqueue()


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
    from indicators.models import Indicator
    from story.models import VisionStatement

    pages = [Page, *get_page_models()]
    return [
        *pages,
        Source,
        Organisation,
        Indicator,
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
    as it was before, is not kept; and once the index has followed (`index_followed`). A save
    touching only draft fields (an editor saving a draft) changes nothing readers see, and keeps
    every computed search.
    """
    if update_fields and DRAFT_ONLY_FIELDS.issuperset(update_fields):
        return
    move_on()
    transaction.on_commit(after_commit, robust=True)


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
