"""Revision compare shows a change in what a passage cites (`evidence.compare`): narrative and
learning blocks, evidence highlights, the rich text fields of section and home pages, and the
rich text of sources and organisations themselves."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementPageFactory,
    learning,
    narrative,
    organisation_link,
    part,
    source_link,
)

pytestmark = pytest.mark.django_db


def with_id(block_id: str, block: dict) -> dict:
    """The same block in two revisions keeps its id, so compare sees it changed in place."""
    return {**block, "id": block_id}


def highlight(source) -> dict:
    return {
        "type": "evidence_highlight",
        "value": {"source": source.pk, "quote": "Most children were heard.", "why_it_matters": ""},
    }


def page_compare(client, page, revision_a, revision_b) -> str:
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, revision_a.pk, revision_b.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def revisions(page, field: str, before, after):
    setattr(page, field, before)
    revision_a = page.save_revision()
    setattr(page, field, after)
    revision_b = page.save_revision()
    return revision_a, revision_b


def test_page_compare_lists_added_and_removed_citations(section, admin_client):
    old, new = SourceFactory(title="Old survey"), SourceFactory(title="New survey")
    kept = SourceFactory(title="Kept inspection")
    dropped_organisation = OrganisationFactory(name="Dropped Council")
    old_highlight, new_highlight = SourceFactory(title="Old data"), SourceFactory(title="New data")
    added_in_new_block = SourceFactory(title="Brand new evaluation")
    page = VisionStatementPageFactory(parent=section)
    same_words = "<p>Families {} and {} agreed.</p>"
    revision_a, revision_b = revisions(
        page,
        "body",
        [
            with_id("p", part()),
            with_id("n", narrative(same_words.format(source_link(old), source_link(kept)))),
            with_id("l", learning(f"<p>As {organisation_link(dropped_organisation)} said.</p>")),
            with_id("h", highlight(old_highlight)),
        ],
        [
            with_id("p", part()),
            with_id("n", narrative(same_words.format(source_link(new), source_link(kept)))),
            with_id("l", learning("<p>As an organisation said.</p>")),
            with_id("h", highlight(new_highlight)),
            with_id("x", narrative(f"<p>New {source_link(added_in_new_block)}.</p>")),
        ],
    )

    content = page_compare(admin_client, page, revision_a, revision_b)

    assert "Added citation: Source “New survey”" in content
    assert "Removed citation: Source “Old survey”" in content
    assert "Cited: Source “Kept inspection”" in content
    assert "Removed citation: Organisation “Dropped Council”" in content
    assert '<span class="deletion">Removed: Source “Old data”</span>' in content
    assert '<span class="addition">Added: Source “New data”</span>' in content
    assert '<span class="addition">Added citation: Source “Brand new evaluation”</span>' in content


def test_a_citation_change_alone_is_a_change(section, admin_client):
    first, second = SourceFactory(title="First report"), SourceFactory(title="Second report")
    page = VisionStatementPageFactory(parent=section)
    revision_a, revision_b = revisions(
        page,
        "body",
        [with_id("n", narrative(f"<p>It {source_link(first, 'was found')}.</p>"))],
        [with_id("n", narrative(f"<p>It {source_link(second, 'was found')}.</p>"))],
    )

    content = page_compare(admin_client, page, revision_a, revision_b)

    assert "There are no differences between these two versions" not in content
    assert '<span class="deletion">Removed citation: Source “First report”</span>' in content
    assert '<span class="addition">Added citation: Source “Second report”</span>' in content


def test_section_page_rich_text_fields_compare_citations(section, admin_client):
    before, after = SourceFactory(title="Earlier data"), SourceFactory(title="Later data")
    revision_a, revision_b = revisions(
        section,
        "background",
        f"<p>See {source_link(before)}.</p>",
        f"<p>See {source_link(after)}.</p>",
    )

    content = page_compare(admin_client, section, revision_a, revision_b)

    assert "Removed citation: Source “Earlier data”" in content
    assert "Added citation: Source “Later data”" in content


def test_home_page_introduction_compares_citations(home_page, admin_client):
    partner = OrganisationFactory(name="COSLA")
    revision_a, revision_b = revisions(
        home_page, "introduction", "<p>Partners.</p>", f"<p>{organisation_link(partner)}.</p>"
    )

    content = page_compare(admin_client, home_page, revision_a, revision_b)

    assert "Added citation: Organisation “COSLA”" in content


def test_source_compare_lists_citations_in_its_rich_text(admin_client):
    maker = OrganisationFactory(name="Scottish Government")
    source = SourceFactory(title="Hearing the voices of children")
    source.purpose_and_context = "<p>Made for a review.</p>"
    revision_a = source.save_revision()
    source.purpose_and_context = f"<p>Made for {organisation_link(maker, 'a review')}.</p>"
    revision_b = source.save_revision()

    response = admin_client.get(
        reverse(
            "wagtailsnippets_evidence_source:revisions_compare",
            args=[source.pk, revision_a.pk, revision_b.pk],
        )
    )

    assert response.status_code == 200
    assert "Added citation: Organisation “Scottish Government”" in response.content.decode()


def test_compare_costs_the_same_for_few_and_many_citations(section, admin_client):
    def compare_count(number: int) -> tuple[int, str]:
        sources = [SourceFactory(title=f"Evidence {number}-{n}") for n in range(number)]
        before = [
            with_id(f"n{n}", narrative(f"<p>Text {source_link(s)}.</p>"))
            for n, s in enumerate(sources)
        ]
        after = [
            with_id(f"n{n}", narrative(f"<p>Text {source_link(sources[n - 1])}.</p>"))
            for n in range(number)
        ]
        page = VisionStatementPageFactory(parent=section)
        revision_a, revision_b = revisions(page, "body", before, after)
        page_compare(admin_client, page, revision_a, revision_b)  # warm shared caches
        with CaptureQueriesContext(connection) as queries:
            content = page_compare(admin_client, page, revision_a, revision_b)
        return len(queries), content

    few, _ = compare_count(2)
    many, content = compare_count(12)

    assert many == few
    assert "Added citation: Source “Evidence 12-11”" in content
