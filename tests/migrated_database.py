"""A migrated SQLite database kept between test runs, so a run does not migrate from scratch.

Migrating an empty database runs about 200 migrations (most of them Wagtail's) and costs
each test worker some 20 seconds, a sixth of the suite's time budget. The result depends only
on the migration files, so it is built once into a template file named after a fingerprint of
those files (ours and every installed app's, plus Django's version) and copied for each worker.
A new, changed or removed migration changes the fingerprint, and the next run builds a new
template; Django's own keep-the-database path (`keepdb`) then runs `migrate` on the copy, which
applies nothing and sends the usual post-migrate signals.

PostgreSQL runs are untouched: Django creates and migrates their test databases as usual.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

#: Templates live with the virtualenv: `make clean` removes both, git ignores both.
CACHE_DIR = Path(settings.BASE_DIR) / ".venv" / "test-databases"


def uses_sqlite() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def migration_fingerprint() -> str:
    """A hash of every migration file Django would apply, and of Django's version."""
    import django
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(django.get_version().encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def migrated_template() -> Path:
    """The template for the current migrations, built first if no run has built it yet.

    Workers start together: a lock lets one of them build while the others wait for it."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    template = CACHE_DIR / f"migrated-{migration_fingerprint()}.sqlite3"
    with open(CACHE_DIR / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            build(template)
        template.touch()  # recently used: the last to be removed
    return template


#: Templates kept: one per set of migrations recently tested, so switching between branches (or
#: worktrees sharing one virtualenv) does not rebuild each time.
KEEP = 4


def build(template: Path) -> None:
    kept = sorted(CACHE_DIR.glob("migrated-*.sqlite3"), key=lambda path: path.stat().st_mtime)
    for stale in kept[: max(len(kept) - (KEEP - 1), 0)]:
        stale.unlink(missing_ok=True)
    partial = template.with_suffix(".partial")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{partial}",
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.test",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )
    partial.rename(template)  # whole or not at all: an interrupted build leaves no template


def worker_copy(template: Path) -> Path:
    """A private copy for one worker, on a memory-backed file system where there is one."""
    shm = Path("/dev/shm")  # noqa: S108 (mkdtemp makes a private folder in it)
    folder = tempfile.mkdtemp(prefix="storyofprogress-test-", dir=shm if shm.is_dir() else None)
    copy = Path(folder) / "test.sqlite3"
    shutil.copyfile(template, copy)
    return copy
