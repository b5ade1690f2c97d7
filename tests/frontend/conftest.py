"""A published story, built for each test, or once for a module whose tests all share it: a
module marked `pytest.mark.usefixtures("shared_story")` has it built once (`tests.module_data`)
and each test gets fresh instances read from the database, which it may change in memory as
well as in the database."""

import pytest

from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    part,
    source_link,
)
from tests.module_data import built_once


def build_story(home_page) -> dict:
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


@pytest.fixture(scope="module")
def shared_story(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        home_page = make_home_page()
        yield {"home_page": home_page, **build_story(home_page)}


def fresh(instance):
    return type(instance)._default_manager.get(pk=instance.pk)


def shares_story(request) -> bool:
    return "shared_story" in request.fixturenames


@pytest.fixture
def home_page(request, db):
    if shares_story(request):
        return fresh(request.getfixturevalue("shared_story")["home_page"])
    return make_home_page()


@pytest.fixture
def story(request, home_page):
    """A published story: index, two sections, the same vision statement in both."""
    if shares_story(request):
        shared = request.getfixturevalue("shared_story")
        return {key: fresh(shared[key]) for key in shared if key != "home_page"}
    return build_story(home_page)
