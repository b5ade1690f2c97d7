"""The choosers editors cite evidence with, the Source form's organisations and dates, and the
toolbar buttons (issue 12, point 6)."""

import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.rich_text import features as feature_registry

from evidence.models import Organisation, Source
from tests.factories import OrganisationFactory, SourceFactory

SOURCE_CHOOSER = Source.snippet_viewset.get_chooser_admin_url_namespace()
ORGANISATION_CHOOSER = Organisation.snippet_viewset.get_chooser_admin_url_namespace()


def modal_html(response) -> str:
    """The HTML of a chooser modal step (a JSON modal-workflow response)."""
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def results_html(client, namespace, **params) -> str:
    response = client.get(reverse(f"{namespace}:choose_results"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def sources(db):
    care = OrganisationFactory(name="Care Inspectorate", short_name="")
    cosla = OrganisationFactory(name="Convention of Scottish Local Authorities", short_name="COSLA")
    return {
        "insight": SourceFactory(
            title="Staff views: qualitative insight for the Promise Story of Progress",
            resource_type=Source.ResourceType.QUALITATIVE_INSIGHT,
            year=2023,
            organisations=[care, cosla],
        ),
        "inspection": SourceFactory(
            title="Inspection of fostering services",
            resource_type=Source.ResourceType.INSPECTION,
            year=2021,
            organisations=[care],
        ),
        "data": SourceFactory(
            title="Children looked after statistics",
            resource_type=Source.ResourceType.DATA_SET,
            year=2019,
            organisations=[cosla],
        ),
        "care": care,
        "cosla": cosla,
    }


@pytest.mark.django_db
class TestSourceChooser:
    def test_lists_organisations_type_and_year(self, admin_client, sources):
        html = modal_html(admin_client.get(reverse(f"{SOURCE_CHOOSER}:choose")))

        for heading in ("Organisation(s)", "Type", "Year"):
            assert f">{heading}" in html or heading in html
        assert "Care Inspectorate, COSLA" in html
        assert "Qualitative insight" in html
        assert "2023" in html
        assert "Data set" in html and "2019" in html

    def test_modal_offers_organisation_and_type_filters(self, admin_client, sources):
        html = modal_html(admin_client.get(reverse(f"{SOURCE_CHOOSER}:choose")))

        assert 'name="organisation"' in html
        assert "All organisations" in html
        assert 'name="resource_type"' in html
        assert "All types" in html
        assert 'name="q"' in html  # Wagtail's search stays

    def test_filter_by_organisation(self, admin_client, sources):
        html = results_html(admin_client, SOURCE_CHOOSER, organisation=sources["care"].pk)

        assert "Staff views" in html
        assert "Inspection of fostering services" in html
        assert "Children looked after statistics" not in html

    def test_filter_by_type(self, admin_client, sources):
        html = results_html(admin_client, SOURCE_CHOOSER, resource_type="inspection")

        assert "Inspection of fostering services" in html
        assert "Staff views" not in html
        assert "Children looked after statistics" not in html

    def test_no_match_says_so_rather_than_no_sources_yet(self, admin_client, sources):
        html = results_html(
            admin_client, SOURCE_CHOOSER, resource_type="guidance", organisation=sources["care"].pk
        )
        assert "No sources match" in html
        assert "You haven't created any" not in html

    def test_filters_combine_with_search(self, admin_client, sources):
        html = results_html(
            admin_client, SOURCE_CHOOSER, q="statistics", organisation=sources["cosla"].pk
        )
        assert "Children looked after statistics" in html
        assert "Staff views" not in html

        html = results_html(
            admin_client, SOURCE_CHOOSER, q="statistics", organisation=sources["care"].pk
        )
        assert "Children looked after statistics" not in html

    def test_unknown_filter_values_are_ignored(self, admin_client, sources):
        html = results_html(admin_client, SOURCE_CHOOSER, organisation="999999", resource_type="x")
        assert "Children looked after statistics" in html

    @pytest.mark.parametrize("view", ["choose", "choose_results"])
    def test_query_count_does_not_grow_with_sources(self, admin_client, view):
        organisations = OrganisationFactory.create_batch(3)
        url = reverse(f"{SOURCE_CHOOSER}:{view}")

        def count_for(total):
            while Source.objects.count() < total:
                SourceFactory(organisations=organisations)
            admin_client.get(url)  # warm per-process caches (site, permissions)
            with CaptureQueriesContext(connection) as queries:
                response = admin_client.get(url, {"per_page_check": total})
            assert response.status_code == 200
            body = response.content.decode()
            assert organisations[0].name in body
            last = Source.objects.order_by("title").first()
            assert last.title in body
            return len(queries)

        assert count_for(2) == count_for(12)


@pytest.mark.django_db
class TestOrganisationChooser:
    def test_every_organisation_on_one_page_with_kind(self, admin_client):
        OrganisationFactory.create_batch(11)
        OrganisationFactory(name="Scottish Fire and Rescue", kind=Organisation.Kind.POLICE_AND_FIRE)

        html = modal_html(admin_client.get(reverse(f"{ORGANISATION_CHOOSER}:choose")))

        for organisation in Organisation.objects.all():
            assert organisation.name in html
        assert "Kind" in html
        assert "Police and fire services" in html
        assert "National public body" in html
        assert 'name="q"' in html  # searchable
        assert "Page 1 of 1" in html  # one page, not two

    def test_search(self, admin_client):
        OrganisationFactory(name="Care Inspectorate")
        OrganisationFactory(name="Children's Hearings Scotland")

        html = results_html(admin_client, ORGANISATION_CHOOSER, q="Inspect")

        assert "Care Inspectorate" in html
        assert "Children's Hearings Scotland" not in html


@pytest.mark.django_db
class TestSourceForm:
    def test_edit_form_has_organisations_chooser_and_date_help(self, admin_client, sources):
        source = sources["insight"]
        url = reverse(Source.snippet_viewset.get_url_name("edit"), args=[source.pk])

        html = admin_client.get(url).content.decode()

        assert "data-evidence-multiple-chooser" in html
        assert reverse(f"{ORGANISATION_CHOOSER}:choose") in html
        assert "Add organisations" in html
        # the chosen organisations, as hidden inputs, not a Ctrl-click multi-select
        assert f'name="organisations" value="{sources["care"].pk}"' in html
        assert '<select name="organisations"' not in html
        assert "Year of publication, as cited." in html
        assert "Exact date, if known" in html

    def test_saving_the_form_keeps_the_chosen_organisations(self, admin_client, sources):
        source = sources["data"]
        url = reverse(Source.snippet_viewset.get_url_name("edit"), args=[source.pk])
        data = {
            "title": source.title,
            "slug": source.slug,
            "resource_type": source.resource_type,
            "organisations": [sources["care"].pk, sources["cosla"].pk],
            "year": "2019",
        }

        response = admin_client.post(url, data)

        assert response.status_code == 302, response.content.decode()[:2000]
        source.refresh_from_db()
        latest = source.latest_revision.as_object()
        assert {o.pk for o in latest.organisations.all()} == {
            sources["care"].pk,
            sources["cosla"].pk,
        }


def test_toolbar_buttons_are_told_apart():
    """Source, Organisation and Wagtail's own Document link: distinct icons and labels."""
    definitions = {
        name: feature_registry.get_editor_plugin("draftail", name).data
        for name in ("source", "organisation", "document-link")
    }
    assert all(
        isinstance(feature_registry.get_editor_plugin("draftail", name), EntityFeature)
        for name in definitions
    )

    icons = [definition["icon"] for definition in definitions.values()]
    assert len(set(icons)) == 3, icons
    assert definitions["document-link"]["icon"] == "doc-full-inverse"  # Wagtail's, untouched
    assert not definitions["source"]["icon"].startswith("doc-")
    assert definitions["source"]["description"] == "Cite a source"
    assert definitions["organisation"]["description"] == "Cite an organisation"
    assert definitions["document-link"]["description"] == "Document"
