"""Faults benchmark: the site under 50 readers at once, then while things it relies on fail.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_storyofprogress \\
        .venv/bin/python benchmarks/faults.py --seconds 30

Starts gunicorn (production settings, `--workers`, on 127.0.0.1 and a free port) over the
PostgreSQL database DATABASE_URL names, which must have content (the one `benchmarks/search.py
--keep` leaves, or the demo site's), with a redis-server of its own as the cache (REDIS_URL), so
that it can stop it. `--connections` readers request a mix of pages: a sample of the sitemap's
pages (kept by the app's page cache once read) and searches (rendered each time, from the
database and the computed searches in Redis).

1. **Steady**: `--seconds` of it (0 errors expected): requests a second, p50 and p99.
2. **Faults**, one after another, each in a run of its own: `--before` seconds of reading, then
   the fault, then `--after` seconds.
   - *worker killed*: SIGKILL to one gunicorn worker; its master starts another.
   - *database connections terminated*: `pg_terminate_backend` on every connection to the
     database but this script's.
   - *Redis stopped*: redis-server stopped for `--fault-seconds`, then started again on the same
     port (empty, as a restarted Redis is).
   For each: the errors *during* (requests in flight when the fault began or started while it
   lasted) and *after* it (started once it was over), how many were 5xx, and two times to
   recover: *answering*, from the fault until the last failed request ended (0 if none failed),
   and *full speed*, from the end of the fault until a second's throughput is back to 80% of what
   it was before the fault.

An HTTP status other than 200, a reset connection or no answer within 10 s is an error. The exit
status is 1 if the steady run had any error or Redis stopped gave any 5xx (issue 14's targets).
Every server started here is stopped by process group on every way out (the end, an error,
Ctrl-C, SIGTERM or SIGHUP); gunicorn's group is printed when it starts (`load.py` does the same).
"""

import argparse
import bisect
import contextlib
import http.client
import os
import random
import re
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.processes import (  # noqa: E402
    HOST,
    Signals,
    children,
    free_port,
    log_tail,
    run_script,
)
from benchmarks.readers import Reading, Summary, fetch, read, search_path  # noqa: E402
from benchmarks.servers import (  # noqa: E402
    RedisProcess,
    ServerError,
    collect_static,
    gunicorn,
    server_environment,
    wait_until_answers,
)

MAX_SECONDS = 120
MIX_PAGES = 200  # pages sampled from the sitemap
SEARCH_SHARE = 0.2
FULL_SPEED = 0.8


@dataclass
class Fault:
    name: str
    began: float = 0.0
    ended: float = 0.0
    note: str = ""


def page_mix(port: int, seed: int) -> list[str]:
    """A sample of the sitemap's paths (the sitemap is the site's own list of public pages)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        connection.request("GET", "/sitemap.xml")
        response = connection.getresponse()
        sitemap = response.read().decode()
    finally:
        connection.close()
    if response.status != 200:
        raise SystemExit(f"/sitemap.xml answered {response.status}")
    urls = re.findall(r"<loc>\s*([^<]+?)\s*</loc>", sitemap)
    paths = sorted({urlsplit(url).path for url in urls})
    if not paths:
        raise SystemExit("the sitemap lists no page: point DATABASE_URL at a site with content")
    return random.Random(seed).sample(paths, min(MIX_PAGES, len(paths)))


def mixed(paths: list[str]):
    def next_path(rng: random.Random) -> str:
        return search_path(rng) if rng.random() < SEARCH_SHARE else rng.choice(paths)

    return next_path


def kill_a_worker(master_pid: int, fault: Fault) -> None:
    workers = children(master_pid)
    if not workers:
        raise SystemExit("gunicorn has no worker to kill")
    os.kill(workers[0], signal.SIGKILL)
    fault.note = f"worker {workers[0]} of {len(workers)} killed"


def terminate_connections(database_url: str, fault: Fault) -> None:
    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as connection:
        terminated = connection.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        ).fetchone()[0]
    fault.note = f"{terminated} connections terminated"


def run_with_fault(port, next_path, args, fault: Fault, apply, lift=None) -> list[Reading]:
    """Readers for `before` + `fault_seconds` (if the fault lasts) + `after` seconds, the fault
    applied after `before` seconds and lifted (by `lift`) `fault_seconds` later."""
    lasting = args.fault_seconds if lift else 0
    result: list[list[Reading]] = []
    readers = threading.Thread(
        target=lambda: result.append(
            read(
                port,
                next_path,
                seconds=args.before + lasting + args.after,
                concurrency=args.connections,
                seed=args.seed,
            )
        ),
        daemon=True,
    )
    readers.start()
    time.sleep(args.before)
    fault.began = time.monotonic()
    apply(fault)
    if lift:
        time.sleep(lasting)
        lift()
    fault.ended = time.monotonic()
    readers.join()
    return result[0]


def report(fault: Fault, readings: list[Reading], started: float) -> tuple[str, int]:
    """What the fault cost, as lines of text; and its count of 5xx."""
    before = [r for r in readings if r.ended < fault.began]
    during = [r for r in readings if r.started <= fault.ended and r.ended >= fault.began]
    after = [r for r in readings if r.started > fault.ended]
    failed = [r for r in readings if r.failure and r.ended >= fault.began]
    answering = max(r.ended for r in failed) - fault.began if failed else 0.0
    baseline = len(before) / max(fault.began - started, 1e-9)
    after_span = max((r.ended for r in after), default=fault.ended) - fault.ended
    after_rate = sum(1 for r in after if r.failure is None) / max(after_span, 1e-9)
    ends = sorted(r.ended for r in readings if r.failure is None and r.ended >= fault.ended)
    full_speed = None
    step = fault.ended
    while ends and step + 1 <= ends[-1]:
        in_second = bisect.bisect_left(ends, step + 1) - bisect.bisect_left(ends, step)
        if in_second >= FULL_SPEED * baseline:
            full_speed = step - fault.ended
            break
        step += 0.1
    server_errors = sum(1 for r in during + after if r.failure and r.failure.startswith("HTTP 5"))
    hits = sum(1 for r in during if r.cache == "hit")
    lasted = fault.ended - fault.began
    answered = sum(1 for r in during if r.failure is None)
    rate = f", {answered / lasted:.0f} answered a second" if lasted >= 1 else ""
    speed = f"{full_speed:.1f} s after it" if full_speed is not None else "not within the run"
    lines = [
        f"{fault.name} ({fault.note}, {lasted:.1f} s)",
        f"  during: {len(during)} requests ({hits} from the page cache{rate}), "
        f"failed: {counts(r.failure for r in during if r.failure)}",
        f"  after:  {len(after)} requests ({after_rate:.0f} answered a second, "
        f"{baseline:.0f} before), failed: {counts(r.failure for r in after if r.failure)}",
        f"  5xx: {server_errors}; answering again {answering:.1f} s after the fault began; "
        f"full speed {speed}",
    ]
    return "\n".join(lines), server_errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="steady run (at most 120)")
    parser.add_argument("--connections", type=int, default=50, help="readers at once (1-100)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2-16)")
    parser.add_argument("--before", type=float, default=3, help="seconds before each fault")
    parser.add_argument("--fault-seconds", type=float, default=10, help="Redis stopped this long")
    parser.add_argument("--after", type=float, default=15, help="seconds after each fault")
    parser.add_argument("--ready-timeout", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for name in ("seconds", "before", "fault_seconds", "after"):
        if not 0 < getattr(args, name) <= MAX_SECONDS:
            parser.error(
                f"--{name.replace('_', '-')} must be more than 0 and at most {MAX_SECONDS}"
            )
    if not 1 <= args.connections <= 100:
        parser.error("--connections must be from 1 to 100")
    if not 2 <= args.workers <= 16:
        parser.error("--workers must be from 2 to 16 (one is killed)")
    if not 0 < args.ready_timeout <= 600:
        parser.error("--ready-timeout must be more than 0 and at most 600")
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must name a PostgreSQL database with content")

    worst = run_script(
        "faults.py", lambda signals: run(args, database_url, signals), errors=(ServerError,)
    )
    if worst:
        raise SystemExit(worst)


def run(args, database_url: str, signals: Signals) -> str:
    """Starts redis-server and gunicorn, runs the phases, and stops both whatever happens;
    what missed a target ("" if nothing did)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="faults-") as workdir, contextlib.ExitStack() as stack:
        redis = RedisProcess()
        stack.callback(redis.stop)
        with signals.deferred():
            redis.start()
        environment = server_environment(
            str(Path(workdir) / "static"), REDIS_URL=redis.url(), DATABASE_URL=database_url
        )
        log_path = Path(workdir) / "gunicorn.log"
        try:
            collect_static(environment)
            server = stack.enter_context(
                gunicorn(port, args.workers, environment, log_path, signals)
            )
            print(f"gunicorn: process group {server.pid}", file=sys.stderr, flush=True)
            wait_until_answers(server, port, args.ready_timeout, name="gunicorn")
        except ServerError as error:
            raise SystemExit(f"{error}\ngunicorn's log ends:\n{log_tail(log_path)}") from None
        paths = page_mix(port, args.seed)
        return phases(args, port, server, redis, database_url, paths, signals)


def counts(failures) -> str:
    """'3 HTTP 500, 1 ConnectionResetError', or 'none'."""
    return ", ".join(f"{n} {failure}" for failure, n in Counter(failures).most_common()) or "none"


def phases(args, port, server, redis, database_url, paths, signals) -> str:
    """Warm, steady, then each fault; what missed a target ("" if nothing did)."""
    print(
        f"faults.py: {args.workers} gunicorn workers, {args.connections} connections, "
        f"{len(paths)} pages and searches ({SEARCH_SHARE:.0%}) on http://{HOST}:{port}/",
        flush=True,
    )
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.workers * 2) as pool:  # as a site in service has
        warm = list(pool.map(lambda path: fetch(port, path, 60)[0], paths))
    print(
        f"warm: the mix's pages read once in {time.monotonic() - started:.1f} s; "
        f"failed: {counts(filter(None, warm))}",
        flush=True,
    )
    readings = read(
        port, mixed(paths), seconds=args.seconds, concurrency=args.connections, seed=args.seed
    )
    steady = Summary.of(readings, args.seconds)
    print(
        f"steady: {steady.requests} requests in {args.seconds:g} s, "
        f"{steady.answered_per_second:.0f} answered a second, p50 {steady.percentile(0.5):.0f} ms, "
        f"p99 {steady.percentile(0.99):.0f} ms; errors: {counts(steady.failures.elements())}",
        flush=True,
    )
    missed = ["the steady run had errors"] if steady.failures else []

    def restart_redis():
        with signals.deferred():
            redis.start()

    runs = [
        (Fault("worker killed"), lambda fault: kill_a_worker(server.pid, fault), None),
        (
            Fault("database connections terminated"),
            lambda fault: terminate_connections(database_url, fault),
            None,
        ),
        (Fault("Redis stopped"), lambda fault: stop_redis(redis, fault), restart_redis),
    ]
    for fault, apply, lift in runs:
        started = time.monotonic()
        readings = run_with_fault(port, mixed(paths), args, fault, apply, lift)
        text, server_errors = report(fault, readings, started)
        print(text, flush=True)
        if lift and server_errors:
            missed.append(f"Redis stopped gave {server_errors} x 5xx")
    return "; ".join(missed)


def stop_redis(redis: RedisProcess, fault: Fault) -> None:
    redis.stop()
    fault.note = "redis-server stopped, then started again"


if __name__ == "__main__":
    main()
