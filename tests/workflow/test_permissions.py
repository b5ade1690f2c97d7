"""Who can do what, exercised through the admin's own views with the test client.

Each action is posted as the admin would post it, then the outcome is read from the database:
a denied action must leave nothing changed, whatever status code the view chose. Every test
undoes what it did, so the module shares one tree (`tests/workflow/conftest.py`).
"""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Page, WorkflowState

from evidence.models import Source
from story.models import VisionStatementPage
from tests.factories import SourceFactory, VisionStatementFactory
from tests.workflow.admin import (
    PUBLISH,
    SAVE_DRAFT,
    SUBMIT,
    add_page_url,
    page_data,
    page_data_for,
    page_url,
    source_data,
    source_data_for,
    source_url,
    workflow_action_url,
)

pytestmark = pytest.mark.usefixtures("shared_tree")

ACTIONS = ["create", "edit", "submit", "approve", "reject", "publish", "unpublish", "delete"]
ALLOWED = {
    "Editors": {"create", "edit", "submit"},
    "Reviewers": set(ACTIONS),
}
EDITED = "<p>Edited words that are not yet reviewed.</p>"


def submit_change(obj, user):
    """Put a changed draft of `obj` into review, as `user` would have done."""
    if isinstance(obj, Page):
        obj.body = [("narrative", EDITED)]
    else:
        obj.title = "Edited title"
    revision = obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return revision


def live_text(page) -> str:
    return str(VisionStatementPage.objects.get(pk=page.pk).body)


def latest_state(obj) -> str:
    return (
        WorkflowState.objects.for_instance(obj)
        .order_by("-created_at")
        .values_list("status", flat=True)
    ).first()


# Page actions: each posts one admin request and returns whether the change happened.


def page_create(client, page, editor):
    # Another statement: a section has one page per vision statement (story.forms).
    response = client.post(
        add_page_url(page.get_parent()),
        page_data(title="New page", slug="new-page", vision_statement=VisionStatementFactory()),
    )
    created = VisionStatementPage.objects.filter(slug="new-page").first()
    assert created is None or not created.live
    return response, created is not None


def page_edit(client, page, editor):
    response = client.post(
        page_url("edit", page.pk), page_data_for(page, paragraphs=[EDITED], **SAVE_DRAFT)
    )
    page.refresh_from_db()
    assert "Edited words" not in live_text(page)
    return response, "Edited words" in str(page.get_latest_revision().content)


def page_submit(client, page, editor):
    response = client.post(
        page_url("edit", page.pk), page_data_for(page, paragraphs=[EDITED], **SUBMIT)
    )
    return response, page.workflow_in_progress


def page_approve(client, page, editor):
    submit_change(page, editor)
    response = client.post(workflow_action_url(page, "approve"), {"comment": ""})
    return response, "Edited words" in live_text(page)


def page_reject(client, page, editor):
    submit_change(page, editor)
    response = client.post(workflow_action_url(page, "reject"), {"comment": "Cite the data."})
    return response, latest_state(page) == WorkflowState.STATUS_NEEDS_CHANGES


def page_publish(client, page, editor):
    response = client.post(
        page_url("edit", page.pk), page_data_for(page, paragraphs=[EDITED], **PUBLISH)
    )
    return response, "Edited words" in live_text(page)


def page_unpublish(client, page, editor):
    response = client.post(page_url("unpublish", page.pk))
    return response, not Page.objects.get(pk=page.pk).live


def page_delete(client, page, editor):
    response = client.post(page_url("delete", page.pk))
    return response, not Page.objects.filter(pk=page.pk).exists()


# Source actions


def source_create(client, source, editor):
    response = client.post(source_url("add"), source_data(title="A new source"))
    created = Source.objects.filter(title="A new source").first()
    assert created is None or not created.live
    return response, created is not None


def source_edit(client, source, editor):
    response = client.post(
        source_url("edit", source.pk), source_data_for(source, title="Edited title")
    )
    source.refresh_from_db()
    assert source.title != "Edited title", "a draft must not change the live row"
    return response, source.latest_revision.object_str == "Edited title"


def source_submit(client, source, editor):
    response = client.post(
        source_url("edit", source.pk), source_data_for(source, title="Edited title", **SUBMIT)
    )
    source.refresh_from_db()
    return response, source.workflow_in_progress


def source_approve(client, source, editor):
    submit_change(source, editor)
    response = client.post(workflow_action_url(source, "approve"), {"comment": ""})
    return response, Source.objects.get(pk=source.pk).title == "Edited title"


def source_reject(client, source, editor):
    submit_change(source, editor)
    response = client.post(workflow_action_url(source, "reject"), {"comment": "Add the DOI."})
    return response, latest_state(source) == WorkflowState.STATUS_NEEDS_CHANGES


def source_publish(client, source, editor):
    response = client.post(
        source_url("edit", source.pk), source_data_for(source, title="Edited title", **PUBLISH)
    )
    return response, Source.objects.get(pk=source.pk).title == "Edited title"


def source_unpublish(client, source, editor):
    response = client.post(source_url("unpublish", source.pk))
    return response, not Source.objects.get(pk=source.pk).live


def source_delete(client, source, editor):
    response = client.post(source_url("delete", source.pk))
    return response, not Source.objects.filter(pk=source.pk).exists()


PAGE_ACTIONS = {name: globals()[f"page_{name}"] for name in ACTIONS}
SOURCE_ACTIONS = {name: globals()[f"source_{name}"] for name in ACTIONS}


@pytest.fixture
def uncited_source(db):
    """A live source no page cites, so deleting it is not blocked by the citation guard."""
    return SourceFactory(title="An uncited report")


@pytest.fixture
def acting_client(request, client, editor, reviewer):
    group = request.param
    client.force_login(editor if group == "Editors" else reviewer)
    return group, client


@pytest.mark.parametrize("acting_client", ["Editors", "Reviewers"], indirect=True)
@pytest.mark.parametrize("action", ACTIONS)
def test_vision_statement_page(acting_client, action, live_page, editor):
    group, client = acting_client
    response, happened = PAGE_ACTIONS[action](client, live_page, editor)
    assert response.status_code < 500
    assert happened is (action in ALLOWED[group]), f"{group} {action}: {response.status_code}"


@pytest.mark.parametrize("acting_client", ["Editors", "Reviewers"], indirect=True)
@pytest.mark.parametrize("action", ACTIONS)
def test_source(acting_client, action, uncited_source, editor):
    group, client = acting_client
    response, happened = SOURCE_ACTIONS[action](client, uncited_source, editor)
    assert response.status_code < 500
    assert happened is (action in ALLOWED[group]), f"{group} {action}: {response.status_code}"


def test_groups_are_created_by_migrations(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editors",
        "Reviewers",
        "Site administrators",
    }
    assert not Group.objects.filter(name="Moderators").exists()
