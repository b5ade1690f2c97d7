"""Wagtail's HTTP purge backend, with a deadline: `FRONTEND_CACHE_VARNISH_URL`'s backend.

Wagtail's `HTTPBackend` sends each PURGE with `urlopen()` and no timeout, and catches only
`HTTPError` and `URLError`. A Varnish that accepts the connection and never answers (overloaded,
or a half-open connection after a network fault) would then hold the purge for ever: in the
task worker (production) every queued task after it waits, publishing included; in the request
(immediate tasks), the editor's publish hangs. A timeout or reset while reading the answer
raises `TimeoutError` or `ConnectionError`, which would end the batch with the rest unsent.

Here every PURGE has `TIMEOUT` seconds (5 unless the backend's settings say otherwise), and any
network failure is logged like Wagtail logs an HTTP error, so the batch goes on to the next URL
and the next cache. The request itself is Wagtail's: same URL rewriting, Host and User-Agent.
"""

import logging
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")
DEFAULT_TIMEOUT = 5.0


class VarnishBackend(HTTPBackend):
    def __init__(self, params):
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT))
        super().__init__(params)

    def purge(self, url: str) -> None:
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        target = (self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment)
        request = PurgeRequest(
            url=urlunsplit(target),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            # The scheme is the configured LOCATION's (http or https), never the reader's.
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except OSError as error:  # URLError and HTTPError too; timeouts, resets, refusals
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)
