"""A small live Story of Progress tree, one live source, and an editor and a reviewer who
belong to the groups the data migration creates (so the tests exercise those permissions).

Each test builds its own tree, unless its module shares one: a module marked
`pytest.mark.usefixtures("shared_tree")` has the tree built once for all its tests
(`tests.module_data`), and the fixtures below hand each test fresh instances read from the
database, so a test may change them in memory as well as in the database.
"""

import pytest

from tests.factories import make_home_page
from tests.module_data import built_once
from tests.workflow.tree import (
    make_live_page,
    make_live_source,
    make_member,
    make_section,
    make_statement,
    make_tree,
)


@pytest.fixture(scope="module")
def shared_tree(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        yield make_tree()


def shared(request, name: str):
    """A fresh copy of the module's shared `name`, or None if the module shares no tree."""
    if "shared_tree" not in request.fixturenames:
        return None
    instance = getattr(request.getfixturevalue("shared_tree"), name)
    return type(instance)._default_manager.get(pk=instance.pk)


@pytest.fixture
def home_page(request, db):
    home_page = shared(request, "home_page")
    return make_home_page() if home_page is None else home_page


@pytest.fixture
def section(request, home_page):
    section = shared(request, "section")
    return make_section(home_page) if section is None else section


@pytest.fixture
def statement(request, db):
    statement = shared(request, "statement")
    return make_statement() if statement is None else statement


@pytest.fixture
def live_source(request, db):
    live_source = shared(request, "live_source")
    return make_live_source() if live_source is None else live_source


@pytest.fixture
def live_page(request, section, statement, live_source):
    live_page = shared(request, "live_page")
    return make_live_page(section, statement, live_source) if live_page is None else live_page


@pytest.fixture
def editor(request, db):
    editor = shared(request, "editor")
    return make_member("editor", "Editors") if editor is None else editor


@pytest.fixture
def reviewer(request, db):
    reviewer = shared(request, "reviewer")
    return make_member("reviewer", "Reviewers") if reviewer is None else reviewer


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
