"""`benchmarks/search.py` keeps working: run on a tiny corpus (`make bench-smoke`).

On SQLite always (its database in memory), and on PostgreSQL when DATABASE_URL names one (as in
`.ci/run`): it builds `bench_<name>` next to that database and drops it at the end, so it never
touches the database itself.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "search.py"


def database_url(vendor: str, tmp_path: Path) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("set DATABASE_URL=postgres://... to run the search benchmark on PostgreSQL")
    return url


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_the_search_benchmark_prints_its_figures(vendor, tmp_path):
    out = tmp_path / "search.out"
    with out.open("w") as stdout:
        completed = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
            [sys.executable, str(BENCHMARK), "--pages", "40", "--sources", "20", "--repeats", "2"],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.STDOUT,
            timeout=120,
            env={**os.environ, "DATABASE_URL": database_url(vendor, tmp_path)},
            check=False,
        )
    output = out.read_text()
    assert completed.returncode == 0, output[-3000:]
    assert re.search(rf"^{vendor}: 40 pages, 20 sources, 200 organisations", output, re.MULTILINE)
    rows = re.findall(r"^q=\S+.*?(\d+)\s+[\d.]+ms\s+[\d.]+ms\s+(\d+)\s", output, re.MULTILINE)
    assert len(rows) >= 12  # every search in the fixed set, with its hits and queries
    assert re.search(r"all result pages, computed: median [\d.]+ ms, p95 [\d.]+ ms", output)
    assert re.search(r"all result pages, repeated: median [\d.]+ ms, p95 [\d.]+ ms", output)
