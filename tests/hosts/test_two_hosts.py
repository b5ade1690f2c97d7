"""Two hosts over one database and one Redis (`conftest.py`): what an editor publishes through
one is what the other serves as soon as the task worker has run the publish's index updates
and purges, page and search, and what Varnish in front of the other serves then too (issue 14:
a publish seen by one worker was not seen by another).

Marked `hosts` (starts a PostgreSQL database, gunicorn, a task worker, redis-server and varnishd
of its own): `make test` leaves it out, `make test-hosts` and .ci/run run it.
"""

import re
import time
from urllib.parse import urlencode

import pytest

from tests.caching.site import FAMILY, HEARING
from tests.live_servers import request

pytestmark = pytest.mark.hosts

#: Seconds within which readers must see a publish. Issue 14's target is one second (the worker
#: looks for tasks every 0.1 s and prepares search last); measured on a quiet 2-core machine
#: (26 November 2026): 0.47 s for the first publish, whose tasks the worker runs cold, 0.14 s
#: through Varnish after it. Twice the target here, so that a busy machine does not fail it.
VISIBLE_WITHIN = 2.0
PATIENCE = 10.0  # how long a test reads before it gives up


def text(html: bytes) -> str:
    return re.sub(r"<[^>]+>", "", html.decode())


def publish_family(hosts, editor, title: str) -> float:
    """Publish the Family page with `title` through host A; when it was accepted."""
    editor.publish_statement_page(
        hosts.site.family,
        title=title,
        slug="family",
        statement_id=hosts.site.statement,
        source_id=hosts.site.hearing,
    )
    return time.monotonic()


def kept(port: int, path: str, header: str) -> None:
    """Read `path` until the cache in front of it (the app's, or Varnish's) serves it kept."""
    for _ in range(2):
        status, headers, _body = request(port, "GET", path)
        assert status == 200, path
    assert headers[header].lower() == "hit", (path, dict(headers))


def shown(port: int, path: str, words: str, since: float):
    """Read `path` until it shows `words`: (seconds since `since`, headers of that response)."""
    while True:
        status, headers, body = request(port, "GET", path)
        assert status == 200, path
        if words in text(body):
            return time.monotonic() - since, headers
        assert time.monotonic() - since < PATIENCE, f"{path} does not show {words!r}"
        time.sleep(0.02)


def test_a_page_published_through_one_host_is_served_by_the_other(hosts, editor):
    for path in (FAMILY, HEARING):
        kept(hosts.b, path, "X-Page-Cache")

    published = publish_family(hosts, editor, "Family ties")

    for path in (FAMILY, HEARING):  # the source page's "Cited in" names the page
        seconds, headers = shown(hosts.b, path, "Family ties", since=published)
        assert headers["X-Page-Cache"] == "miss"  # purged, not expired
        assert seconds < VISIBLE_WITHIN, f"{path} showed the change after {seconds:.2f} s"


def test_a_search_on_the_other_host_finds_what_was_published(hosts, editor):
    search = "/search/?" + urlencode({"q": "Zephyrine"})
    status, _headers, body = request(hosts.b, "GET", search)
    assert status == 200
    assert FAMILY.encode() not in body  # searched before: computed, and kept in Redis

    published = publish_family(hosts, editor, "Family Zephyrine")

    seconds, _headers = shown(hosts.b, search, "Family Zephyrine", since=published)
    assert seconds < VISIBLE_WITHIN, f"found after {seconds:.2f} s"
    status, _headers, body = request(hosts.b, "GET", search)
    assert FAMILY.encode() in body


def test_a_publish_through_one_host_purges_varnish_in_front_of_the_other(hosts, editor):
    for path in (FAMILY, HEARING):
        kept(hosts.varnish, path, "X-Cache")

    published = publish_family(hosts, editor, "Family circle")

    for path in (FAMILY, HEARING):
        seconds, headers = shown(hosts.varnish, path, "Family circle", since=published)
        assert headers["X-Cache"] == "MISS"
        assert seconds < VISIBLE_WITHIN, f"{path} showed the change after {seconds:.2f} s"
    kept(hosts.varnish, FAMILY, "X-Cache")  # and kept again
