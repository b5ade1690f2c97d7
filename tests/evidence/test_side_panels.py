"""The evidence panel beside a page in the editor (`evidence.side_panels`)."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementPageFactory,
    narrative,
    organisation_link,
    source_link,
)

pytestmark = pytest.mark.django_db


def edit(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def panel(content: str) -> str:
    match = re.search(r'data-side-panel="evidence".*?</ol>', content, re.DOTALL)
    assert match, "no evidence panel"
    return match.group(0)


def test_panel_lists_citations_in_reading_order_with_status(section, admin_client):
    maker = OrganisationFactory(name="Care Inspectorate")
    hidden_maker = OrganisationFactory(name="Quiet Trust", publish=False, live=False)
    first = SourceFactory(
        title="Inspection of services", year=2023, organisations=[maker, hidden_maker]
    )
    draft = SourceFactory(title="Survey in draft", publish=False, live=False)
    draft.save_revision()
    in_review = SourceFactory(title="Evaluation in review", publish=False, live=False)
    in_review.save_revision()
    in_review.get_workflow().start(in_review, user=None)
    second = SourceFactory(title="National data", year=None)
    missing = SourceFactory(title="Soon deleted")
    missing_id = missing.pk
    page = VisionStatementPageFactory(
        parent=section,
        body=[
            narrative(
                f"<p>{source_link(first)} {source_link(draft)} {source_link(in_review)} "
                f"{organisation_link(maker)} {source_link(second)} {source_link(missing)} "
                f"{source_link(first)}</p>"
            )
        ],
    )
    page.save_revision()
    missing.delete()

    html = panel(edit(admin_client, page))

    rows = re.findall(r'data-evidence-status="(\w+)"', html)
    assert rows == ["live", "unpublished", "in_review", "live", "live", "missing"]
    titles = re.findall(r'class="w-font-semibold">\s*(?:<a [^>]*>)?([^<]+?)\s*<', html)
    assert titles == [
        "Inspection of services",
        "Survey in draft",
        "Evaluation in review",
        "Care Inspectorate",
        "National data",
        f"Source {missing_id}",
    ]
    assert "[1]" in html and "[2]" in html and "[3]" not in html  # live sources only
    assert "Report, 2023" in html and "Report, no year" in html
    assert "By Care Inspectorate; Quiet Trust (unpublished)" in html
    assert "cited 2 times" in html
    for label in ("Live", "Draft awaiting review", "Unpublished", "Missing"):
        assert label in html
    assert reverse("wagtailsnippets_evidence_source:edit", args=[draft.pk]) in html
    assert reverse("wagtailsnippets_evidence_organisation:edit", args=[maker.pk]) in html


def test_panel_costs_the_same_for_few_and_many_citations(section, admin_client):
    def edit_count(number: int) -> tuple[int, str]:
        maker = OrganisationFactory()
        sources = [
            SourceFactory(title=f"Cited {number}-{n}", organisations=[maker]) for n in range(number)
        ]
        drafts = [SourceFactory(publish=False, live=False) for _ in range(number)]
        links = " ".join(source_link(s) for s in [*sources, *drafts])
        page = VisionStatementPageFactory(
            parent=section, body=[narrative(f"<p>{links} {organisation_link(maker)}</p>")]
        )
        page.save_revision()
        edit(admin_client, page)  # warm caches shared by every request
        with CaptureQueriesContext(connection) as queries:
            content = edit(admin_client, page)
        return len(queries), content

    few, _ = edit_count(2)
    many, content = edit_count(12)

    assert many == few
    assert "Cited 12-11" in panel(content)
    assert panel(content).count('data-evidence-status="unpublished"') == 12


def test_panel_says_when_nothing_is_cited(section, admin_client):
    page = VisionStatementPageFactory(parent=section, body=[narrative("<p>No citations.</p>")])

    content = edit(admin_client, page)

    assert 'data-side-panel="evidence"' in content
    assert "This draft cites no sources or organisations yet." in content
