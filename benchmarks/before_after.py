"""An uncached vision statement page now and at an earlier commit, side by side in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storyofprogress \\
        .venv/bin/python benchmarks/before_after.py --seconds 15

Issue 14's first target is a ratio to "today's" requests a second, measured before its work: a
figure from another machine says nothing about this one. So this checks the earlier commit out
(`--ref`, by default `c0d0770`, the last commit before issue 14's work) in a temporary git
worktree, builds the demo site with each checkout's own migrations and demo loader in a database
of its own next to DATABASE_URL's (`bench_before_<name>`, `bench_now_<name>`, dropped at the
end), and serves the same demo page from each with gunicorn (production settings, 2 sync
workers, `deploy/gunicorn.conf.py` for both, the whole-page cache off: `APP_PAGE_CACHE=0`, which
the earlier commit did not have anyway), one after the other and `--rounds` times in turn,
measured with Debian's `wrk -t2 -c8` as issue 14's figures were. An empty Wagtail project
(`benchmarks/empty_wagtail.py`) takes its turn too, for memory. It prints each round's requests a
second, p50 and p99, the resident memory of gunicorn's largest worker after the load and the
part of it only that worker holds (the rest it shares with the master it was forked from), and
the ratio of the medians against the target (at least 2x). Both checkouts run in this
virtualenv (the earlier commit's requirements are a subset).

`--beside DIR` serves another Wagtail project in the same turns, for memory: issue 14 asks for
workers no larger than bakerydemo's, which is not on PyPI, so the benchmark cannot fetch it, but
a checkout of it can be named here (README "Worker memory", with the settings it needs). It
runs under its own virtualenv's Python (`--beside-python`, with gunicorn installed), with the
same gunicorn settings, workers and load; `--beside-env NAME=VALUE` sets its environment, where
`{redis}` stands for this run's own Redis (database 1), so both sites cache in the same server.
"""

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from benchmarks import empty_wagtail  # noqa: E402
from benchmarks.empty_wagtail import empty_wagtail_project  # noqa: E402
from benchmarks.processes import ROOT, children, manage, run_script  # noqa: E402
from benchmarks.servers import (  # noqa: E402
    RedisProcess,
    ServerError,
    collect_static,
    server_environment,
)
from benchmarks.throughput import Load, app, kept  # noqa: E402

#: The last commit before issue 14's work: what "today" meant when the issue measured 64.5
#: requests a second on a machine like this one.
BEFORE_ISSUE_14 = "c0d0770"
#: The demo page issue 14 measured ("a vision statement page (9 citations)").
#: The row measuring `wagtail start`'s project: a floor for any Wagtail site's worker memory.
EMPTY = "empty Wagtail project"
DEMO_PAGE = (
    "/story-of-progress/organisational-progress/supporting-children-to-stay-with-their-families/"
)
TARGET = 2.0


@dataclass(frozen=True)
class Measured:
    side: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    worker_rss_mb: float  # the largest of gunicorn's workers, after the load
    worker_private_mb: float  # of that worker's memory, what no other process shares


@contextlib.contextmanager
def earlier_checkout(ref: str):
    """`ref` checked out in a temporary git worktree for the block; removed on every way out."""
    directory = Path(tempfile.mkdtemp(prefix="before-after-"))
    checkout = directory / "checkout"
    git = ["git", "-C", str(ROOT)]
    subprocess.run(  # noqa: S603 (git, fixed arguments)
        [*git, "worktree", "add", "--quiet", "--detach", str(checkout), ref],
        check=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    try:
        yield checkout
    finally:
        subprocess.run(  # noqa: S603
            [*git, "worktree", "remove", "--force", str(checkout)],
            check=False,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        shutil.rmtree(directory, ignore_errors=True)


def database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def demo_database(url: str, name: str, root: Path, media: Path):
    """A database `name` on `url`'s server with `root`'s migrations and demo site; dropped on
    every way out."""
    server = database_url(url, "postgres")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.dev",
            "DATABASE_URL": database_url(url, name),
            "MEDIA_ROOT": str(media),
        }
        for command in (("migrate", "--noinput"), ("load_demo_content", "--no-users")):
            manage(root, environment, *command)
        yield database_url(url, name)
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker_memory_mb(master_pid: int) -> tuple[float, float]:
    """The resident memory of gunicorn's largest worker and the part of it that worker alone
    holds (`Rss`, and `Private_Clean` + `Private_Dirty` of /proc/PID/smaps_rollup): workers
    forked from a master that imported the site (`deploy/gunicorn.conf.py`) share the rest."""
    sizes = []
    for pid in children(master_pid):
        with contextlib.suppress(OSError):
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                name, _, value = line.partition(":")
                if value.strip().endswith("kB"):
                    fields[name] = int(value.split()[0]) / 1024
            private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
            sizes.append((fields.get("Rss", 0.0), private))
    return max(sizes, default=(0.0, 0.0))


@dataclass(frozen=True)
class Side:
    """What one row serves: a checkout (or the empty project) with its environment and page."""

    root: Path
    environment: dict[str, str]
    page: str = DEMO_PAGE
    wsgi: str = "storyofprogress.wsgi"
    ready_path: str = "/robots.txt"
    python: str = sys.executable


#: Variables this site reads that another project must not take from this process by mistake.
OURS = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS")


@dataclass(frozen=True)
class Beside:
    """Another Wagtail project to serve in the same turns (`--beside`)."""

    name: str
    root: Path
    wsgi: str
    page: str
    python: str
    environment: dict[str, str]  # on top of this process's; "{redis}" is this run's Redis

    def side(self, redis_url: str) -> Side:
        """Its row: this process's environment without this site's own settings (it names its
        own), then what `--beside-env` gave."""
        inherited = {key: value for key, value in os.environ.items() if key not in OURS}
        given = {
            name: value.replace("{redis}", redis_url) for name, value in self.environment.items()
        }
        environment = {**inherited, **given}
        return Side(self.root, environment, self.page, self.wsgi, self.page, self.python)


def measure(name: str, side: Side, load, workdir, signals, ready_timeout) -> Measured:
    served = []
    uncached = {**side.environment, "APP_PAGE_CACHE": "0"}
    with app(
        uncached,
        2,
        workdir,
        signals,
        ready_timeout,
        root=side.root,
        served=served,
        wsgi=side.wsgi,
        ready_path=side.ready_path,
        python=side.python,
    ) as port:
        kept(port, side.page, "X-Page-Cache", "")  # rendered every time (no such header before)
        row = load.measure(name, port, side.page)
        rss, private = worker_memory_mb(served[0].pid)
    return Measured(name, row.requests_per_second, row.p50_ms, row.p99_ms, row.errors, rss, private)


def before_and_after(
    ref: str, url: str, load: Load, rounds: int, signals, ready_timeout, beside: Beside | None
):
    name = urlsplit(url).path.lstrip("/") or "storyofprogress"
    rows: list[Measured] = []
    with (
        tempfile.TemporaryDirectory(prefix="before-after-") as directory,
        contextlib.ExitStack() as stack,
    ):
        workdir = Path(directory)
        checkout = stack.enter_context(earlier_checkout(ref))
        redis = RedisProcess()
        stack.callback(redis.stop)
        redis.start()
        sides: dict[str, Side] = {}
        for side, root in ((f"before ({ref})", checkout), ("now", ROOT)):
            slug = "before" if root == checkout else "now"
            media = workdir / f"media-{slug}"
            database = stack.enter_context(demo_database(url, f"bench_{slug}_{name}", root, media))
            environment = server_environment(
                str(workdir / f"static-{slug}"),
                REDIS_URL=redis.url(),
                DATABASE_URL=database,
                MEDIA_ROOT=str(media),
            )
            collect_static(environment, root=root)
            sides[side] = Side(root, environment)
        empty_root, environment = stack.enter_context(empty_wagtail_project())
        wsgi = f"{empty_wagtail.NAME}.wsgi"
        sides[EMPTY] = Side(empty_root, environment, "/", wsgi, ready_path="/")
        if beside is not None:
            sides[beside.name] = beside.side(redis.url(1))
        for _ in range(rounds):
            for name, side in sides.items():
                rows.append(measure(name, side, load, workdir, signals, ready_timeout))
    return rows


def table(rows: list[Measured], beside: str | None = None) -> str:
    lines = [
        f"{'':<22}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'worker RSS MB':>15}"
        f"{'private MB':>12}"
    ]
    lines += [
        f"{row.side:<22}{row.requests_per_second:>12.1f}{row.p50_ms:>10.2f}{row.p99_ms:>10.2f}"
        f"{row.errors:>8}{row.worker_rss_mb:>15.1f}{row.worker_private_mb:>12.1f}"
        for row in rows
    ]
    by_side: dict[str, list[Measured]] = {}
    for row in rows:
        by_side.setdefault(row.side, []).append(row)
    (before, *_), now = [side for side in by_side if side not in ("now", EMPTY)], by_side["now"]
    before_rps = statistics.median(row.requests_per_second for row in by_side[before])
    now_rps = statistics.median(row.requests_per_second for row in now)
    ratio = now_rps / before_rps
    lines.append(
        f"now / {before}, medians: {ratio:.2f}x  "
        f"{'ok' if ratio >= TARGET else 'UNDER'} (target at least {TARGET:g}x)"
    )
    now_rss = statistics.median(row.worker_rss_mb for row in now)
    if EMPTY in by_side:
        empty_rss = statistics.median(row.worker_rss_mb for row in by_side[EMPTY])
        lines.append(
            f"worker RSS, medians: now {now_rss:.1f} MB, {EMPTY} {empty_rss:.1f} MB "
            f"(+{now_rss - empty_rss:.1f} MB: this site's own; the {EMPTY} serves its home page)"
        )
    if beside in by_side:
        other = statistics.median(row.worker_rss_mb for row in by_side[beside])
        lines.append(
            f"worker RSS, medians: now {now_rss:.1f} MB, {beside} {other:.1f} MB "
            f"({now_rss - other:+.1f} MB)  {'ok' if now_rss <= other else 'OVER'} "
            f"(target no more than {beside}'s)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=BEFORE_ISSUE_14, help="the earlier commit")
    parser.add_argument("--seconds", type=float, default=15, help="per row (at most 120)")
    parser.add_argument("--rounds", type=int, default=2, help="each side measured this often (1-5)")
    parser.add_argument("--ready-timeout", type=float, default=60)
    parser.add_argument("--beside", type=Path, metavar="DIR", help="another project's directory")
    parser.add_argument("--beside-name", help="its row's name (default: the directory's)")
    parser.add_argument("--beside-wsgi", help="its WSGI module, e.g. bakerydemo.wsgi")
    parser.add_argument("--beside-page", default="/", help="the path to load (default /)")
    parser.add_argument("--beside-python", type=Path, help="its virtualenv's python (default this)")
    parser.add_argument(
        "--beside-env", action="append", default=[], metavar="NAME=VALUE", help="repeatable"
    )
    args = parser.parse_args()
    if not 0 < args.seconds <= 120:
        parser.error("--seconds must be more than 0 and at most 120")
    if not 1 <= args.rounds <= 5:
        parser.error("--rounds must be from 1 to 5")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must name a PostgreSQL database (its server holds the copies)")

    beside = beside_from(parser, args)
    load = Load(seconds=args.seconds)
    rows = run_script(
        "before_after.py",
        lambda signals: before_and_after(
            args.ref, url, load, args.rounds, signals, args.ready_timeout, beside
        ),
        errors=(ServerError, subprocess.CalledProcessError, psycopg.Error),
    )
    print(
        f"before_after.py: {DEMO_PAGE}, uncached, wrk -t{load.threads} -c{load.connections} "
        f"-d{args.seconds:g}s, gunicorn 2 sync workers, {args.rounds} rounds"
    )
    print(table(rows, beside.name if beside else None))


def beside_from(parser: argparse.ArgumentParser, args) -> Beside | None:
    """The `--beside` project, its options checked (a usage error names what is wrong)."""
    if args.beside is None:
        return None
    root = args.beside.resolve()
    if not root.is_dir():
        parser.error(f"--beside {args.beside}: no such directory")
    if not args.beside_wsgi:
        parser.error("--beside needs --beside-wsgi (its WSGI module, e.g. bakerydemo.wsgi)")
    if not args.beside_page.startswith("/"):
        parser.error("--beside-page must be a path starting with /")
    # Absolute but not resolved: a virtualenv's python is a link to the interpreter it was made
    # with, and run by its real path it would not see the virtualenv's packages.
    python = Path(os.path.abspath(args.beside_python or sys.executable))
    if not python.is_file():
        parser.error(f"--beside-python {python}: no such file")
    name = args.beside_name or root.name
    if name in ("now", EMPTY) or name.startswith("before ("):
        parser.error(f"--beside-name {name!r} is another row's name")
    environment = {}
    for entry in args.beside_env:
        key, equals, value = entry.partition("=")
        if not equals or not key.strip():
            parser.error(f"--beside-env {entry!r}: expected NAME=VALUE")
        environment[key.strip()] = value
    return Beside(name, root, args.beside_wsgi, args.beside_page, str(python), environment)


if __name__ == "__main__":
    main()
