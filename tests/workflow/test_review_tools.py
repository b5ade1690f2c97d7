"""What reviewers use to judge a change: Wagtail's revision compare for pages and sources, and
comments on pages (WAGTAILADMIN_COMMENTS_ENABLED)."""

import pytest

from django.urls import reverse

from wagtail.models import Comment
from wagtail.test.utils.form_data import inline_formset

from tests.workflow.admin import SUBMIT, page_data_for, page_url, source_data_for, source_url

# Each test undoes what it did: the module shares one tree (`tests/workflow/conftest.py`).
pytestmark = pytest.mark.usefixtures("shared_tree")


def test_reviewer_compares_a_submitted_page_with_the_live_one(
    editor_client, reviewer_client, live_page
):
    editor_client.post(
        page_url("edit", live_page.pk),
        page_data_for(live_page, paragraphs=["<p>Rewritten by the editor.</p>"], **SUBMIT),
    )
    response = reviewer_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[live_page.pk, "live", "latest"])
    )
    assert response.status_code == 200
    assert "Rewritten by the editor." in response.text
    assert "Live words citing" in response.text


def test_reviewer_compares_a_submitted_source(editor_client, reviewer_client, live_source):
    editor_client.post(
        source_url("edit", live_source.pk),
        source_data_for(live_source, title="A corrected title", **SUBMIT),
    )
    live_source.refresh_from_db()
    response = reviewer_client.get(
        source_url("revisions_compare", live_source.pk, "live", "latest")
    )
    assert response.status_code == 200
    assert "A corrected title" in response.text
    assert "Hearing the voices of children" in response.text


def test_reviewer_comments_on_a_page_and_the_editor_sees_it(
    editor_client, reviewer_client, live_page
):
    comment = {
        "id": "",
        "contentpath": "title",
        "text": "Is this the title the partners agreed?",
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }
    response = reviewer_client.post(
        page_url("edit", live_page.pk),
        page_data_for(live_page, comments=inline_formset([comment])),
    )
    assert response.status_code == 302
    assert Comment.objects.filter(page=live_page, text__startswith="Is this the title").exists()
    editing = editor_client.get(page_url("edit", live_page.pk))
    assert "Is this the title the partners agreed?" in editing.text
