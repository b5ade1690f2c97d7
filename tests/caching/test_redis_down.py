"""With the Redis cache down the public site is served, slower, and a publish made meanwhile is
shown once Redis answers again (issue 14: every page answered 500 while Redis was stopped).

Redis here is real: a port nothing listens on, and a redis-server of the test's own, paused the
way a Redis host that stops answering is.
"""

import time

import pytest

from tests.caching.site import CACHED_URLS, FAMILY, HEARING, Site
from tests.redis_servers import free_port, owned_redis, redis_cache

ALSO_PUBLIC = [
    "/search/?q=family",
    "/search/autocomplete/?q=fam",
    "/library/?year=2024",
    "/library/library.csv",
    "/library/sources/hearing-children/citation.ris",
    "/robots.txt",
]
PAUSE = 0.3


def test_every_public_url_is_served_while_redis_is_not_there(site, page_cache, client, settings):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}
    for url in [*CACHED_URLS, *ALSO_PUBLIC]:
        for attempt in ("first", "second"):
            response = client.get(url)
            assert response.status_code == 200, (url, attempt)
            assert "X-Page-Cache" not in response, url  # nothing kept, nothing served from it
    assert client.get(f"/cite/page/{site.family}.ris").status_code == 200


def test_a_publish_while_redis_is_silent_is_shown_when_it_answers_again(
    site, page_cache, client, settings, django_capture_on_commit_callbacks
):
    """The purge cannot reach Redis; the page kept before must not come back with it."""
    with owned_redis() as server:
        settings.CACHES = {
            "default": redis_cache(
                server.url(),
                UNAVAILABLE_FOR=PAUSE,
                OPTIONS={"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
            )
        }
        client.get(FAMILY)
        assert client.get(FAMILY)["X-Page-Cache"] == "hit"

        server.pause()
        try:
            assert client.get(HEARING).status_code == 200
            page = Site.page(site.family)
            page.title = "Family life"
            with django_capture_on_commit_callbacks(execute=True):
                page.save_revision().publish()
            response = client.get(FAMILY)
            assert response.status_code == 200
            assert b"Family life" in response.content
        finally:
            server.resume()

        time.sleep(PAUSE)
        response = client.get(FAMILY)
        assert response["X-Page-Cache"] == "miss"
        assert b"Family life" in response.content
        assert client.get(FAMILY)["X-Page-Cache"] == "hit"  # and Redis is used again


@pytest.mark.parametrize("url", [FAMILY, "/evidence/sources/"])
def test_a_stopped_redis_is_used_again_when_it_is_back(url, site, page_cache, client, settings):
    with owned_redis() as server:
        settings.CACHES = {"default": redis_cache(server.url(), UNAVAILABLE_FOR=PAUSE)}
        server.stop()
        assert client.get(url).status_code == 200
        server.start()
        time.sleep(PAUSE)
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
