"""The reviewer's compare shows the evidence an editor's change cites (issue 12, point 1)."""

import pytest

from django.urls import reverse

from tests.factories import OrganisationFactory, SourceFactory, organisation_link, source_link
from tests.workflow.admin import SUBMIT, page_data_for, page_url

pytestmark = pytest.mark.django_db


def test_reviewer_sees_citations_added_without_changing_words(
    editor_client, reviewer_client, live_page, live_source
):
    new_source = SourceFactory(title="Care experience survey", publish=False, live=False)
    organisation = OrganisationFactory(name="Who Cares? Scotland")
    fixed = (
        f"<p>Live {source_link(new_source, 'words')} citing {source_link(live_source)}"
        f"{organisation_link(organisation, '.')}</p>"
    )
    data = page_data_for(live_page, paragraphs=[fixed], **SUBMIT)
    data["body-0-id"] = live_page.body[0].id  # the same block, edited, as the admin posts it
    response = editor_client.post(page_url("edit", live_page.pk), data)
    assert response.status_code == 302

    response = reviewer_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[live_page.pk, "live", "latest"])
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Added citation: Source “Care experience survey”" in content
    assert "Added citation: Organisation “Who Cares? Scotland”" in content
    assert "Cited: Source “Hearing the voices of children”" in content
    # The words are unchanged ("Live words citing see the evidence."): only the citations
    # tell the versions apart, and only they are marked.
    assert content.count('class="addition"') == 2
    assert 'class="deletion"' not in content
