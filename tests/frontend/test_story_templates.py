"""The story's templates: in-page navigation, citations, dates and strength, the cross-link
between sections, their queries, and the preview of a new page. Every test undoes what it
changes: the module shares one story (`tests/frontend/conftest.py`)."""

import pytest

import django.template.base
from django.db import connection
from django.test.utils import CaptureQueriesContext

from story.models import VisionStatementPage
from tests.factories import VisionStatementPageFactory, part
from tests.site_caches import warm_site_caches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_story")]


def test_vision_statement_page(story, client):
    html = client.get(story["page"].url).content.decode()
    # In-page navigation folds on small screens; open without JavaScript.
    assert '<nav class="in-page-nav" aria-label="On this page">' in html
    assert '<details class="in-page-nav__details" open data-in-page-nav>' in html
    assert 'href="#part-what-is-being-tried"' in html
    # Strength of evidence and caveats with the shared label markup.
    assert '<span class="strength-label strength-label--strong">Strong</span>' in html
    assert "Only two councils reported." in html
    # Cross-link to the same vision statement in the other section, named by that section.
    assert f'href="{story["other"].url}"' in html
    assert '>Experiences<span class="visually-hidden">: Education</span></a>' in html
    # One list entry per source, with a way back to each place it is cited.
    assert html.count('href="#source-1"') == 2
    assert 'href="#cite-1-1"' in html and 'href="#cite-1-2"' in html
    assert 'aria-label="Source 1: How do we know we are doing good work?">[1]</a>' in html


def test_dates_and_strength_use_the_same_markup_in_listing_and_page(story, client):
    page = story["page"]
    page.last_updated = "2026-03-01"
    page.next_update_expected = "2026-09-01"
    page.save_revision().publish()
    dates = (
        '<div><dt>Last updated</dt><dd><time datetime="2026-03-01">1 March 2026</time></dd></div>'
    )
    label = '<span class="strength-label strength-label--strong">Strong</span>'
    for url in (page.url, story["section"].url):
        html = client.get(url).content.decode()
        assert dates in html, url
        assert label in html, url
        assert '<time datetime="2026-09">September 2026</time>' in html, url


def count_queries(client, url) -> int:
    warm_site_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()
    return len(queries)


def test_section_listing_queries_do_not_grow(story, client):
    section = story["section"]
    few = count_queries(client, section.url)
    for number in range(5):
        VisionStatementPageFactory(
            parent=section,
            body=[part(f"Part {number}", "moderate")],
            # Numbered apart from the story's statement 7, which the factory's sequence can reach.
            vision_statement__number=100 + number,
        ).save_revision().publish()
    assert count_queries(client, section.url) == few
    assert client.get(section.url).content.decode().count("Part 4") == 1


def test_vision_statement_page_queries_are_bounded(story, client, django_assert_max_num_queries):
    """Finding the page: the page (with its vision statement and whether a view restriction
    applies) and its ancestors (`story.routing`; the site comes from the shared cache); then its
    sources, the site settings, the same vision statement through each lens (sections, pages) and
    its versions. Nothing else reads the tree again."""
    client.get(story["page"].url)  # warm what every process keeps (the sites, site root paths)
    with django_assert_max_num_queries(6):
        response = client.get(story["page"].url)
    assert response.status_code == 200
    assert f"<h1>{story['page'].title}</h1>" in response.content.decode()


def test_no_template_lookup_misses(story, client, monkeypatch):
    """A lookup that misses (`{{ ids.0 }}` on a list, an attribute an object lacks) makes Django
    call `dir()` on the object, which on a page citing hundreds of sources was once each."""
    missed = []

    def spy(obj):
        missed.append(type(obj).__name__)
        return dir(obj)

    monkeypatch.setattr(django.template.base, "dir", spy, raising=False)
    assert client.get(story["page"].url).status_code == 200
    assert missed == []


def test_preview_of_a_new_page_has_a_reference_but_no_downloads(story, rf, admin_user):
    """The admin previews a page before it has an id; "Cite this page" must not fail."""
    section = story["section"]
    page = VisionStatementPage(
        title="Draft statement",
        slug="draft-statement",
        vision_statement=story["page"].vision_statement,
        body=[part("What is being tried", "moderate")],
    )
    page.depth = section.depth + 1
    page.path = section.get_last_child()._inc_path()
    page.set_url_path(section)
    request = rf.get("/", HTTP_HOST="localhost")
    request.user = admin_user
    response = page.make_preview_request(request, page.default_preview_mode)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft statement: Organisational Progress" in html
    assert "/cite/page/" not in html
