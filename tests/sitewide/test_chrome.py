"""The chrome every page shares: links built from the page tree, one breadcrumbs include, one
pagination include that carries only the parameters a view understands."""

import re

import pytest

from django.urls import reverse

from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
)

pytestmark = pytest.mark.django_db

BREADCRUMBS = re.compile(
    r'<nav class="breadcrumbs container" aria-label="Breadcrumb">.*?</nav>', re.S
)


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def crumbs(html: str) -> list[tuple[str, str, bool]]:
    """(href, text, is current) for each breadcrumb."""
    [nav] = BREADCRUMBS.findall(html)
    return [
        (href, text, bool(current))
        for href, current, text in re.findall(
            r'<li><a href="([^"]*)"( aria-current="page")?>([^<]*)</a></li>', nav
        )
    ]


@pytest.fixture
def renamed_story(home_page):
    """A Story of Progress index at another slug than the demo's."""
    index = StoryIndexPageFactory(parent=home_page, slug="our-progress")
    section = SectionPageFactory(parent=index)
    page = VisionStatementPageFactory(
        parent=section, title="Education", vision_statement=VisionStatementFactory(number=7)
    )
    return {"index": index, "page": page}


def test_links_to_the_story_follow_its_slug(renamed_story, client):
    assert renamed_story["index"].url == "/our-progress/"
    for url in ("/", renamed_story["page"].url, reverse("evidence:source_index")):
        html = html_of(client, url)
        assert "/story-of-progress/" not in html, url
        assert '<li><a href="/our-progress/">Story of Progress</a></li>' in html, url
        assert html.count('href="/our-progress/"') >= 2, url  # main navigation and footer
    assert 'class="button button--primary" href="/our-progress/"' in html_of(client, "/")
    not_found = html_of(client, "/no-such-page/", status=404)
    assert '<a href="/our-progress/">The Story of Progress</a>' in not_found
    assert "/story-of-progress/" not in not_found
    no_results = html_of(client, "/search/?q=zyzzyva")
    assert '<a href="/our-progress/">the Story of Progress</a>' in no_results


def test_a_site_without_a_story_index_links_to_nothing_missing(home_page, client):
    html = html_of(client, "/")
    assert "Story of Progress</a></li>" not in html
    assert 'class="site-header__brand" href="/"' in html


def test_an_unpublished_story_index_is_not_linked(renamed_story, client):
    renamed_story["index"].unpublish()
    assert 'href="/our-progress/"' not in html_of(client, reverse("evidence:source_index"))


def test_breadcrumbs_of_pages_come_from_the_tree(renamed_story, client):
    page = renamed_story["page"]
    assert crumbs(html_of(client, page.url)) == [
        ("/", "Home", False),
        ("/our-progress/", "Story of Progress", False),
        ("/our-progress/organisational-progress/", "Organisational Progress", False),
        (page.url, "Education", True),
    ]


def test_breadcrumbs_of_views_outside_the_tree(home_page, client):
    source = SourceFactory(title="Inspection findings")
    organisation = source.organisations.first()
    sources = reverse("evidence:source_index")
    organisations = reverse("evidence:organisation_index")
    evidence, library = reverse("evidence:index"), reverse("library:index")
    expected = {
        evidence: [("/", "Home", False), (evidence, "Evidence", True)],
        sources: [("/", "Home", False), (evidence, "Evidence", False), (sources, "Sources", True)],
        organisations: [
            ("/", "Home", False),
            (evidence, "Evidence", False),
            (organisations, "Organisations", True),
        ],
        source.public_url: [
            ("/", "Home", False),
            (sources, "Sources", False),
            (source.public_url, "Inspection findings", True),
        ],
        library: [("/", "Home", False), (library, "Library", True)],
    }
    if organisation is not None:
        expected[organisation.public_url] = [
            ("/", "Home", False),
            (organisations, "Organisations", False),
            (organisation.public_url, organisation.name, True),
        ]
    for url, trail in expected.items():
        assert crumbs(html_of(client, url)) == trail, url


def pagination(html: str) -> dict[str, str]:
    [nav] = re.findall(r'<nav class="pagination" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    label, body = nav
    links = {rel: href for href, rel in re.findall(r'<a href="([^"]*)" rel="(\w+)"', body)}
    return {"label": label, **links}


def test_library_pagination_carries_the_cleaned_filters_only(home_page, client, monkeypatch):
    monkeypatch.setattr("library.views.PER_PAGE", 1)
    for n in range(3):
        SourceFactory(title=f"Report {n}", resource_type="report")
    html = html_of(client, "/library/?type=report&utm_source=x&year=nonsense&page=2")
    assert pagination(html) == {
        "label": "Library pages",
        "prev": "?type=report&amp;page=1",
        "next": "?type=report&amp;page=3",
    }


def test_search_pagination_carries_the_search_and_known_filters_only(
    home_page, client, monkeypatch
):
    monkeypatch.setattr("search.views.PER_PAGE", 5)
    index = StoryIndexPageFactory(parent=home_page)
    section = SectionPageFactory(parent=index)
    for n in range(12):
        VisionStatementPageFactory(
            parent=section,
            title=f"Otters {n}",
            vision_statement=VisionStatementFactory(number=100 + n),
        ).save_revision().publish()
    html = html_of(client, "/search/?q=otters&kind=page&kind_typo=1&sort=bogus&page=1")
    links = pagination(html)
    assert links["label"] == "Search results pages"
    assert links["next"] == "?q=otters&amp;kind=page&amp;page=2"
    assert "prev" not in links


def test_sources_pagination_keeps_the_type_and_drops_the_rest(home_page, client, monkeypatch):
    monkeypatch.setattr("evidence.views.PER_PAGE", 1)
    for n in range(3):
        SourceFactory(title=f"Inspection {n}", resource_type="inspection")
    html = html_of(client, "/evidence/sources/?type=inspection&junk=1&page=2")
    assert pagination(html) == {
        "label": "Sources pages",
        "prev": "?type=inspection&amp;page=1",
        "next": "?type=inspection&amp;page=3",
    }
