"""Data built once for many tests instead of once per test.

Building a site (the demo content, the library's catalogue) takes a second or more; dozens of
tests read it. The data is built inside a transaction that stays open while those tests run and
is rolled back after them; each test's own transaction (pytest-django's `db`) is a savepoint
inside it, so what a test changes is undone after that test while the shared data stays.

Two lifetimes:
- **A module's data**: a module-scoped fixture that asks for `django_db_blocker` and builds
  inside `built_once`. Its tests run after the module's other tests (`tests/conftest.py`
  orders them), so no other test sees it.
- **The demo site** (`demo_content`): built once per test run (once per worker), its tests run
  last and together, in one xdist group; `DemoContent` rolls it back as soon as the next test
  does not use it.

Model instances handed to tests are shared: tests may change the database through them, not
their attributes in memory.
"""

from contextlib import ExitStack, contextmanager

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

#: The session fixture holding the demo site, and the xdist group its tests run in.
DEMO_FIXTURE = "demo_content"


@contextmanager
def built_once(django_db_blocker):
    """Open the shared data's transaction; roll it back when its tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()  # site root paths are cached outside the database
        yield
        transaction.set_rollback(True)
    cache.clear()


def uses_module_data(item) -> bool:
    """Whether a test reads data a module-scoped fixture built in the database."""
    fixture_defs = item._fixtureinfo.name2fixturedefs
    return any(
        definitions[-1].scope == "module" and "django_db_blocker" in definitions[-1].argnames
        for definitions in fixture_defs.values()
    )


def uses_demo_site(item) -> bool:
    return DEMO_FIXTURE in getattr(item, "fixturenames", ())


class DemoContent:
    """The demo site in an open transaction, opened on demand and rolled back early.

    A session fixture opens it before any per-test fixture opens its own transaction; the
    test-teardown hook closes it when the next test does not use it, so that later tests on the
    same worker start from an empty site. Should a demo test come later all the same (a run
    that does not group them), it is opened again before that test's fixtures."""

    def __init__(self):
        self._open: ExitStack | None = None
        self._blocker = None

    @property
    def is_open(self) -> bool:
        return self._open is not None

    @property
    def was_opened(self) -> bool:
        return self._blocker is not None

    def open(self, django_db_blocker=None) -> None:
        if self._open is not None:
            return
        self._blocker = django_db_blocker or self._blocker
        stack = ExitStack()
        stack.enter_context(built_once(self._blocker))
        with self._blocker.unblock():
            call_command("load_demo_content", "--no-users", verbosity=0)
        self._open = stack

    def close(self) -> None:
        if self._open is not None:
            stack, self._open = self._open, None
            stack.close()


DEMO = DemoContent()
