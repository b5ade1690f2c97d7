"""A changed slug keeps the old public URL and citation downloads answering 301, for every
slug the source or organisation has had (`evidence.former_slugs`)."""

import pytest

from django.urls import reverse

from tests.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save_revision().publish()


def test_every_former_slug_of_a_source_redirects_to_the_current_page_and_downloads(
    client, home_page
):
    source = SourceFactory(title="Aftercare", slug="first")
    rename(source, "second")
    rename(source, "third")
    for old in ("first", "second"):
        response = client.get(f"/evidence/sources/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/evidence/sources/third/"
        for extension, name in (("ris", "source_ris"), ("bib", "source_bibtex")):
            response = client.get(f"/library/sources/{old}/citation.{extension}")
            assert response.status_code == 301
            assert response["Location"] == reverse(f"library:{name}", args=["third"])
    assert client.get("/evidence/sources/third/").status_code == 200
    assert client.get("/library/sources/third/citation.ris").status_code == 200


def test_former_slug_of_an_organisation_redirects(client, home_page):
    organisation = OrganisationFactory(name="Care Inspectorate", slug="ci")
    rename(organisation, "care-inspectorate")
    rename(organisation, "the-care-inspectorate")
    for old in ("ci", "care-inspectorate"):
        response = client.get(f"/evidence/organisations/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/evidence/organisations/the-care-inspectorate/"


def test_a_slug_taken_by_another_source_serves_that_source(client, home_page):
    first = SourceFactory(slug="shared")
    rename(first, "moved")
    SourceFactory(title="Newcomer", slug="shared")
    response = client.get("/evidence/sources/shared/")
    assert response.status_code == 200
    assert "Newcomer" in response.content.decode()


def test_unknown_and_unpublished_slugs_stay_404(client, home_page):
    source = SourceFactory(slug="was-live")
    rename(source, "now")
    source.unpublish()
    assert client.get("/evidence/sources/was-live/").status_code == 404
    assert client.get("/evidence/sources/never-was/").status_code == 404
    assert client.get("/library/sources/never-was/citation.ris").status_code == 404
