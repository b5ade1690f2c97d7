import functools
import gc
import re
import shutil
from pathlib import Path

import pytest
from pytest_django.plugin import blocking_manager_key

from django.core.cache import cache

from tests import migrated_database
from tests.factories import make_home_page
from tests.module_data import DEMO, DEMO_FIXTURE, uses_demo_site, uses_module_data


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, each worker tests against its own copy of a migrated template database
    (`tests.migrated_database`) instead of migrating an empty one."""
    if not migrated_database.uses_sqlite():
        yield
        return
    from django.conf import settings

    copy = migrated_database.worker_copy(migrated_database.migrated_template())
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(copy)
    yield
    shutil.rmtree(copy.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """Keep (do not recreate) the worker's copy: Django then only applies new migrations."""
    return migrated_database.uses_sqlite() or request.config.getvalue("reuse_db")


@pytest.fixture(autouse=True)
def fresh_search_state():
    """Each test starts with no computed searches and no `Findable` from another test: the
    database is rolled back between tests, which moves no content generation on."""
    from search import findable
    from story import generation

    cache.clear()
    findable.forget()
    generation.forget_in_process()


SEARCHING = re.compile(r"search|autocomplete|findable", re.IGNORECASE)
# Words that contain "search" without searching: a regular expression's `.search(`, research
# (a kind of source), a page's search description, the suggested searches setting.
NOT_SEARCHING = re.compile(
    r"\bre\.search\(|\b[A-Z_]+\.search\(|(?i:research|search_description|suggested_searches)"
)


@functools.cache
def mentions_searching(module_path: Path) -> bool:
    text = NOT_SEARCHING.sub("", module_path.read_text(encoding="utf-8"))
    return bool(SEARCHING.search(text))


@pytest.fixture(autouse=True)
def search_index_updates(request):
    """Saves update the search index only in tests whose module mentions searching: a test that
    never searches cannot tell whether its pages were indexed, and indexing each page it makes
    was a seventh of the suite's time. Data built for a whole module or run (the demo site) is
    set up before this and indexed."""
    if mentions_searching(request.path):
        yield
        return
    from search.indexing import updates_paused

    with updates_paused():
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts as a new site does once set up: the default site's root is
    a HomePage (Wagtail's placeholder page removed). Made once per worker, so that a test asking
    for `home_page` does not delete and recreate pages; kept in the serialized state that
    transactional tests restore."""
    from django.db import connection

    with django_db_blocker.unblock():
        make_home_page()
        if getattr(connection, "_test_serialized_contents", None) is not None:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    cache.clear()  # site root paths are cached outside the database
    return HomePage.objects.get(depth=2, slug="home")


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


@pytest.fixture(scope="session")
def demo_content(django_db_setup, django_db_blocker):
    """The demo site, built once per test run (`tests.module_data.DemoContent`)."""
    DEMO.open(django_db_blocker)
    yield
    DEMO.close()


@pytest.fixture
def demo_site(demo_content, db):
    """The demo site (home page, story, evidence), as `load_demo_content` builds it."""
    cache.clear()


def pytest_collection_finish(session):
    """What is imported by now (Django, Wagtail, the site, the tests: some 200,000 objects) lives
    for the whole run: moved out of the collector's reach (`gc.freeze`), so that each of the
    run's full collections walks only what the tests make (3.5 -> 1.7 s of collecting in
    tests/workflow)."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (`--dist loadgroup`)
def pytest_collection_modifyitems(config, items):
    """Tests that read shared data run after the others: a module's data after the module's
    other tests, the demo site before every other test and in one xdist group
    (`tests.module_data`)."""
    module_order: dict = {}
    for item in items:
        module_order.setdefault(item.path, len(module_order))
        if uses_demo_site(item):
            item.add_marker(pytest.mark.xdist_group(DEMO_FIXTURE))

    items.sort(  # the demo group first: one worker takes it while the others share the rest
        key=lambda item: (not uses_demo_site(item), module_order[item.path], uses_module_data(item))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    if uses_demo_site(item) and DEMO.was_opened:
        DEMO.open()  # a demo test that did not run with the others: open the site again
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if nextitem is None or not uses_demo_site(nextitem):
        DEMO.close()
    if is_transactional(item) and nextitem is not None:  # last test: the database is gone
        restore_migrated_state(item.config)


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"}.intersection(item.fixturenames)
        or (marker and marker.kwargs.get("transaction"))
    )


def restore_migrated_state(config) -> None:
    """Put back what the migrations made after a transactional test emptied every table.

    Django ends such a test with a flush; when the test asked for serialized rollback, the flush
    holds back the post-migrate signals and leaves even the content types out (Django's own
    runner runs these tests last, so nothing notices). Here any test may come next on the same
    worker: it must start from the database every other test starts from."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from wagtail.models import Page

    serialized = getattr(connection, "_test_serialized_contents", None)
    with config.stash[blocking_manager_key].unblock():
        if serialized is None or Page.objects.exists():
            return
        connection.creation.deserialize_db_from_string(serialized)
    ContentType.objects.clear_cache()
    cache.clear()
