"""The database half of a backup: a consistent copy out, a restore in, and row counts.

PostgreSQL is copied by `pg_dump --format=custom` inside a snapshot exported from our own
repeatable-read transaction, and the row counts are read in that same transaction: the counts in
the manifest are exactly what the dump holds, even while the site is being written. SQLite is
copied with SQLite's online backup API (never a file copy, which can catch a write half done),
and counted in the copy.

The target of a restore is a `Database` parsed from a URL, opened with its own connection (not
Django's), so a restore can fill a database other than the one the settings name.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url

from django.db import transaction

SQLITE_FILE = "database.sqlite3"
POSTGRESQL_FILE = "database.pgdump"
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Database:
    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = field(default="", repr=False)
    options: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_settings(cls, settings_dict: dict) -> "Database":
        vendor = ENGINES.get(settings_dict["ENGINE"])
        if vendor is None:
            raise BackupError(
                f"Backups support SQLite and PostgreSQL, not {settings_dict['ENGINE']}."
            )
        return cls(
            vendor=vendor,
            name=str(settings_dict["NAME"]),
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            options=dict(settings_dict.get("OPTIONS") or {}),
        )

    @classmethod
    def from_url(cls, url: str) -> "Database":
        try:
            return cls.from_settings(dj_database_url.parse(url))
        except (ValueError, KeyError) as error:
            raise BackupError(f"Not a database URL ({error}): {url!r}") from error

    def __str__(self) -> str:
        if self.vendor == "sqlite":
            return f"SQLite database {self.name}"
        return (
            f"PostgreSQL database {self.name!r} on {self.host or 'localhost'}:{self.port or 5432}"
        )

    def libpq_environment(self) -> dict:
        """pg_dump/pg_restore's connection, in the environment so no password is in argv."""
        values = {
            "PGDATABASE": self.name,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGSSLMODE": str(self.options.get("sslmode", "")),
        }
        return {**os.environ, **{key: value for key, value in values.items() if value}}


def libpq_quoted(key: str, value: str) -> str:
    """A conninfo pair, so that a database name holding "=" or spaces is still just a name."""
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"{key}='{escaped}'"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor, vendor: str) -> dict[str, int]:
    """Rows in every table Django's schema holds, by table name."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    names = sorted(row[0] for row in cursor.fetchall())
    counts = {}
    for name in names:
        cursor.execute(f"SELECT count(*) FROM {quoted(name)}")  # noqa: S608 (quoted identifier)
        counts[name] = cursor.fetchone()[0]
    return counts


def tool_major_version(tool: str) -> int:
    """The major version of pg_dump or pg_restore on PATH, or a clear error."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed: install the PostgreSQL client tools.")
    output = subprocess.run(  # noqa: S603 (a fixed tool found on PATH)
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if match is None:
        raise BackupError(f"Cannot read the version of {tool} from {output!r}.")
    return int(match.group(1))


def run_tool(args: list[str], database: Database) -> None:
    completed = subprocess.run(  # noqa: S603 (pg_dump/pg_restore with our own arguments)
        args,
        env=database.libpq_environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {completed.stderr.strip()[-2000:]}")


def dump(connection, directory: Path) -> tuple[Path, dict[str, int], dict]:
    """Copy the database behind Django's `connection` into `directory`.

    Returns the file, the row counts of the copy, and facts for the manifest."""
    database = Database.from_settings(connection.settings_dict)
    if database.vendor == "sqlite":
        return dump_sqlite(connection, directory)
    return dump_postgresql(connection, database, directory)


def dump_sqlite(connection, directory: Path) -> tuple[Path, dict[str, int], dict]:
    target = directory / SQLITE_FILE
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        counts = count_rows(copy.cursor(), "sqlite")
    return target, counts, {"sqlite_version": sqlite3.sqlite_version}


def dump_postgresql(connection, database: Database, directory: Path):
    if connection.in_atomic_block:
        raise BackupError("Back up outside a transaction: the dump needs a snapshot of its own.")
    server = connection.pg_version // 10000
    client = tool_major_version("pg_dump")
    if client < server:
        raise BackupError(
            f"pg_dump {client} cannot dump a PostgreSQL {server} server: install the "
            f"PostgreSQL {server} client tools (postgresql-client-{server})."
        )
    target = directory / POSTGRESQL_FILE
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run_tool(
            [
                shutil.which("pg_dump"),
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            database,
        )
        counts = count_rows(cursor, "postgresql")
    return target, counts, {"server_version": server, "pg_dump_version": client}


def check_target(target: Database, *, force: bool) -> None:
    """Refuse a target that holds tables, unless `force`; before anything is unpacked."""
    if target.vendor == "sqlite":
        path = Path(target.name)
        if not path.exists():
            return
        try:
            with closing(sqlite3.connect(path)) as existing:
                tables = len(count_rows(existing.cursor(), "sqlite"))
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not an SQLite database ({error}).") from error
    else:
        with closing(connect_postgresql(target)) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_tables"
                " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            )
            tables = cursor.fetchone()[0]
    if tables and not force:
        raise BackupError(
            f"The {target} is not empty ({tables} tables): restore into a new database, or "
            "give --force to replace everything in it."
        )


def restore(dump_file: Path, manifest_database: dict, target: Database, *, force: bool) -> None:
    """Load `dump_file` into `target`, replacing what it holds if `force` (`check_target` has
    already refused a target that holds tables without it)."""
    if target.vendor != manifest_database["vendor"]:
        raise BackupError(
            f"This backup holds a {manifest_database['vendor']} database; "
            f"it cannot be restored into a {target}."
        )
    if target.vendor == "sqlite":
        path = Path(target.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(dump_file)) as source, closing(sqlite3.connect(path)) as copy:
            source.backup(copy)  # replaces every page of the target
    else:
        restore_postgresql(dump_file, manifest_database, target, force=force)


def connect_postgresql(target: Database):
    import psycopg

    try:
        return psycopg.connect(
            dbname=target.name,
            host=target.host or None,
            port=target.port or None,
            user=target.user or None,
            password=target.password or None,
            autocommit=True,
            **target.options,
        )
    except psycopg.OperationalError as error:
        raise BackupError(
            f"Cannot open the {target}: {str(error).strip()}. Create it first, e.g. "
            f"createdb -h {target.host or 'localhost'} -U {target.user or 'postgres'} {target.name}"
        ) from error


def restore_postgresql(dump_file: Path, manifest_database: dict, target: Database, *, force):
    client = tool_major_version("pg_restore")
    made_by = int(manifest_database.get("pg_dump_version", 0))
    if client < made_by:
        raise BackupError(
            f"This dump was made by pg_dump {made_by}; pg_restore {client} cannot read it: "
            f"install the PostgreSQL {made_by} client tools."
        )
    if force:
        import psycopg

        with closing(connect_postgresql(target)) as connection:
            try:
                connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
                connection.execute("CREATE SCHEMA public")
            except psycopg.Error as error:
                raise BackupError(f"Cannot empty the {target} to replace it: {error}") from error
    run_tool(
        [
            shutil.which("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--no-password",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={libpq_quoted('dbname', target.name)}",
            str(dump_file),
        ],
        target,
    )


def row_counts(target: Database) -> dict[str, int]:
    if target.vendor == "sqlite":
        with closing(sqlite3.connect(target.name)) as connection:
            return count_rows(connection.cursor(), "sqlite")
    with closing(connect_postgresql(target)) as connection, connection.cursor() as cursor:
        return count_rows(cursor, "postgresql")
