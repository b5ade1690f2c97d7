"""Two hosts over one database and one Redis, a task worker, and Varnish in front of the second.

    editor ──▶ host A (gunicorn) ──┐
                                   ├──▶ PostgreSQL (a database of the module's own)
    reader ──▶ host B (gunicorn) ──┤
    reader ──▶ Varnish ──▶ host B  ├──▶ Redis (a redis-server of the module's own)
                 task worker ──────┘

Everything runs the production settings, each its own process (one gunicorn worker a host), as
separate machines would: they share only the database, the Redis cache, and Varnish's address,
to which purges are sent (FRONTEND_CACHE_VARNISH_URL). A publish queues its index updates and
purges in the database (production's TASKS_BACKEND), and the one task worker runs them, as
`deploy/task-worker.service` does. Everything is started once for the module and stopped, by
process group, on every way out; the database is dropped after.
"""

import json
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.processes import free_port, group, log_tail
from benchmarks.servers import (
    ServerError,
    collect_static,
    gunicorn,
    server_environment,
    wait_until_answers,
)
from tests.caching.site import Site
from tests.hosts.build import EDITOR
from tests.hosts.editor import Editor
from tests.live_servers import HOST, varnish_in_front_of
from tests.postgres_databases import run_in, scratch_database
from tests.redis_servers import owned_redis

READY_TIMEOUT = 120  # seconds; two gunicorns import the site at once on a busy 2-core machine
#: The task worker as deploy/task-worker.service runs it.
WORKER = ("manage.py", "db_worker", "--interval", "0.1", "--no-reload")


@dataclass(frozen=True)
class Hosts:
    a: int  # the port of the host editors publish through
    b: int  # the other host's, which readers reach directly and through Varnish
    varnish: int
    site: Site


def free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


@pytest.fixture(scope="module")
def hosts():
    with ExitStack() as stack:
        database = stack.enter_context(scratch_database("hosts"))
        site = Site(**json.loads(run_in(database, "-m", "tests.hosts.build").splitlines()[-1]))
        redis = stack.enter_context(owned_redis())
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hosts-")))
        port_a, port_b, port_varnish = free_ports(3)
        environment = server_environment(
            str(workdir / "static"),
            DATABASE_URL=database,
            REDIS_URL=redis.url(),
            ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            FRONTEND_CACHE_VARNISH_URL=f"http://127.0.0.1:{port_varnish}",
            TASKS_BACKEND="database",  # production's, whatever this machine's environment says
        )
        collect_static(environment)
        servers = {
            port: stack.enter_context(gunicorn(port, 1, environment, workdir / f"{port}.log"))
            for port in (port_a, port_b)
        }
        for port, server in servers.items():
            try:
                wait_until_answers(server, port, READY_TIMEOUT, name=f"gunicorn on {port}")
            except ServerError as error:
                pytest.fail(f"{error}\n{log_tail(workdir / f'{port}.log')}")
        worker = stack.enter_context(
            group([sys.executable, *WORKER], workdir / "worker.log", env=environment)
        )
        stack.enter_context(varnish_in_front_of(port_b, port=port_varnish))
        if worker.poll() is not None:
            pytest.fail(f"the task worker stopped:\n{log_tail(workdir / 'worker.log')}")
        yield Hosts(a=port_a, b=port_b, varnish=port_varnish, site=site)


@pytest.fixture(scope="module")
def editor(hosts):
    """An editor signed in to host A's admin."""
    editor = Editor(hosts.a)
    editor.sign_in(*EDITOR)
    return editor
