"""`benchmarks/faults.py` keeps working, and stops everything it starts (`make bench-smoke`).

One short run of every phase on a PostgreSQL database of the test's own with the demo content
(`tests.postgres_databases`: the fault of terminated connections needs PostgreSQL), checked for
its figures and for leaving no gunicorn or redis-server behind (`tests.benchmark_scripts`); and
the refusal of unbounded runs and of other databases.
"""

import os
import re

import pytest

from tests import benchmark_scripts
from tests.benchmark_scripts import ROOT, Script
from tests.postgres_databases import run_in, scratch_database

pytestmark = pytest.mark.bench
token = benchmark_scripts.token  # the shared fixture

FAULTS = ROOT / "benchmarks" / "faults.py"
FAULTS_RUN = ("worker killed", "database connections terminated", "Redis stopped")


@pytest.fixture(scope="module")
def demo_on_postgres():
    with scratch_database("faults") as url:
        run_in(url, "manage.py", "migrate", "--noinput", "--verbosity", "0")
        run_in(url, "manage.py", "load_demo_content", "--verbosity", "0")
        yield {**os.environ, "DATABASE_URL": url}


def test_every_fault_is_run_and_reported_and_every_server_stopped(
    demo_on_postgres, tmp_path, token
):
    script = Script(
        FAULTS,
        tmp_path,
        token,
        demo_on_postgres,
        *("--seconds", "2", "--connections", "10", "--before", "1"),
        *("--fault-seconds", "1", "--after", "2"),
    )
    status = script.finish(timeout=240)
    output = script.stdout()
    assert status == 0, script.stderr()[-2000:] + output[-3000:]
    steady = re.search(
        r"^steady: (\d+) requests in 2 s, .* p99 \d+ ms; errors: none$", output, re.M
    )
    assert steady, output
    assert int(steady.group(1)) > 10
    for fault in FAULTS_RUN:
        report = re.search(
            rf"^{fault} \(.*\)\n  during: \d+ requests.*\n  after: +\d+ requests.*\n"
            r"  5xx: (\d+); answering again [\d.]+ s after the fault began; full speed ",
            output,
            re.M,
        )
        assert report, (fault, output)
    assert report.group(1) == "0"  # Redis stopped: the site is served without it
    script.assert_nothing_left(token)


def test_unbounded_runs_and_other_databases_are_refused(tmp_path, token):
    postgres = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/any"}
    sqlite = {**os.environ, "DATABASE_URL": "sqlite:///db.sqlite3"}
    for env, args, error in (
        (postgres, ("--seconds", "600"), "--seconds must be more than 0 and at most 120"),
        (postgres, ("--connections", "500"), "--connections must be from 1 to 100"),
        (postgres, ("--workers", "1"), "--workers must be from 2 to 16 (one is killed)"),
        (sqlite, (), "DATABASE_URL must name a PostgreSQL database with content"),
    ):
        script = Script(FAULTS, tmp_path, token, env, *args)
        assert script.finish(timeout=60) == 2
        assert error in script.stderr()


def test_sigterm_stops_gunicorn_and_redis(demo_on_postgres, tmp_path, token):
    script = Script(FAULTS, tmp_path, token, demo_on_postgres, "--seconds", "60")
    script.wait_for(r"gunicorn: process group \d+", timeout=120)
    script.process.terminate()
    assert script.finish(timeout=60) == 128 + 15, script.stderr()[-2000:]
    assert "faults.py: stopped by SIGTERM; servers stopped" in script.stderr()
    script.assert_nothing_left(token)  # redis-server inherited the token too
