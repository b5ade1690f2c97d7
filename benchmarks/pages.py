"""Page benchmark: what a vision statement page costs to render as its citations grow.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storyofprogress \\
        .venv/bin/python benchmarks/pages.py --repeats 20

Builds, on whichever database DATABASE_URL names but never in that database itself (a separate
`bench_pages_<name>` next to it on PostgreSQL, in memory on SQLite, as Django's test runner
does), a Story of Progress whose vision statement pages cite 5, 100 and 500 distinct sources:
parts of five paragraphs of five citations each, a learning block citing an organisation, an
evidence highlight; each page has the same vision statement in another section (so "This vision
statement in other sections" is shown) and the site names its partners (the footer of every
page). It renders each page `--repeats` times through Django's test client as an anonymous
reader, uncached (`PAGE_CACHE_ALIAS` off), and prints side by side the median and 95th
percentile render time and the SQL queries of a render, then the ratios 100/5 and 500/5 against
the targets of issue 14: at most 12 queries a page, 100 citations rendered in at most 1.5 times
the time of 5, and 500 in at most 3 times. `--show-queries` prints the SQL of one render of
each page.

Each section of figures is a function returning rows (`render_figures`) and a function printing
them (`print_render_table`), both called by `main`: a section measuring requests a second
through gunicorn (uncached, cached by the app, through Varnish, beside nginx serving the same
HTML) fits in the same way, on the database `--keep` leaves, with the URLs `pages_to_render`
returns.
"""

import argparse
import contextlib
import datetime
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storyofprogress.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

from wagtail.models import Page, Site  # noqa: E402

from benchmarks.figures import percentile  # noqa: E402
from evidence.models import Organisation, Source  # noqa: E402
from home.models import HomePage  # noqa: E402
from sitewide.models import SiteSettings, SiteSettingsPartner  # noqa: E402
from story.models import (  # noqa: E402
    SectionPage,
    StoryIndexPage,
    VisionStatement,
    VisionStatementPage,
)

CITATIONS = (5, 100, 500)
#: Issue 14's targets: render time against the 5-citation page's, and queries a page.
RATIO_TARGETS = {100: 1.5, 500: 3.0}
MAX_QUERIES = 12
CITATIONS_PER_PARAGRAPH = 5
PARAGRAPHS_PER_PART = 5
ORGANISATIONS = 20
PARTNERS = 3
SECTIONS = (
    ("Organisational Progress", "organisational-progress", "organisational"),
    ("Experiences", "experiences", "experiential"),
)
#: A list of columns in a query, printed as "…".
COLUMNS = re.compile(r'(?:(?:\w+|"\w+")\."\w+"(?: AS "\w+")?, )+(?:\w+|"\w+")\."\w+"(?: AS "\w+")?')


@dataclass
class RenderRow:
    """One page's render figures."""

    citations: int
    url: str
    median_ms: float
    p95_ms: float
    queries: int


# Building the pages ---------------------------------------------------------------------------
def build_evidence(rng: random.Random, count: int) -> list[Source]:
    """`count` live sources, varied as real ones are: authors or none, a DOI or a URL, one or two
    of the live organisations."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n}",
            slug=f"organisation-{n}",
            kind=Organisation.Kind.NATIONAL_BODY,
            live=True,
        )
        for n in range(ORGANISATIONS)
    )
    types = Source.ResourceType.values
    sources = Source.objects.bulk_create(
        Source(
            title=f"Source {n}: what was learned about care, volume {n}",
            slug=f"source-{n}",
            resource_type=types[n % len(types)],
            authors="Sharp, C.\nLawson, K." if n % 3 == 0 else "",
            year=2000 + n % 25,
            doi=f"10.1000/bench.{n}" if n % 4 == 0 else "",
            url=f"https://example.org/reports/{n}.pdf",
            summary="What the source found, in two sentences. Why it was made.",
            live=True,
        )
        for n in range(count)
    )
    through = Source.organisations.through
    through.objects.bulk_create(
        through(source_id=source.pk, organisation_id=organisation.pk)
        for source in sources
        for organisation in rng.sample(organisations, 1 + source.pk % 2)
    )
    return sources


def body_citing(sources: list[Source], organisation: Organisation) -> list[dict]:
    """Parts of paragraphs citing five sources each, then a learning block citing an
    organisation and an evidence highlight: every block type that renders citations."""
    body: list[dict] = []
    paragraphs = [
        sources[start : start + CITATIONS_PER_PARAGRAPH]
        for start in range(0, len(sources), CITATIONS_PER_PARAGRAPH)
    ]
    for number, start in enumerate(range(0, len(paragraphs), PARAGRAPHS_PER_PART), start=1):
        part = {
            "heading": f"Part {number}",
            "evidence_strength": "moderate",
            "caveats": "Based on what organisations told us.",
        }
        body.append({"type": "part", "value": part})
        for cited in paragraphs[start : start + PARAGRAPHS_PER_PART]:
            links = " ".join(
                f'Practice changed <a linktype="source" id="{source.pk}">in {source.slug}</a>.'
                for source in cited
            )
            body.append({"type": "narrative", "value": f"<p>{links}</p>"})
    shared_by = f'<a linktype="organisation" id="{organisation.pk}">partners</a>'
    learning = {"kind": "learned", "text": f"<p>Learning shared by {shared_by}.</p>"}
    body.append({"type": "learning", "value": learning})
    highlight = {"source": sources[0].pk, "quote": "Relationships matter.", "why_it_matters": ""}
    body.append({"type": "evidence_highlight", "value": highlight})
    return body


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build(seed: int) -> None:
    """The site, its partners, the story, and a page for each number of citations."""
    rng = random.Random(seed)
    root = Page.get_first_root_node()
    root.get_children().delete()  # Wagtail's placeholder page
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    site, _ = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    story = publish(home, StoryIndexPage(title="Story of Progress", slug="story"))
    sections = [
        publish(story, SectionPage(title=title, slug=slug, lens=lens))
        for title, slug, lens in SECTIONS
    ]
    sources = build_evidence(rng, sum(CITATIONS))
    organisations = list(Organisation.objects.order_by("pk"))
    site_settings = SiteSettings.objects.create(site=site)
    for partner in organisations[:PARTNERS]:
        SiteSettingsPartner.objects.create(site_settings=site_settings, organisation=partner)
    start = 0
    for number, citations in enumerate(CITATIONS, start=1):
        statement = VisionStatement.objects.create(
            number=number,
            short_name=f"Statement {number}",
            full_wording="Children will be supported to thrive.",
            foundation="care",
        )
        cited, start = sources[start : start + citations], start + citations
        for section, body in (
            (sections[0], body_citing(cited, organisations[0])),
            (sections[1], []),
        ):
            page = VisionStatementPage(
                title=f"Statement {number}: {citations} citations",
                slug=f"citations-{citations}",
                vision_statement=statement,
                summary="How organisations help children thrive.",
                body=body,
            )
            publish(section, page)


def pages_to_render() -> dict[int, str]:
    """The URL of the page citing each number of sources (the one with a body)."""
    section = SectionPage.objects.get(slug=SECTIONS[0][1])
    return {
        citations: VisionStatementPage.objects.child_of(section)
        .get(slug=f"citations-{citations}")
        .url
        for citations in CITATIONS
    }


# Render figures -------------------------------------------------------------------------------
def render_once(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return elapsed


def render_figures(urls: dict[int, str], repeats: int) -> list[RenderRow]:
    """Each page rendered `repeats` times, uncached and anonymous, after one render that warms
    what every process keeps (site root paths, content types, templates); its queries counted
    on one more render. The pages take turns (5, 100, 500, 5, ...), so that whatever else the
    machine does in the meantime weighs on each page alike, not on whichever was timed then."""
    client = Client()
    times: dict[int, list[float]] = {citations: [] for citations in urls}
    for url in urls.values():
        render_once(client, url)
    for _ in range(repeats):
        for citations, url in urls.items():
            times[citations].append(render_once(client, url))
    rows = []
    for citations, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            render_once(client, url)
        rows.append(
            RenderRow(
                citations=citations,
                url=url,
                median_ms=statistics.median(times[citations]),
                p95_ms=percentile(times[citations], 0.95),
                queries=len(queries),
            )
        )
    return rows


def verdict(met: bool) -> str:
    return "ok" if met else "OVER"


def print_render_table(rows: list[RenderRow], repeats: int) -> None:
    print(f"render, uncached, anonymous, through Django's test client; renders a page: {repeats}")
    print(f"{'citations':>10} {'median':>9} {'p95':>9} {'queries':>8}")
    for row in rows:
        print(
            f"{row.citations:>10} {row.median_ms:>7.1f}ms {row.p95_ms:>7.1f}ms {row.queries:>8}"
            f"  {verdict(row.queries <= MAX_QUERIES)} (at most {MAX_QUERIES} queries)"
        )
    base = next(row for row in rows if row.citations == CITATIONS[0])
    for row in rows:
        target = RATIO_TARGETS.get(row.citations)
        if target is not None:
            ratio = row.median_ms / base.median_ms
            print(
                f"ratio {row.citations}/{base.citations}: {ratio:.2f}x  "
                f"{verdict(ratio <= target)} (at most {target:g}x)"
            )


def show_queries(url: str) -> None:
    client = Client()
    render_once(client, url)
    with CaptureQueriesContext(connection) as queries:
        render_once(client, url)
    print(f"\nthe queries of one render of {url}:")
    for number, query in enumerate(queries.captured_queries, start=1):
        print(f"{number:>3}. {COLUMNS.sub('…', query['sql'])}")


# Running --------------------------------------------------------------------------------------
@contextlib.contextmanager
def benchmark_database(keep: bool):
    """A database of its own, as Django's test runner makes one (`bench_pages_<name>` on
    PostgreSQL, in memory on SQLite); dropped at the end unless `keep` (PostgreSQL only)."""
    database = settings.DATABASES["default"]
    if connection.vendor != "sqlite":
        database.setdefault("TEST", {})["NAME"] = f"bench_pages_{database['NAME']}"
    keep = keep and connection.vendor != "sqlite"
    setup_test_environment()
    settings.DEBUG = False
    settings.PAGE_CACHE_ALIAS = None  # every render is a render, whatever the settings say
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        cache.clear()
        yield
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def describe_machine() -> str:
    """What the figures were measured on, for the README."""
    if connection.vendor == "postgresql":
        version = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    else:
        version = f"{connection.vendor} {connection.Database.sqlite_version}"
    return (
        f"{version}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"{datetime.date.today().isoformat()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed renders a page (1-1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of one render of each page"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the benchmark database afterwards, and reuse it if it is already there "
        "(PostgreSQL)",
    )
    parser.add_argument(
        "--throughput-seconds",
        type=float,
        default=0,
        help="also measure the 5-citation page's throughput (uncached, cached by the app, "
        "through Varnish, nginx with the same HTML) this many seconds a row, with gunicorn and "
        "wrk (PostgreSQL; 0, the default, skips it; at most 120)",
    )
    args = parser.parse_args()
    if not 1 <= args.repeats <= 1000:
        parser.error("--repeats must be from 1 to 1000")
    if not 0 <= args.throughput_seconds <= 120:
        parser.error("--throughput-seconds must be from 0 to 120")

    with benchmark_database(args.keep):
        if VisionStatementPage.objects.exists():
            print(f"{connection.vendor}: reusing {connection.settings_dict['NAME']}")
        else:
            started = time.perf_counter()
            build(args.seed)
            print(
                f"{connection.vendor}: vision statement pages citing "
                f"{', '.join(map(str, CITATIONS))} sources, built in "
                f"{time.perf_counter() - started:.0f}s"
            )
        print(f"({describe_machine()})\n")
        urls = pages_to_render()
        print_render_table(render_figures(urls, args.repeats), args.repeats)
        if args.show_queries:
            for url in urls.values():
                show_queries(url)
        if args.throughput_seconds:
            print_throughput(urls[min(urls)], args.throughput_seconds)


def print_throughput(path: str, seconds: float) -> None:
    """The same page served four ways (`throughput.py`), side by side, by gunicorn over this
    benchmark's database."""
    if connection.vendor != "postgresql":
        print("\nthroughput: skipped (gunicorn cannot share an in-memory SQLite database)")
        return
    from throughput import Load, table, throughput_figures  # benchmarks/, beside this script

    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    connection.close()  # gunicorn's workers read it; nothing of ours holds it open meanwhile
    rows = throughput_figures(path, load=Load(seconds=seconds), environment={"DATABASE_URL": url})
    print(f"\nthroughput of {path} (wrk, {seconds:g} s a row):")
    print(table(rows))


if __name__ == "__main__":
    main()
