"""Wagtail's HTTP purge backend, with deadlines: `FRONTEND_CACHE_VARNISH_URL`'s backend.

Wagtail's `HTTPBackend` sends each PURGE with `urlopen()` and no timeout, and catches only
`HTTPError` and `URLError`. A Varnish that accepts the connection and never answers (overloaded,
or a half-open connection after a network fault) would then hold the purge for ever: in the
task worker (production) every queued task after it waits, publishing included; in the request
(immediate tasks), the editor's publish hangs. A timeout or reset while reading the answer
raises `TimeoutError` or `ConnectionError`, which would end the batch with the rest unsent.

Here every PURGE has `TIMEOUT` seconds (5 unless the backend's settings say otherwise). An
answer other than 2xx is logged and the batch goes on (it concerns that URL). A cache that
cannot be reached, refuses the connection, drops it or lets the deadline pass is given up on
for the rest of the batch, with one log line saying how many URLs were not sent: a change to
the site settings purges every public URL, thousands of them, and waiting out a deadline for
each would hold the task worker for hours. Those pages leave that cache when their
`s-maxage` (`PAGE_CACHE_SECONDS`) runs out, or at once with `manage.py purge_pages`.
The request itself is Wagtail's: same URL rewriting, Host and User-Agent.
"""

import logging
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")
DEFAULT_TIMEOUT = 5.0


class Unreachable(Exception):
    """The cache did not answer: nothing more of this batch is sent to it."""


class VarnishBackend(HTTPBackend):
    def __init__(self, params):
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT))
        super().__init__(params)

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        urls = list(urls)
        for sent, url in enumerate(urls):
            try:
                self.send(url)
            except Unreachable:
                if len(urls) - sent > 1:
                    logger.error(
                        "Gave up purging %s: %d more URLs not sent to it in this batch",
                        f"{self.cache_scheme}://{self.cache_netloc}",
                        len(urls) - sent - 1,
                    )
                return

    def send(self, url: str) -> None:
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
        except HTTPError as error:  # the cache answered: about this URL only
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)
        except OSError as error:  # URLError, timeouts, resets, refusals: about the cache
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)
            raise Unreachable from error
