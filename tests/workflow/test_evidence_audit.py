"""The evidence audit: citations in live and draft pages, uncited sources, learning without
sources, read-only, filterable, and a constant number of queries."""

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citations.models import Citation
from evidence.models import Source
from tests.factories import (
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    learning,
    narrative,
    organisation_link,
    source_link,
)
from tests.site_caches import warm_site_caches
from tests.workflow.admin import page_data_for, page_url

# Each test undoes what it did: the module shares one tree (`tests/workflow/conftest.py`).
pytestmark = pytest.mark.usefixtures("shared_tree")

CITATIONS = reverse("citations_citation_modeladmin_index")
UNCITED = reverse("citations_uncitedsource_modeladmin_index")
LEARNING = reverse("citations_learningwithoutsources_modeladmin_index")


def publish(page):
    page.save_revision().publish()
    return page


def test_live_and_draft_citations_are_recorded(live_page, live_source, editor):
    new_source = SourceFactory(title="Draft-only evidence", publish=False, live=False)
    assert Citation.objects.get(page=live_page, source=live_source).in_live_version

    live_page.body = [("narrative", f"<p>Now citing {source_link(new_source)}.</p>")]
    live_page.save_revision(user=editor)

    rows = {c.source.title: c for c in Citation.objects.filter(page=live_page)}
    old, new = rows[live_source.title], rows["Draft-only evidence"]
    assert (old.in_live_version, old.in_latest_version) == (True, False)
    assert (new.in_live_version, new.in_latest_version) == (False, True)
    assert new.location == "body › narrative"
    assert new.place == "Narrative"
    assert new.cited_words == "see the evidence"
    assert new.vision_statement == live_page.vision_statement


def test_a_revision_overwritten_in_place_is_recorded(live_page, live_source, editor):
    """Wagtail's autosave, and a second save by the same editor, overwrite the latest revision
    instead of adding one: what it cites now is the latest draft's."""
    revision = live_page.save_revision(user=editor)
    new_source = SourceFactory(title="Cited by the autosave", publish=False, live=False)
    live_page.body = [("narrative", f"<p>Now citing {source_link(new_source)}.</p>")]
    assert live_page.save_revision(user=editor, overwrite_revision=revision).pk == revision.pk

    rows = {c.source.title: c for c in Citation.objects.filter(page=live_page)}
    assert rows["Cited by the autosave"].in_latest_version
    assert (rows[live_source.title].in_live_version, rows[live_source.title].in_latest_version) == (
        True,
        False,
    )


def test_an_autosave_from_the_editor_is_recorded(live_page, editor_client, editor):
    """The same through the page editor, posted as its autosave posts it."""
    revision = live_page.save_revision(user=editor)
    new_source = SourceFactory(title="Cited by the autosave", publish=False, live=False)
    data = page_data_for(live_page, paragraphs=[f"<p>Now {source_link(new_source)}.</p>"])
    response = editor_client.post(
        page_url("edit", live_page.pk),
        {**data, "overwrite_revision_id": revision.pk},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200, response.content[:500]
    assert response.json()["revision_id"] == revision.pk  # overwritten, not added
    assert Citation.objects.get(page=live_page, source=new_source).in_latest_version


def test_index_filters(reviewer_client, section, live_page, live_source):
    other_statement = VisionStatementFactory(short_name="Voice")
    data_set = SourceFactory(title="Care leavers data", resource_type=Source.ResourceType.DATA_SET)
    other = publish(
        VisionStatementPageFactory(
            parent=section,
            title="Voice page",
            vision_statement=other_statement,
            body=[learning(f"<p>From {source_link(data_set)}.</p>")],
        )
    )

    response = reviewer_client.get(CITATIONS)
    assert response.status_code == 200
    assert live_page.title in response.text and other.title in response.text

    def titles(query: dict) -> set[str]:
        rows = reviewer_client.get(CITATIONS, query).context["object_list"]
        return {row.page.title for row in rows}

    assert titles({"vision_statement": other_statement.pk}) == {"Voice page"}
    assert titles({"section": section.pk}) == {"Voice page", live_page.title}
    assert titles({"resource_type": "data_set"}) == {"Voice page"}
    assert titles({"version": "both"}) == {"Voice page", live_page.title}
    assert titles({"version": "draft"}) == set()


def test_organisation_citations_are_listed(reviewer_client, section, statement):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Care Inspectorate")
    publish(
        VisionStatementPageFactory(
            parent=section,
            vision_statement=statement,
            body=[narrative(f"<p>{organisation_link(organisation)}</p>")],
        )
    )
    rows = reviewer_client.get(CITATIONS, {"organisation": organisation.pk})
    assert [row.organisation for row in rows.context["object_list"]] == [organisation]


def test_sources_no_page_cites(reviewer_client, live_page, live_source):
    uncited = SourceFactory(title="Nobody cites this")
    listed = {source.pk for source in reviewer_client.get(UNCITED).context["object_list"]}
    assert uncited.pk in listed
    assert live_source.pk not in listed


def test_pages_with_learning_but_no_source(reviewer_client, section, statement, live_source):
    bare = publish(
        VisionStatementPageFactory(
            parent=section,
            title="Learning without evidence",
            vision_statement=statement,
            body=[learning("<p>Staff said it helped.</p>")],
        )
    )
    publish(
        VisionStatementPageFactory(
            parent=section,
            title="Learning with evidence",
            vision_statement=statement,
            body=[learning(f"<p>Staff said {source_link(live_source)}.</p>")],
        )
    )
    rows = reviewer_client.get(LEARNING).context["object_list"]
    assert [row.page_id for row in rows] == [bare.pk]


def test_editors_may_read_but_nobody_may_change(editor_client, live_page):
    assert editor_client.get(CITATIONS).status_code == 200
    citation = Citation.objects.first()
    for url in (
        reverse("citations_citation_modeladmin_create"),
        reverse("citations_citation_modeladmin_edit", args=[citation.pk]),
        reverse("citations_citation_modeladmin_delete", args=[citation.pk]),
    ):
        response = editor_client.post(url, follow=True)
        assert "Sorry, you do not have permission" in response.text
    assert Citation.objects.filter(pk=citation.pk).exists()
    anonymous = Client().get(CITATIONS)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url


def test_query_count_does_not_grow_with_citations(reviewer_client, section, statement):
    def count_queries() -> int:
        warm_site_caches()
        with CaptureQueriesContext(connection) as queries:
            response = reviewer_client.get(CITATIONS)
        assert response.status_code == 200
        for citation in Citation.objects.select_related("source"):
            assert citation.source.title in response.content.decode()
        return len(queries)

    def add_pages(n: int) -> None:
        for _ in range(n):
            source = SourceFactory()
            publish(
                VisionStatementPageFactory(
                    parent=section,
                    vision_statement=VisionStatementFactory(),
                    body=[narrative(f"<p>{source_link(source)}</p>")],
                )
            )

    add_pages(2)
    few = count_queries()
    add_pages(6)
    assert count_queries() == few


def test_rebuild_command_fills_the_audit_for_existing_pages(live_page, live_source):
    from django.core.management import call_command

    Citation.objects.all().delete()
    call_command("rebuild_evidence_audit", verbosity=0)
    assert Citation.objects.filter(page=live_page, source=live_source).exists()
