"""`benchmarks/load.py` keeps working, and never leaves gunicorn behind (`make bench-smoke`).

The load run uses a SQLite database of its own with the demo content, made here, whatever
DATABASE_URL says. The other tests start the script, make it fail or stop it, and check that no
process of its gunicorn is left: by the process group it prints, and by a token in the
environment that every process it starts inherits. Each subprocess has a timeout and writes to
files, never to pipes that a stray gunicorn could hold open.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parents[1]
LOAD = ROOT / "benchmarks" / "load.py"
TOKEN_VARIABLE = "LOAD_BENCHMARK_TEST_TOKEN"


def processes_with(token: str) -> list[str]:
    """Live (not zombie) processes whose environment holds `token`, as "pid args"."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"{TOKEN_VARIABLE}={token}".encode() not in environ.read_bytes().split(b"\0"):
                continue
            stat = (environ.parent / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                continue
            args = (environ.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        found.append(f"{environ.parent.name} {args.decode(errors='replace')}")
    return found


def group_members(pgid: int) -> list[str]:
    listed = subprocess.run(
        ["ps", "-eo", "pid=,pgid=,stat=,args="],  # noqa: S607 (ps from PATH)
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout.splitlines()
    return [
        line
        for line in listed
        if line.split()[1] == str(pgid) and not line.split()[2].startswith("Z")
    ]


@pytest.fixture
def token():
    """A token for this test's processes; whatever still holds it afterwards is killed (so a
    failing test leaves nothing either) after the test has checked there is none."""
    value = uuid.uuid4().hex
    yield value
    for line in processes_with(value):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split()[0]), signal.SIGKILL)


class Script:
    """benchmarks/load.py running in the background, its output in files."""

    def __init__(self, tmp_path: Path, token: str, env: dict[str, str], *args: str):
        self.out, self.err = tmp_path / "load.out", tmp_path / "load.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(  # noqa: S603 (our own script, fixed arguments)
                [sys.executable, str(LOAD), *args],
                cwd=ROOT,
                env={**env, TOKEN_VARIABLE: token},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )

    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.stderr())
            if found:
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.process.kill()
        pytest.fail(f"no {pattern!r} from load.py within {timeout} s:\n{self.stderr()[-2000:]}")

    def finish(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            pytest.fail(f"load.py did not end within {timeout} s:\n{self.stderr()[-2000:]}")

    def assert_nothing_left(self, token: str) -> None:
        group = re.search(r"gunicorn: process group (\d+)", self.stderr())
        assert group, self.stderr()
        assert group_members(int(group.group(1))) == []
        assert processes_with(token) == []


def sqlite_env(path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.test",
    }


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    """A SQLite file with the demo content (migrating takes most of the 10-15 s this costs)."""
    env = sqlite_env(tmp_path_factory.mktemp("load") / "load.sqlite3")
    for command in (("migrate", "--noinput"), ("load_demo_content",)):
        done = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,  # manage.py starts no server: nothing can hold these pipes
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    return env


def test_the_load_benchmark_serves_searches_without_failures(demo_database, tmp_path, token):
    script = Script(tmp_path, token, demo_database, "--seconds", "2", "--concurrency", "2")
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
    script = Script(tmp_path, token, env, "--seconds", "2", "--ready-timeout", "0.5")
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
    script = Script(tmp_path, token, demo_database, "--seconds", "60", "--workers", "2")
    script.wait_for(r"gunicorn: ready on ", timeout=90)
    group = int(re.search(r"gunicorn: process group (\d+)", script.stderr()).group(1))
    assert len(group_members(group)) == 3  # the master and two workers, searched meanwhile
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
        script = Script(tmp_path, token, dict(os.environ), *args)
        assert script.finish(timeout=60) == 2
        assert error in script.stderr()
