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
it, so anything left over can be found with `ps -eo pid,pgid,args`. Starting and stopping servers
(`benchmarks/servers.py`, `benchmarks/processes.py`) and the readers (`benchmarks/readers.py`)
are shared with `benchmarks/faults.py` and `benchmarks/throughput.py`.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.figures import percentile  # noqa: E402
from benchmarks.processes import HOST, Signals, free_port, log_tail, run_script  # noqa: E402
from benchmarks.readers import Summary, read, search_path  # noqa: E402
from benchmarks.servers import (  # noqa: E402
    ServerError,
    collect_static,
    gunicorn,
    server_environment,
    wait_until_answers,
)

MAX_SECONDS = 120
MAX_READY_TIMEOUT = 600


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

    summary = run_script("load.py", lambda signals: run(args, signals), stopped="gunicorn stopped")
    times, failures = summary.milliseconds, summary.failures
    if not times:
        raise SystemExit(f"no search answered: {dict(failures)}")
    print(
        f"{summary.requests} searches in {args.seconds:g} s "
        f"({summary.answered_per_second:.0f} answered a second), {args.concurrency} readers, "
        f"{args.workers} gunicorn workers: median {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, slowest {times[-1]:.0f} ms; "
        f"failures: {dict(failures) or 'none'}"
    )
    if failures:
        raise SystemExit(1)


def run(args, signals: Signals) -> Summary:
    """Starts gunicorn, reads, and stops gunicorn's whole process group whatever happens."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="load-") as workdir:
        environment = server_environment(str(Path(workdir) / "static"))
        log_path = Path(workdir) / "gunicorn.log"
        try:
            collect_static(environment)
            with gunicorn(port, args.workers, environment, log_path, signals) as server:
                print(f"gunicorn: process group {server.pid}", file=sys.stderr, flush=True)
                wait_until_answers(
                    server, port, args.ready_timeout, name="gunicorn", hint="--ready-timeout; "
                )
                print(f"gunicorn: ready on http://{HOST}:{port}/", file=sys.stderr, flush=True)
                readings = read(
                    port,
                    search_path,
                    seconds=args.seconds,
                    concurrency=args.concurrency,
                    seed=args.seed,
                )
                return Summary.of(readings, args.seconds)
        except ServerError as error:
            tail = log_tail(log_path)
            message = f"{error}\ngunicorn's log ends:\n{tail}" if tail else str(error)
            raise SystemExit(message) from None


if __name__ == "__main__":
    main()
