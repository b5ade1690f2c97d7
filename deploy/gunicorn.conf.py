"""gunicorn's settings for the site: `deploy/web.service` runs it, and so do the benchmarks and
the many-hosts tests (`benchmarks/servers.py`), so what they measure is what is deployed.

The site is imported once, in the master, and every worker is forked from it (`preload_app`):
the workers share the master's memory (Django, Wagtail, the site's code) instead of each
importing a copy, and `gc.freeze()` keeps Python's cycle collector from touching those shared
objects, which would copy their pages into every worker. Measured on this kind of machine (2
sync workers after 15 s of load, README "Benchmarks"): each worker's resident memory 139 ->
121 MB, the memory only it holds 107 -> 52 MB, so each worker added costs half as much.

The price: gunicorn's HUP (`systemctl reload`) re-forks workers from the old code. Restart on
each deploy (`systemctl restart storyofprogress-web`). Nothing connects to PostgreSQL or Redis
while the site is imported, so no connection is shared between workers (redis-py would open new
ones after a fork anyway).

Command-line options win over these (the benchmarks pass --bind and --workers).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one request each at a time: 2 per core is a start (gunicorn also reads
# WEB_CONCURRENCY itself). Varnish or nginx in front buffers slow clients.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
preload_app = True
# A worker that takes longer than this is killed and replaced (a stuck request must not hold
# the worker for ever); pages render in tens of milliseconds, exports in seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))


def when_ready(server):
    """In the master, with the site imported and before the first worker is forked."""
    gc.collect()
    gc.freeze()
