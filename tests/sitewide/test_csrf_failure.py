"""A form posted without its CSRF token gets the site's own 403 page (`sitewide.views.
csrf_failure`): what happened and what to do, in the site's look, never kept by a cache."""

import pytest

from django.test import Client

from tests.factories import make_home_page

pytestmark = pytest.mark.django_db

SEARCH = "/search/"  # any URL: the check runs before the view


@pytest.fixture
def site():
    return make_home_page()


def assert_site_page(response):
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>Your form could not be sent</h1>" in html
    assert "data-quick-exit" in html  # the site's layout, quick exit included
    assert "<style" not in html  # nothing the Content-Security-Policy would block
    assert "CSRF" not in html  # no jargon for readers
    return html


def test_a_form_without_the_cookie_says_to_allow_cookies(site):
    client = Client(enforce_csrf_checks=True)
    html = assert_site_page(client.post(SEARCH, {"q": "care"}))
    assert "allow cookies" in html


def test_a_form_with_a_stale_token_says_to_reload(site):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "x" * 32
    html = assert_site_page(client.post(SEARCH, {"q": "care", "csrfmiddlewaretoken": "y" * 32}))
    assert "go back, reload the page and try again" in html
