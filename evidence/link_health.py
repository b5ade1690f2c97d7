"""Checks that every live source's URL and DOI still lead somewhere (`check_source_links`).

Politely: a HEAD first (no body), a GET only when the HEAD fails (many servers refuse HEAD or
answer it wrongly), a time limit on each request, a bound on requests in flight overall and to
any one host (most sources live on a few government and charity sites, which should not see a
burst), and a User-Agent that says who is asking and why. Redirects are followed one hop at a
time so each hop is recorded; a URL that now redirects still works but is reported as moved,
so an editor can update it. A DOI always redirects (doi.org sends readers to the publisher), so
for a DOI only where it ends matters.

Uses `requests` (through Wagtail's own dependency), with a session per thread.
"""

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from evidence.models import Source, SourceLink

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 10
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass
class Outcome:
    """What one address answered: its status in words for editors, and the hops it took."""

    status: str
    http_status: int | None = None
    problem: str = ""
    final_url: str = ""
    redirects: list = field(default_factory=list)


@dataclass(frozen=True)
class Address:
    source_id: int
    kind: str
    address: str  # as the editor gave it
    url: str  # what is requested

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


def user_agent() -> str:
    return settings.LINK_CHECK_USER_AGENT


def addresses_of(sources: Iterable[Source]) -> list[Address]:
    """Each source's URL and DOI, as requests to make."""
    resolver = settings.LINK_CHECK_DOI_RESOLVER
    found = []
    for source in sources:
        if source.url:
            found.append(Address(source.pk, SourceLink.Kind.URL, source.url, source.url))
        if source.doi:
            found.append(
                Address(source.pk, SourceLink.Kind.DOI, source.doi, resolver + source.doi.strip())
            )
    return found


def follow(session: requests.Session, method: str, url: str, timeout: float):
    """The final response of `method` on `url`, following redirects one hop at a time; with
    the hops as [status, location]. Raises requests' errors as they come."""
    hops = []
    for _ in range(MAX_REDIRECTS + 1):
        response = session.request(method, url, timeout=timeout, allow_redirects=False, stream=True)
        response.close()  # the body is never needed, only the answer
        location = response.headers.get("Location")
        if response.status_code not in REDIRECT_STATUSES or not location:
            return response, hops
        url = urljoin(url, location)
        hops.append([response.status_code, url])
    raise requests.TooManyRedirects(f"More than {MAX_REDIRECTS} redirects")


def problem_in_words(error: Exception, timeout: float) -> str:
    if isinstance(error, requests.Timeout):
        return f"No answer within {timeout:g} seconds"
    if isinstance(error, requests.TooManyRedirects):
        return f"More than {MAX_REDIRECTS} redirects"
    if isinstance(error, requests.exceptions.SSLError):
        return "The site's certificate is not valid"
    if isinstance(error, requests.ConnectionError):
        return "The site could not be reached"
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return "Not a web address that can be requested"
    return f"The request failed ({type(error).__name__})"


def check(session: requests.Session, address: Address, timeout: float) -> Outcome:
    """HEAD, then GET if the HEAD did not end in a success."""
    outcome = None
    for method in ("HEAD", "GET"):
        try:
            response, hops = follow(session, method, address.url, timeout)
        except requests.RequestException as error:
            outcome = Outcome(SourceLink.Status.BROKEN, problem=problem_in_words(error, timeout))
            continue
        final_url = response.url if hops else ""
        if response.status_code < 400:
            moved = hops and address.kind == SourceLink.Kind.URL
            status = SourceLink.Status.REDIRECTED if moved else SourceLink.Status.WORKING
            return Outcome(status, response.status_code, "", final_url, hops)
        reason = response.reason or ""
        outcome = Outcome(
            SourceLink.Status.BROKEN,
            response.status_code,
            f"{response.status_code} {reason}".strip(),
            final_url,
            hops,
        )
    return outcome


class HostLimits:
    """At most `per_host` requests in flight to any one host."""

    def __init__(self, per_host: int):
        self._lock = threading.Lock()
        self._per_host = per_host
        self._semaphores = defaultdict(lambda: threading.BoundedSemaphore(self._per_host))

    def slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._semaphores[host]


def check_all(
    addresses: list[Address],
    *,
    timeout: float,
    concurrency: int,
    per_host: int,
    on_result: Callable[[Address, Outcome], None] | None = None,
) -> dict[Address, Outcome]:
    """Checks every address, `concurrency` at a time overall and `per_host` per host."""
    limits = HostLimits(per_host)
    local = threading.local()
    results: dict[Address, Outcome] = {}

    def run(address: Address) -> None:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["User-Agent"] = user_agent()
        with limits.slot(address.host):
            outcome = check(local.session, address, timeout)
        results[address] = outcome
        if on_result:
            on_result(address, outcome)

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="link-check") as pool:
        for future in [pool.submit(run, address) for address in addresses]:
            future.result()
    return results


def record(results: dict[Address, Outcome], source_ids: Iterable[int]) -> None:
    """Saves each outcome beside its source; a failure keeps the time the failing began. Of
    the sources checked (`source_ids`), a check of an address a source no longer has goes."""
    now = timezone.now()
    with transaction.atomic():
        previous = {
            (link.source_id, link.kind): link
            for link in SourceLink.objects.filter(source_id__in=set(source_ids))
        }
        for address, outcome in results.items():
            before = previous.get((address.source_id, address.kind))
            failing_since = None
            if outcome.status == SourceLink.Status.BROKEN:
                still_failing = (
                    before is not None
                    and before.address == address.address
                    and before.failing_since is not None
                )
                failing_since = before.failing_since if still_failing else now
            SourceLink.objects.update_or_create(
                source_id=address.source_id,
                kind=address.kind,
                defaults={
                    "address": address.address,
                    "checked_url": address.url,
                    "status": outcome.status,
                    "http_status": outcome.http_status,
                    "problem": outcome.problem[:300],
                    "final_url": outcome.final_url[:800],
                    "redirects": outcome.redirects,
                    "checked_at": now,
                    "failing_since": failing_since,
                },
            )
        checked = {(a.source_id, a.kind) for a in results}
        stale = [link.pk for key, link in previous.items() if key not in checked]
        SourceLink.objects.filter(pk__in=stale).delete()
