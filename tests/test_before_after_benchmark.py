"""`benchmarks/before_after.py` keeps working, and leaves nothing behind (`make bench-smoke`).

A second per row, one round: the earlier commit checked out, both demo sites built in PostgreSQL
databases of their own, a row for each side with no errors and its workers' memory, the ratio
against issue 14's target, and the empty Wagtail project's row and memory beside them (a
floor for any Wagtail site's worker); then no server, worktree or database left. Needs PostgreSQL
(DATABASE_URL, which .ci/run sets for the benchmarks), wrk and git.
"""

import os
import re
import subprocess

import psycopg
import pytest

from benchmarks.before_after import database_url
from tests import benchmark_scripts
from tests.benchmark_scripts import ROOT, Script

pytestmark = pytest.mark.bench
token = benchmark_scripts.token  # the shared fixture

BEFORE_AFTER = ROOT / "benchmarks" / "before_after.py"


def test_both_sides_side_by_side_and_nothing_left(tmp_path, token):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL in DATABASE_URL (.ci/run sets it for make bench-smoke)")
    script = Script(
        BEFORE_AFTER, tmp_path, token, dict(os.environ), "--seconds", "1", "--rounds", "1"
    )
    status = script.finish(timeout=600)
    output = script.stdout()
    assert status == 0, script.stderr()[-3000:] + output[-2000:]
    for side in (r"before \(c0d0770\)", "now", "empty Wagtail project"):
        pattern = rf"^{side} +([\d.]+) +[\d.]+ +[\d.]+ +(\d+) +([\d.]+) +([\d.]+)$"
        row = re.search(pattern, output, re.M)
        assert row, (side, output)
        assert float(row.group(1)) > 0 and row.group(2) == "0"
        rss, private = float(row.group(3)), float(row.group(4))
        assert rss > 50 and 0 < private < rss
        if side == "now":  # forked from a master holding the site (deploy/gunicorn.conf.py)
            assert private < 0.6 * rss, (rss, private)
    assert re.search(r"^now / before \(c0d0770\), medians: [\d.]+x ", output, re.M), output
    floor = r"^worker RSS, medians: now [\d.]+ MB, empty Wagtail project [\d.]+ MB \(\+-?[\d.]+ MB"
    assert re.search(floor, output, re.M), output
    script.assert_nothing_left(token)
    worktrees = subprocess.run(  # noqa: S603 (git, fixed arguments)
        ["git", "-C", str(ROOT), "worktree", "list"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "before-after-" not in worktrees
    with psycopg.connect(database_url(url, "postgres")) as connection:
        names = [row[0] for row in connection.execute("SELECT datname FROM pg_database")]
    assert not [name for name in names if name.startswith(("bench_before_", "bench_now_"))]
