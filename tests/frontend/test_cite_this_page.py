""" "Cite this page": an APA reference on every Story of Progress page, and RIS/BibTeX files.

Every test undoes what it changes: the module shares one story (`tests/frontend/conftest.py`)."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import PageViewRestriction

from evidence.bibliography import CitationRecord, to_apa, to_bibtex, to_ris
from sitewide.page_citations import page_citation_record
from tests.sitewide.factories import the_three_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_story")]


def test_record_from_page_names_partners_section_year_and_url(story, rf):
    the_three_partners()
    page = story["page"]
    record = page_citation_record(page, rf.get("/", HTTP_HOST="localhost"))
    assert record.kind == "webpage"
    assert record.title == "Education: Organisational Progress"
    assert record.organisations == ("COSLA", "Scottish Government", "The Promise Scotland")
    assert record.year == page.last_published_at.year
    assert record.url == "http://localhost/story-of-progress/organisational-progress/education/"
    assert record.accessed == timezone.localdate().isoformat()


def test_record_from_page_with_a_request_uses_the_site_url(story, rf):
    request = rf.get("/", HTTP_HOST="localhost")
    record = page_citation_record(story["index"], request)
    assert record.title == "Story of Progress"
    assert record.url == "http://localhost/story-of-progress/"


def test_apa_reference():
    record = CitationRecord(
        key="k",
        title="Education: Experiences",
        kind="webpage",
        organisations=("COSLA", "Scottish Government", "The Promise Scotland"),
        year=2026,
        url="https://example.org/education/",
        accessed=datetime.date(2026, 3, 5).isoformat(),
        container="Story of Progress",
    )
    assert to_apa(record) == (
        "COSLA, Scottish Government, & The Promise Scotland. (2026). Education: Experiences. "
        "Story of Progress. Retrieved March 5, 2026, from https://example.org/education/"
    )
    assert to_apa(CitationRecord(key="k", title="Why?", year=None)) == "Why? (n.d.)."


def test_page_shows_ready_citation_with_copy_button_and_downloads(story, client, rf):
    for key in ("index", "section", "page"):
        page = story[key]
        html = client.get(page.url).content.decode()
        assert 'id="cite-this-page-heading">Cite this page</h2>' in html, key
        record = page_citation_record(page, rf.get("/", HTTP_HOST="localhost"))
        assert f'id="page-citation-text">{to_apa(record)}</p>'.replace("&", "&amp;") in html
        assert 'class="copy-citation" data-copy-target="page-citation-text" hidden' in html
        assert "js/copy-citation.js" in html
        assert f'href="/cite/page/{page.pk}.ris"' in html
        assert f'href="/cite/page/{page.pk}.bib"' in html


@pytest.mark.parametrize(
    "extension,content_type,start",
    [
        ("ris", "application/x-research-info-systems; charset=utf-8", "TY  - ELEC\r\n"),
        ("bib", "application/x-bibtex; charset=utf-8", "@online{"),
    ],
)
def test_downloads(story, client, extension, content_type, start):
    page = story["page"]
    response = client.get(f"/cite/page/{page.pk}.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="storyofprogress-education-{page.pk}.{extension}"'
    )
    body = response.content.decode()
    assert body.startswith(start)
    assert "Education: Organisational Progress" in body
    assert "http://localhost/story-of-progress/organisational-progress/education/" in body
    record = page_citation_record(page, response.wsgi_request)
    assert body == (to_ris(record) if extension == "ris" else to_bibtex(record))


def test_downloads_only_for_live_public_story_pages(story, home_page, client):
    page = story["page"]
    assert client.get(f"/cite/page/{page.pk}.txt").status_code == 404
    assert client.get("/cite/page/999999.ris").status_code == 404
    assert client.get("/cite/page/abc.ris").status_code == 404
    assert client.get(f"/cite/page/{home_page.pk}.ris").status_code == 404  # not a story page

    restricted = story["other"]
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.get(f"/cite/page/{restricted.pk}.ris").status_code == 404

    page.unpublish()
    assert client.get(f"/cite/page/{page.pk}.bib").status_code == 404


def test_download_queries_are_bounded(story, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6 + 1):  # +1: the site settings (site name, partners)
        response = client.get(f"/cite/page/{story['page'].pk}.ris")
    assert response.status_code == 200
    assert "TI  - Education: Organisational Progress" in response.content.decode()
