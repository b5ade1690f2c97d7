import pytest

from evidence import bibliography
from tests.factories import SectionPageFactory, StoryIndexPageFactory


@pytest.fixture
def section(home_page):
    """A section page (not published) under a story index under the home page."""
    return SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))


@pytest.fixture
def formatted(monkeypatch):
    """The records citeproc-py is asked to format, from an empty memo (as a new process's)."""
    asked = []
    format_body = bibliography._format_body

    def counted(record):
        asked.append(record)
        return format_body(record)

    monkeypatch.setattr(bibliography, "_format_body", counted)
    bibliography.forget_references()
    yield asked
    bibliography.forget_references()
