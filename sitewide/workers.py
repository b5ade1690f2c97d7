"""What gunicorn's master does with the site before forking its workers (`deploy/gunicorn.conf.py`).

Workers forked from a master share its memory until they write to it. Whatever each worker
would otherwise load on its first request is loaded here once, so that it is shared too: every
app's URL patterns and the admin's views they import (Django resolves the first URL against all
of them), the Redis cache's client modules (created, not connected: no connection is shared
between processes), and the APA style every page's references are formatted with. Then the
collector runs and `gc.freeze()` moves everything alive into the permanent generation, which
the collector never walks, so it does not write to (and copy) the shared pages. Measured (README
"Configuration"): the memory only a worker holds 107 MB without a shared master, 52 MB with the
site imported in it, 36 MB with this too.
"""

import gc

from django.core.cache import caches
from django.urls import get_resolver

from evidence.bibliography import load_style


def before_fork() -> None:
    get_resolver().url_patterns  # noqa: B018 (importing them is the point)
    caches["default"]  # noqa: B018
    load_style()
    gc.collect()
    gc.freeze()
