"""Wagtail's password forms for restricted pages and document collections count each attempt
per client address (`sitewide/passwords.py`): a script cannot guess a shared password for ever,
a reader who types it right is let in, and the site's readable 429 says when to try again."""

import pytest

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import StoryIndexPageFactory, make_home_page

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture
def small_limit(settings):
    settings.READER_RATE_LIMITS = {**settings.READER_RATE_LIMITS, "passwords": f"{LIMIT}/d"}
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def restricted_page():
    page = StoryIndexPageFactory(parent=make_home_page(), slug="restricted")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return page, url


@pytest.fixture
def restricted_document():
    private = Collection.get_first_root_node().add_child(name="Private")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    document = get_document_model().objects.create(
        title="Annual report", collection=private, file=ContentFile(b"A report.\n", name="r.txt")
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    return document, url


def assert_limited(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 24 * 60 * 60
    assert "no-store" in response["Cache-Control"]
    assert "So many password attempts have come from your internet address" in (
        response.content.decode()
    )


def test_wrong_guesses_at_a_page_password_are_limited(small_limit, restricted_page, client):
    page, url = restricted_page
    assert url == f"/_util/authenticate_with_password/{url.split('/')[-3]}/{page.pk}/"
    for _ in range(LIMIT):
        response = client.post(url, {"password": "guess", "return_url": page.url})
        assert response.status_code == 200  # the form again, with its error
        assert b"password" in response.content
    assert_limited(client.post(url, {"password": "secret", "return_url": page.url}))
    assert_limited(client.post(url, {"password": "guess"}, REMOTE_ADDR="127.0.0.1"))
    # Another address has its own count, and the right password lets it in.
    response = client.post(
        url, {"password": "secret", "return_url": page.url}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302 and response["Location"] == page.url


def test_wrong_guesses_at_a_document_password_are_limited(small_limit, restricted_document, client):
    document, url = restricted_document
    assert url.startswith("/documents/authenticate_with_password/")
    for _ in range(LIMIT):
        response = client.post(url, {"password": "guess", "return_url": document.url})
        assert response.status_code == 200
    assert_limited(client.post(url, {"password": "secret", "return_url": document.url}))


def test_editors_are_never_limited(small_limit, restricted_page, admin_client):
    page, url = restricted_page
    for _ in range(LIMIT + 2):
        response = admin_client.post(url, {"password": "guess", "return_url": page.url})
        assert response.status_code == 200
