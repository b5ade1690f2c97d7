"""Export benchmark: the library's downloads, with the APA references shared or formatted.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_storyofprogress \\
        .venv/bin/python benchmarks/exports.py --repeats 3

Reads the database DATABASE_URL names as it is (`make bench` passes the search benchmark's, with
5,000 sources; the smoke test the demo site's), with a redis-server of its own as the shared
cache, as in production (REDIS_URL). Through Django's test client, as an anonymous reader, it
times the library's CSV export (every live source with its APA reference):

- with the references not shared: the shared cache and this process's memo emptied first, so
  every reference is formatted here by citeproc-py, as every export did before references were
  shared (and as the first one does after Redis has lost them);
- as a new worker meets it: its memo empty, the references shared (one read for all of them);
- the same worker again (the references in its memo, which holds 4,096);

the RIS and BibTeX exports beside them (no APA in them); then `manage.py prepare_references`
on an empty Redis, and again with nothing left to format. Each line is the median of its runs.
"""

import argparse
import io
import os
import statistics
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storyofprogress.settings.test")

from benchmarks.processes import run_script  # noqa: E402
from benchmarks.servers import ServerError, owned_redis_process  # noqa: E402

EXPORTS = (("csv", "library:csv"), ("ris", "library:ris"), ("bib", "library:bibtex"))
MAX_REPEATS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each line (1-20)")
    args = parser.parse_args()
    if not 1 <= args.repeats <= MAX_REPEATS:
        parser.error(f"--repeats must be from 1 to {MAX_REPEATS}")
    run_script("exports.py", lambda signals: run(args.repeats), errors=(ServerError,))


def run(repeats: int) -> None:
    with owned_redis_process() as redis:
        os.environ["REDIS_URL"] = redis.url()  # the shared cache, as in production
        os.environ["RATELIMIT_EXPORTS"] = "100000/m"  # the benchmark is one reader, many times
        measure(repeats)


def measure(repeats: int) -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from evidence.bibliography import forget_references
    from evidence.models import Source
    from evidence.shared_references import references_cache

    setup_test_environment()
    settings.DEBUG = False
    settings.PAGE_CACHE_ALIAS = None  # every export is made, not read from the page cache
    client = Client()
    sources = Source.objects.live().count()

    def seconds(path: str, before=None) -> float:
        runs = []
        for _ in range(repeats):
            if before is not None:
                before()
            started = time.perf_counter()
            response = client.get(path)
            runs.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise ServerError(f"{path} answered {response.status_code}")
        return statistics.median(runs)

    def nothing_shared() -> None:
        references_cache().clear()
        forget_references()

    csv = reverse("library:csv")
    rows = [
        ("library.csv, references not shared (formatted here)", seconds(csv, nothing_shared)),
        ("library.csv, a new worker, references shared", seconds(csv, forget_references)),
        ("library.csv, the same worker again", seconds(csv)),
    ]
    rows += [(f"library.{name}, no APA", seconds(reverse(url))) for name, url in EXPORTS[1:]]
    nothing_shared()
    for label in ("on an empty Redis", "again, nothing to format"):
        started = time.perf_counter()
        with redirect_stdout(io.StringIO()):
            call_command("prepare_references")
        rows.append((f"manage.py prepare_references, {label}", time.perf_counter() - started))

    print(f"exports.py: {sources} live sources, Redis as the shared cache, medians of {repeats}")
    for label, value in rows:
        print(f"{label:<60} {value * 1000:>10.1f} ms")
    not_shared, shared = rows[0][1], rows[1][1]
    print(f"library.csv: {not_shared / shared:.1f}x faster with the references shared")


if __name__ == "__main__":
    main()
