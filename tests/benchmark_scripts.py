"""Running a benchmark script in its smoke tests (`make bench-smoke`), and checking it leaves
nothing behind.

A script runs in the background with its output in files, never in pipes that a stray server
could hold open, and with a token in its environment that every process it starts inherits:
afterwards no process may hold the token, nor belong to a process group the script printed
(`gunicorn: process group N`). Each wait has a timeout.
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

ROOT = Path(__file__).resolve().parents[1]
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
    """A benchmark script running in the background, its output in files."""

    def __init__(self, script: Path, tmp_path: Path, token: str, env: dict[str, str], *args):
        self.name = script.name
        self.out, self.err = tmp_path / f"{script.stem}.out", tmp_path / f"{script.stem}.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(  # noqa: S603 (our own script, fixed arguments)
                [sys.executable, str(script), *args],
                cwd=ROOT,
                env={**env, TOKEN_VARIABLE: token},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )

    def stdout(self) -> str:
        return self.out.read_text(errors="replace")

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
        pytest.fail(f"no {pattern!r} from {self.name} within {timeout} s:\n{self.stderr()[-2000:]}")

    def finish(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            pytest.fail(f"{self.name} did not end within {timeout} s:\n{self.stderr()[-2000:]}")

    def assert_nothing_left(self, token: str) -> None:
        groups = re.findall(r"process group (\d+)", self.stderr())
        assert groups, self.stderr()
        for group in groups:
            assert group_members(int(group)) == []
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
