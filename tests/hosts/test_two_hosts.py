"""Two hosts over one database and one Redis (`conftest.py`): what an editor publishes through
one is what the other serves at once, page and search, and what Varnish in front of the other
serves at once too (issue 14: a publish seen by one worker was not seen by another).

Marked `hosts` (starts PostgreSQL databases, gunicorn, redis-server and varnishd of its own):
`make test` leaves it out, `make test-hosts` and .ci/run run it.
"""

import re
import time
from urllib.parse import urlencode

import pytest

from tests.caching.site import FAMILY, HEARING
from tests.live_servers import request

pytestmark = pytest.mark.hosts


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


def test_a_page_published_through_one_host_is_served_at_once_by_the_other(hosts, editor):
    for path in (FAMILY, HEARING):
        kept(hosts.b, path, "X-Page-Cache")

    publish_family(hosts, editor, "Family ties")

    status, headers, body = request(hosts.b, "GET", FAMILY)
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert b"Family ties" in body
    status, headers, body = request(hosts.b, "GET", HEARING)  # "Cited in" names the page
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert b"Family ties" in body


def test_a_search_on_the_other_host_finds_what_was_published_at_once(hosts, editor):
    search = "/search/?" + urlencode({"q": "Zephyrine"})
    status, _headers, body = request(hosts.b, "GET", search)
    assert status == 200
    assert FAMILY.encode() not in body  # searched before: computed, and kept in Redis

    publish_family(hosts, editor, "Family Zephyrine")

    status, _headers, body = request(hosts.b, "GET", search)
    assert status == 200
    assert FAMILY.encode() in body
    assert "Family Zephyrine" in text(body)  # the title, its matching word highlighted


def test_a_publish_through_one_host_purges_varnish_in_front_of_the_other(hosts, editor):
    for path in (FAMILY, HEARING):
        kept(hosts.varnish, path, "X-Cache")

    published = publish_family(hosts, editor, "Family circle")

    status, headers, body = request(hosts.varnish, "GET", FAMILY)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert b"Family circle" in body
    assert time.monotonic() - published < 1  # visible to readers within a second
    status, headers, body = request(hosts.varnish, "GET", HEARING)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert b"Family circle" in body
    kept(hosts.varnish, FAMILY, "X-Cache")  # and kept again
