import pytest

from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
    part,
    source_link,
)


@pytest.fixture
def story(home_page):
    """A published story: index, two sections, the same vision statement in both."""
    index = StoryIndexPageFactory(parent=home_page)
    organisational = SectionPageFactory(parent=index)
    experiential = SectionPageFactory(
        parent=index, title="Experiences", slug="experiences", lens="experiential"
    )
    statement = VisionStatementFactory(number=7, short_name="Education")
    source = SourceFactory(title="How do we know we are doing good work?")
    page = VisionStatementPageFactory(
        parent=organisational,
        title="Education",
        slug="education",
        vision_statement=statement,
        body=[
            part("What is being tried", "strong", "Only two councils reported."),
            narrative(f"<p>Schools {source_link(source, 'changed')}.</p>"),
            narrative(f"<p>Again {source_link(source, 'changed')}.</p>"),
        ],
    )
    other = VisionStatementPageFactory(
        parent=experiential,
        title="Education",
        slug="education",
        vision_statement=statement,
        body=[part("What people told us", "limited")],
    )
    for each in (index, organisational, experiential, page, other):
        each.save_revision().publish()
        each.refresh_from_db()
    return {
        "index": index,
        "section": organisational,
        "other_section": experiential,
        "page": page,
        "other": other,
        "source": source,
    }
