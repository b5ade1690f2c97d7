import pytest

from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
    source_link,
)


@pytest.fixture
def section(home_page):
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    section.save_revision().publish()
    return section


@pytest.fixture
def make_cited_page(section):
    """A published vision statement page citing `count` new sources."""

    def make(count: int, **kwargs):
        sources = [SourceFactory() for _ in range(count)]
        body = [narrative(f"<p>{source_link(source)}</p>") for source in sources]
        page = VisionStatementPageFactory(parent=section, body=body, **kwargs)
        page.save_revision().publish()
        return page, sources

    return make


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Care Inspectorate",
        short_name="CI",
        slug="care-inspectorate",
        website="https://www.careinspectorate.com/",
        description="<p>Regulates &amp; inspects <b>care</b> services.</p>",
    )
