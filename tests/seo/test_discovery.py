"""sitemap.xml, robots.txt, the update feeds and the favicon."""

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    source_link,
)
from tests.module_data import built_once
from tests.seo.html import parse_xml

ROOT = "http://localhost"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content(make_cited_page, section, organisation):
    """Live pages, sources and organisations, and a draft of each that must stay hidden."""
    page, sources = make_cited_page(2, title="Education")
    draft_page = VisionStatementPageFactory(parent=section, title="Draft page", live=False)
    draft_source = SourceFactory(title="Draft source", live=False, publish=False)
    draft_organisation = OrganisationFactory(name="Draft organisation", live=False, publish=False)
    return {
        "live": [page, section, *sources, organisation],
        "drafts": [draft_page, draft_source, draft_organisation],
    }


def absolute(obj) -> str:
    return f"{ROOT}{obj.url}" if isinstance(obj, Page) else f"{ROOT}{obj.public_url}"


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = parse_xml(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in tree.iter(f"{SITEMAP}url")
    }


@pytest.mark.django_db
def test_sitemap_lists_live_pages_sources_and_organisations_with_lastmod(client, content):
    entries = sitemap_entries(client)
    for obj in content["live"]:
        assert absolute(obj) in entries
        assert entries[absolute(obj)]  # lastmod
    for obj in content["drafts"]:
        assert absolute(obj) not in entries
    assert f"{ROOT}/" in entries


def add_cited_pages(section, pages: int, sources_each: int) -> None:
    for _ in range(pages):
        sources = [SourceFactory() for _ in range(sources_each)]
        body = [narrative(f"<p>{source_link(source)}</p>") for source in sources]
        VisionStatementPageFactory(parent=section, body=body).save_revision().publish()


QUERIED = ["/sitemap.xml", "/feeds/updates.rss", "/feeds/updates.atom"]


@pytest.fixture(scope="module")
def grown(django_db_setup, django_db_blocker) -> dict:
    """For the sitemap and each feed: the queries with one cited page, then the queries and the
    answer with 4 pages citing 10 sources and 6 organisations; one world for all three, built
    once and rolled back at once."""

    def answer(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    client = Client()
    with built_once(django_db_blocker):
        section = SectionPageFactory(parent=StoryIndexPageFactory(parent=make_home_page()))
        section.save_revision().publish()
        OrganisationFactory()
        add_cited_pages(section, 1, 1)
        for url in QUERIED:
            client.get(url)  # warm per-process caches
        few = {url: answer(url)[0] for url in QUERIED}
        add_cited_pages(section, 3, 3)
        OrganisationFactory.create_batch(5)
        for url in QUERIED:
            client.get(url)  # what the change moved on is computed once and kept (generation)
        return {url: (few[url], *answer(url)) for url in QUERIED}


@pytest.mark.django_db
def test_sitemap_queries_do_not_grow_with_content(grown):
    few, many, response = grown["/sitemap.xml"]
    entries = parse_xml(response.content).findall(f"{SITEMAP}url")
    assert len(entries) > 15
    assert many == few


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {ROOT}/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405


@pytest.mark.django_db
def test_rss_feed_lists_live_updates_newest_first(client, content):
    response = client.get("/feeds/updates.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    assert channel.findtext("link") == f"{ROOT}/"
    links = [item.findtext("link") for item in channel.iter("item")]
    for obj in content["live"][:-1]:  # organisations have no feed entries
        assert absolute(obj) in links
    for obj in content["drafts"]:
        assert absolute(obj) not in links
    assert links[0] == absolute(content["live"][0])  # the page published last
    categories = {item.findtext("category") for item in channel.iter("item")}
    assert categories == {"Page", "Source"}


@pytest.mark.django_db
def test_atom_feed_lists_live_updates(client, content):
    response = client.get("/feeds/updates.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == f"{ROOT}/feeds/updates.atom"
    entries = feed.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert absolute(content["live"][0]) in links
    assert not {absolute(obj) for obj in content["drafts"]} & set(links)
    assert all(entry.findtext(f"{ATOM}updated") for entry in entries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/updates.rss", "/feeds/updates.atom"])
def test_feed_queries_do_not_grow_with_content(grown, url):
    few, many, response = grown[url]
    assert response.content.count(b"/evidence/sources/") > 10
    assert many == few


@pytest.mark.django_db
def test_feed_keeps_to_the_item_limit(client, section):
    from sitewide.feeds import ITEM_LIMIT

    SourceFactory.create_batch(ITEM_LIMIT + 3)
    channel = parse_xml(client.get("/feeds/updates.rss").content).find("channel")
    assert len(channel.findall("item")) == ITEM_LIMIT


@pytest.mark.django_db
def test_favicon_ico_redirects_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(icon.streaming_content)
