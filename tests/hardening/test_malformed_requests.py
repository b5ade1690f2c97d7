"""Bad input never 500s: a few hundred malformed requests against every public URL pattern
and page type, none of which may answer 5xx.

The requests are generated from the public site (`tests.hardening.public_site`): every query
parameter a public view reads gets Unicode digits, control characters, overlong and invalid
percent-encoded values, repeated and array forms; every path parameter the same; and every URL
odd methods. An exception shows as a 500 (`raise_request_exception=False`) and the failure
names the request and the exception.
"""

import pytest

from django.test import Client

from tests.hardening.public_site import (
    build_public_site,
    creatable_page_types,
    page_examples,
    public_routes,
    route_examples,
)
from tests.module_data import built_once

#: Every query parameter a public view reads (ours and Wagtail's).
PARAMETERS = (
    "q",
    "page",
    "p",
    "kind",
    "section",
    "vision",
    "foundation",
    "organisation",
    "type",
    "year",
    "sort",
    "next",
    "return_url",
    "password",
)
#: The read API's parameters (Wagtail's and ours). The API refuses a parameter it does not know
#: before it reads any other, so these are sent to its listings one at a time.
API_PARAMETERS = (
    "search",
    "offset",
    "limit",
    "fields",
    "order",
    "type",
    "child_of",
    "descendant_of",
    "id",
    "title",
    "slug",
    "year",
    "resource_type",
    "organisation",
    "kind",
    "vision_statement",
)
API_LISTINGS = (
    "/api/v2/pages/",
    "/api/v2/sources/",
    "/api/v2/organisations/",
    "/api/v2/indicators/",
)
#: Bad values by kind, as they appear in a query string (raw Unicode is sent as UTF-8, as
#: browsers send it).
BAD_VALUES = {
    "unicode digits": ("²", "①", "٣", "²³", "%C2%B2", "%D9%A3%D9%A3"),
    "control characters": ("%00", "a%00b", "%0B", "%1B%5B31m", "%7F", "%C2%85", "%08%0C"),
    "overlong": ("x" * 10_000, "9" * 30, "%C2%B2" * 2_000),
    "odd numbers": ("-1", "0", "1e3", "%201%20", "1_000", "+1", "0x1F", "NaN"),
    "invalid percent-encoding": ("%ZZ", "%C3%28", "%", "%FF%FE", "%ED%A0%80", "%E2%82"),
    "markup and paths": ("..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", "'%22", "%0D%0ASet-Cookie:x"),
}
#: Repeated and array parameters, as PHP-style forms and hand-edited links send them.
REPEATED = (
    "&".join(f"{name}=1&{name}=2" for name in PARAMETERS),
    "&".join(f"{name}[]=x&{name}[]=2020" for name in PARAMETERS),
    "&".join(f"{name}[a][b]=1" for name in PARAMETERS),
    "&&&=&==&page&%ZZ=1&%00=%00",
)
#: What replaces a path parameter (a slug, an id, a file name, a page path).
BAD_SEGMENTS = ("%C2%B2", "%D9%A3", "%00", "%0B", "%ZZ", "%C3%28", "9" * 30, "-1", "x" * 10_000)
ODD_METHODS = ("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "HEAD", "POST")
#: Per URL: the repeated forms, methods and bad segments (per path parameter) it gets. The
#: choice rotates from URL to URL, so all of them are sent, to different URLs, while the whole
#: test stays at a few hundred requests.
REPEATED_PER_URL, METHODS_PER_URL, SEGMENTS_PER_PARAMETER = 2, 3, 3


@pytest.fixture(scope="module")
def site_for_module(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        yield build_public_site()


@pytest.fixture
def public_site(site_for_module, db, settings):
    # The tests' in-memory storage claims a local path that does not exist: documents are
    # served as storages without one serve them, by a redirect, after the view's checks.
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    return site_for_module


def working_urls(site) -> list[tuple[str, str, dict[str, str]]]:
    """(URL, template, path values) for every public pattern and page type."""
    urls = [
        (template.format(**values), template, values)
        for template, values in route_examples(site).values()
    ]
    urls += [(url, "{page}", {"page": url}) for url in page_examples(site).values()]
    return urls


def rotated(values: tuple, start: int, count: int) -> list:
    return [values[(start + i) % len(values)] for i in range(count)]


def bad_queries(url_index: int) -> list[str]:
    """Query strings in which every parameter meets every kind of bad value: in request r,
    parameter j gets kind (r + j), each kind's value chosen by the URL."""
    kinds = list(BAD_VALUES.values())
    return [
        "&".join(
            f"{name}={rotated(kinds[(r + j) % len(kinds)], url_index + j, 1)[0]}"
            for j, name in enumerate(PARAMETERS)
        )
        for r in range(len(kinds))
    ]


def malformed_requests(site):
    """(method, URL, form data) for every malformed request."""
    for index, (url, template, values) in enumerate(working_urls(site)):
        for query in bad_queries(index) + rotated(REPEATED, index, REPEATED_PER_URL):
            yield "GET", f"{url}?{query}", None
        for method in rotated(ODD_METHODS, index * METHODS_PER_URL, METHODS_PER_URL):
            yield method, f"{url}?page=%C2%B2&q=%00", {"password": "\x00²", "q": "x" * 10_000}
        for name in values:
            for segment in rotated(BAD_SEGMENTS, index * SEGMENTS_PER_PARAMETER, 3):
                if template == "{page}":
                    yield "GET", f"{url}{segment}/", None
                else:
                    yield "GET", template.format(**{**values, name: segment}), None


def send(client: Client, method: str, url: str, data):
    if method == "POST":
        return client.post(url, data or {})
    if method == "GET" or data is None:
        return client.generic(method, url)
    return client.generic(method, url, data=b"password=%00", content_type="text/plain")


@pytest.mark.django_db
def test_every_public_pattern_and_page_type_is_covered(public_site):
    """A new URL pattern or page type must be added to `tests.hardening.public_site`."""
    assert set(public_routes()) == set(route_examples(public_site))
    assert creatable_page_types() == set(page_examples(public_site))


@pytest.mark.django_db
def test_the_working_urls_work(public_site):
    """Otherwise the malformed requests would only ever meet 404s."""
    client = Client()
    for url, _template, _values in working_urls(public_site):
        status = client.get(url).status_code
        assert status < 400 or url.endswith("no-such-page/"), (url, status)


@pytest.mark.django_db
def test_no_malformed_request_answers_5xx(public_site):
    client = Client(raise_request_exception=False)
    requests = list(malformed_requests(public_site))
    assert len(requests) > 300
    failures = []
    for method, url, data in requests:
        response = send(client, method, url, data)
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else "no exception"
            failures.append(f"{method} {url[:160]} -> {response.status_code}: {error!r:.300}")
    assert not failures, f"{len(failures)} of {len(requests)} requests failed:\n" + "\n".join(
        failures
    )


@pytest.mark.django_db
def test_no_malformed_api_parameter_answers_5xx(public_site):
    """Each API listing with each of its parameters alone, given a value of each bad kind (an
    offset past what PostgreSQL counts, or U+0000 in a search, was a 500 there)."""
    client = Client(raise_request_exception=False)
    failures, sent = [], 0
    for listing_index, listing in enumerate(API_LISTINGS):
        for index, name in enumerate(API_PARAMETERS):
            for kind in BAD_VALUES.values():
                value = rotated(kind, listing_index + index, 1)[0]
                response = client.get(f"{listing}?{name}={value}")
                sent += 1
                if response.status_code >= 500:
                    error = response.exc_info[1] if response.exc_info else "no exception"
                    failures.append(f"{listing}?{name}={value[:40]} -> {error!r:.200}")
    assert not failures, f"{len(failures)} of {sent} requests failed:\n" + "\n".join(failures)
