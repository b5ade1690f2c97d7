"""The Redis cache is safe to lose (`storyofprogress/cache.py`): a Redis that is not there, stops,
or goes silent is an empty cache, and is used again, emptied of what may be stale, when it is back.

Every test talks to a real redis-server, stopped or paused for real; none to a mock.
"""

import logging
import time

import pytest

from django.core.cache import caches
from django.test import RequestFactory, override_settings

from wagtail.models import Site

from evidence.rate_limits import seconds_to_wait
from tests.redis_servers import free_port, owned_redis, redis_cache

#: Short enough for a test to wait it out.
PAUSE = 0.3


def a_cache(url: str, **params):
    """The default cache, made the project's Redis cache at `url` for the enclosing test."""
    return override_settings(CACHES={"default": redis_cache(url, **params)})


def test_a_redis_that_is_not_there_is_an_empty_cache(caplog):
    with a_cache(f"redis://127.0.0.1:{free_port()}/0"):
        cache = caches["default"]
        with caplog.at_level(logging.WARNING, logger="storyofprogress.cache"):
            assert cache.get("key", "default") == "default"
        assert "Cache unavailable" in caplog.text
        assert cache.available is False  # the next calls do not even try
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is None
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("a") is False
        assert cache.touch("a") is False
        assert cache.delete("a") is False
        assert cache.delete_many(["a", "b"]) is None
        assert cache.get_or_set("computed", lambda: 42) == 42
        with pytest.raises(ValueError, match="not found"):  # what Django says of a missing key
            cache.incr("counter")
        assert cache.clear() is False


def test_wagtail_and_the_rate_limits_work_while_redis_is_not_there(db):
    """Wagtail's site root paths (the 500s of issue 14) come from the database; the readers'
    rate limits let the request through (fail open)."""
    with a_cache(f"redis://127.0.0.1:{free_port()}/0"):
        site = Site.objects.get(is_default_site=True)
        assert [path.site_id for path in Site.get_site_root_paths()] == [site.pk]
        request = RequestFactory().get("/search/?q=care")
        assert seconds_to_wait(request, "search") is None


def test_redis_is_used_again_when_it_returns_without_a_restart():
    with owned_redis() as server, a_cache(server.url(), UNAVAILABLE_FOR=PAUSE):
        cache = caches["default"]
        cache.set("before", "kept")
        assert cache.get("before") == "kept"

        server.stop()
        assert cache.get("before") is None
        cache.set("during", "lost")  # no error
        assert cache.available is False

        server.start()  # same port, empty, as a restarted Redis without persistence
        time.sleep(PAUSE)
        assert cache.available is True
        cache.set("after", "stored")
        assert cache.get("after") == "stored"


def test_a_silent_redis_costs_one_timeout_and_is_emptied_when_it_answers_again():
    """A Redis that accepts connections and never answers (paused, as a host gone silent): one
    socket timeout, then nothing is tried until the pause is over. A purge made meanwhile could
    not be written, so when Redis answers again what it kept is dropped, not served as current."""
    options = {"OPTIONS": {"socket_timeout": PAUSE, "socket_connect_timeout": PAUSE}}
    with owned_redis() as server, a_cache(server.url(), UNAVAILABLE_FOR=PAUSE, **options):
        cache = caches["default"]
        cache.set("page", "as it was before the publish")
        server.pause()
        try:
            started = time.monotonic()
            assert cache.get("page") is None
            assert time.monotonic() - started < PAUSE + 0.5
            started = time.monotonic()
            cache.delete("page")  # the publish's purge, which cannot be written
            assert cache.get("page") is None
            assert time.monotonic() - started < 0.05  # not tried again within the pause
        finally:
            server.resume()
        time.sleep(PAUSE)
        assert cache.get("page") is None  # emptied on return, not the stale copy
        cache.set("page", "as published")
        assert cache.get("page") == "as published"


def test_a_bug_is_not_taken_for_an_outage():
    """Only Redis's and the socket's errors are an outage: a value that cannot be stored raises."""
    with owned_redis() as server, a_cache(server.url()), pytest.raises((TypeError, AttributeError)):
        caches["default"].set("key", lambda: None)
