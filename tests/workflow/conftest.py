"""A small live Story of Progress tree, one live source, and an editor and a reviewer who
belong to the groups the data migration creates (so the tests exercise those permissions)."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import (
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
    source_link,
)

PASSWORD = "a-long-test-password"


@pytest.fixture
def section(home_page):
    story_index = StoryIndexPageFactory(parent=home_page)
    section = SectionPageFactory(parent=story_index)
    section.save_revision().publish()
    return section


@pytest.fixture
def statement(db):
    return VisionStatementFactory()


@pytest.fixture
def live_source(db):
    return SourceFactory(title="Hearing the voices of children")


@pytest.fixture
def live_page(section, statement, live_source):
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


@pytest.fixture
def editor(db):
    return make_member("editor", "Editors")


@pytest.fixture
def reviewer(db):
    return make_member("reviewer", "Reviewers")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(editor, reviewer):
    from django.test import Client

    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    return reviewer_client
