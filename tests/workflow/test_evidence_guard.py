"""Approval cannot publish a broken tie (`story.review_guard`): a page whose draft cites a
source or organisation that is not live is neither approved nor published, by any path, and
the reviewer and the editor are told which evidence is pending."""

from urllib.parse import urlencode

import pytest

from django.urls import reverse

from evidence.models import Source
from tests.factories import OrganisationFactory, SourceFactory, organisation_link, source_link
from tests.workflow.admin import (
    PUBLISH,
    SUBMIT,
    page_data_for,
    page_url,
    source_url,
    workflow_action_url,
)

# Each test undoes what it did: the module shares one tree (`tests/workflow/conftest.py`).
pytestmark = pytest.mark.usefixtures("shared_tree")


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.fixture
def draft_source(db):
    return SourceFactory(title="A new evaluation of aftercare", live=False, publish=False)


def submit_citing(editor_client, page, *links):
    paragraphs = [f"<p>Findings from {link}.</p>" for link in links]
    return editor_client.post(
        page_url("edit", page.pk), page_data_for(page, paragraphs=paragraphs, **SUBMIT), follow=True
    )


def test_submitting_a_page_citing_a_draft_source_warns_the_editor(
    editor_client, live_page, draft_source
):
    response = submit_citing(editor_client, live_page, source_link(draft_source))
    live_page.refresh_from_db()
    assert live_page.workflow_in_progress, "submission is still allowed"
    text = messages_of(response)
    assert "cites evidence that is not live yet" in text
    assert "A new evaluation of aftercare" in text
    assert source_url("edit", draft_source.pk) in text


def test_approval_is_refused_while_a_cited_source_is_a_draft_then_accepted(
    editor_client, reviewer_client, client, live_page, draft_source
):
    submit_citing(editor_client, live_page, source_link(draft_source, "the evaluation"))

    response = reviewer_client.post(
        workflow_action_url(live_page, "approve"), {"comment": ""}, follow=True
    )
    live_page.refresh_from_db()
    assert live_page.workflow_in_progress and live_page.has_unpublished_changes
    assert "the evaluation" not in client.get(live_page.get_url()).content.decode()
    text = messages_of(response)
    assert "Not approved" in text and "A new evaluation of aftercare" in text
    assert source_url("edit", draft_source.pk) in text

    draft_source.save_revision().publish()
    response = reviewer_client.post(workflow_action_url(live_page, "approve"), {"comment": ""})
    live_page.refresh_from_db()
    assert not live_page.workflow_in_progress and not live_page.has_unpublished_changes
    assert draft_source.public_url in client.get(live_page.get_url()).content.decode()


def test_approval_from_the_editor_is_refused_naming_the_evidence(
    editor_client, reviewer_client, live_page, draft_source
):
    organisation = OrganisationFactory(name="Draft Trust", live=False, publish=False)
    submit_citing(
        editor_client, live_page, source_link(draft_source), organisation_link(organisation)
    )
    live_page.refresh_from_db()
    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    response = reviewer_client.post(
        page_url("edit", live_page.pk), page_data_for(live_page, **approve), follow=True
    )
    live_page.refresh_from_db()
    assert live_page.workflow_in_progress and live_page.has_unpublished_changes
    text = messages_of(response)
    assert "Not approved" in text
    assert "A new evaluation of aftercare" in text and "Draft Trust" in text


def test_approving_while_adding_a_draft_citation_is_refused(
    editor_client, reviewer_client, live_page, draft_source
):
    submit_citing(editor_client, live_page, source_link(SourceFactory(title="Live one")))
    live_page.refresh_from_db()
    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    paragraphs = [f"<p>Added while approving: {source_link(draft_source)}.</p>"]
    response = reviewer_client.post(
        page_url("edit", live_page.pk),
        page_data_for(live_page, paragraphs=paragraphs, **approve),
        follow=True,
    )
    live_page.refresh_from_db()
    assert live_page.workflow_in_progress and live_page.has_unpublished_changes
    assert "Not approved" in messages_of(response)


def test_reviewer_cannot_publish_directly_while_a_cited_source_is_a_draft(
    reviewer_client, client, live_page, draft_source
):
    paragraphs = [f"<p>Published directly: {source_link(draft_source, 'the draft')}.</p>"]
    response = reviewer_client.post(
        page_url("edit", live_page.pk),
        page_data_for(live_page, paragraphs=paragraphs, **PUBLISH),
        follow=True,
    )
    live_page.refresh_from_db()
    assert live_page.has_unpublished_changes, "kept as a draft, not published"
    assert "the draft" not in client.get(live_page.get_url()).content.decode()
    text = messages_of(response)
    assert "Not published" in text and "A new evaluation of aftercare" in text


def test_bulk_publish_is_refused_while_a_cited_source_is_a_draft(
    editor_client, reviewer_client, live_page, draft_source
):
    submit_citing(editor_client, live_page, source_link(draft_source))
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={live_page.pk}&next=/admin/"
    )
    response = reviewer_client.post(url, {"include_descendants": ""}, follow=True)
    live_page.refresh_from_db()
    assert live_page.has_unpublished_changes
    assert "A new evaluation of aftercare" in messages_of(response)


@pytest.mark.parametrize(
    ("next_url", "back_to"),
    [
        ("/admin/pages/", "/admin/pages/"),
        ("https://elsewhere.example/", "/admin/pages/"),
        ("//elsewhere.example/", "/admin/pages/"),
    ],
)
def test_a_refused_bulk_publish_goes_back_only_to_this_site(
    editor_client, reviewer_client, live_page, draft_source, next_url, back_to
):
    submit_citing(editor_client, live_page, source_link(draft_source))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = reviewer_client.post(
        url + "?" + urlencode({"id": live_page.pk, "next": next_url}), {"include_descendants": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == back_to
    live_page.refresh_from_db()
    assert live_page.has_unpublished_changes


def test_preview_marks_a_draft_citation_and_the_public_page_does_not(
    editor_client, client, live_page, draft_source
):
    submit_citing(editor_client, live_page, source_link(draft_source, "the evaluation"))
    live_page.refresh_from_db()
    revision = live_page.get_latest_revision()
    preview = editor_client.get(page_url("revisions_view", live_page.pk, revision.pk))
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "draft source: linked once approved" in content
    assert "A new evaluation of aftercare" in content

    # Public: publish the page in code (the guard is for people) and look.
    revision.publish()
    public = client.get(live_page.get_url()).content.decode()
    assert "the evaluation" in public
    assert "linked once approved" not in public and "A new evaluation" not in public
    assert Source.objects.get(pk=draft_source.pk).live is False
