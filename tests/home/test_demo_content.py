"""The demo loader, and the acceptance crawl of the demo site it builds."""

import re

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Revision

from evidence.models import Organisation, Source
from story.models import SectionPage, VisionStatement, VisionStatementPage

MAX_QUERIES_PER_PUBLIC_PAGE = 15
MAX_QUERIES_PER_STATEMENT_PAGE = 12  # issue 14: the site's busiest page type
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/documents/")


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "organisations": Organisation.objects.count(),
        "sources": Source.objects.count(),
        "statements": VisionStatement.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.django_db
def test_loader_is_idempotent(demo_site):
    """`demo_site` is the loader's first run (`load_demo_content --no-users`): a second run
    changes nothing."""
    first = counts()
    call_command("load_demo_content", "--no-users", verbosity=0)
    assert counts() == first
    assert first["statements"] == 10
    assert VisionStatementPage.objects.live().count() >= 5
    assert SectionPage.objects.live().count() == 3
    assert Source.objects.filter(title="How do we know we are doing good work?").count() == 1


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
    heavy = {url: q for url, (_, q, _) in pages.items() if q > MAX_QUERIES_PER_PUBLIC_PAGE}
    assert not heavy

    statement_urls = [page.url for page in VisionStatementPage.objects.live()]
    heavy = {url: pages[url][1] for url in statement_urls}
    assert max(heavy.values()) <= MAX_QUERIES_PER_STATEMENT_PAGE, heavy
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
