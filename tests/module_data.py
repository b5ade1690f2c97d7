"""Data built once for a whole test module instead of once per test.

Building a site (the demo content, the library's catalogue) takes a second or more; dozens of
tests read it. The data is built inside a transaction that stays open for the module and is
rolled back after it; each test's own transaction (pytest-django's `db`) is a savepoint inside
it, so what a test changes is undone after that test while the module's data stays.

Tests that use module data run after the module's other tests (`tests/conftest.py`,
`pytest_collection_modifyitems`), so no other test sees it. Model instances handed to tests are
shared: tests may change the database through them, not their attributes in memory.
"""

from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

#: Function-scoped fixtures that hand out module data: their tests run last in their module.
MODULE_DATA_FIXTURES = {"demo_site", "catalogue"}


@contextmanager
def built_once_for_module(django_db_blocker):
    """Open the module's transaction; roll it back when the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()  # site root paths are cached outside the database
        yield
        transaction.set_rollback(True)
    cache.clear()
