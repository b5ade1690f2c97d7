"""gunicorn's master warms the site up before forking its workers (`sitewide.workers`): it serves
itself one page of each kind, rendered (not looked up in the page cache), and forks its workers
with no database or Redis connection open and no cache object of its own. A database or Redis
that is not up yet cuts the warm-up short; the master starts all the same.

The warm-up closes the database connection, so these tests run outside a transaction; the one
without a database runs production settings in a process of its own."""

import os
import subprocess
import sys

import pytest
import redis

from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import override_settings
from django.test.signals import template_rendered

from sitewide.workers import warm_up
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
)
from tests.redis_servers import free_port, owned_redis, redis_cache

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site_of_each_kind(home_page):
    index = StoryIndexPageFactory(parent=home_page)
    section = SectionPageFactory(parent=index)
    first = VisionStatementPageFactory(parent=section)
    VisionStatementPageFactory(parent=section)  # a second of a type is not served
    organisation = OrganisationFactory(name="COSLA")
    source = SourceFactory(title="How do we know we are doing good work?")
    return [index.url, section.url, first.url, organisation.public_url, source.public_url]


def rendered_templates(during) -> list[str]:
    names: list[str] = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        during()
    finally:
        template_rendered.disconnect(record)
    return names


def test_the_master_renders_one_page_of_each_kind(site_of_each_kind, settings):
    settings.PAGE_CACHE_ALIAS = "default"  # as in production: pages kept for anonymous readers
    warm_up(WSGIHandler())  # a master started before: what it could keep, the cache has

    served: list = []
    templates = rendered_templates(lambda: served.extend(warm_up(WSGIHandler())))

    paths = [path for path, _ in served]
    assert paths[0] == "/"
    for path in site_of_each_kind:
        assert path in paths
    assert {"/evidence/", "/evidence/sources/", "/library/", "/search/"} <= set(paths)
    assert len(paths) == len(set(paths))  # each once
    assert {status for _, status in served} == {200}
    assert "home/home_page.html" in templates  # rendered, not taken from the page cache


@pytest.fixture
def persistent_connections():
    """Connections kept between requests, as production keeps them (`DATABASE_CONN_MAX_AGE`)."""
    before = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    yield
    connection.settings_dict["CONN_MAX_AGE"] = before


def test_no_database_connection_or_cache_object_is_left_for_the_workers(
    site_of_each_kind, persistent_connections
):
    with owned_redis() as server, override_settings(CACHES={"default": redis_cache(server.url())}):
        master_cache = caches["default"]
        master_cache.set("warm", "up")
        served = warm_up(WSGIHandler())

        assert served and {status for _, status in served} == {200}
        assert connection.connection is None
        assert caches["default"] is not master_cache  # a worker makes its own
        del master_cache
        others = redis.Redis.from_url(server.url())
        clients = others.client_list()
        assert [client["cmd"] for client in clients] == ["client|list"]  # only this one
        others.close()


def test_without_a_database_or_redis_the_master_starts_cold():
    unreachable = f"127.0.0.1:{free_port()}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storyofprogress.settings.production",
        "SECRET_KEY": "warm-up-check-" + "0123456789abcdefghij" * 3,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"postgres://postgres@{unreachable}/storyofprogress",
        "REDIS_URL": f"redis://{unreachable}/0",
    }
    probe = (
        "import django; django.setup()\n"
        "from django.core.wsgi import get_wsgi_application\n"
        "from sitewide.workers import before_fork\n"
        "before_fork(get_wsgi_application())\n"
        "print('forking')\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "forking"
    assert "Warm-up stopped" in result.stderr
