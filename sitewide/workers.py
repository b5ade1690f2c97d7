"""What gunicorn's master does with the site before forking its workers (`deploy/gunicorn.conf.py`).

Workers forked from a master share its memory until they write to it. Whatever each worker
would otherwise load on its first request is loaded here once, so that it is shared too: every
app's URL patterns and the admin's views they import (Django resolves the first URL against all
of them), the Redis cache's client modules, and the APA style every page's references are
formatted with. Then the master serves one page of each kind to itself (`warm_up`): what Django,
Wagtail and the site build the first time a page is rendered (compiled templates and template
libraries, URL reversal tables, model and block metadata, Wagtail's specific-page lookups) is
built once, here, instead of in every worker after the fork, where each copy is private. Then
the collector runs and `gc.freeze()` moves everything alive into the permanent generation, which
the collector never walks, so it does not write to (and copy) the shared pages.

Measured (README "Benchmarks"): the memory only a worker holds 107 MB without a shared master,
52 MB with the site imported in it, 32-36 MB with the modules and style loaded, 22-24 MB with the
warm-up too (28 MB on a mix of pages); and workers answer their first request as fast as their
thousandth.

The warm-up reads PostgreSQL and Redis, so the master connects to them for a moment: every
connection is closed, and the cache objects dropped, before any worker is forked, so no socket
or per-process cache state (`storyofprogress.cache`'s outage window) is shared with a worker.
A warm-up that fails (a database not up yet) is logged and cut short; the workers then start
cold, as they did before, and the site is served all the same.
"""

import gc
import io
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.models import Min
from django.http.request import validate_host
from django.urls import get_resolver, reverse

from wagtail.models import Page, Site

from evidence.bibliography import load_style
from evidence.models import EvidenceSnippet

logger = logging.getLogger(__name__)

#: The listings every reader can open, by URL name.
LISTINGS = (
    "evidence:index",
    "evidence:source_index",
    "evidence:organisation_index",
    "indicators:index",
    "library:index",
)
#: Any word does: the search is run for its code, not its results.
SEARCH_QUERY = "q=progress"
#: Sent with every other warm-up request: a request with a query string is neither answered
#: from nor kept in the page cache (`caching.pages`), so the page is rendered, not looked up.
NOT_FROM_THE_PAGE_CACHE = "warm-up"


def before_fork(application: Callable) -> None:
    """`application`: the WSGI callable gunicorn's workers will serve (loaded in the master)."""
    get_resolver().url_patterns  # noqa: B018 (importing them is the point)
    caches["default"]  # noqa: B018
    load_style()
    warm_up(application)
    gc.collect()
    gc.freeze()


def warm_up(application: Callable) -> list[tuple[str, int]]:
    """Serve the home page, a live page of each page type, each listing, the first live item of
    each kind of evidence and a search through `application`, as an anonymous reader over
    HTTPS; return each path with its status. Stops at the first error; always leaves no
    database connection open and no cache object behind."""
    started = time.perf_counter()
    served: list[tuple[str, int]] = []
    try:
        host = warm_up_host()
        if host is None:
            logger.info("No warm-up: no host in ALLOWED_HOSTS to send requests to")
            return served
        for path, query in warm_up_requests():
            status = serve(application, host, path, query)
            served.append((path, status))
            if status >= 500:
                logger.warning("Warm-up stopped: %s answered %s", path, status)
                break
    except Exception:  # noqa: BLE001 (a database not up yet: the workers start cold, that is all)
        logger.warning("Warm-up stopped", exc_info=True)
    finally:
        forget_connections()
    logger.info("Warmed up: %d requests in %.2f s", len(served), time.perf_counter() - started)
    return served


def warm_up_host() -> str | None:
    """The default site's host name if the site is served under it, else the first host name
    ALLOWED_HOSTS names exactly (not a pattern), else None."""
    default_site = Site.objects.filter(is_default_site=True).first()
    if default_site and validate_host(default_site.hostname, settings.ALLOWED_HOSTS):
        return default_site.hostname
    exact = (host for host in settings.ALLOWED_HOSTS if host and host[0] not in "*.")
    return next(exact, None)


def warm_up_requests() -> Iterator[tuple[str, str]]:
    """(path, query string) of each request to warm up with, found in a handful of queries."""
    seen = set()
    for path, query in possible_requests():
        if path not in seen:
            seen.add(path)
            yield path, query


def possible_requests() -> Iterator[tuple[str, str]]:
    yield "/", NOT_FROM_THE_PAGE_CACHE
    for page in one_live_page_of_each_type():
        url_parts = page.get_url_parts()
        if url_parts is not None:
            yield url_parts[2], NOT_FROM_THE_PAGE_CACHE
    for name in LISTINGS:
        yield reverse(name), NOT_FROM_THE_PAGE_CACHE
    for model in apps.get_models():
        if issubclass(model, EvidenceSnippet):
            first = model.objects.live().order_by("pk").first()
            if first is not None:
                yield first.public_url, NOT_FROM_THE_PAGE_CACHE
    yield reverse("search"), SEARCH_QUERY


def one_live_page_of_each_type() -> list[Page]:
    """The first live, public page (in tree order) of each page type, below the root."""
    first_paths = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by()  # grouped by page type alone
        .values("content_type")
        .annotate(first=Min("path"))
        .values_list("first", flat=True)
    )
    return list(Page.objects.filter(path__in=list(first_paths)).order_by("path"))


def serve(application: Callable, host: str, path: str, query: str) -> int:
    """One GET through the WSGI application, its body read and discarded; its status code."""
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",  # so production's redirect to HTTPS does not answer instead
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    statuses: list[str] = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(statuses[0].split()[0])


def forget_connections() -> None:
    """Close every database connection and drop every cache object this process made, so that a
    process forked from it starts with none (each makes its own on first use)."""
    connections.close_all()
    for cache in caches.all(initialized_only=True):
        if hasattr(cache, "disconnect"):  # storyofprogress.cache.RedisCache
            cache.disconnect()
    for alias in caches:
        with suppress(AttributeError):  # an alias this process never used
            del caches[alias]
