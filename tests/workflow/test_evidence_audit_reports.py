"""The readable evidence audit (issue 12, point 5): places and cited words in the page's own
terms, status in words, empty states that say what they mean, and a fixed number of queries
per list. The reports' filters and downloads are read on one evidence world in
`test_evidence_audit_report_lists.py`."""

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from citations.index import places_in
from citations.models import Citation
from evidence.models import Source
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    learning,
    make_home_page,
    narrative,
    organisation_link,
    part,
    source_link,
)
from tests.module_data import built_once
from tests.site_caches import warm_site_caches
from tests.workflow.audit import URLS, csv_rows, publish, url
from tests.workflow.tree import make_member, make_section

pytestmark = pytest.mark.django_db


def highlight(source, quote: str) -> dict:
    return {"type": "evidence_highlight", "value": {"source": source.pk, "quote": quote}}


# Places and cited words -------------------------------------------------------------------


def test_places_name_the_part_the_block_and_the_linked_words(section, statement, live_source):
    organisation = OrganisationFactory(name="Care Inspectorate")
    page = publish(
        VisionStatementPageFactory(
            parent=section,
            vision_statement=statement,
            body=[
                narrative(
                    f"<p>Before any part, {source_link(live_source, 'an early report')}.</p>"
                ),
                part("What is being tried"),
                narrative(
                    f"<p>As {organisation_link(organisation, '<b>the inspectors</b>')} saw.</p>"
                ),
                learning(f"<p>Staff {source_link(live_source, 'told us &amp; others')}.</p>"),
                highlight(live_source, "Children felt   heard."),
            ],
        )
    )
    places = {(c.place, c.cited_words) for c in Citation.objects.filter(page=page)}
    assert places == {
        ("Narrative", "an early report"),
        ("Part \u201cWhat is being tried\u201d \u203a Narrative", "the inspectors"),
        (
            "Part \u201cWhat is being tried\u201d \u203a Learning (What has been learned)",
            "told us & others",
        ),
        ("Part \u201cWhat is being tried\u201d \u203a Evidence highlight", "Children felt heard."),
    }


def test_rich_text_fields_are_named_by_their_label(section, live_source):
    section.background = f"<p>{source_link(live_source, 'a background study')}</p>"
    section.what_is_this = f"<p>{source_link(live_source, 'what it is')}</p>"
    publish(section)
    places = {(c.place, c.cited_words) for c in Citation.objects.filter(page=section)}
    assert places == {("Background", "a background study"), ("What is this?", "what it is")}


def test_the_walk_finds_every_citation_references_in_finds(demo_site):
    """`places_in` only annotates: for every demo page it places each citation
    `evidence.references.references_in` reports, and no other."""
    from wagtail.models import Page

    from evidence.references import references_in

    for page in Page.objects.filter(depth__gt=1).specific():
        places = places_in(page)
        found = sorted((key[0], key[1], key[2]) for key, queue in places.items() for _ in queue)
        expected = sorted((r.linktype, r.object_id, r.field_name) for r in references_in(page))
        assert found == expected, page.title
    assert not Citation.objects.filter(place="").exists()


# All citations: status in words, empty states -----------------------------------------------


def test_versions_in_words_and_no_icons(reviewer_client, live_page, live_source, editor):
    draft_source = SourceFactory(title="Cited in the draft only")
    live_page.body = [narrative(f"<p>{source_link(draft_source)}</p>")]
    live_page.save_revision(user=editor)
    response = reviewer_client.get(url("citations"))
    text = response.content.decode()
    assert "Live version only" in text and "Latest draft only" in text
    assert "icon-yes" not in text and "icon-no" not in text and "<img" not in text
    assert "see the evidence" in text  # the cited words


def test_empty_lists_say_what_empty_means(reviewer_client, live_page):
    assert (
        "No citations match these filters."
        in reviewer_client.get(url("citations"), {"resource_type": "data_set"}).content.decode()
    )
    empty = reviewer_client.get(url("learning")).content.decode()
    assert "Every page with a learning block cites a source." in empty
    assert "have been created yet" not in empty
    assert "Every citation is of a live source or organisation." in (
        reviewer_client.get(url("not_live")).content.decode()
    )


# Queries ----------------------------------------------------------------------------------


def add_world(section, n: int) -> None:
    for i in range(n):
        organisation = OrganisationFactory()
        source = SourceFactory(resource_type=Source.ResourceType.DATA_SET)
        source.organisations.set([organisation])
        draft = SourceFactory(live=False, publish=False)
        publish(
            VisionStatementPageFactory(
                parent=section,
                vision_statement=VisionStatementFactory(),
                body=[
                    part(f"Part {i}"),
                    learning("<p>No source.</p>"),
                    narrative(f"<p>{organisation_link(OrganisationFactory())}</p>"),
                    narrative(f"<p>{source_link(draft)} {source_link(source)}</p>"),
                ],
            )
        )


def count_queries(client, name: str, export: bool) -> int:
    warm_site_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(name), {"export": "csv"} if export else {})
        if export:
            csv_rows(response)
        else:
            assert response.status_code == 200
    return len(queries)


LISTS = [(name, export) for name in URLS for export in (False, True)]


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker) -> dict:
    """The queries of every list, shown and downloaded, with 2 pages of every kind of row and
    then with 8: one world for all the lists, built once and rolled back at once."""
    with built_once(django_db_blocker):
        section = make_section(make_home_page())
        client = Client()
        client.force_login(make_member("reviewer", "Reviewers"))
        add_world(section, 2)
        few = {case: count_queries(client, *case) for case in LISTS}
        add_world(section, 6)
        return {case: (few[case], count_queries(client, *case)) for case in LISTS}


@pytest.mark.parametrize("name", list(URLS))
@pytest.mark.parametrize("export", [False, True])
def test_each_list_costs_a_fixed_number_of_queries(query_counts, name, export):
    with_2_pages, with_8_pages = query_counts[name, export]
    assert with_8_pages == with_2_pages
