"""The whole editorial path through the admin: draft, review, changes requested, approval.

A new source goes live through its own review (the design: every change to evidence is
approved in its own right), so the reviewer approves the source and the page separately.
"""

import html
import re

import pytest

from wagtail.models import WorkflowState

from evidence.models import Source
from story.models import VisionStatementPage
from tests.factories import source_link
from tests.workflow.admin import (
    SUBMIT,
    add_page_url,
    page_data,
    page_data_for,
    page_url,
    source_data,
    source_url,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

REJECTION = "Say which local authorities took part."


def editor_creates_source(editor_client) -> Source:
    response = editor_client.post(
        source_url("add"), source_data(title="Family group decision making in 2025", **SUBMIT)
    )
    assert response.status_code == 302
    return Source.objects.get(title="Family group decision making in 2025")


def visible_text(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_editor_drafts_reviewer_rejects_then_approves(
    editor_client, reviewer_client, client, section, statement, mailoutbox
):
    source = editor_creates_source(editor_client)
    first_draft = f"<p>Families were {source_link(source, 'involved in decisions')}.</p>"
    response = editor_client.post(
        add_page_url(section),
        page_data(
            title="Family",
            slug="family",
            vision_statement=statement,
            paragraphs=[first_draft],
            **SUBMIT,
        ),
    )
    assert response.status_code == 302
    page = VisionStatementPage.objects.get(slug="family")
    assert page.workflow_in_progress and source.workflow_in_progress
    assert any(m.to == ["reviewer@example.org"] for m in mailoutbox), "reviewers are told"

    # Nothing is public yet.
    assert client.get(page.get_url()).status_code == 404
    assert client.get(source.public_url).status_code == 404

    # Changes requested, with a comment the editor sees in the editor and by email.
    response = reviewer_client.post(workflow_action_url(page, "reject"), {"comment": REJECTION})
    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(page).get().status == "needs_changes"
    assert any(REJECTION in m.body for m in mailoutbox if m.to == ["editor@example.org"])
    editing = editor_client.get(page_url("edit", page.pk))
    assert REJECTION in editing.content.decode()
    assert client.get(page.get_url()).status_code == 404

    # The editor fixes the text and resubmits.
    page.refresh_from_db()
    fixed = f"<p>Families in 12 local authorities were {source_link(source, 'involved')}.</p>"
    response = editor_client.post(
        page_url("edit", page.pk), page_data_for(page, paragraphs=[fixed], **SUBMIT)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress

    # The reviewer approves the source and the page.
    for obj in (source, page):
        response = reviewer_client.post(workflow_action_url(obj, "approve"), {"comment": ""})
        assert response.status_code == 302
    page.refresh_from_db()
    source.refresh_from_db()
    assert page.live and source.live
    assert any("approved" in m.subject.lower() for m in mailoutbox if m.to == [page.owner.email])

    public_page = client.get(page.get_url())
    assert public_page.status_code == 200
    assert "12 local authorities" in visible_text(public_page)
    assert f'href="{source.public_url}"' in public_page.content.decode()

    source_page = client.get(source.public_url)
    assert source_page.status_code == 200
    cited_in = source_page.content.decode().split("Cited in", 1)[1]
    assert f'href="{page.get_url()}"' in cited_in


def test_a_draft_of_a_live_page_is_not_public(editor_client, reviewer_client, client, live_page):
    source = editor_creates_source(editor_client)
    before = visible_text(client.get(live_page.get_url()))
    addition = f"<p>New finding from {source_link(source, 'a new evaluation')}.</p>"
    current = [block.value.source for block in live_page.body]
    response = editor_client.post(
        page_url("edit", live_page.pk),
        page_data_for(live_page, paragraphs=[*current, addition], **SUBMIT),
    )
    assert response.status_code == 302

    after = client.get(live_page.get_url())
    assert after.status_code == 200
    assert visible_text(after) == before
    assert "a new evaluation" not in after.content.decode()

    for obj in (source, live_page):
        reviewer_client.post(workflow_action_url(obj, "approve"), {"comment": ""})
    assert "a new evaluation" in visible_text(client.get(live_page.get_url()))
