"""A PostgreSQL database of a test's own, made with real content and dropped however it ends.

Tests that start real servers over one database (two gunicorn "hosts", the fault benchmark's
smoke run) need a database every process can reach, not pytest-django's, which lives inside the
test process's transaction. It is created on the server `DATABASE_URL` names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres (what .ci/run and the machine provide), under
a name no one else uses, filled by a command run as its own process (`migrate`, then content),
and dropped, with any connection left to it, on every way out.
"""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def database_url(name: str) -> str:
    """`name` on the PostgreSQL server of DATABASE_URL, or the machine's."""
    configured = os.environ.get("DATABASE_URL", "")
    server = configured if configured.startswith(("postgres://", "postgresql://")) else ""
    return urlunsplit(urlsplit(server or DEFAULT_SERVER)._replace(path=f"/{name}"))


def administer(statement: sql.Composable) -> None:
    try:
        with psycopg.connect(database_url("postgres"), autocommit=True, connect_timeout=10) as db:
            db.execute(statement)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is needed (apt-get install postgresql, then start it): {error}")


@contextmanager
def scratch_database(prefix: str):
    """The URL of a new, empty database, dropped after the block."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    administer(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(name)
    finally:
        administer(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run_in(url: str, *command: str, timeout: float = 300) -> str:
    """`python *command` with the test settings on the database at `url`; its standard output.

    No server is started by these commands, so capturing their output in pipes is safe."""
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.test",
    }
    environment.pop("REDIS_URL", None)  # content is made without the servers' cache
    done = subprocess.run(  # noqa: S603 (our own modules, fixed arguments)
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stderr[-3000:]}"
    return done.stdout
