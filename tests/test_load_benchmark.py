"""`benchmarks/load.py` keeps working, and never leaves gunicorn behind (`make bench-smoke`).

The load run uses a SQLite database of its own with the demo content, made here, whatever
DATABASE_URL says. The other tests start the script, make it fail or stop it, and check that no
process of its gunicorn is left (`tests.benchmark_scripts`).
"""

import os
import re
import signal
import time

import pytest

from tests import benchmark_scripts
from tests.benchmark_scripts import ROOT, Script, group_members, sqlite_env

pytestmark = pytest.mark.bench
demo_database = benchmark_scripts.demo_database  # the shared fixtures
token = benchmark_scripts.token

LOAD = ROOT / "benchmarks" / "load.py"


def test_the_load_benchmark_serves_searches_without_failures(demo_database, tmp_path, token):
    script = Script(LOAD, tmp_path, token, demo_database, "--seconds", "2", "--concurrency", "2")
    status = script.finish(timeout=120)
    output = script.out.read_text()
    assert status == 0, script.stderr()[-2000:] + output[-2000:]
    figures = re.search(
        r"(\d+) searches in 2 s .* median [\d.]+ ms, p95 [\d.]+ ms, .*failures: none", output
    )
    assert figures, output
    assert int(figures.group(1)) > 10
    script.assert_nothing_left(token)


def test_gunicorn_not_answering_in_time_fails_clearly_and_is_stopped(tmp_path, token):
    """A readiness timeout far shorter than gunicorn needs to import the site: the script says
    so, exits 1, and stops gunicorn (master and any worker) first."""
    env = sqlite_env(tmp_path / "empty.sqlite3")
    script = Script(LOAD, tmp_path, token, env, "--seconds", "2", "--ready-timeout", "0.5")
    status = script.finish(timeout=90)
    assert status == 1, script.stderr()[-2000:]
    assert "gunicorn did not answer within 0.5 s (--ready-timeout" in script.stderr()
    assert "Traceback" not in script.stderr()
    script.assert_nothing_left(token)


@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [
        (signal.SIGTERM, 128 + signal.SIGTERM, "stopped by SIGTERM"),
        (signal.SIGINT, 128 + signal.SIGINT, "interrupted"),
    ],
    ids=["SIGTERM", "Ctrl-C"],
)
def test_stopping_the_script_stops_gunicorn(
    demo_database, tmp_path, token, signum, status, message
):
    script = Script(LOAD, tmp_path, token, demo_database, "--seconds", "60", "--workers", "2")
    script.wait_for(r"gunicorn: ready on ", timeout=90)
    group = int(re.search(r"gunicorn: process group (\d+)", script.stderr()).group(1))
    # The master and two workers, searched meanwhile. gunicorn forks the workers from its master
    # one after another (deploy/gunicorn.conf.py), so the first may answer before the second
    # exists: wait for it, within bounds.
    deadline = time.monotonic() + 30
    while len(group_members(group)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(group_members(group)) == 3
    time.sleep(0.5)
    script.process.send_signal(signum)
    assert script.finish(timeout=30) == status, script.stderr()[-2000:]
    assert message in script.stderr()
    script.assert_nothing_left(token)


def test_the_load_benchmark_refuses_to_run_unbounded(tmp_path, token):
    for args, error in (
        (("--seconds", "600"), "--seconds must be more than 0 and at most 120"),
        (("--ready-timeout", "0"), "--ready-timeout must be more than 0 and at most 600"),
    ):
        script = Script(LOAD, tmp_path, token, dict(os.environ), *args)
        assert script.finish(timeout=60) == 2
        assert error in script.stderr()
