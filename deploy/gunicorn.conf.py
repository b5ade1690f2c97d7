"""gunicorn's settings for the site: `deploy/web.service` runs it, and so do the benchmarks and
the many-hosts tests (`benchmarks/servers.py`), so what they measure is what is deployed.

The site is imported once, in the master, and every worker is forked from it (`preload_app`):
the workers share the master's memory (Django, Wagtail, the site's code) instead of each
importing a copy. Before the first fork the master also loads what each worker would load on its
first request, serves itself one page of each kind so that what a first render builds is built
once, and freezes Python's collector (`sitewide.workers.before_fork`), so that is shared too and
stays shared. Measured on this kind of machine (2 sync workers after 15 s of load, production
virtualenv, README "Configuration"): the memory only a worker holds 107 -> 22 MB, so each worker
added costs a fifth of what it did.

The price: gunicorn's HUP (`systemctl reload`) re-forks workers from the old code. Restart on
each deploy (`systemctl restart storyofprogress-web`). The master's warm-up connects to PostgreSQL
and Redis and closes every connection before the first fork, so none is shared between workers
(redis-py would open new ones after a fork anyway).

Command-line options win over these (the benchmarks pass --bind and --workers).
"""

import gc
import importlib.util
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one request each at a time: 2 per core is a start (gunicorn also reads
# WEB_CONCURRENCY itself). Varnish or nginx in front buffers slow clients. Numbers are handed to
# gunicorn as written: it checks them and names the setting it refuses ("Invalid value for
# timeout: ..."), where int() here would stop it with a traceback.
workers = os.environ.get("WEB_CONCURRENCY", "2")
preload_app = True
# A worker that takes longer than this is killed and replaced (a stuck request must not hold
# the worker for ever); pages render in tens of milliseconds, exports in seconds.
timeout = os.environ.get("GUNICORN_TIMEOUT", "60")


def when_ready(server):
    """In the master, with the site imported and before the first worker is forked."""
    from django.apps import apps

    if apps.is_installed("sitewide") and importlib.util.find_spec("sitewide.workers"):
        from sitewide.workers import before_fork

        before_fork(server.app.wsgi())  # the application the workers will serve, already loaded
    else:  # another project served with these settings (benchmarks/empty_wagtail.py), or an
        # earlier checkout of this one (benchmarks/before_after.py)
        gc.collect()
        gc.freeze()
