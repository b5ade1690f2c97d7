"""Requests for changes are seen: a banner at the top of the edit view with the reviewer's
comment, name and date, for pages and snippets; emails that say "changes requested"; preview
links in emails that are absolute and open for a logged-in reviewer."""

import re

import pytest

from django.conf import settings
from django.utils import timezone

from tests.workflow.admin import (
    SUBMIT,
    page_data_for,
    page_url,
    source_data,
    source_data_for,
    source_url,
    workflow_action_url,
)

# Each test undoes what it did: the module shares one tree (`tests/workflow/conftest.py`).
pytestmark = pytest.mark.usefixtures("shared_tree")

COMMENT = "Name the local authorities that took part."


def banner(response) -> str:
    """The messages at the top of the edit view (Wagtail's `.messages` list)."""
    match = re.search(r'<div class="messages"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert match, "no message banner at the top of the edit view"
    return match.group(1)


def test_editor_sees_the_request_for_changes_on_a_page(editor_client, reviewer_client, live_page):
    editor_client.post(page_url("edit", live_page.pk), page_data_for(live_page, **SUBMIT))
    live_page.refresh_from_db()
    reviewer_client.post(workflow_action_url(live_page, "reject"), {"comment": COMMENT})

    text = banner(editor_client.get(page_url("edit", live_page.pk)))
    assert "Changes requested" in text
    assert COMMENT in text
    assert "Reviewer" in text  # the reviewer's name (first name "Reviewer")
    assert timezone.localdate().strftime("%B %Y") in text


def test_editor_sees_the_request_for_changes_on_a_source(
    editor_client, reviewer_client, live_source
):
    editor_client.post(
        source_url("edit", live_source.pk), source_data_for(live_source, title="New", **SUBMIT)
    )
    live_source.refresh_from_db()
    reviewer_client.post(workflow_action_url(live_source, "reject"), {"comment": COMMENT})

    text = banner(editor_client.get(source_url("edit", live_source.pk)))
    assert "Changes requested" in text and COMMENT in text and "Reviewer" in text


def test_no_banner_once_resubmitted(editor_client, reviewer_client, live_page):
    editor_client.post(page_url("edit", live_page.pk), page_data_for(live_page, **SUBMIT))
    live_page.refresh_from_db()
    reviewer_client.post(workflow_action_url(live_page, "reject"), {"comment": COMMENT})
    live_page.refresh_from_db()
    editor_client.post(page_url("edit", live_page.pk), page_data_for(live_page, **SUBMIT))
    assert COMMENT not in editor_client.get(page_url("edit", live_page.pk)).content.decode()


def test_the_email_says_changes_requested(editor_client, reviewer_client, live_page, mailoutbox):
    editor_client.post(page_url("edit", live_page.pk), page_data_for(live_page, **SUBMIT))
    live_page.refresh_from_db()
    mailoutbox.clear()
    reviewer_client.post(workflow_action_url(live_page, "reject"), {"comment": COMMENT})

    to_editor = [m for m in mailoutbox if m.to == ["editor@example.org"]]
    assert to_editor
    for message in to_editor:
        html = message.alternatives[0][0] if message.alternatives else ""
        for text in (message.subject, message.body, html):
            assert "rejected" not in text.lower()
        assert "changes requested" in message.subject.lower()
        assert "requested changes" in message.body or "changes were requested" in message.body
    assert any(COMMENT in m.body for m in to_editor)


def preview_links(text: str) -> list[str]:
    return re.findall(r"preview the \w+ here:\s*(\S+)", text)


def test_source_submission_email_has_a_working_absolute_preview_link(
    editor_client, reviewer_client, mailoutbox
):
    editor_client.post(source_url("add"), source_data(title="A fresh inspection", **SUBMIT))
    to_reviewer = [m for m in mailoutbox if m.to == ["reviewer@example.org"]]
    assert to_reviewer
    links = preview_links(to_reviewer[0].body)
    html = "".join(body for body, _ in to_reviewer[0].alternatives)  # if HTML mail is on
    links += re.findall(r'href="([^"]*workflow/preview[^"]*)"', html)
    assert links
    for link in links:
        assert link.startswith(settings.WAGTAILADMIN_BASE_URL), link
        response = reviewer_client.get(link.removeprefix(settings.WAGTAILADMIN_BASE_URL))
        assert response.status_code == 200
        assert "A fresh inspection" in response.content.decode()


def test_page_submission_email_has_a_working_absolute_preview_link(
    editor_client, reviewer_client, live_page, mailoutbox
):
    editor_client.post(page_url("edit", live_page.pk), page_data_for(live_page, **SUBMIT))
    to_reviewer = [m for m in mailoutbox if m.to == ["reviewer@example.org"]]
    links = preview_links(to_reviewer[0].body)
    assert links
    assert links[0].startswith(settings.WAGTAILADMIN_BASE_URL)
    response = reviewer_client.get(links[0].removeprefix(settings.WAGTAILADMIN_BASE_URL))
    assert response.status_code == 200
