"""`benchmarks/exports.py` keeps working, and never leaves its redis-server behind
(`make bench-smoke`). It reads the demo site's SQLite database, made here."""

import re

import pytest

from tests import benchmark_scripts
from tests.benchmark_scripts import ROOT, Script, processes_with, sqlite_env

pytestmark = pytest.mark.bench
demo_database = benchmark_scripts.demo_database  # the shared fixtures
token = benchmark_scripts.token

EXPORTS = ROOT / "benchmarks" / "exports.py"


def test_the_export_benchmark_times_each_export_with_references_shared_or_not(
    demo_database, tmp_path, token
):
    script = Script(EXPORTS, tmp_path, token, demo_database, "--repeats", "1")
    status = script.finish(timeout=120)
    output = script.out.read_text()
    assert status == 0, script.stderr()[-2000:] + output[-2000:]
    sources = int(
        re.search(r"exports.py: (\d+) live sources, Redis as the shared cache", output)[1]
    )
    assert sources > 10
    for line in (
        "library.csv, references not shared (formatted here)",
        "library.csv, a new worker, references shared",
        "library.csv, the same worker again",
        "library.ris, no APA",
        "library.bib, no APA",
        "manage.py prepare_references, on an empty Redis",
        "manage.py prepare_references, again, nothing to format",
    ):
        assert re.search(rf"^{re.escape(line)} +[\d.]+ ms$", output, re.M), output
    assert re.search(r"library.csv: [\d.]+x faster with the references shared", output)
    assert processes_with(token) == []  # its redis-server (no server of its prints a group)


def test_the_export_benchmark_refuses_unbounded_repeats(tmp_path, token):
    env = sqlite_env(tmp_path / "empty.sqlite3")
    script = Script(EXPORTS, tmp_path, token, env, "--repeats", "50")
    assert script.finish(timeout=30) == 2
    assert "--repeats must be from 1 to 20" in script.stderr()
    assert processes_with(token) == []
