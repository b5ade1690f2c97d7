"""Talking to servers a test started (gunicorn, Varnish) over HTTP, as a reader's browser does.

The servers themselves are started by `benchmarks.servers`, shared with the benchmarks; here a
server that does not come up fails the test with its log, and requests name the Wagtail site's
host (`localhost`), which is what the app's purges name too.
"""

import http.client
from contextlib import ExitStack, contextmanager

import pytest

from benchmarks.servers import ServerError, varnish

HOST = "localhost"  # the test sites' host name (tests.factories.make_home_page)


@contextmanager
def varnish_in_front_of(backend_port: int, *, port: int | None = None):
    """varnishd from the shipped VCL in front of the app on `backend_port`, listening on `port`
    (free if not given), stopped by process group however the test ends."""
    with ExitStack() as stack:
        try:
            port = stack.enter_context(varnish(backend_port, port=port))
        except ServerError as error:
            pytest.fail(str(error))
        yield port


def request(port: int, method: str, path: str, *, source="127.0.0.1", headers=None, body=None):
    """(status, headers, body) of one request to 127.0.0.1:`port` from address `source`; the
    headers are an `email.message.Message` (case-insensitive, `get_all` for Set-Cookie)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()
