"""Real Redis servers for the cache tests: the shared one, one a test owns, and one that is down.

The tests of a cache that is safe to lose must lose a real one: a Redis process that stops,
pauses or was never there, not a mock. A server a test starts runs in a process group of its
own and is stopped by group on every way out (`owned_redis` is a context manager). The process
itself is `benchmarks.servers.RedisProcess`, which the fault benchmark stops and starts too.
"""

import shutil
from contextlib import contextmanager

import pytest

from benchmarks.processes import free_port  # noqa: F401 (the tests' free port, one place)
from benchmarks.servers import owned_redis_process
from benchmarks.servers import redis_answers as answers

SHARED_HOST, SHARED_PORT = "127.0.0.1", 6379


@contextmanager
def owned_redis():
    """A redis-server of the test's own, stopped however the test ends."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with owned_redis_process() as server:
        yield server


@contextmanager
def shared_redis_url(db: int):
    """The machine's Redis (127.0.0.1:6379, which .ci/run starts), database `db`, which the
    test may empty; a Redis of the test's own if none runs there."""
    if answers(SHARED_PORT):
        yield f"redis://{SHARED_HOST}:{SHARED_PORT}/{db}"
        return
    with owned_redis() as server:
        yield server.url(db)


def redis_cache(url: str, **params) -> dict:
    """A `CACHES` entry for the project's Redis cache at `url` (`storyofprogress.cache`)."""
    return {"BACKEND": "storyofprogress.cache.RedisCache", "LOCATION": url, **params}
