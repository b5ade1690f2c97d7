"""Nothing cited is lost: the delete guard counts restricted live pages and drafts in review;
one page per vision statement per section."""

import pytest

from django.urls import reverse

from evidence.models import Source
from tests.factories import (
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    source_link,
)
from tests.workflow.admin import SUBMIT, add_page_url, page_data, page_data_for, page_url

# Each test undoes what it did: the module shares one tree (`tests/workflow/conftest.py`).
pytestmark = pytest.mark.usefixtures("shared_tree")


def delete(client, obj):
    url = reverse(obj.snippet_viewset.get_url_name("delete"), args=[obj.pk])
    return client.post(url, follow=True)


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_source_cited_only_by_a_password_protected_page_is_kept(
    admin_client, live_page, live_source
):
    live_page.view_restrictions.create(restriction_type="password", password="secret")
    response = delete(admin_client, live_source)
    assert Source.objects.filter(pk=live_source.pk).exists()
    text = messages_of(response)
    assert "was not deleted" in text and "Education (live, restricted)" in text


def test_source_cited_by_a_draft_in_review_is_kept(admin_client, editor_client, live_page):
    new_source = SourceFactory(title="Only in the draft")
    paragraphs = [f"<p>{source_link(new_source)}</p>"]
    editor_client.post(
        page_url("edit", live_page.pk), page_data_for(live_page, paragraphs=paragraphs, **SUBMIT)
    )
    response = delete(admin_client, new_source)
    assert Source.objects.filter(pk=new_source.pk).exists()
    assert "Education (draft awaiting review)" in messages_of(response)


def test_second_page_for_a_vision_statement_in_a_section_is_refused(
    editor_client, live_page, section, statement
):
    response = editor_client.post(
        add_page_url(section),
        page_data(title="Education again", slug="education-again", vision_statement=statement),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["vision_statement"]
    assert "already has a page for vision statement" in errors[0]
    assert "“Education”" in errors[0]


def test_a_live_pages_draft_taking_a_statement_counts(editor_client, section):
    first, second = VisionStatementFactory(), VisionStatementFactory()
    other = VisionStatementPageFactory(
        parent=section, title="Other", slug="other", vision_statement=first
    )
    other.save_revision().publish()
    # Its draft moves to `second`; the live row still says `first`.
    editor_client.post(
        page_url("edit", other.pk),
        page_data(title="Other", slug="other", vision_statement=second),
    )
    response = editor_client.post(
        add_page_url(section), page_data(title="New", slug="new", vision_statement=second)
    )
    assert response.status_code == 200
    assert "“Other”" in response.context["form"].errors["vision_statement"][0]
