"""Varnish, started from the shipped `deploy/varnish/default.vcl`, in front of the live site:
the second anonymous request is a hit, a publish purges it, a PURGE from elsewhere is refused,
and sessions, the admin and query strings pass.

Marked `varnish` (needs Debian's varnish and a live server): `make test` leaves it out,
`make test-varnish` and .ci/run run it.
"""

import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from tests.caching.site import FAMILY, HEARING, Site, build_site
from tests.redis_servers import free_port

pytestmark = [
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish" / "default.vcl"
BACKEND_PORT_LINE = '.port = "8000";'
HOST = "localhost"  # the Wagtail site's host name, which purges name


@contextmanager
def varnish_in_front_of(backend_port: int):
    """varnishd in the foreground, in a process group of its own, from the shipped VCL with the
    app's port changed to the live server's; stopped by group however the test ends."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        pytest.fail("varnishd not found: apt-get install -y varnish")
    workdir = Path(tempfile.mkdtemp(prefix="varnish-test-"))
    workdir.chmod(0o755)  # varnishd's worker runs as the varnish user
    vcl_text = VCL.read_text()
    assert BACKEND_PORT_LINE in vcl_text
    vcl = workdir / "default.vcl"
    vcl.write_text(vcl_text.replace(BACKEND_PORT_LINE, f'.port = "{backend_port}";'))
    port = free_port()
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            varnishd,
            *("-F", "-n", str(workdir / "state"), "-f", str(vcl)),
            *("-a", f"127.0.0.1:{port}", "-T", "127.0.0.1:0", "-s", "malloc,32m"),
        ],
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request(port, "GET", "/robots.txt")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log_text = (workdir / "varnishd.log").read_text()
                    pytest.fail(f"varnishd did not start:\n{log_text}")
                time.sleep(0.2)
        yield port
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def request(port: int, method: str, path: str, *, source: str = "127.0.0.1", headers=None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(method, path, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def varnish(live_server, settings):
    site = build_site()
    with varnish_in_front_of(int(live_server.url.rsplit(":", 1)[1])) as port:
        settings.PAGE_CACHE_ALIAS = "default"
        settings.WAGTAILFRONTENDCACHE = {
            "app": {"BACKEND": "caching.pages.PageCacheBackend"},
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            },
        }
        yield port, site


def test_varnish_keeps_anonymous_pages_until_a_publish_purges_them(varnish):
    port, site = varnish
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


def test_purge_is_refused_from_other_hosts(varnish):
    port, _site = varnish
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


def test_sessions_the_admin_and_query_strings_pass(varnish):
    port, _site = varnish
    for path, headers in PASSED:
        for _ in range(2):
            status, response_headers, _body = request(port, "GET", path, headers=headers)
            assert (path, status, response_headers["X-Cache"]) == (path, 200, "MISS")
