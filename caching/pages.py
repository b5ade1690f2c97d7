"""Whole public pages for anonymous readers, kept in the shared cache and purged on publish.

A reader with no session pays for a page once per change instead of once per request: the
response is kept in Django's default cache (Redis in production, shared by every worker and
host) and served from there, before sessions, authentication or the database are touched.
Purges go through Wagtail's frontend cache (`wagtail.contrib.frontend_cache`): this module's
`PageCacheBackend` is one of its backends, beside Varnish or a CDN when the environment names
them, so one purge batch (`caching.purges`) reaches every cache in front of the site.

Why not an existing page cache: wagtail-cache requires Wagtail < 8; Django's cache middleware
keys each entry by the request's `Vary` headers (every reader's cookies, so no sharing once
any cookie is set) and cannot forget one URL. What is used is theirs: Django's cache API and
`patch_cache_control`, Wagtail's purge batches and backends.

What is kept, and for whom (one rule, `PageCacheMiddleware`):

- GET and HEAD of the views in `CACHEABLE_VIEWS` (pages, evidence pages and indexes, the
  library, feeds, sitemap), without a query string: a filtered or paged listing, a search, has
  too many variants to purge by URL, so it is rendered each time. Rate-limited views (search,
  exports) are not cached, so each request still counts.
- From a request with no session, CSRF or messages cookie and no `Authorization`: logged-in
  people, previews (in the admin) and anyone who has been shown a form are never served from it.
- A 200 response that sets no cookie and did not opt out with its own `Cache-Control`.

Such a response says `Cache-Control: public, max-age=0, s-maxage=PAGE_CACHE_SECONDS`: shared
caches keep it until purged (or that long), browsers check again each time. Every other
response without a `Cache-Control` of its own gets Django's never-cache headers (`private`,
`no-store`): the admin, personal pages, searches, anything that could not be purged.

Each entry carries the per-path *generation* it was kept under: purging a path moves it on,
which makes the entries of that path on every host name unreadable at once; a request reads the
generation (with the entry, in one round trip) before it renders, so a page rendered from data a
publish is about to replace is kept under the old generation and never read. `X-Page-Cache:
hit` or `miss` says what happened.
"""

import hashlib
import time
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

#: URL names whose GET responses are the same for every anonymous reader.
CACHEABLE_VIEWS = frozenset(
    {
        "wagtail_serve",  # a restricted page answers with a form (sets a cookie) or a redirect
        "evidence:index",
        "evidence:source_index",
        "evidence:source_detail",
        "evidence:organisation_index",
        "evidence:organisation_detail",
        "indicators:index",
        "indicators:detail",
        "library:index",
        "sitemap",
        "updates_rss",
        "updates_atom",
    }
)
HEADER = "X-Page-Cache"
#: The cookie django.contrib.messages keeps undelivered messages in.
MESSAGES_COOKIE = "messages"
VERSION = 2  # 2: the entry carries the generation it was kept under
#: Cache-Control directives with which a view says its response is not for a shared cache.
OPT_OUTS = ("private", "no-store", "no-cache")


def page_cache():
    """The cache pages are kept in, or None (development, tests, or `APP_PAGE_CACHE=0`)."""
    alias = getattr(settings, "PAGE_CACHE_ALIAS", None)
    return caches[alias] if alias else None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def generation_key(path: str) -> str:
    return f"page:v{VERSION}:generation:{digest(path)}"


def start_generation(cache, path: str) -> int | None:
    """A generation for a path the lookup found none for, started from the clock (so that an
    entry filed under a generation the cache forgot can never be read again), or the one another
    request or a purge set meanwhile (`add` leaves it and it is read back); None while the cache
    is unavailable.

    A generation lasts as long as a kept page (`PAGE_CACHE_SECONDS`), so a path asked for once
    (a scanner's made-up URL) does not stay in Redis for ever. Its expiry only costs a render:
    every entry kept under it expires no later, and the next generation is started from the
    clock, so it never equals an earlier one."""
    key = generation_key(path)
    cache.add(key, time.time_ns(), timeout=settings.PAGE_CACHE_SECONDS)
    return cache.get(key)


def forget_paths(paths) -> None:
    """Make every kept response for these paths unreadable, on every host name (one round trip)."""
    cache = page_cache()
    if cache is not None and paths:
        now = time.time_ns()
        timeout = settings.PAGE_CACHE_SECONDS  # every entry kept before now expires by then
        cache.set_many({generation_key(path): now for path in paths}, timeout=timeout)


def personal(request) -> bool:
    """A request from someone the site may know: a session, a CSRF token, undelivered messages
    or credentials. Without a session cookie nobody is signed in, so no query is needed."""
    cookies = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, MESSAGES_COOKIE)
    return "HTTP_AUTHORIZATION" in request.META or any(name in request.COOKIES for name in cookies)


def cacheable_view(request) -> bool:
    try:
        return resolve(request.path_info).view_name in CACHEABLE_VIEWS
    except Resolver404:
        return False


def anonymous_read(request) -> bool:
    """A GET or HEAD without a query string from someone the site does not know: what may be
    answered from the page cache (an entry exists only for a view in `CACHEABLE_VIEWS`)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not personal(request)
    )


def cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in cache_control for directive in OPT_OUTS)
    )


class Lookup(NamedTuple):
    key: str
    generation: int | None  # None: the path has none yet (or the cache is away)
    kept: tuple | None  # (status, headers, content), if kept under the current generation
    path: str


class PageCacheMiddleware:
    """Serves anonymous readers' pages from the page cache and says who may keep what.

    Placed before sessions (settings), so a hit costs no session, user or database work; after
    `SecurityMiddleware` and the Content-Security-Policy, whose headers every response gets
    fresh. It sees the response after the inner middleware, cookies included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not anonymous_read(request):
            return self.never_cached(self.get_response(request))
        cache = page_cache()
        found = self.lookup(cache, request) if cache is not None else None
        if found is not None and found.kept is not None:
            # Only a cacheable view's response was ever kept, so a hit needs no URL resolving
            # (a seventh of a hit's time): the check below runs on a miss.
            response = self.rebuild(found.kept)
            response[HEADER] = "hit"
            return response
        if not cacheable_view(request):
            return self.never_cached(self.get_response(request))
        if found is not None and found.generation is None:
            found = self.started(cache, found)
        response = self.get_response(request)
        if not cacheable_response(response):
            return self.never_cached(response)
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
        if found is not None:
            response[HEADER] = "miss"
            if request.method == "GET":
                entry = (found.generation, *self.kept(response))
                cache.set(found.key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def lookup(cache, request) -> "Lookup | None":
        """The entry for the request's path and host, and the path's generation, read in one
        round trip; the entry counts only if it was kept under the current generation (a purge
        moves it on). None while the cache is unavailable."""
        path = request.path
        where = digest(f"{request.scheme}://{request.get_host()}")
        key = f"page:v{VERSION}:{digest(path)}:{where}"
        values = cache.get_many([generation_key(path), key])
        current = values.get(generation_key(path))
        if current is None:  # a path never read, or a cache that forgot it (or is away)
            return Lookup(key, None, None, path)
        entry = values.get(key)
        kept = entry[1:] if entry is not None and entry[0] == current else None
        return Lookup(key, current, kept, path)

    @staticmethod
    def started(cache, found: "Lookup") -> "Lookup | None":
        """A generation for a cacheable path that had none, before its page is rendered (so a
        publish during the render makes the entry unreadable); None while the cache is away."""
        current = start_generation(cache, found.path)
        return None if current is None else found._replace(generation=current)

    @staticmethod
    def kept(response) -> tuple:
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        return response.status_code, headers, response.content

    @staticmethod
    def rebuild(kept: tuple) -> HttpResponse:
        status, headers, content = kept
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    @staticmethod
    def never_cached(response):
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class PageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend for the app's own page cache (`WAGTAILFRONTENDCACHE`):
    a purge of a URL forgets its path, whatever host name the page was served under."""

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        forget_paths({unquote(urlsplit(url).path) for url in urls})
