"""The 404 page helps a reader on; the 500 page renders even when nothing else works."""

from urllib.parse import urlsplit

import pytest

from django.template.loader import render_to_string

from tests.factories import StoryIndexPageFactory
from tests.seo.html import head_meta, parse_strict


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/evidence/sources/no-such-source/", "/story-of-progress/nope/"]
)
def test_not_found_page_offers_search_and_a_way_home(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 404
    document = parse_strict(response.content.decode())
    assert document.find(".//h1").text == "Page not found"
    assert head_meta(document)["robots"] == "noindex"
    assert "canonical" not in head_meta(document)
    searches = [form.get("action") for form in document.iter("form")]
    assert searches.count("/search/") == 2  # the header's and the page's own
    hrefs = {link.get("href") for link in document.find(".//main").iter("a")}
    assert {"/", "/evidence/sources/", "/evidence/organisations/"} <= hrefs


@pytest.mark.django_db
def test_not_found_page_keeps_the_quick_exit_and_every_link_works(client, home_page):
    """The quick exit matters most on a page a reader did not expect; and "Where to start"
    names every main route, each of which answers."""
    StoryIndexPageFactory(parent=home_page, slug="story-of-progress")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    document = parse_strict(response.content.decode())
    [quick_exit] = [link for link in document.iter("a") if "data-quick-exit" in link.attrib]
    assert quick_exit.text == "Leave this site quickly"
    assert urlsplit(quick_exit.get("href")).scheme == "https"
    scripts = [script.get("src") for script in document.iter("script")]
    assert any(src and src.endswith("js/quick-exit.js") for src in scripts)

    main = document.find(".//main")
    assert [heading.text for heading in main.iter("h2")] == ["Where to start"]
    starts = {link.text: link.get("href") for link in main.find("ul").iter("a")}
    assert starts == {
        "Home page": "/",
        "The Story of Progress": "/story-of-progress/",
        "Sources": "/evidence/sources/",
        "Organisations": "/evidence/organisations/",
        "Library": "/library/",
        "Search": "/search/",
    }
    internal = {
        link.get("href")
        for link in document.iter("a")
        if link.get("href", "").startswith("/") and link is not quick_exit
    }
    assert set(starts.values()) <= internal
    for href in sorted(internal):
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
@pytest.mark.urls("tests.seo.error_urls")
def test_an_unhandled_error_shows_the_500_page(client, home_page):
    client.raise_request_exception = False
    response = client.get("/test-only/server-error/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert "Deliberate failure" not in html  # no details leak to the reader
    assert 'href="/"' in html


@pytest.mark.django_db
def test_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    document = parse_strict(html)
    assert document.find(".//h1").text == "Sorry, something went wrong"
    assert "wagtail-userbar" not in html
    assert not [link for link in document.iter("link") if link.get("rel") == "stylesheet"]
