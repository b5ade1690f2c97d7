"""`benchmarks/load.py` keeps working: gunicorn with production settings, searched for 2 s.

It runs against a database of its own (a SQLite file with the demo content, made here), so it
runs once per CI run, in the SQLite pass.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own scripts, fixed arguments)
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="uses a SQLite database of its own: once per CI run is enough",
)
def test_the_load_benchmark_serves_searches_without_failures(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'load.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.test",
    }
    for command in (("migrate", "--noinput"), ("load_demo_content",)):
        done = run("manage.py", *command, "--verbosity", "0", env=env)
        assert done.returncode == 0, done.stderr[-2000:]

    loaded = run("benchmarks/load.py", "--seconds", "2", "--concurrency", "2", env=env)
    assert loaded.returncode == 0, loaded.stderr[-2000:] + loaded.stdout[-2000:]
    figures = re.search(
        r"(\d+) searches in 2 s .* median [\d.]+ ms, p95 [\d.]+ ms, .*failures: none",
        loaded.stdout,
    )
    assert figures, loaded.stdout
    assert int(figures.group(1)) > 10


def test_the_load_benchmark_refuses_to_run_unbounded():
    refused = run("benchmarks/load.py", "--seconds", "600", env=dict(os.environ), timeout=60)
    assert refused.returncode == 2
    assert "--seconds must be more than 0 and at most 120" in refused.stderr
