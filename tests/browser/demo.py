"""Demo content for browser tests, on a database that starts as the migrations left it.

Browser tests use transactional databases with serialized rollback: after each test the
tables are emptied and what the migrations created (root page, locale, groups) is put back.
Once Playwright's sync API has run, Django's connection in this thread can be a fresh
wrapper without the serialized copy: pytest-django then skips the restore silently and the
flush re-runs post_migrate instead (new content types, no root page). The fixture below puts
the migrated state back itself when the root page is missing, so tests pass in any order.
"""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from wagtail.models import Page


@pytest.fixture(scope="session")
def migrated_state(django_db_setup, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        return connections["default"]._test_serialized_contents


@pytest.fixture
def demo_content(migrated_state, transactional_db, live_server):
    """The demo site, served by the live server."""
    cache.clear()  # site root paths are cached outside the database
    if Page.get_first_root_node() is None:
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connections["default"].creation.deserialize_db_from_string(migrated_state)
        ContentType.objects.clear_cache()
    call_command("load_demo_content", "--no-users", verbosity=0)
    cache.clear()
