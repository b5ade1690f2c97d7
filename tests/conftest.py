import pytest

from django.core.cache import cache

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


@pytest.fixture
def demo_site(db):
    from django.core.management import call_command

    call_command("load_demo_content", "--no-users", verbosity=0)
