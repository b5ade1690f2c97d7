"""`benchmarks/search.py` keeps working: run on a tiny corpus, on the database the suite uses.

It builds its own database next to that one (in memory on SQLite, `bench_<name>` on PostgreSQL)
and drops it at the end, so it never touches the test database.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "search.py"


def test_the_search_benchmark_prints_its_figures():
    completed = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, str(BENCHMARK), "--pages", "40", "--sources", "20", "--repeats", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    output = completed.stdout
    assert re.search(r"40 pages, 20 sources, 200 organisations", output)
    rows = re.findall(r"^q=\S+.*?(\d+)\s+[\d.]+ms\s+[\d.]+ms\s+(\d+)\s", output, re.MULTILINE)
    assert len(rows) >= 12  # every search in the fixed set, with its hits and queries
    assert re.search(r"all result pages, computed: median [\d.]+ ms, p95 [\d.]+ ms", output)
    assert re.search(r"all result pages, repeated: median [\d.]+ ms, p95 [\d.]+ ms", output)
