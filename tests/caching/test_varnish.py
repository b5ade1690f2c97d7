"""Varnish, started from the shipped `deploy/varnish/default.vcl`, in front of the live site:
the second anonymous request is a hit, a publish purges it, a PURGE from elsewhere is refused,
and sessions, the admin and query strings pass.

Marked `varnish` (needs Debian's varnish and a live server): `make test` leaves it out,
`make test-varnish` and .ci/run run it.
"""

import time

import pytest

from tests.caching.site import FAMILY, HEARING, Site, build_site
from tests.live_servers import request, varnish_in_front_of

pytestmark = [
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def varnish_site(live_server, settings):
    site = build_site()
    with varnish_in_front_of(int(live_server.url.rsplit(":", 1)[1])) as port:
        settings.PAGE_CACHE_ALIAS = "default"
        settings.WAGTAILFRONTENDCACHE = {
            "app": {"BACKEND": "caching.pages.PageCacheBackend"},
            "varnish": {
                "BACKEND": "caching.varnish.VarnishBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            },
        }
        yield port, site


def test_varnish_keeps_anonymous_pages_until_a_publish_purges_them(varnish_site):
    port, site = varnish_site
    status, headers, _ = request(port, "GET", FAMILY)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    status, headers, body = request(port, "GET", FAMILY)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert b"<h1" in body
    request(port, "GET", HEARING)
    assert request(port, "GET", HEARING)[1]["X-Cache"] == "HIT"

    page = Site.page(site.family)
    page.title = "Family life"
    published = time.monotonic()
    page.save_revision().publish()  # committed: the purge is sent at once

    status, headers, body = request(port, "GET", FAMILY)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert b"Family life" in body
    assert time.monotonic() - published < 1  # visible to readers within a second
    status, headers, body = request(port, "GET", HEARING)  # "Cited in" names the page
    assert headers["X-Cache"] == "MISS"
    assert b"Family life" in body
    assert request(port, "GET", FAMILY)[1]["X-Cache"] == "HIT"


def test_purge_is_refused_from_other_hosts(varnish_site):
    port, _site = varnish_site
    request(port, "GET", FAMILY)
    assert request(port, "GET", FAMILY)[1]["X-Cache"] == "HIT"
    status, _headers, _body = request(port, "PURGE", FAMILY, source="127.0.0.2")
    assert status == 403
    assert request(port, "GET", FAMILY)[1]["X-Cache"] == "HIT"  # still kept
    assert request(port, "PURGE", FAMILY)[0] == 200  # from the app's host
    assert request(port, "GET", FAMILY)[1]["X-Cache"] == "MISS"


#: Requests Varnish must pass to the app every time.
PASSED = [
    (FAMILY, {"Cookie": "sessionid=abc"}),
    (FAMILY, {"Cookie": "csrftoken=abc"}),
    (f"{FAMILY}?utm_source=x", {}),
    ("/search/?q=family", {}),
    ("/admin/login/", {}),
]


def test_sessions_the_admin_and_query_strings_pass(varnish_site):
    port, _site = varnish_site
    for path, headers in PASSED:
        for _ in range(2):
            status, response_headers, _body = request(port, "GET", path, headers=headers)
            assert (path, status, response_headers["X-Cache"]) == (path, 200, "MISS")
