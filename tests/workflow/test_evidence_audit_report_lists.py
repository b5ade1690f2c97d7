"""The evidence audit's lists read on one evidence world (issue 12, point 5): the five reports
with their filters, spreadsheet-safe CSV downloads, a 200 under manifest static storage
(production's), and nothing changed by reading them. Every test only reads, so the world is
built once for the module, on the module's tree (`tests/workflow/conftest.py`)."""

import pytest

from django.core.management import call_command
from django.test import override_settings

from citations.models import Citation
from evidence.models import Organisation, Source
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    learning,
    narrative,
    organisation_link,
    source_link,
)
from tests.workflow.audit import URLS, csv_rows, publish, rows, url

pytestmark = pytest.mark.usefixtures("shared_tree")


@pytest.fixture(scope="module")
def world_in_module(shared_tree, django_db_blocker):
    """Two sections, draft and unpublished evidence, a bare source, a lonely organisation."""
    with django_db_blocker.unblock():
        section, editor = shared_tree.section, shared_tree.editor
        maker = OrganisationFactory(name="Who Cares? Scotland")
        live_source = Source.objects.get(pk=shared_tree.live_source.pk)
        live_source.organisations.set([maker])
        live_source.url = "https://example.org/voices"
        live_source.save()
        draft = SourceFactory(title='=HYPERLINK("http://evil")', live=False, publish=False)
        bare = SourceFactory(
            title="A source nobody can find", resource_type=Source.ResourceType.DATA_SET
        )
        lonely = OrganisationFactory(name="+Lonely Trust")
        other_section = SectionPageFactory(
            parent=section.get_parent(), title="Experience", slug="experience"
        )
        publish(other_section)
        other_statement = VisionStatementFactory(short_name="Voice")
        other = VisionStatementPageFactory(
            parent=other_section,
            title="Voice page",
            vision_statement=other_statement,
            body=[
                learning("<p>Staff said it helped.</p>"),
                narrative(
                    f"<p>{organisation_link(lonely, 'the trust')} and {source_link(bare)}</p>"
                ),
            ],
        )
        publish(other)
        other.body = [
            *other.body.raw_data,
            narrative(f"<p>{source_link(draft, '@draft words')}</p>"),
        ]
        other.save_revision(user=editor)
        organisation_only = publish(
            VisionStatementPageFactory(
                parent=section,
                title="Learning, an organisation cited",
                vision_statement=VisionStatementFactory(short_name="Care"),
                body=[learning(f"<p>{organisation_link(lonely)}</p>")],
            )
        )
        return {
            "organisation_only": organisation_only,
            "maker": maker, "draft": draft, "bare": bare, "lonely": lonely,
            "other_section": other_section, "other_statement": other_statement, "other": other,
        }  # fmt: skip


@pytest.fixture
def evidence_world(world_in_module):
    return world_in_module


# The reports ------------------------------------------------------------------------------


def test_citations_of_evidence_not_live(reviewer_client, evidence_world, section):
    draft = evidence_world["draft"]
    listed = rows(reviewer_client.get(url("not_live")))
    assert [(c.source, c.in_latest_version, c.in_live_version) for c in listed] == [
        (draft, True, False)
    ]
    text = reviewer_client.get(url("not_live")).content.decode()
    assert "Draft, never published" in text and "Latest draft only" in text
    assert rows(reviewer_client.get(url("not_live"), {"section": section.pk})) == []
    section_pk = evidence_world["other_section"].pk
    assert len(rows(reviewer_client.get(url("not_live"), {"section": section_pk}))) == 1


def test_learning_without_sources_filters(reviewer_client, evidence_world, section):
    """The voice page's latest draft cites a (draft) source, so it is not listed; a page whose
    learning cites only an organisation is."""
    page = evidence_world["organisation_only"]
    assert [s.page_id for s in rows(reviewer_client.get(url("learning")))] == [page.pk]
    lonely = evidence_world["lonely"].pk
    assert len(rows(reviewer_client.get(url("learning"), {"organisation": lonely}))) == 1
    other_section = evidence_world["other_section"].pk
    assert rows(reviewer_client.get(url("learning"), {"section": other_section})) == []


def test_sources_no_live_page_cites(reviewer_client, evidence_world, live_source, section):
    listed = {s.pk for s in rows(reviewer_client.get(url("uncited")))}
    assert evidence_world["draft"].pk in listed  # cited only by a draft
    assert evidence_world["bare"].pk not in listed and live_source.pk not in listed
    # In the first section no live page cites the bare source (a page elsewhere does).
    in_section = {s.pk for s in rows(reviewer_client.get(url("uncited"), {"section": section.pk}))}
    assert evidence_world["bare"].pk in in_section and live_source.pk not in in_section
    by_type = rows(reviewer_client.get(url("uncited"), {"resource_type": "data_set"}))
    assert by_type == []


def test_sources_with_no_url_doi_or_document(reviewer_client, evidence_world, live_source):
    listed = {s.pk for s in rows(reviewer_client.get(url("no_link")))}
    assert evidence_world["bare"].pk in listed and live_source.pk not in listed
    statement = evidence_world["other_statement"].pk
    in_statement = rows(reviewer_client.get(url("no_link"), {"vision_statement": statement}))
    assert {s.pk for s in in_statement} == {evidence_world["bare"].pk, evidence_world["draft"].pk}
    maker = evidence_world["maker"].pk
    assert rows(reviewer_client.get(url("no_link"), {"organisation": maker})) == []


def test_organisations_with_no_sources(reviewer_client, evidence_world, section):
    listed = {o.pk for o in rows(reviewer_client.get(url("no_sources")))}
    assert evidence_world["lonely"].pk in listed and evidence_world["maker"].pk not in listed
    in_section = rows(reviewer_client.get(url("no_sources"), {"section": section.pk}))
    assert [o.pk for o in in_section] == [evidence_world["lonely"].pk]
    other_statement = evidence_world["other_statement"].pk
    by_statement = rows(
        reviewer_client.get(url("no_sources"), {"vision_statement": other_statement})
    )
    assert [o.pk for o in by_statement] == [evidence_world["lonely"].pk]
    assert rows(reviewer_client.get(url("no_sources"), {"kind": "local_government"})) == []


# Downloads --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(URLS))
def test_every_list_downloads_a_csv_with_formulas_defused(reviewer_client, evidence_world, name):
    table = csv_rows(reviewer_client.get(url(name), {"export": "csv"}))
    assert table[0] and all(table[0])  # headings
    for row in table[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), (name, cell)


def test_csv_keeps_the_filters_and_defuses_titles(reviewer_client, evidence_world):
    table = csv_rows(
        reviewer_client.get(
            url("citations"), {"export": "csv", "section": evidence_world["other_section"].pk}
        )
    )
    assert table[0] == [
        "Page", "Cites", "Resource type", "Vision statement", "Where on the page",
        "Cited words", "In which version",
    ]  # fmt: skip
    assert {row[0] for row in table[1:]} == {"Voice page"}
    assert ["Voice page", "'=HYPERLINK(\"http://evil\")", "Report", "Voice", "Narrative",
            "'@draft words", "Latest draft only"] in table  # fmt: skip
    no_sources = csv_rows(reviewer_client.get(url("no_sources"), {"export": "csv"}))
    assert [row[0] for row in no_sources[1:] if "Lonely" in row[0]] == ["'+Lonely Trust"]


# Production static files, and reading changes nothing ------------------------------------


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory, django_db_blocker):
    """Production's manifest storage (without compression), collected once for the module."""
    root = tmp_path_factory.mktemp("static")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root, storages


@pytest.mark.parametrize("name", list(URLS))
def test_lists_with_rows_answer_200_under_manifest_static_storage(
    reviewer_client, evidence_world, collected_static, name
):
    root, storages = collected_static
    with override_settings(STATIC_ROOT=root, STORAGES=storages, DEBUG=False):
        from django.contrib.staticfiles.storage import staticfiles_storage

        assert staticfiles_storage.manifest_strict  # a missing file raises, as in production
        response = reviewer_client.get(url(name))
        assert response.status_code == 200
        assert response.context["result_count"] > 0
        text = response.content.decode()
        assert "citations/audit." in text  # the audit's own stylesheet, hashed
        assert "citations/audit.css" not in text


def test_no_organisation_or_source_is_changed(reviewer_client, evidence_world):
    before = (Organisation.objects.count(), Source.objects.count(), Citation.objects.count())
    for name in URLS:
        reviewer_client.get(url(name), {"export": "csv"})
    assert (
        Organisation.objects.count(),
        Source.objects.count(),
        Citation.objects.count(),
    ) == before
