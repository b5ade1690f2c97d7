"""Opening a page in the editor costs the same number of queries whatever it cites: the
editor's contentstate conversion loads the cited evidence in bulk (`evidence.contentstate`)."""

import json

import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from evidence.contentstate import evidence_loaded_for_editor
from evidence.references import references_in_rich_text
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    VisionStatementPageFactory,
    narrative,
    organisation_link,
    part,
    source_link,
)

pytestmark = pytest.mark.django_db


def edit_count(client, page) -> tuple[int, str]:
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.get(url)  # warm caches shared by every request (site, content types, permissions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def page_citing(section, sources, organisation, per_block=3):
    body = []
    for start in range(0, len(sources), per_block):
        body.append(part(heading=f"Part {start}"))
        chunk = sources[start : start + per_block]
        links = " ".join(source_link(s, f"words {s.pk}") for s in chunk)
        body.append(narrative(f"<p>{links} {organisation_link(organisation)}</p>"))
    page = VisionStatementPageFactory(parent=section, body=body)
    page.save_revision()
    return page


def test_edit_view_costs_the_same_for_few_and_many_citations(section, admin_client):
    organisation = OrganisationFactory(name="Care Inspectorate")
    few = page_citing(section, [SourceFactory() for _ in range(2)], organisation)
    many_sources = [SourceFactory(title=f"Inspection {n}") for n in range(12)]  # in 4 blocks
    many = page_citing(section, many_sources, organisation)

    few_count, _ = edit_count(admin_client, few)
    many_count, content = edit_count(admin_client, many)

    assert many_count == few_count
    assert "Inspection 11" in content  # the entity's label reached the editor
    assert "Care Inspectorate" in content


def test_section_page_rich_text_fields_cost_the_same_for_few_and_many_citations(
    section, admin_client
):
    def section_citing(sources, slug):
        links = " ".join(source_link(s) for s in sources)
        page = SectionPageFactory(
            parent=section.get_parent(),
            slug=slug,
            what_is_this=f"<p>{links}</p>",
            background=f"<p>{links}</p>",
        )
        page.save_revision()
        return page

    few = section_citing([SourceFactory() for _ in range(2)], "few")
    many = section_citing([SourceFactory(title=f"Report {n}") for n in range(12)], "many")

    few_count, _ = edit_count(admin_client, few)
    many_count, content = edit_count(admin_client, many)

    assert many_count == few_count
    assert "Report 11" in content


def test_conversion_reads_the_bulk_load_and_falls_back_to_a_query(django_assert_num_queries):
    converter = ContentstateConverter(features=settings.RICH_TEXT_NARRATIVE_FEATURES)
    sources = [SourceFactory() for _ in range(3)]
    html = "<p>" + " ".join(source_link(s) for s in sources) + "</p>"

    with django_assert_num_queries(3):  # no lookup: one query per link, as before
        converter.from_database_format(html)
    with (
        evidence_loaded_for_editor(references_in_rich_text(html)),
        django_assert_num_queries(0),
    ):
        contentstate = json.loads(converter.from_database_format(html))
    labels = [entity["data"]["string"] for entity in contentstate["entityMap"].values()]
    assert labels == [s.title for s in sources]
