"""Load test: the site under gunicorn with production settings, searched by concurrent readers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_storyofprogress \\
        .venv/bin/python benchmarks/load.py --seconds 20 --concurrency 2

Where `benchmarks/search.py` times one page render at a time through Django's test client, this
starts the real thing (gunicorn, `storyofprogress.settings.production`, static files collected,
the cache `REDIS_URL` names or local memory) on 127.0.0.1 and a free port, has `--concurrency`
readers search it for `--seconds` (at most two minutes), then stops it. The searches are random
one- and two-word queries over the benchmark's vocabulary, some sorted by date and some asking
for a later page, so some are computed afresh and some were made before: what a busy site sees.

It only reads. Point `DATABASE_URL` at a database with content: the one `benchmarks/search.py
--keep` leaves (`bench_<name>`), or the demo site's (`make run`). It prints requests per second,
the median, 95th percentile and slowest response, and any failures (an HTTP status other than
200 is a failure).
"""

import argparse
import os
import random
import re
import secrets
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


def server_environment(static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback interface
        "STATIC_ROOT": static_root,
    }


def start_server(port: int, workers: int, environment: dict[str, str]) -> subprocess.Popen:
    python = sys.executable
    subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(  # noqa: S603 (gunicorn from this environment, fixed arguments)
        [
            *(python, "-m", "gunicorn", "storyofprogress.wsgi"),
            *("--bind", f"{HOST}:{port}", "--workers", str(workers), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=environment,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit status {server.returncode})")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/robots.txt", timeout=2):  # noqa: S310
                return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 seconds")


def search_url(port: int, rng: random.Random) -> str:
    params = {"q": " ".join(rng.sample(VOCABULARY, rng.choice((1, 2))))}
    if rng.random() < 0.3:
        params["sort"] = "date"
    if rng.random() < 0.2:
        params["page"] = str(rng.randint(2, 4))
    return f"http://{HOST}:{port}/search/?{urllib.parse.urlencode(params)}"


def read(port: int, seconds: float, concurrency: int, seed: int):
    """Each reader searches until time is up; returns (milliseconds, failures)."""
    times: list[float] = []
    failures: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def reader(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < stop_at:
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

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(concurrency)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    return times, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help=f"at most {MAX_SECONDS}")
    parser.add_argument("--concurrency", type=int, default=2, help="readers at once (1-32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (1-16)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be more than 0 and at most {MAX_SECONDS}")
    if not 1 <= args.concurrency <= 32:
        parser.error("--concurrency must be from 1 to 32")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be from 1 to 16")

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="load-static-") as static_root:
        server = start_server(port, args.workers, server_environment(static_root))
        try:
            times, failures = read(port, args.seconds, args.concurrency, args.seed)
        finally:
            server.terminate()
            server.wait(timeout=30)
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


if __name__ == "__main__":
    main()
