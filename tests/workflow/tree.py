"""The small live tree the workflow tests start from, built by plain functions so that a test
can have its own (`tests/workflow/conftest.py`) or a module can build one for all its tests."""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    source_link,
)

PASSWORD = "a-long-test-password"


def make_section(home_page):
    story_index = StoryIndexPageFactory(parent=home_page)
    section = SectionPageFactory(parent=story_index)
    section.save_revision().publish()
    return section


def make_statement():
    return VisionStatementFactory()


def make_live_source():
    return SourceFactory(title="Hearing the voices of children")


def make_live_page(section, statement, live_source):
    page = VisionStatementPageFactory(
        parent=section,
        title="Education",
        slug="education",
        vision_statement=statement,
        body=[narrative(f"<p>Live words citing {source_link(live_source)}.</p>")],
    )
    page.save_revision().publish()
    return page


def make_member(username: str, group_name: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_tree() -> SimpleNamespace:
    """Everything the fixtures of `tests/workflow/conftest.py` build, in one go."""
    home_page = make_home_page()
    section = make_section(home_page)
    statement = make_statement()
    live_source = make_live_source()
    return SimpleNamespace(
        home_page=home_page,
        section=section,
        statement=statement,
        live_source=live_source,
        live_page=make_live_page(section, statement, live_source),
        editor=make_member("editor", "Editors"),
        reviewer=make_member("reviewer", "Reviewers"),
    )
