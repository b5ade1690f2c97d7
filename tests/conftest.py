import pytest

from django.core.cache import cache
from django.core.management import call_command

from tests.factories import make_home_page
from tests.module_data import MODULE_DATA_FIXTURES, built_once_for_module


@pytest.fixture(autouse=True)
def fresh_search_state():
    """Each test starts with no computed searches and no `Findable` from another test: the
    database is rolled back between tests, which moves no content generation on."""
    from search import findable

    cache.clear()
    findable.forget()


@pytest.fixture
def home_page(db):
    return make_home_page()


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Uploads written to a real folder (the test settings keep them in memory), for tests of
    what serves or copies files: Wagtail's document view, backups."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def demo_content_for_module(django_db_setup, django_db_blocker):
    """The demo site, built once for a test module (`tests.module_data`)."""
    with built_once_for_module(django_db_blocker):
        call_command("load_demo_content", "--no-users", verbosity=0)
        yield


@pytest.fixture
def demo_site(demo_content_for_module, db):
    """The demo site (home page, story, evidence), as `load_demo_content` builds it."""
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Within each module, run the tests that use module data last, so that the data
    (`tests.module_data`) is built after the module's other tests have run."""
    module_order: dict = {}
    for item in items:
        module_order.setdefault(item.path, len(module_order))

    def uses_module_data(item) -> bool:
        return bool(MODULE_DATA_FIXTURES.intersection(getattr(item, "fixturenames", ())))

    items.sort(key=lambda item: (module_order[item.path], uses_module_data(item)))
