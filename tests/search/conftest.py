import re

import pytest

from django.core.cache import cache

from tests.factories import (
    SectionPageFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
)
from tests.module_data import built_once


def publish(page):
    """Publish through a revision, as the admin does, so citations and the index follow."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def story_tree(home_page):
    """Home → Story of Progress → one section → one vision statement page."""
    cache.clear()
    return build_story_tree(home_page)


@pytest.fixture(scope="module")
def story_tree_for_module(django_db_setup, django_db_blocker):
    """`story_tree`, built once for the module (`tests.module_data`)."""
    with built_once(django_db_blocker):
        yield build_story_tree(make_home_page())


@pytest.fixture
def shared_story_tree(story_tree_for_module, db):
    """`story_tree` for a module whose tests only read it. Nothing runs these tests after the
    module's others (`tests.module_data` orders only its own fixtures), so every database test
    of such a module uses this fixture: none would expect an empty site."""
    cache.clear()
    return story_tree_for_module


def build_story_tree(home_page) -> dict:
    story = StoryIndexPageFactory(parent=home_page)
    section = SectionPageFactory(parent=story, title="Organisational Progress")
    statement = VisionStatementFactory(number=1, short_name="Families", foundation="family")
    page = publish(
        VisionStatementPageFactory(
            parent=section,
            title="Families page",
            vision_statement=statement,
            body=[narrative("<p>Families are supported.</p>")],
        )
    )
    return {"story": story, "section": section, "statement": statement, "page": page}


@pytest.fixture
def search(client):
    """GET the search page with these parameters and return the response."""

    def get(**params):
        return client.get("/search/", params)

    return get


def suggested(html: str) -> list[str]:
    """The suggested searches a page shows, in order."""
    section = re.search(r'<section class="suggested-searches".*?</section>', html, re.DOTALL)
    if section is None:
        return []
    return re.findall(r'<li><a href="/search/\?q=[^"]*">([^<]*)</a></li>', section[0])
