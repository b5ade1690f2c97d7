"""Load test: the site under gunicorn with production settings, searched by concurrent readers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_storyofprogress \\
        .venv/bin/python benchmarks/load.py --seconds 20 --concurrency 2

Where `benchmarks/search.py` times one page render at a time through Django's test client, this
starts the real thing (gunicorn, `storyofprogress.settings.production`, static files collected,
the Redis cache `REDIS_URL` names, by default database 13 on 127.0.0.1:6379, which production
requires; without a Redis there the site is served uncached) on 127.0.0.1 and a free port, has
`--concurrency` readers search it for `--seconds` (at most two minutes), then stops it. The
searches are random one- and two-word queries over the benchmark's vocabulary, some sorted by
date and some asking for a later page, so some are computed afresh and some were made before:
what a busy site sees.

It only reads. Point `DATABASE_URL` at a database with content: the one `benchmarks/search.py
--keep` leaves (`bench_<name>`), or the demo site's (`make run`). It prints requests per second,
the median, 95th percentile and slowest response, and any failures (an HTTP status other than
200 is a failure).

gunicorn runs in a process group of its own, its output in a log file (the last lines are printed
if it fails), and that whole group (master and workers) is stopped on every way out: the end of
the run, any error (gunicorn not answering within `--ready-timeout` seconds included), Ctrl-C,
and SIGTERM or SIGHUP sent to this script. It prints `gunicorn: process group N` when it starts
it, so anything left over can be found with `ps -eo pid,pgid,args`.
"""

import argparse
import contextlib
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.figures import percentile  # noqa: E402

HOST = "127.0.0.1"  # never anywhere else
MAX_SECONDS = 120
MAX_READY_TIMEOUT = 600
STOP_GRACE = 10  # seconds gunicorn has to stop after SIGTERM before its group is killed
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
VOCABULARY = re.findall(
    r"\w+",
    "care children families support inspection police scotland education health justice "
    "aftercare relationships stability carers brothers sisters restraint mental wellbeing "
    "leadership collective learning practice services council workforce trauma poverty housing "
    "school attainment youth advocacy rights voice participation kinship adoption fostering",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


#: Production refuses to start without a Redis cache; a Redis that is not there is served
#: without (`storyofprogress.cache`), so the benchmark runs either way.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"


def server_environment(static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "REDIS_URL": os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback interface
        "STATIC_ROOT": static_root,
        # Every reader here is one address searching flat out: measure search, not its limit.
        "RATELIMIT_SEARCH": "1000000/m",
    }


class Stopped(BaseException):
    """This script was sent SIGTERM or SIGHUP (a BaseException, as KeyboardInterrupt is, so that
    no `except Exception` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Signals:
    """Turns SIGTERM and SIGHUP into `Stopped`, except while `deferred()` (starting gunicorn and
    taking note of it), when they, and Ctrl-C, wait until the end of the block."""

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
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
            pending, self.pending = self.pending, None
            if pending:
                self.stop(pending)


def collect_static(environment: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        check=True,
    )


def start_server(port: int, workers: int, environment: dict[str, str], log) -> subprocess.Popen:
    """gunicorn in a new session, so in a process group of its own (its id is the master's pid)
    that `stop_server` can stop whole; its output goes to `log`, never to a pipe of ours."""
    return subprocess.Popen(  # noqa: S603 (gunicorn from this environment, fixed arguments)
        [
            *(sys.executable, "-m", "gunicorn", "storyofprogress.wsgi"),
            *("--bind", f"{HOST}:{port}", "--workers", str(workers), "--log-level", "warning"),
            *("--graceful-timeout", str(STOP_GRACE // 2)),
        ],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_ready(server: subprocess.Popen, port: int, timeout: float) -> None:
    """Returns once gunicorn answers /robots.txt with 200; raises SystemExit if it stops or
    does not answer within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while True:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit status {server.returncode})")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SystemExit(
                f"gunicorn did not answer within {timeout:g} s (--ready-timeout; "
                f"last: {last_error})"
            )
        try:
            with urllib.request.urlopen(  # noqa: S310 (http on 127.0.0.1)
                f"http://{HOST}:{port}/robots.txt", timeout=min(2, max(remaining, 0.05))
            ) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last_error = f"HTTP {error.code}"
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out
            reason = getattr(error, "reason", error)  # URLError wraps the socket's error
            last_error = type(reason).__name__ if isinstance(reason, BaseException) else reason
        time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))


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


def stop_server(server: subprocess.Popen, grace: float = STOP_GRACE) -> None:
    """SIGTERM to gunicorn's whole process group, then SIGKILL to whatever of it is left after
    `grace` seconds; returns once none of it runs."""
    pgid = server.pid  # start_new_session: the master leads its own group
    for signum, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signum)
        deadline = time.monotonic() + wait
        while True:
            server.poll()  # reap the master, so that it does not linger as a zombie
            if not group_alive(pgid):
                return
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    raise RuntimeError(f"gunicorn's process group {pgid} survived SIGKILL")


def log_tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return ""
    return "".join(f"  | {line}\n" for line in text)


def search_url(port: int, rng: random.Random) -> str:
    params = {"q": " ".join(rng.sample(VOCABULARY, rng.choice((1, 2))))}
    if rng.random() < 0.3:
        params["sort"] = "date"
    if rng.random() < 0.2:
        params["page"] = str(rng.randint(2, 4))
    return f"http://{HOST}:{port}/search/?{urllib.parse.urlencode(params)}"


def read(port: int, seconds: float, concurrency: int, seed: int):
    """Each reader searches until time is up; returns (milliseconds, failures). Should this be
    interrupted, the readers stop after their current search (and, daemons, never keep the
    script alive)."""
    times: list[float] = []
    failures: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    stop = threading.Event()

    def reader(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < stop_at and not stop.is_set():
            url = search_url(port, rng)
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                    response.read()
                    failure = None if response.status == 200 else f"HTTP {response.status}"
            except urllib.error.HTTPError as error:
                failure = f"HTTP {error.code}"
            except (urllib.error.URLError, OSError) as error:
                failure = type(error).__name__
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if failure:
                    failures[failure] += 1
                else:
                    times.append(elapsed)

    readers = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(concurrency)]
    try:
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join()
    finally:
        stop.set()
    return times, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help=f"at most {MAX_SECONDS}")
    parser.add_argument("--concurrency", type=int, default=2, help="readers at once (1-32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (1-16)")
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=60,
        help="seconds gunicorn has to answer before the run fails (importing the site takes a "
        f"few seconds on a busy machine; at most {MAX_READY_TIMEOUT})",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be more than 0 and at most {MAX_SECONDS}")
    if not 1 <= args.concurrency <= 32:
        parser.error("--concurrency must be from 1 to 32")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be from 1 to 16")
    if not 0 < args.ready_timeout <= MAX_READY_TIMEOUT:
        parser.error(f"--ready-timeout must be more than 0 and at most {MAX_READY_TIMEOUT}")

    signals = Signals()
    signals.install()
    try:
        times, failures = run(args, signals)
    except KeyboardInterrupt:
        print("load.py: interrupted; gunicorn stopped", file=sys.stderr)
        raise SystemExit(128 + signal.SIGINT) from None
    except Stopped as stopped:
        print(f"load.py: stopped by {stopped}; gunicorn stopped", file=sys.stderr)
        raise SystemExit(128 + stopped.signum) from None
    if not times:
        raise SystemExit(f"no search answered: {dict(failures)}")
    times.sort()
    print(
        f"{len(times) + sum(failures.values())} searches in {args.seconds:g} s "
        f"({len(times) / args.seconds:.0f} answered a second), {args.concurrency} readers, "
        f"{args.workers} gunicorn workers: median {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, slowest {times[-1]:.0f} ms; "
        f"failures: {dict(failures) or 'none'}"
    )
    if failures:
        raise SystemExit(1)


def run(args, signals: Signals):
    """Starts gunicorn, reads, and stops gunicorn's whole process group whatever happens."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="load-") as workdir:
        environment = server_environment(str(Path(workdir) / "static"))
        log_path = Path(workdir) / "gunicorn.log"
        server = None
        try:
            collect_static(environment)
            with log_path.open("wb") as log, signals.deferred():
                server = start_server(port, args.workers, environment, log)
                print(f"gunicorn: process group {server.pid}", file=sys.stderr, flush=True)
            wait_until_ready(server, port, args.ready_timeout)
            print(f"gunicorn: ready on http://{HOST}:{port}/", file=sys.stderr, flush=True)
            return read(port, args.seconds, args.concurrency, args.seed)
        except SystemExit as error:
            tail = log_tail(log_path)
            if tail and not isinstance(error.code, int):
                raise SystemExit(f"{error.code}\ngunicorn's log ends:\n{tail}") from None
            raise
        finally:
            if server is not None:
                with signals.deferred():  # a second Ctrl-C or SIGTERM does not cut this short
                    stop_server(server)


if __name__ == "__main__":
    main()
