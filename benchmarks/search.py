"""Search benchmark: build a synthetic corpus, run a fixed set of searches, report latency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storyofprogress \\
        .venv/bin/python benchmarks/search.py --pages 10000 --sources 5000

Runs on whichever database DATABASE_URL names, but never in that database itself: it creates a
separate one next to it (`bench_<name>` on PostgreSQL, in memory on SQLite), as Django's test
runner does, and drops it at the end. For each query it prints the number of hits, the median and
95th percentile time to render the whole results page through Django's test client, and the
number of SQL queries that page made: "computed" when the search is computed afresh (as for a
search nobody has made since the content last changed), and "repeated" when the same search was
made before and is answered from the search cache (`search/cache.py`). Before the searches, as
the task worker would after a change, what readers' searches need is prepared: `Findable` and,
on PostgreSQL, the matches of the broadest words (`search/prepared_matches.py`); the last rows
show a first search after a change, and "care" with nothing prepared.
"""

import argparse
import gc
import os
import random
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storyofprogress.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page, Site  # noqa: E402

from benchmarks.figures import percentile  # noqa: E402
from citations.models import Citation  # noqa: E402
from evidence.models import Organisation, Source  # noqa: E402
from home.models import HomePage  # noqa: E402
from search import findable, generation, prepared_matches  # noqa: E402
from story.models import (  # noqa: E402
    Foundation,
    SectionPage,
    StoryIndexPage,
    VisionStatement,
    VisionStatementPage,
)

TOPICS = tuple(
    re.findall(
        r"\w+",
        "care children families support inspection police scotland education health "
        "justice aftercare relationships stability carers brothers sisters restraint "
        "mental wellbeing leadership collective learning practice services council "
        "workforce trauma poverty housing school attainment youth advocacy rights voice "
        "participation kinship adoption fostering residential secure scaffolding funding "
        "data evaluation improvement outcomes",
    )
)
SEARCHES = [
    {"q": "care"},
    {"q": "children families"},
    {"q": "inspection"},
    {"q": "police scotland"},
    {"q": "collective leadership"},
    {"q": "mental health support"},
    {"q": "kinship"},
    {"q": "zyzzyva"},
    {"q": "care", "kind": "source", "type": "report"},
    {"q": "care", "foundation": "family", "sort": "date"},
    {"q": "education", "year": "2020"},
    {"q": "care", "page": "3"},
]
PAGES_PER_INSERT = 500


TOPIC_WEIGHTS = [1 / rank for rank in range(1, len(TOPICS) + 1)]


def topics(rng: random.Random) -> list[str]:
    """What one document is about: a few topics, common ones (like "care") far more often."""
    return rng.choices(TOPICS, weights=TOPIC_WEIGHTS, k=rng.randint(1, 3))


def words(rng: random.Random, count: int, about: list[str] | None = None) -> str:
    """Prose-like text: a quarter topic words, the rest a long tail of other words."""
    about = about or topics(rng)
    return " ".join(
        rng.choice(about) if rng.random() < 0.25 else f"w{int(rng.paretovariate(1.1)) % 5000}"
        for _ in range(count)
    )


def build_tree() -> tuple[list[SectionPage], Locale]:
    root = Page.get_first_root_node()
    root.get_children().delete()  # Wagtail's placeholder page
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    story = home.add_child(instance=StoryIndexPage(title="Story of Progress", slug="story"))
    sections = [
        story.add_child(instance=SectionPage(title=title, slug=slug, lens=lens))
        for title, slug, lens in [
            ("National Data", "national-data", "quantitative"),
            ("Organisational Progress", "organisational-progress", "organisational"),
            ("Experiences", "experiences", "experiential"),
        ]
    ]
    return sections, home.locale


def build_evidence(rng: random.Random, sources: int) -> tuple[list[int], list[int]]:
    kinds = Organisation.Kind.values
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n} {words(rng, 2)}",
            slug=f"organisation-{n}",
            kind=rng.choice(kinds),
            live=True,
            description=words(rng, 30),
        )
        for n in range(200)
    )
    organisations[0].name, organisations[1].name = "Police Scotland", "Care Inspectorate"
    Organisation.objects.bulk_update(organisations[:2], ["name"])
    types = Source.ResourceType.values
    created = Source.objects.bulk_create(
        Source(
            title=f"{words(rng, 6)} {n}",
            slug=f"source-{n}",
            resource_type=rng.choice(types),
            year=rng.randint(2000, 2025),
            summary=words(rng, 60),
            live=True,
        )
        for n in range(sources)
    )
    Through = Source.organisations.through
    Through.objects.bulk_create(
        Through(source_id=source.pk, organisation_id=rng.choice(organisations).pk)
        for source in created
    )
    return [source.pk for source in created], [o.pk for o in organisations]


def build_pages(rng, count, sections, locale, source_ids, organisation_ids) -> None:
    """Insert vision statement pages in bulk (Page.add_child would take minutes)."""
    statements = VisionStatement.objects.bulk_create(
        VisionStatement(
            number=n,
            short_name=f"Statement {n}",
            full_wording=words(rng, 25),
            foundation=Foundation.values[n % 5],
        )
        for n in range(1, 11)
    )
    content_type = ContentType.objects.get_for_model(VisionStatementPage)
    now = timezone.now()
    fields = list(VisionStatementPage._meta.local_concrete_fields)
    for start in range(0, count, PAGES_PER_INSERT):
        pages, citations = [], []
        for n in range(start, min(start + PAGES_PER_INSERT, count)):
            section = sections[n % len(sections)]
            step = n // len(sections) + 1
            cited_sources = rng.sample(source_ids, 3)
            cited_organisation = rng.choice(organisation_ids)
            statement = rng.choice(statements)
            about = topics(rng)
            links = "".join(
                f'<a linktype="source" id="{pk}">{words(rng, 3, about)}</a> '
                f"{words(rng, 20, about)} "
                for pk in cited_sources
            )
            body = [
                {"type": "narrative", "value": f"<p>{words(rng, 60, about)} {links}</p>"},
                {
                    "type": "narrative",
                    "value": f'<p><a linktype="organisation" id="{cited_organisation}">'
                    f"{words(rng, 2, about)}</a> {words(rng, 40, about)}</p>",
                },
            ]
            slug = f"page-{n}"
            page = VisionStatementPage(
                title=f"{words(rng, 4, about)} {n}",
                draft_title="",
                slug=slug,
                path=Page._get_path(section.path, section.depth + 1, step),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                live=True,
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
                first_published_at=now,
                last_published_at=now,
                vision_statement=statement,
                summary=words(rng, 25, about),
                body=body,
                last_updated=datetime_date(rng),
            )
            page.draft_title = page.title
            pages.append(page)
            for pk in cited_sources:
                citations.append((n, "source_id", pk, statement.pk))
            citations.append((n, "organisation_id", cited_organisation, statement.pk))
        Page.objects.bulk_create(pages)  # the wagtailcore_page rows; sets page_ptr ids
        for page in pages:
            page.page_ptr_id = page.id
        VisionStatementPage._base_manager._insert(pages, fields=fields, raw=True)
        by_number = {int(page.slug.split("-")[1]): page.id for page in pages}
        Citation.objects.bulk_create(
            Citation(
                page_id=by_number[n],
                vision_statement_id=statement_id,
                location="body › narrative",
                in_live_version=True,
                in_latest_version=True,
                **{key: pk},
            )
            for n, key, pk, statement_id in citations
        )
    for section in sections:
        section.numchild = VisionStatementPage.objects.child_of(section).count()
        Page.objects.filter(pk=section.pk).update(numchild=section.numchild)


def datetime_date(rng: random.Random):
    import datetime

    return datetime.date(rng.randint(2018, 2025), rng.randint(1, 12), 1)


def timed(client, url, data, repeats: int, cold: bool) -> list[float]:
    """Milliseconds per render; `cold`: each one computes the search (computed searches are
    forgotten first, outside the timing), else each one may reuse the search computed before."""
    times = []
    for _ in range(repeats):
        if cold:
            generation.forget_searches()
        started = time.perf_counter()
        response = client.get(url, data)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} {data}: HTTP {response.status_code}")
    return times


def queries_for(client, url, data, cold: bool):
    if cold:
        generation.forget_searches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    return response, len(queries)


def run(repeats: int) -> None:
    client = Client()
    # As the task worker does once the index has followed a change: `Findable` built and the
    # broadest words' matches ranked (`search.prepared_matches`), so "computed" is a search
    # nobody has made since, as readers meet it.
    generation.index_followed.call()
    # As gunicorn's master does before forking the workers that answer readers
    # (`sitewide.workers.before_fork`): what start-up made is left out of the collector's full
    # passes, which would otherwise walk it all again every few requests (about 100 ms here).
    gc.collect()
    gc.freeze()
    everything: dict[str, list[float]] = {"cold": [], "warm": []}
    print(
        f"{'':44} {'':>6} {'computed (cold)':^26} {'repeated (warm)':^26}\n"
        f"{'search':44} {'hits':>6} {'median':>8} {'p95':>8} {'queries':>8} "
        f"{'median':>8} {'p95':>8} {'queries':>8}"
    )
    for params in SEARCHES + [{"autocomplete": "chil"}]:
        if "autocomplete" in params:
            url, data, label = (
                "/search/autocomplete/",
                {"q": params["autocomplete"]},
                "autocomplete",
            )
        else:
            url, data, label = "/search/", params, "&".join(f"{k}={v}" for k, v in params.items())
        client.get(url, data)  # warm up (site root paths, content types, templates)
        figures = {}
        for state in ("cold", "warm"):
            times = timed(client, url, data, repeats, cold=state == "cold")
            response, queries = queries_for(client, url, data, cold=state == "cold")
            figures[state] = (statistics.median(times), percentile(times, 0.95), queries)
            if url == "/search/":
                everything[state] += times
        hits = (
            response.context["result_count"]
            if response.context
            else len(response.json()["results"])
        )
        cold, warm = figures["cold"], figures["warm"]
        print(
            f"{label[:44]:44} {hits:>6} {cold[0]:>6.1f}ms {cold[1]:>6.1f}ms {cold[2]:>8} "
            f"{warm[0]:>6.1f}ms {warm[1]:>6.1f}ms {warm[2]:>8}"
        )
    # After a change, as a reader's process meets it: the task worker has run `index_followed`
    # (moving the generation on and building `Findable` into the shared cache), and this
    # process has only its copy of the previous generation. Then, for comparison, a generation
    # nobody prepared, which the search builds itself.
    prepared, unprepared, unranked = [], [], []
    for _ in range(repeats):
        generation.index_followed.call()
        findable.forget()
        started = time.perf_counter()
        client.get("/search/", {"q": "care"})
        prepared.append((time.perf_counter() - started) * 1000)
    for _ in range(repeats):
        generation.move_on()
        started = time.perf_counter()
        client.get("/search/", {"q": "care"})
        unprepared.append((time.perf_counter() - started) * 1000)
    # And a broad word computed by PostgreSQL, as it would be were its matches not prepared.
    generation.index_followed.call()
    client.get("/search/", {"q": "care"})
    for _ in range(repeats):
        generation.forget_searches()
        prepared_key = prepared_matches.key_for(["care"])  # None on SQLite: nothing prepared
        if prepared_key is not None:
            cache.delete(prepared_key)
        started = time.perf_counter()
        client.get("/search/", {"q": "care"})
        unranked.append((time.perf_counter() - started) * 1000)
    for label, times, how in (
        (
            "q=care, first search after a content change",
            prepared,
            "Findable from the cache: search/findable.py",
        ),
        ("q=care, ... if nothing was prepared", unprepared, "Findable built by the search"),
        (
            "q=care, its matches not prepared",
            unranked,
            "ranked by PostgreSQL: search/prepared_matches.py",
        ),
    ):
        print(
            f"{label:44} {'':>6} {statistics.median(times):>6.1f}ms "
            f"{percentile(times, 0.95):>6.1f}ms ({how})"
        )
    for state, label in (("cold", "computed"), ("warm", "repeated")):
        times = everything[state]
        print(
            f"\nall result pages, {label}: median {statistics.median(times):.1f} ms, "
            f"p95 {percentile(times, 0.95):.1f} ms over {len(times)} renders",
            end="",
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=20, help="timed renders per search")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the benchmark database afterwards, and reuse it if it is already there "
        "(PostgreSQL; to look at query plans, or to rerun without building again)",
    )
    args = parser.parse_args()

    database = settings.DATABASES["default"]
    if connection.vendor != "sqlite":
        database.setdefault("TEST", {})["NAME"] = f"bench_{database['NAME']}"
    setup_test_environment()
    settings.DEBUG = False
    keep = args.keep and connection.vendor != "sqlite"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        cache.clear()
        if keep and VisionStatementPage.objects.exists():
            print(f"{connection.vendor}: reusing {connection.settings_dict['NAME']}\n")
        else:
            build(args)
        cache.clear()
        run(args.repeats)
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def build(args) -> None:
    rng = random.Random(args.seed)
    started = time.perf_counter()
    sections, locale = build_tree()
    source_ids, organisation_ids = build_evidence(rng, args.sources)
    build_pages(rng, args.pages, sections, locale, source_ids, organisation_ids)
    built = time.perf_counter()
    call_command("update_index", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As autovacuum soon would after a bulk load: statistics, and the dead rows that
            # `update_index` leaves behind (two per index entry here) reclaimed.
            cursor.execute("VACUUM ANALYZE")
    indexed = time.perf_counter()
    print(
        f"{connection.vendor}: {args.pages} pages, {args.sources} sources, 200 organisations; "
        f"built in {built - started:.0f}s, indexed in {indexed - built:.0f}s\n"
    )


if __name__ == "__main__":
    main()
