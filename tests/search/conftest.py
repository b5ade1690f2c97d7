import pytest

from django.core.cache import cache

from tests.factories import (
    SectionPageFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
)


def publish(page):
    """Publish through a revision, as the admin does, so citations and the index follow."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def story_tree(home_page):
    """Home → Story of Progress → one section → one vision statement page."""
    cache.clear()
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
