import pytest

from tests.factories import SectionPageFactory, StoryIndexPageFactory


@pytest.fixture
def section(home_page):
    """A section page (not published) under a story index under the home page."""
    return SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
