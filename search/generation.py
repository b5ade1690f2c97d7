"""Search and the content generation (`story.generation`): a number that moves on whenever
content readers see changes; search also watches its promotions (`search.apps`).

Everything search computes from the content (the catalogue, `Findable`, computed searches in
`search.cache`) is kept under a key that includes the generation (`remembered`), so a change
makes all of it unreadable at once, in every process that shares the cache (Redis in
production).

With a task worker (README "Background tasks") the search index follows a change only when the
worker has run the index updates the change queued, after the commit; searches computed in
between read the index as it was. So each change also queues `index_followed` after the commit,
behind those updates (the worker takes tasks in the order they were queued), and moving the
generation on there makes such searches unreadable once the index has followed.
"""

from django_tasks import task

from story.generation import (  # noqa: F401 (search's own names for the content generation)
    AFTER_COMMIT,
    TIMEOUT,
    advance,
    counter,
    generation,
    move_on,
    remembered,
    versioned_key,
    watch,
)

ROUND_KEY = "search:round"


#: What to prepare for readers once the index has followed a change (the app registers
#: building `Findable`: `search.findable` imports this module, not the other way).
AFTER_INDEX_FOLLOWED: list = []


@task(priority=-10)  # after the index updates and purges queued with the change: readers first
def index_followed() -> None:
    """The index updates queued before this task are done: forget what was computed before,
    and prepare what the next searches need."""
    move_on()
    for prepare in AFTER_INDEX_FOLLOWED:
        prepare()


def forget_searches() -> None:
    """Forget the computed searches only (not the catalogue or `Findable`): for benchmarks and
    tests that time or count the queries of a search computed afresh."""
    advance(ROUND_KEY)


def follow_index() -> None:
    """After a committed change: move on again once the index has followed it (at once with the
    immediate backend, which has already run the index updates)."""
    index_followed.enqueue()
