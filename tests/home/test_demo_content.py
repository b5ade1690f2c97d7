"""The demo loader, and the acceptance crawl of the demo site it builds."""

import re

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Revision

from demo.content.national_data import NATIONAL_DATA_PAGES
from demo.content.national_indicators import ILLUSTRATIVE_SOURCE
from demo.content.story import NATIONAL_DATA_STATEMENTS
from evidence.models import Organisation, Source
from indicators.models import ILLUSTRATIVE_NOTICE, Indicator
from story.experience import ILLUSTRATIVE_QUOTES_NOTICE
from story.models import SectionPage, VisionStatement, VisionStatementPage

MAX_QUERIES_PER_PUBLIC_PAGE = 15
#: Vision statement pages, the site's busiest page type, by the lens of their section. Issue 14
#: holds the organisational page to 12; an experience page adds the sources and organisations
#: its quote and theme blocks choose (one query per block type, however many blocks), a national
#: data page its indicators, their figures and their sources' makers (three, however many).
MAX_QUERIES_PER_STATEMENT_PAGE = {"organisational": 12, "experiential": 16, "quantitative": 16}
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/documents/")


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "organisations": Organisation.objects.count(),
        "sources": Source.objects.count(),
        "statements": VisionStatement.objects.count(),
        "revisions": Revision.objects.count(),
        "indicators": Indicator.objects.count(),
    }


@pytest.mark.django_db
def test_loader_is_idempotent(demo_site):
    """`demo_site` is the loader's first run (`load_demo_content --no-users`): a second run
    changes nothing."""
    first = counts()
    call_command("load_demo_content", "--no-users", verbosity=0)
    assert counts() == first
    assert first["statements"] == 10
    assert SectionPage.objects.live().count() == 3
    assert Source.objects.filter(title="How do we know we are doing good work?").count() == 1


@pytest.mark.django_db
def test_a_run_that_changes_nothing_rebuilds_no_index(demo_site):
    """The whole-site rebuilds (references, evidence audit, search) follow a run that saved
    something, not one that found everything in place (`make run` again)."""
    from wagtail.models import ReferenceIndex

    from citations.models import Citation

    before = set(ReferenceIndex.objects.values_list("pk", flat=True))
    citations = set(Citation.objects.values_list("pk", flat=True))
    call_command("load_demo_content", "--no-users", verbosity=0)
    assert set(ReferenceIndex.objects.values_list("pk", flat=True)) == before
    assert set(Citation.objects.values_list("pk", flat=True)) == citations


@pytest.mark.django_db
def test_a_run_that_saves_something_rebuilds_every_index(demo_site):
    """A page deleted is made again, and the rebuilds also mend what the indexes lost for
    another page (as after rows changed by hand)."""
    from wagtail.models import ReferenceIndex

    from citations.models import Citation

    deleted, other = VisionStatementPage.objects.live().order_by("pk")[:2]
    parent, slug = deleted.get_parent(), deleted.slug
    ReferenceIndex.get_references_for_object(other).delete()
    Citation.objects.filter(page=other).delete()
    deleted.delete()
    call_command("load_demo_content", "--no-users", verbosity=0)
    assert VisionStatementPage.objects.child_of(parent).filter(slug=slug).exists()
    assert ReferenceIndex.get_references_for_object(other).exists()
    assert Citation.objects.filter(page=other).exists()


@pytest.mark.django_db
def test_demo_users_only_with_debug_or_flag(demo_site, settings):
    """Run again on the demo site (the loader is idempotent), as an operator would."""
    from django.contrib.auth import get_user_model

    settings.DEBUG = False
    call_command("load_demo_content", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()
    call_command("load_demo_content", "--with-users", verbosity=0)
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_loader_rejects_contradictory_flags():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot be used together"):
        call_command("load_demo_content", "--with-users", "--no-users", verbosity=0)


def crawl(client, start="/"):
    """Every internal link reachable from `start`: {url: (status, queries, html)}."""
    found, queue = {}, [start]
    while queue:
        url = queue.pop(0)
        if url in found:
            continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        html = response.content.decode() if "html" in response.get("Content-Type", "") else ""
        found[url] = (response.status_code, len(queries), html)
        for href in re.findall(r'href="(/[^"#?]*)', html):
            if not href.startswith(SKIPPED_PREFIXES) and href not in found:
                queue.append(href)
    return found


@pytest.mark.django_db
def test_demo_site_crawl(demo_site, client):
    client.get("/")  # warm per-process caches before counting
    pages = crawl(client)

    broken = {url: status for url, (status, _, _) in pages.items() if status >= 400}
    assert not broken
    statement_pages = {page.url: page for page in VisionStatementPage.objects.live()}
    heavy = {
        url: q
        for url, (_, q, _) in pages.items()
        if q > MAX_QUERIES_PER_PUBLIC_PAGE and url not in statement_pages
    }
    assert not heavy

    # Every section lists its vision statement pages; under national data the crawl finds
    # charts with their tables and CSV downloads, under experiences experience blocks, each
    # said to be illustrative.
    for section in SectionPage.objects.live():
        assert 'class="statement-card"' in pages[section.url][2], section.url
    assert_national_data_shows_charts(pages)
    experience_urls = [url for url in pages if url.startswith("/story-of-progress/experiences/")]
    with_quotes = [
        url for url in experience_urls if 'class="experience experience--' in pages[url][2]
    ]
    assert len(with_quotes) >= 4
    for url in with_quotes:
        assert ILLUSTRATIVE_QUOTES_NOTICE in pages[url][2], url
        same_statement = url.replace("/experiences/", "/organisational-progress/")
        assert f'href="{same_statement}"' in pages[url][2], f"{url} does not link across"
        assert f'href="{url}"' in pages[same_statement][2], f"{same_statement} does not link back"
    index = pages["/story-of-progress/"][2]
    for page in VisionStatementPage.objects.live():
        assert f'href="{page.url}"' in index, f"the story index does not link to {page.url}"

    statement_urls = [page.url for page in VisionStatementPage.objects.live()]
    lens_of = {section.path: section.lens for section in SectionPage.objects.only("path", "lens")}
    heavy = {
        url: pages[url][1]
        for url in statement_urls
        if pages[url][1]
        > MAX_QUERIES_PER_STATEMENT_PAGE[lens_of[statement_pages[url].path[: -Page.steplen]]]
    }
    assert not heavy
    linking_both = [
        url
        for url in statement_urls
        if 'href="/evidence/sources/' in pages[url][2]
        and 'href="/evidence/organisations/' in pages[url][2]
    ]
    assert len(linking_both) >= 3

    evidence_href = re.compile(r'href="(/evidence/(?:sources|organisations)/[^"/]+/)"')
    cited = {href for url in statement_urls for href in evidence_href.findall(pages[url][2])}
    assert len({u for u in cited if "/sources/" in u}) >= 8
    assert len({u for u in cited if "/organisations/" in u}) >= 6

    for source in Source.objects.live():
        status, _, html = pages[source.public_url]
        assert status == 200
        citing = [url for url in statement_urls if source.public_url in pages[url][2]]
        for url in citing:
            assert f'href="{url}"' in html, f"{source.public_url} does not link back to {url}"


CSV_HREF = re.compile(r'href="(/indicators/[\w-]+/figures\.csv)"')


def assert_national_data_shows_charts(pages: dict) -> None:
    """Each national data page shows two or more charts, each with its table and a CSV download
    the crawl fetched, and says its figures are illustrative; it links to the same statement in
    the other two lenses. Each indicator's own page shows its chart, table and download."""
    national = [url for url in pages if url.startswith("/story-of-progress/national-data/")]
    with_charts = [url for url in national if 'class="indicator-figure"' in pages[url][2]]
    assert len(with_charts) >= 4
    for url in with_charts:
        html = pages[url][2]
        charts = html.count('<svg class="chart')
        assert charts >= 2, url
        assert html.count("<table") == charts, f"{url}: a chart without its table"
        downloads = CSV_HREF.findall(html)
        assert len(downloads) == charts, f"{url}: a chart without its CSV download"
        for csv_url in downloads:
            status, _, _ = pages[csv_url]
            assert status == 200, csv_url
        assert html.count(f"{ILLUSTRATIVE_NOTICE}.") == charts + 1, url  # and under the summary
        for lens in ("/organisational-progress/", "/experiences/"):
            assert f'href="{url.replace("/national-data/", lens)}"' in html, url
    for indicator in Indicator.objects.live():
        status, _, html = pages[indicator.public_url]
        assert status == 200 and '<svg class="chart' in html and "<table" in html
        assert f'href="{indicator.csv_url}"' in html and f"{ILLUSTRATIVE_NOTICE}." in html


def statement_numbers(lens: str) -> set[int]:
    return set(
        VisionStatementPage.objects.live()
        .filter(path__startswith=SectionPage.objects.get(lens=lens).path)
        .values_list("vision_statement__number", flat=True)
    )


@pytest.mark.django_db
def test_every_lens_has_its_pages(demo_site):
    assert statement_numbers("organisational") == set(range(1, 11))
    assert len(statement_numbers("experiential")) >= 4
    # The statements with national data pages have pages in the other two lenses to link to.
    assert statement_numbers("quantitative") == set(NATIONAL_DATA_STATEMENTS)
    assert {page["number"] for page in NATIONAL_DATA_PAGES} == set(NATIONAL_DATA_STATEMENTS)
    assert set(NATIONAL_DATA_STATEMENTS) <= statement_numbers("experiential")


@pytest.mark.django_db
def test_every_demo_indicator_is_illustrative_and_cites_a_source_that_says_so(demo_site):
    """No made-up figure passes for a real one: each demo indicator is marked illustrative and
    cites the one source saying its figures are made up; some are broken down (by age)."""
    indicators = list(Indicator.objects.live().select_related("source"))
    assert len(indicators) >= 8
    assert all(indicator.illustrative for indicator in indicators)
    assert {indicator.source.slug for indicator in indicators} == {ILLUSTRATIVE_SOURCE}
    assert indicators[0].source.title.startswith("Illustrative national data: figures made up")
    assert any(indicator.breakdown_label for indicator in indicators)
    shown = {
        block.value["indicator"].pk
        for page in VisionStatementPage.objects.live()
        for block in page.body
        if block.block_type == "indicator"
    }
    assert shown == {indicator.pk for indicator in indicators}, "an indicator no page shows"


@pytest.mark.django_db
def test_every_demo_experience_is_illustrative_and_every_source_leads_somewhere(demo_site):
    experience_blocks = [
        block
        for page in VisionStatementPage.objects.live()
        for block in page.body
        if block.block_type.startswith("experience_")
    ]
    assert len(experience_blocks) >= 8
    assert all(block.value["illustrative"] for block in experience_blocks)
    for source in Source.objects.live():
        assert source.url or source.document, f"{source} has neither URL nor document"


@pytest.mark.django_db
def test_a_demo_document_says_it_is_not_the_original(demo_site, client):
    source = Source.objects.get(slug="celcis-qualitative-insight")
    response = client.get(source.document.url)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("DEMONSTRATION DOCUMENT - NOT THE ORIGINAL")
    assert source.title in text
    page = client.get(source.public_url).content.decode()
    assert f'href="{source.document.url}"' in page


@pytest.mark.django_db
def test_experience_pages_reach_every_public_surface(demo_site, client):
    """JSON-LD cites the experience's source, the sitemap and feeds list the page, and a search
    for a quote's words finds the page with the quote said to be illustrative."""
    from tests.seo.html import json_ld, parse_strict

    url = "/story-of-progress/experiences/mental-health/"
    [article] = [
        data
        for data in json_ld(parse_strict(client.get(url).content.decode()))
        if data.get("@type") == "Article"
    ]
    cited = [reference["name"] for reference in article["citation"]]
    assert any(name.startswith("Illustrative experiences") for name in cited)
    assert url in client.get("/sitemap.xml").content.decode()
    assert url in client.get("/feeds/updates.rss").content.decode()
    results = client.get("/search/", {"q": "new worker"}).context["results"]
    [result] = [result for result in results if result.url == url]
    assert "Illustrative quote for demonstration, not real testimony" in result.excerpt
