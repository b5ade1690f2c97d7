import pytest

from tests.caching import recording
from tests.caching.site import build_site
from tests.module_data import built_once

APP_AND_RECORDER = {
    "app": {"BACKEND": "caching.pages.PageCacheBackend"},
    "recorder": {"BACKEND": "tests.caching.recording.RecordingBackend"},
}


@pytest.fixture(scope="module")
def site_for_module(django_db_setup, django_db_blocker):
    """Built once for the module (`tests.module_data`); each test's changes are rolled back."""
    with built_once(django_db_blocker):
        yield build_site()


@pytest.fixture
def site(site_for_module, db):
    return site_for_module


@pytest.fixture
def page_cache(settings):
    """Pages kept in the default cache and purged, as in production (the test settings keep
    none), with every purge recorded (`recording.purged`)."""
    settings.PAGE_CACHE_ALIAS = "default"
    settings.WAGTAILFRONTENDCACHE = APP_AND_RECORDER
    recording.forget()
    yield recording.purged
    recording.forget()
