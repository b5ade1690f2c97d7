"""Throughput of one vision statement page, four ways side by side in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storyofprogress \\
        .venv/bin/python benchmarks/throughput.py --seconds 15

Requests a second, p50 and p99 for the same page:

- **uncached**: rendered by gunicorn for every request (production settings, `APP_PAGE_CACHE=0`);
- **cached by the app**: gunicorn serving it from the page cache in Redis (`caching.pages`);
- **through Varnish**: varnishd from the shipped `deploy/varnish/default.vcl` in front of gunicorn;
- **nginx, same HTML**: Debian's nginx serving the HTML the app rendered, as a file: the ceiling.

Issue 14's targets: cached by the app at least 10 times uncached, Varnish at least 25% of nginx.
Each is measured alone (the other servers stopped or idle), with Debian's `wrk` as issue 14's
figures were (`wrk -t2 -c8 -d15s`): a client written in Python cannot keep up with nginx or
Varnish, so it would measure itself. gunicorn's sync workers close each connection; Varnish and
nginx keep them open, as they do for browsers.

The page is `--path`, or else the first live vision statement page of the database DATABASE_URL
names (any database with content: the demo site's, or the one `benchmarks/search.py --keep`
leaves). A redis-server of the run's own is the cache. `throughput_figures()` is what
`benchmarks/pages.py` calls; every server is stopped by process group on every way out.
"""

import argparse
import contextlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.processes import (  # noqa: E402
    HOST,
    ROOT,
    Signals,
    deferred,
    free_port,
    log_tail,
    run_script,
)
from benchmarks.servers import (  # noqa: E402
    RedisProcess,
    ServerError,
    collect_static,
    gunicorn,
    nginx,
    server_environment,
    varnish,
    wait_until_answers,
)

MAX_SECONDS = 120
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
TARGETS = "targets: cached by the app >= 10x uncached, Varnish >= 25% of nginx"


@dataclass(frozen=True)
class Row:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # responses other than 2xx or 3xx, and socket errors


@dataclass(frozen=True)
class Load:
    """How hard wrk pushes: `connections` kept open by `threads`, for `seconds`."""

    seconds: float = 15
    connections: int = 8
    threads: int = 2

    def measure(self, name: str, port: int, path: str) -> Row:
        wrk = shutil.which("wrk")
        if wrk is None:
            raise ServerError("wrk not found: apt-get install -y wrk")
        done = subprocess.run(  # noqa: S603 (Debian's wrk, fixed arguments, 127.0.0.1 only)
            [
                *(wrk, f"-t{self.threads}", f"-c{self.connections}", f"-d{self.seconds:g}s"),
                *("--latency", "--timeout", "10s", f"http://{HOST}:{port}{path}"),
            ],
            capture_output=True,  # wrk starts no process that could hold the pipes
            text=True,
            timeout=self.seconds + 60,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise ServerError(f"wrk failed on {name}: {done.stderr or done.stdout}")
        return parse_wrk(name, done.stdout)


def parse_wrk(name: str, output: str) -> Row:
    def latency(percent: int) -> float:
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
        return float(found.group(1)) * UNITS[found.group(2)] if found else float("nan")

    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if rate is None:
        raise ServerError(f"wrk printed no rate for {name}:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Row(name, float(rate.group(1)), latency(50), latency(99), errors)


def get(port: int, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def kept(port: int, path: str, header: str, value: str) -> bytes:
    """The page, once the cache in front says it serves it kept (else the figure would be of
    something else)."""
    for _ in range(3):
        status, headers, body = get(port, path)
        if status != 200:
            raise ServerError(f"{path} answered {status}")
        if headers.get(header, "").lower() == value.lower():
            return body
    raise ServerError(f"{path} is not kept: {header} is {headers.get(header)!r}, not {value!r}")


def vision_statement_path(environment: dict[str, str] | None = None) -> str:
    """The URL path of the first live vision statement page in the database DATABASE_URL (in
    `environment`, or this process's) names."""
    code = (
        "from story.models import VisionStatementPage as P\n"
        "page = P.objects.live().public().order_by('path').first()\n"
        "print('PATH', page.get_url_parts()[2] if page else '')\n"
    )
    done = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.test",
            **(environment or {}),
        },
        capture_output=True,  # manage.py shell starts no server: nothing can hold these pipes
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    found = re.search(r"^PATH (\S*)$", done.stdout, re.M)
    if done.returncode != 0 or not found or not found.group(1):
        raise ServerError(f"no live vision statement page found: {done.stderr[-1000:]}")
    return found.group(1)


@contextlib.contextmanager
def app(
    environment: dict[str, str],
    workers: int,
    workdir: Path,
    signals,
    ready_timeout: float,
    root: Path = ROOT,
    served: list | None = None,
    wsgi: str = "storyofprogress.wsgi",
    ready_path: str = "/robots.txt",
    python: str = sys.executable,
):
    """gunicorn with `environment` for the block, serving the checkout in `root` (or another
    project, `wsgi` run by `python`, ready once `ready_path` answers); gives its port (and
    appends gunicorn's Popen to `served`, for whoever reads its workers)."""
    port = free_port()
    log_path = workdir / f"gunicorn-{port}.log"
    with gunicorn(
        port, workers, environment, log_path, signals, root=root, wsgi=wsgi, python=python
    ) as server:
        if served is not None:
            served.append(server)
        print(f"gunicorn: process group {server.pid}", file=sys.stderr, flush=True)
        try:
            wait_until_answers(server, port, ready_timeout, name="gunicorn", path=ready_path)
        except ServerError as error:
            raise ServerError(f"{error}; gunicorn's log ends:\n{log_tail(log_path)}") from None
        yield port


def throughput_figures(
    path: str | None = None,
    *,
    load: Load = Load(),  # noqa: B008 (frozen)
    workers: int = 2,
    environment: dict[str, str] | None = None,
    signals: Signals | None = None,
    ready_timeout: float = 60,
) -> list[Row]:
    """Rows uncached, cached by the app, through Varnish and nginx for the page at `path` (by
    default `vision_statement_path()`), measured one after another in one run. `environment`
    adds to gunicorn's (DATABASE_URL, say)."""
    path = path or vision_statement_path(environment)
    rows: dict[str, Row] = {}
    with (
        tempfile.TemporaryDirectory(prefix="throughput-") as directory,
        contextlib.ExitStack() as stack,
    ):
        workdir = Path(directory)
        redis = RedisProcess()
        stack.callback(redis.stop)
        with deferred(signals):
            redis.start()
        base = server_environment(
            str(workdir / "static"), REDIS_URL=redis.url(), **(environment or {})
        )
        collect_static(base)
        uncached = {**base, "APP_PAGE_CACHE": "0"}
        with app(uncached, workers, workdir, signals, ready_timeout) as port:
            html = kept(port, path, "X-Page-Cache", "")  # rendered every time
            rows["uncached"] = load.measure("uncached", port, path)
            with varnish(port, signals=signals) as front:
                kept(front, path, "X-Cache", "HIT")
                rows["varnish"] = load.measure("through Varnish", front, path)
        with app(base, workers, workdir, signals, ready_timeout) as port:
            kept(port, path, "X-Page-Cache", "hit")
            rows["app"] = load.measure("cached by the app", port, path)
        with nginx({path: html}, signals=signals) as port:
            rows["nginx"] = load.measure("nginx, same HTML", port, path)
    return [rows[name] for name in ("uncached", "app", "varnish", "nginx")]


def table(rows: list[Row]) -> str:
    """The rows side by side, and the ratios issue 14 sets targets for."""
    by_name = {row.name: row for row in rows}
    lines = [f"{'':<20}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}"]
    lines += [
        f"{row.name:<20}{row.requests_per_second:>12.1f}{row.p50_ms:>10.2f}{row.p99_ms:>10.2f}"
        f"{row.errors:>8}"
        for row in rows
    ]
    uncached, app_cached = by_name["uncached"], by_name["cached by the app"]
    varnish_row, nginx_row = by_name["through Varnish"], by_name["nginx, same HTML"]
    lines.append(
        f"cached by the app / uncached: "
        f"{app_cached.requests_per_second / uncached.requests_per_second:.1f}x; "
        f"Varnish / nginx: "
        f"{varnish_row.requests_per_second / nginx_row.requests_per_second:.0%} ({TARGETS})"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15, help=f"per row, at most {MAX_SECONDS}")
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections (1-100)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (1-8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (1-16)")
    parser.add_argument("--path", help="the page (default: the first vision statement page)")
    parser.add_argument("--ready-timeout", type=float, default=60)
    args = parser.parse_args()
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be more than 0 and at most {MAX_SECONDS}")
    if not 1 <= args.threads <= 8 or not args.threads <= args.connections <= 100:
        parser.error("--threads must be from 1 to 8, --connections from --threads to 100")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be from 1 to 16")
    if args.path is not None and not args.path.startswith("/"):
        parser.error("--path must start with /")
    if not 0 < args.ready_timeout <= 600:
        parser.error("--ready-timeout must be more than 0 and at most 600")

    load = Load(args.seconds, args.connections, args.threads)

    def measure(signals: Signals) -> tuple[str, list[Row]]:
        path = args.path or vision_statement_path()
        rows = throughput_figures(
            path, load=load, workers=args.workers, signals=signals, ready_timeout=args.ready_timeout
        )
        return path, rows

    path, rows = run_script("throughput.py", measure, errors=(ServerError,))
    print(
        f"throughput.py: {path}, wrk -t{args.threads} -c{args.connections} -d{args.seconds:g}s, "
        f"gunicorn {args.workers} sync workers"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
