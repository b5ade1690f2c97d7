"""Cite this version (issue 16, point 1): every publication of a page at
`<page URL>versions/<n>/`, read-only, as it was; never a draft, a restricted or unpublished page;
410 Gone once the page is deleted; "Cite this page" for the page and the version, with the
version's date in APA, RIS and BibTeX; the "Versions" list.

The page is published three times (with a draft after the third) once for the module; tests
that change it run in their own transaction, rolled back after them."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, PageViewRestriction

from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    source_link,
)
from tests.module_data import built_once


def publish(page):
    page.save_revision().publish()
    return page


def republish(page, title, body, published_at):
    page.title = title
    page.body = body
    revision = page.save_revision()
    revision.publish()
    PageLogEntry.objects.filter(revision=revision, action="wagtail.publish").update(
        timestamp=published_at
    )


def build_world() -> SimpleNamespace:
    home = make_home_page()
    story = publish(StoryIndexPageFactory(parent=home, title="Story of Progress"))
    section = publish(SectionPageFactory(parent=story, title="Organisational progress"))
    kept = SourceFactory(title="Kept report", slug="kept-report")
    dropped = SourceFactory(title="Dropped report", slug="dropped-report")
    page = VisionStatementPageFactory(parent=section, title="Family", slug="family")
    dates = [timezone.make_aware(timezone.datetime(2026, month, 3, 12)) for month in (1, 2, 3)]
    republish(
        page,
        "Family, first",
        [narrative(f"<p>First {source_link(dropped, 'dropped')}.</p>")],
        dates[0],
    )
    republish(
        page, "Family, second", [narrative(f"<p>Second {source_link(kept, 'kept')}.</p>")], dates[1]
    )
    republish(page, "Family", [narrative("<p>Third words.</p>")], dates[2])
    page.title = "Family, a draft nobody approved"
    page.save_revision()
    dropped.delete()
    return SimpleNamespace(home=home, story=story, section=section, page=page, kept=kept)


@pytest.fixture(scope="module")
def world_in_module(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(world_in_module, db):
    return world_in_module


URL = "/story-of-progress/organisational-progress/family/"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_each_publication_is_readable_as_it_was_with_a_notice_and_noindex(client, world):
    first = client.get(f"{URL}versions/1/")
    assert first.status_code == 200
    html = first.content.decode()
    assert "<h1" in html and "Family, first" in html
    assert (
        "You are reading the version published on 3 January 2026 ; read the current version ."
        in text(first)
    )
    assert f'<a href="{URL}">read the current version</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="http://localhost{URL}">' in html
    assert first["X-Robots-Tag"] == "noindex"
    assert "no-cache" in first["Cache-Control"]
    # The source it cited was deleted since: its words stay, without a link.
    assert "First" in html and "dropped" in html and "dropped-report" not in html

    second = client.get(f"{URL}versions/2/")
    assert "Family, second" in second.content.decode()
    assert 'href="/evidence/sources/kept-report/"' in second.content.decode()
    third = client.get(f"{URL}versions/3/")
    assert "Third words." in third.content.decode()
    assert "a draft nobody approved" not in third.content.decode()


def test_the_page_lists_its_versions_and_offers_both_citations(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    assert "X-Robots-Tag" not in response
    page = text(response)
    assert "This page has been published 3 times." in page
    assert "Version 3 , published 3 March 2026 (current)" in page
    assert "Version 1 , published 3 January 2026" in page
    html = response.content.decode()
    assert f'<a href="{URL}versions/1/">Version 1</a>' in html
    # With no partners named in the site settings, APA puts the title first.
    assert (
        "Family: Organisational progress. (2026, March 3). Story of Progress. "
        f"http://localhost{URL}versions/3/"
    ) in page
    assert f"Retrieved {timezone.localdate():%B} " in page  # the current page: accessed today
    old = text(client.get(f"{URL}versions/1/"))
    assert (
        "Family, first: Organisational progress. (2026, January 3). Story of Progress. "
        f"http://localhost{URL}versions/1/"
    ) in old
    assert "Version 1 , published 3 January 2026 (you are reading this version)" in old


def test_a_versions_citation_downloads_carry_its_date_and_address(client, world):
    pk = world.page.pk
    ris = client.get(f"/cite/page/{pk}/versions/2.ris").content.decode()
    assert "TI  - Family, second: Organisational progress" in ris
    assert "DA  - 2026/02/03" in ris
    assert f"UR  - http://localhost{URL}versions/2/" in ris
    bib = client.get(f"/cite/page/{pk}/versions/2.bib").content.decode()
    assert "date = {2026-02-03}" in bib
    assert f"url = {{http://localhost{URL}versions/2/}}" in bib
    for missing in (f"/cite/page/{pk}/versions/4.ris", f"/cite/page/{pk}/versions/1.txt"):
        assert client.get(missing).status_code == 404


@pytest.mark.parametrize("tail", ["4/", "0/", "x/", "٣/", "1/more/", "01x/"])
def test_only_publications_have_versions(client, world, tail):
    assert client.get(f"{URL}versions/{tail}").status_code == 404


def test_a_restricted_or_unpublished_page_has_no_versions(client, world):
    restriction = PageViewRestriction.objects.create(
        page=world.section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(f"{URL}versions/1/")
    assert response.status_code == 404  # not the password form: a version is never behind one
    assert client.get(f"/cite/page/{world.page.pk}/versions/1.ris").status_code == 404
    restriction.delete()
    assert client.get(f"{URL}versions/1/").status_code == 200
    Page.objects.get(pk=world.section.pk).specific.unpublish()
    assert client.get(f"{URL}versions/1/").status_code == 404  # under a withdrawn section


def test_a_deleted_page_and_its_versions_are_gone(client, world):
    Page.objects.get(pk=world.page.pk).delete()
    for path in (URL, f"{URL}versions/1/", f"{URL}versions/7/"):
        response = client.get(path)
        assert response.status_code == 410
        assert "has been removed from the Story of Progress" in text(response)
    assert client.get("/story-of-progress/organisational-progress/other/").status_code == 404


def test_a_version_whose_revision_was_purged_says_so(client, world):
    entry = PageLogEntry.objects.filter(page=world.page, action="wagtail.publish").earliest(
        "timestamp"
    )
    entry.revision.delete()  # as Wagtail's purge_revisions does to old ones
    response = client.get(f"{URL}versions/1/")
    assert response.status_code == 410
    assert "Version 1 of “Family” is no longer kept." in text(response)
    assert client.get(f"{URL}versions/2/").status_code == 200


def test_the_versions_list_costs_one_query_however_many_versions(
    client, world, django_assert_max_num_queries
):

    client.get(URL)  # Wagtail caches the site's root paths on first use
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    page = Page.objects.get(pk=world.page.pk).specific
    for number in range(5):
        republish(page, "Family", page.body, timezone.now() + timedelta(days=number))
    client.get(URL)  # what the publishes changed is computed once and kept, as for `few`
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert "This page has been published 8 times." in text(response)
    assert len(many) == len(few)
