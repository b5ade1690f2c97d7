"""Demo content for browser tests, served by the live server.

Browser tests use transactional databases with serialized rollback: before each test,
pytest-django puts back what the migrations created (root page, locale, groups, workflow),
which is all the demo loader needs.
"""

import pytest

from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture
def demo_content(transactional_db, live_server):
    """The demo site, served by the live server."""
    cache.clear()  # site root paths are cached outside the database
    call_command("load_demo_content", "--no-users", verbosity=0)
    cache.clear()
