import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page, Site

from tests.factories import HomePageFactory


@pytest.fixture(autouse=True)
def fresh_search_state():
    """Each test starts with no computed searches and no `Findable` from another test: the
    database is rolled back between tests, which moves no content generation on."""
    from search import findable

    cache.clear()
    findable.forget()


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's placeholder page."""
    cache.clear()  # site root paths are cached outside the database
    root = Page.get_first_root_node()
    root.get_children().delete()
    home = HomePageFactory(parent=root, slug="home", title="Home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture(scope="module")
def demo_content_for_module(django_db_setup, django_db_blocker):
    """The demo site, built once for a test module inside a transaction rolled back after it.

    Each test's own transaction (pytest-django's `db`) is then a savepoint inside this one, so
    what a test changes is undone after it while the demo content stays for the next test.
    Tests that use the demo content run after the module's other tests (see
    `pytest_collection_modifyitems`), so no other test sees it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()  # site root paths are cached outside the database
        call_command("load_demo_content", "--no-users", verbosity=0)
        yield
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def demo_site(demo_content_for_module, db):
    """The demo site (home page, story, evidence), as `load_demo_content` builds it."""
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Within each module, run the tests that use the demo site last, so that the module's
    demo content (`demo_content_for_module`) is built after its other tests have run."""
    module_order: dict = {}
    for item in items:
        module_order.setdefault(item.path, len(module_order))
    items.sort(
        key=lambda item: (module_order[item.path], "demo_site" in getattr(item, "fixturenames", ()))
    )
