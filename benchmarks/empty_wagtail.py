"""An empty Wagtail project, as `wagtail start` makes it, to measure a worker's memory beside.

Issue 14 asks for worker memory no larger than bakerydemo's (113 MB, measured on another machine
with an earlier Wagtail). bakerydemo is not on PyPI, so it cannot be installed here; the project
Wagtail itself generates can, from the installed package, and every Wagtail site's worker holds
at least what it holds. `before_after.py` serves its home page under the same gunicorn and load
as the site's page and prints its workers' memory beside ours: what is above it is this site's
own (its apps, Redis's client, the admin's and the API's URLs it imports on the first request).
A checkout of bakerydemo itself, where one is at hand, is served with `before_after.py --beside`.
"""

import contextlib
import os
import secrets
import sys
import tempfile
from pathlib import Path

from benchmarks.processes import manage, run_quietly

NAME = "emptysite"
#: Settings for gunicorn: the generated production settings read `local.py` if there is one.
LOCAL_SETTINGS = """import os

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
"""


@contextlib.contextmanager
def empty_wagtail_project():
    """`(root, environment)`: a project made by this virtualenv's `wagtail start`, migrated on
    SQLite and its static files collected, for the block; removed on every way out."""
    with tempfile.TemporaryDirectory(prefix="empty-wagtail-") as directory:
        root = Path(directory)
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": f"{NAME}.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
        }
        environment.pop("DATABASE_URL", None)  # its settings know SQLite only
        wagtail = str(Path(sys.executable).parent / "wagtail")
        run_quietly([wagtail, "start", NAME, str(root)], root, environment)
        (root / NAME / "settings" / "local.py").write_text(LOCAL_SETTINGS)
        for command in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            manage(root, environment, *command)
        yield root, environment
