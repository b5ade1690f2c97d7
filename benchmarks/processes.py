"""Process groups: how the benchmarks and the live-server tests start servers and never leave one.

Every server (gunicorn, redis-server, varnishd, nginx) is started in a new session, so in a
process group of its own whose id is its pid, with its output in a log file, never in a pipe of
ours that a stray child could hold open. It is stopped by group: SIGTERM, then SIGKILL to
whatever of the group is left after a grace period, and the stop returns only once none of it
runs. `group()` does both around a block, so every way out of the block stops it.

A script (not a test) also installs `Signals`, which turns SIGTERM and SIGHUP into an exception,
so that those ways out take the same path as Ctrl-C and an error do.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anywhere else
STOP_GRACE = 10  # seconds a group has to stop after SIGTERM before it is killed
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound and released at once)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Stopped(BaseException):
    """This script was sent SIGTERM or SIGHUP (a BaseException, as KeyboardInterrupt is, so that
    no `except Exception` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Signals:
    """Turns SIGTERM and SIGHUP into `Stopped`, except while `deferred()` (starting a server and
    taking note of it, or stopping it), when they, and Ctrl-C, wait until the end of the block."""

    def __init__(self) -> None:
        self.deferring = False
        self.pending: int | None = None

    def install(self) -> None:
        for signum in (*STOP_SIGNALS, signal.SIGINT):
            signal.signal(signum, self.handle)

    def handle(self, signum: int, frame) -> None:
        if self.deferring:
            self.pending = self.pending or signum
        else:
            self.stop(signum)

    @staticmethod
    def stop(signum: int):
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Stopped(signum)

    @contextlib.contextmanager
    def deferred(self):
        if self.deferring:  # nested: the outer block delivers
            yield
            return
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
            pending, self.pending = self.pending, None
            if pending:
                self.stop(pending)


def deferred(signals: Signals | None):
    return signals.deferred() if signals is not None else contextlib.nullcontext()


def run_quietly(command: list[str], root: Path, environment: dict[str, str]) -> None:
    """A set-up command (a manage.py command, `wagtail start`) run to the end, its output
    dropped unless it fails (`check`: CalledProcessError), within ten minutes."""
    subprocess.run(  # noqa: S603 (commands of this virtualenv and checkout, fixed arguments)
        command,
        cwd=root,
        env=environment,
        check=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )


def manage(root: Path, environment: dict[str, str], *arguments: str) -> None:
    """`manage.py` of the checkout (or project) in `root`, quietly (`run_quietly`)."""
    run_quietly([sys.executable, "manage.py", *arguments, "--verbosity", "0"], root, environment)


def start_in_group(command: list[str], log, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`command` in a new session (a process group of its own), its output going to `log`."""
    return subprocess.Popen(  # noqa: S603 (servers from this machine, fixed arguments)
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def group_alive(pgid: int) -> bool:
    """Whether a process of group `pgid` is still running (zombies, already dead but not yet
    reaped by whoever inherited them, do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: signal 0 tells whether any member, zombie or not, exists
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return sorted(found)


def stop_group(process: subprocess.Popen, grace: float = STOP_GRACE) -> None:
    """SIGTERM to the process's whole group (SIGCONT first, for a paused one), then SIGKILL to
    whatever of it is left after `grace` seconds; returns once none of it runs."""
    pgid = process.pid  # start_new_session: the process leads its own group
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGCONT)
    for signum, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signum)
        deadline = time.monotonic() + wait
        while True:
            process.poll()  # reap the leader, so that it does not linger as a zombie
            if not group_alive(pgid):
                return
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    raise RuntimeError(f"process group {pgid} ({process.args[0]}) survived SIGKILL")


@contextlib.contextmanager
def group(command, log_path: Path, *, env=None, signals: Signals | None = None, grace=STOP_GRACE):
    """`command` running in a process group of its own for the block, stopped whole on every
    way out of it. Under `signals`, a signal arriving while it starts or stops waits until it
    has (and then takes the way out through the stop)."""
    process = None
    try:
        with log_path.open("ab") as log, deferred(signals):
            process = start_in_group(list(command), log, env)
        yield process
    finally:
        if process is not None:
            with deferred(signals):
                stop_group(process, grace)


def log_tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return ""
    return "".join(f"  | {line}\n" for line in text)


def run_script(name: str, work, *, errors: tuple = (), stopped: str = "servers stopped"):
    """`work(signals)` for a benchmark script's `main()`, with every way out of it made an exit:
    SIGTERM and SIGHUP (through `Signals`) and Ctrl-C exit with 128 + the signal after saying
    `stopped` (the servers are, by then: every one is started in a block that stops it), an
    error of `errors` with its message. What `work` returns is returned."""
    signals = Signals()
    signals.install()
    try:
        return work(signals)
    except errors as error:
        raise SystemExit(f"{name}: {error}") from None
    except KeyboardInterrupt:
        print(f"{name}: interrupted; {stopped}", file=sys.stderr)
        raise SystemExit(128 + signal.SIGINT) from None
    except Stopped as stop:
        print(f"{name}: stopped by {stop}; {stopped}", file=sys.stderr)
        raise SystemExit(128 + stop.signum) from None
