"""`benchmarks/before_after.py` keeps working, and leaves nothing behind (`make bench-smoke`).

A second per row, one round: the earlier commit checked out, both demo sites built in PostgreSQL
databases of their own, a row for each side with no errors and its workers' memory, the ratio
against issue 14's target, and the empty Wagtail project's row and memory beside them (a
floor for any Wagtail site's worker); another project named by `--beside` (here a second
`wagtail start` project, standing in for a bakerydemo checkout) with its row and the comparison
against it; then no server, worktree or database left. Needs PostgreSQL (DATABASE_URL, which
.ci/run sets for the benchmarks), wrk and git.
"""

import os
import re
import subprocess
import sys

import psycopg
import pytest

from benchmarks import empty_wagtail
from benchmarks.before_after import database_url
from benchmarks.empty_wagtail import empty_wagtail_project
from tests import benchmark_scripts
from tests.benchmark_scripts import ROOT, Script

pytestmark = pytest.mark.bench
token = benchmark_scripts.token  # the shared fixture

BEFORE_AFTER = ROOT / "benchmarks" / "before_after.py"
#: What the generated project's production settings need from the environment.
ENVIRONMENT = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")


def test_both_sides_side_by_side_and_nothing_left(tmp_path, token):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL in DATABASE_URL (.ci/run sets it for make bench-smoke)")
    with empty_wagtail_project() as (another, environment):
        beside = (
            *("--beside", str(another), "--beside-name", "another project"),
            *("--beside-wsgi", f"{empty_wagtail.NAME}.wsgi"),
            *("--beside-python", os.path.relpath(sys.executable, ROOT)),  # as a user types it
            *(f"--beside-env={name}={environment[name]}" for name in ENVIRONMENT),
        )
        arguments = ("--seconds", "1", "--rounds", "1", *beside)
        script = Script(BEFORE_AFTER, tmp_path, token, dict(os.environ), *arguments)
        status = script.finish(timeout=600)
    output = script.stdout()
    assert status == 0, script.stderr()[-3000:] + output[-2000:]
    for side in (r"before \(c0d0770\)", "now", "empty Wagtail project", "another project"):
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
    beside = r"^worker RSS, medians: now [\d.]+ MB, another project [\d.]+ MB \([+-][\d.]+ MB\)  "
    assert re.search(beside + r"(ok|OVER) \(target no more than another project's\)$", output, re.M)
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


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--beside", "/no/such/project", "--beside-wsgi", "x.wsgi"), "no such directory"),
        (("--beside", "."), "--beside needs --beside-wsgi"),
        (("--beside", ".", "--beside-wsgi", "x.wsgi", "--beside-env", "NOEQUALS"), "NAME=VALUE"),
        (("--beside", ".", "--beside-wsgi", "x.wsgi", "--beside-name", "now"), "another row's"),
        (("--beside", ".", "--beside-wsgi", "x.wsgi", "--beside-page", "blog/"), "starting with /"),
    ],
)
def test_another_project_is_checked_before_anything_starts(tmp_path, arguments, message):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(BEFORE_AFTER), *arguments],
        env={**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/never-reached"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
