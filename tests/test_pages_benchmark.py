"""`benchmarks/pages.py` keeps working: one render a page (`make bench-smoke`).

On SQLite always (its database in memory), and on PostgreSQL when DATABASE_URL names one (as in
`.ci/run`): it builds `bench_pages_<name>` next to that database and drops it at the end, so it
never touches the database itself. What the figures are is the benchmark's to say, not this
test's: it checks each page is rendered and measured, and the ratios are worked out.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "pages.py"


def run(tmp_path: Path, database_url: str, *args: str) -> tuple[int, str]:
    out = tmp_path / "pages.out"
    with out.open("w") as stdout:
        completed = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
            [sys.executable, str(BENCHMARK), *args],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.STDOUT,
            timeout=180,
            env={**os.environ, "DATABASE_URL": database_url},
            check=False,
        )
    return completed.returncode, out.read_text()


def database_url(vendor: str, tmp_path: Path) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("set DATABASE_URL=postgres://... to run the page benchmark on PostgreSQL")
    return url


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_the_page_benchmark_prints_its_figures(vendor, tmp_path):
    status, output = run(tmp_path, database_url(vendor, tmp_path), "--repeats", "1")
    assert status == 0, output[-3000:]
    assert re.search(rf"^{vendor}: vision statement pages citing 5, 100, 500 sources", output, re.M)
    rows = re.findall(r"^\s+(\d+)\s+[\d.]+ms\s+[\d.]+ms\s+(\d+)  (?:ok|OVER) ", output, re.M)
    assert [citations for citations, _queries in rows] == ["5", "100", "500"]
    assert re.search(r"^ratio 100/5: [\d.]+x  (ok|OVER) \(at most 1.5x\)$", output, re.M)
    assert re.search(r"^ratio 500/5: [\d.]+x  (ok|OVER) \(at most 3x\)$", output, re.M)


def test_the_page_benchmark_refuses_to_run_unbounded(tmp_path):
    status, output = run(tmp_path, database_url("sqlite", tmp_path), "--repeats", "0")
    assert status == 2
    assert "--repeats must be from 1 to 1000" in output
