"""Rate limits on what readers can ask for in bulk: search, autocomplete and exports (issue 13).

Each is counted per client address by django-ratelimit in the default cache (Redis in
production, so every worker shares the count), at the rates in `settings.READER_RATE_LIMITS`.
Over the limit a reader gets 429 with `Retry-After`: a page saying when to try again, or JSON for
scripts. It lives here, in the lowest layer, because search, the library and "Cite this page"
all use it; it is the one place that decides who is limited and what they are told.
"""

import ipaddress
import logging
from functools import wraps

from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

#: What a cache that cannot be reached raises: Redis's own errors, or the socket's.
CACHE_ERRORS = (RedisError, OSError)
#: An IPv6 client usually holds a whole /64: counting each of its addresses apart would let it
#: change address to escape the limit.
IPV6_PREFIX = 64


def client_address(group: str, request) -> str:
    """The address a request is counted under.

    `REMOTE_ADDR`, unless `RATELIMIT_IP_META_KEY` names a header a trusted proxy sets (such as
    `HTTP_X_REAL_IP`): trusting a header by default would let any client choose its own count.
    Of a list (`X-Forwarded-For`), the last address is the one the trusted proxy added. A value
    that is not an address falls back to `REMOTE_ADDR`, never to an error.
    """
    candidates = []
    header = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    if header:
        candidates.append(request.META.get(header, "").rsplit(",", 1)[-1])
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate.strip())
        except ValueError:
            continue
        if address.version == 6:
            return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
        return str(address)
    return "unknown"


def is_exempt(request) -> bool:
    """People who can use the admin (editors checking exports, reviewers) are never limited."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def seconds_to_wait(request, group: str) -> int | None:
    """Counts this request; the seconds before the client may ask again, or None if it may now.

    If the cache cannot count (Redis down), the request is served: limits protect the site
    from scripts, and refusing every reader because the cache is away would do the scripts'
    work for them. `RATELIMIT_FAIL_OPEN` covers a cache that answers but cannot count;
    `CACHE_ERRORS` one that cannot be reached (django-ratelimit lets those propagate).
    """
    if is_exempt(request):
        return None
    try:
        usage = get_usage(
            request,
            group=f"readers:{group}",
            key=client_address,
            rate=settings.READER_RATE_LIMITS[group],
            increment=True,
        )
    except CACHE_ERRORS:
        logger.warning("Rate limit of %s not checked: the cache is unavailable", group)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)


def in_words(seconds: int) -> str:
    """A wait as a person says it, rounded up: "1 second", "45 seconds", "2 minutes", "3 hours"."""
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 90 * 60:
        return f"{-(-seconds // 60)} minutes"
    return f"{-(-seconds // 3600)} hours"


def too_many_requests(request, group: str, seconds: int, *, as_json: bool):
    message = f"Too many requests from your address. Try again in {in_words(seconds)}."
    if as_json:
        response = JsonResponse({"error": message, "retry_after": seconds}, status=429)
    else:
        context = {"group": group, "wait": in_words(seconds), "retry_after": seconds}
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def rate_limited(group: str, *, as_json: bool = False):
    """View decorator: counts each request in `group` ("search", "autocomplete", "exports")
    and answers 429 over `settings.READER_RATE_LIMITS[group]`."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            seconds = seconds_to_wait(request, group)
            if seconds is not None:
                return too_many_requests(request, group, seconds, as_json=as_json)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator
