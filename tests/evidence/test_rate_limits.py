"""Rate limits on search, autocomplete and exports: 429 with `Retry-After` and a readable answer,
per client address, never for editors, and never a 500 when the cache is away (issue 13)."""

import pytest

from django.contrib.auth.models import Group, User
from django.core.cache import caches

from evidence.rate_limits import client_address, in_words
from tests.factories import SourceFactory, StoryIndexPageFactory, make_home_page
from tests.module_data import built_once
from tests.test_settings import load_production

pytestmark = pytest.mark.django_db

LIMIT = 3
#: A day's window: a test never straddles two windows, which would reset the count mid-test.
TEST_RATE = f"{LIMIT}/d"

ENDPOINTS = {
    "search": ("search", "/search/?q=evaluation"),
    "autocomplete": ("autocomplete", "/search/autocomplete/?q=eval"),
    "library csv": ("exports", "/library/library.csv"),
    "library ris": ("exports", "/library/library.ris"),
    "library bibtex": ("exports", "/library/library.bib"),
    "source ris": ("exports", "/library/sources/{slug}/citation.ris"),
    "source bibtex": ("exports", "/library/sources/{slug}/citation.bib"),
    "page ris": ("exports", "/cite/page/{page_id}.ris"),
    "page bibtex": ("exports", "/cite/page/{page_id}.bib"),
}


@pytest.fixture
def small_limits(settings):
    settings.READER_RATE_LIMITS = dict.fromkeys(settings.READER_RATE_LIMITS, TEST_RATE)
    caches["default"].clear()
    return settings


@pytest.fixture(scope="module")
def urls_for_module(django_db_setup, django_db_blocker):
    """A source and a page to ask for, built once for the module (`tests.module_data`): the
    tests only read them, and the tests that do not use them read no content."""
    with built_once(django_db_blocker):
        source = SourceFactory(title="Families first evaluation")
        story = StoryIndexPageFactory(parent=make_home_page())
        yield {
            name: (group, url.format(slug=source.slug, page_id=story.pk))
            for name, (group, url) in ENDPOINTS.items()
        }


@pytest.fixture
def urls(urls_for_module, db):
    return urls_for_module


def use_up(client, url, **extra):
    for _ in range(LIMIT):
        response = client.get(url, **extra)
        assert response.status_code == 200, (url, response.status_code)


def assert_limited(response, group):
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 24 * 60 * 60
    assert "no-store" in response["Cache-Control"]
    if group == "autocomplete":
        data = response.json()
        assert data["retry_after"] == seconds
        assert data["error"].startswith("Too many requests")
    else:
        html = response.content.decode()
        assert "<h1>Too many requests</h1>" in html
        assert f"Please try again in {in_words(seconds)}." in html
        assert "data-quick-exit" in html  # the quick exit stays on every page
        assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("name", ENDPOINTS)
def test_one_request_over_the_limit_is_refused_with_retry_after(name, urls, small_limits, client):
    group, url = urls[name]
    use_up(client, url)
    assert_limited(client.get(url), group)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_another_address_is_not_limited(name, urls, small_limits, client):
    group, url = urls[name]
    use_up(client, url)
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert_limited(client.get(url), group)


@pytest.mark.parametrize("name", ["search", "autocomplete", "library csv", "page ris"])
def test_editors_are_not_limited(name, urls, small_limits, client):
    _, url = urls[name]
    editor = User.objects.create_user("editor", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for _ in range(LIMIT * 2):
        assert client.get(url).status_code == 200


def test_a_logged_in_reader_without_admin_access_is_limited(urls, small_limits, client):
    client.force_login(User.objects.create_user("reader", password="x"))  # noqa: S106
    group, url = urls["search"]
    use_up(client, url)
    assert_limited(client.get(url), group)


def test_exports_share_one_count(urls, small_limits, client):
    client.get(urls["library csv"][1])
    client.get(urls["source ris"][1])
    client.get(urls["page bibtex"][1])
    assert_limited(client.get(urls["library ris"][1]), "exports")
    assert client.get(urls["search"][1]).status_code == 200  # other limits count apart


def test_a_proxy_header_counts_only_when_configured(urls, small_limits, client):
    _, url = urls["search"]
    use_up(client, url)
    # Not configured: a header any client can send changes nothing.
    assert client.get(url, HTTP_X_REAL_IP="198.51.100.7").status_code == 429
    small_limits.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    use_up(client, url, HTTP_X_REAL_IP="198.51.100.7")
    assert client.get(url, HTTP_X_REAL_IP="198.51.100.7").status_code == 429
    assert client.get(url, HTTP_X_REAL_IP="198.51.100.8").status_code == 200


def test_client_address_from_the_trusted_header_or_remote_addr(rf, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    forwarded = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.4", REMOTE_ADDR="127.0.0.1")
    assert client_address("search", forwarded) == "192.0.2.4"  # the proxy's own entry
    for junk in ("", "not-an-address", "999.1.1.1", "\x00", "1.2.3.4/8"):
        request = rf.get("/", HTTP_X_FORWARDED_FOR=junk, REMOTE_ADDR="127.0.0.1")
        assert client_address("search", request) == "127.0.0.1", junk
    ipv6 = rf.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")
    settings.RATELIMIT_IP_META_KEY = None
    assert client_address("search", ipv6) == "2001:db8:1:2::/64"  # one client holds a /64
    assert client_address("search", rf.get("/", REMOTE_ADDR="")) == "unknown"


def test_junk_in_the_trusted_header_is_no_500(urls, small_limits, client):
    small_limits.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    _, url = urls["search"]
    assert client.get(url, HTTP_X_REAL_IP="<script>, 1.2.3.4.5").status_code == 200
    assert client.get(url).status_code == 200  # header missing


def test_an_unreachable_cache_serves_every_request(urls, small_limits, client, caplog):
    """Nothing listens on port 1: Redis refuses the connection, the limit is not checked."""
    small_limits.CACHES = {
        **small_limits.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    small_limits.RATELIMIT_USE_CACHE = "unreachable"
    for name in ("search", "autocomplete", "library csv", "page ris"):
        _, url = urls[name]
        for _ in range(LIMIT + 2):
            assert client.get(url).status_code == 200, name
    assert "Rate limit of exports not checked: the cache is unavailable" in caplog.text


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (45, "45 seconds"),
        (89, "89 seconds"),
        (90, "2 minutes"),
        (3601, "61 minutes"),
        (5400, "2 hours"),
    ],
)
def test_waits_in_words(seconds, words):
    assert in_words(seconds) == words


@pytest.mark.parametrize("rate", ["lots", "0/m"])
def test_a_malformed_rate_in_the_environment_stops_the_start(rate):
    result = load_production(
        SECRET_KEY="a-long-random-enough-secret-key-for-this-check",  # noqa: S106
        ALLOWED_HOSTS="example.org",
        RATELIMIT_SEARCH=rate,
    )
    assert result.returncode != 0
    assert "RATELIMIT_SEARCH must look like 60/m" in result.stderr
