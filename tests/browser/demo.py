"""Demo content for browser tests, whatever state the previous test left the database in.

Browser tests use transactional databases with serialized rollback: after each test the tables
are emptied and what the migrations created (root page, locale, groups) should be put back.
Once Playwright's sync API has run, Django's connection in this thread can be a fresh wrapper
without the serialized copy; pytest-django then skips the restore silently, leaving no root
page. The demo loader needs only the root page and a locale, so the fixture recreates those
when they are missing instead of relying on the restore.
"""

import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def ensure_tree_root() -> None:
    if Page.get_first_root_node() is not None:
        return
    ContentType.objects.clear_cache()  # the flush may have recreated content types
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def demo_content(transactional_db, live_server):
    """The demo site, served by the live server."""
    cache.clear()  # site root paths are cached outside the database
    ensure_tree_root()
    call_command("load_demo_content", "--no-users", verbosity=0)
    cache.clear()
