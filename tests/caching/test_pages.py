"""Anonymous readers are served public pages from the page cache (`caching/pages.py`); nobody
with a session, a form's token, a preview or a query string ever is, and every response says
who may keep it."""

import pytest

from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import PageViewRestriction

from caching import pages
from tests.caching.site import CACHED_URLS, FAMILY, HEARING, Site
from tests.redis_servers import redis_cache, shared_redis_url

PUBLIC = "public, max-age=0, s-maxage=3600"


def cache_control(response) -> set[str]:
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("url", CACHED_URLS)
def test_the_second_anonymous_request_is_served_from_the_cache(
    url, site, page_cache, client, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert cache_control(second) == cache_control(first) == set(PUBLIC.split(", "))
    assert "Content-Security-Policy" in second  # added fresh to each response


def test_pages_are_shared_through_redis(site, page_cache, client, settings):
    """With Redis as the cache (as in production) another worker, here a fresh cache
    connection, serves the kept page without a query."""
    with shared_redis_url(db=12) as url:
        settings.CACHES = {"default": redis_cache(url)}
        from django.core.cache import caches

        caches["default"].clear()
        assert client.get(FAMILY)["X-Page-Cache"] == "miss"
        settings.CACHES = {"default": redis_cache(url)}  # new connections, as another process
        assert client.get(FAMILY)["X-Page-Cache"] == "hit"
        caches["default"].clear()


def test_signed_in_people_are_never_served_from_the_cache_nor_fill_it(
    site, page_cache, client, admin_user
):
    client.get(FAMILY)  # kept for anonymous readers
    client.force_login(admin_user)
    signed_in = client.get(FAMILY)
    assert "X-Page-Cache" not in signed_in
    assert {"private", "no-store"} <= cache_control(signed_in)
    assert b"wagtail-userbar" in signed_in.content
    client.logout()
    client.cookies.clear()
    anonymous = client.get(FAMILY)
    assert anonymous["X-Page-Cache"] == "hit"
    assert b"wagtail-userbar" not in anonymous.content


@pytest.mark.parametrize("cookie", ["csrftoken", "sessionid", "messages"])
def test_a_reader_with_a_session_or_a_form_token_is_not_served_from_the_cache(
    cookie, site, page_cache, client
):
    client.get(HEARING)
    client.cookies[cookie] = "x"
    response = client.get(HEARING)
    assert "X-Page-Cache" not in response
    assert {"private", "no-store"} <= cache_control(response)


def test_previews_and_the_admin_are_private(site, page_cache, client, admin_user):
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{site.family}/edit/preview/?mode=")
    admin = client.get("/admin/")
    for response in (preview, admin):
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.parametrize(
    "url",
    [
        f"{FAMILY}?utm_source=x",
        "/evidence/sources/?type=report",
        "/library/?year=2024",
        "/search/?q=family",
        "/library/library.csv",  # rate-limited exports are counted every time
        "/search/autocomplete/?q=fam",
    ],
)
def test_query_strings_searches_and_exports_are_not_kept(url, site, page_cache, client):
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "no-store" in cache_control(response)


def test_a_restricted_page_is_never_kept(site, page_cache, client):
    """Wagtail answers a password-protected page with its form, which sets a CSRF cookie; a
    page for one group, with a redirect to the login page."""
    password = Site.page(site.family)
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    groups = PageViewRestriction.objects.create(
        page=Site.page(site.education), restriction_type=PageViewRestriction.GROUPS
    )
    groups.groups.set([Group.objects.create(name="Readers")])
    for url, status in ((FAMILY, 200), ("/story-of-progress/experiences/education/", 302)):
        client.get(url)
        response = client.get(url)
        assert response.status_code == status
        assert "X-Page-Cache" not in response


def test_a_missing_page_is_not_kept(site, page_cache, client):
    client.get("/story-of-progress/nowhere/")
    response = client.get("/story-of-progress/nowhere/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response
    assert "no-store" in cache_control(response)


def test_a_head_request_is_answered_from_the_cache(site, page_cache, client):
    client.get(FAMILY)
    response = client.head(FAMILY)
    assert response["X-Page-Cache"] == "hit"


def test_without_an_app_cache_pages_still_say_who_may_keep_them(site, client, settings):
    """Test settings keep no pages (`PAGE_CACHE_ALIAS = None`), as with `APP_PAGE_CACHE=0`
    behind a Varnish or CDN: the headers for those caches are still sent."""
    assert settings.PAGE_CACHE_ALIAS is None
    response = client.get(FAMILY)
    assert "X-Page-Cache" not in response
    assert cache_control(response) == set(PUBLIC.split(", "))


def test_what_a_request_leaves_in_redis_expires_and_uncacheable_paths_leave_nothing(
    site, page_cache, client, settings
):
    """Every generation key expires (a scanner's made-up URLs must not stay in Redis for
    ever), a purged path's too; a view that is never kept (the admin's sign-in page) leaves no
    key at all, though its lookup ran before the URL was resolved."""
    with shared_redis_url(db=12) as url:
        settings.CACHES = {"default": redis_cache(url)}
        from django.core.cache import caches

        cache = caches["default"]
        cache.clear()
        raw = cache._cache.get_client()

        def page_keys():
            return [key for key in raw.keys("*") if b":page:" in key]

        assert Client().get("/admin/login/").status_code == 200  # it sets a CSRF cookie
        assert page_keys() == []
        assert client.get("/story-of-progress/made-up/").status_code == 404
        assert client.get(FAMILY)["X-Page-Cache"] == "miss"
        keys = page_keys()
        assert len(keys) == 3  # two paths' generations and one kept page
        assert all(0 < raw.ttl(key) <= settings.PAGE_CACHE_SECONDS for key in keys)
        pages.forget_paths([FAMILY])
        assert all(0 < raw.ttl(key) <= settings.PAGE_CACHE_SECONDS for key in page_keys())
        assert client.get(FAMILY)["X-Page-Cache"] == "miss"
        cache.clear()
