"""Public source and organisation pages."""

import pytest

from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    narrative,
    organisation_link,
    source_link,
)


@pytest.fixture
def cited(home_page):
    organisation = OrganisationFactory(name="Care Inspectorate", is_promise_collective_member=True)
    source = SourceFactory(
        title="Inspection findings",
        authors="Sharp, C.\nLawson, K.",
        organisations=[organisation],
        year=2022,
        summary="What inspection found.",
        purpose_and_context="<p>Written for inspectors.</p>",
        doi="10.1000/xyz",
        licence="Open Government Licence v3.0",
    )
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    page = VisionStatementPageFactory(
        parent=section, title="Aftercare", body=[narrative(f"<p>{source_link(source)}</p>")]
    )
    page.save_revision().publish()
    other = VisionStatementPageFactory(
        parent=section,
        title="Justice",
        body=[narrative(f"<p>{organisation_link(organisation)}</p>")],
    )
    other.save_revision().publish()
    return source, organisation, page, other


@pytest.mark.django_db
def test_source_page_shows_full_record_and_cited_in(cited, client, django_assert_max_num_queries):
    source, organisation, page, other = cited
    with django_assert_max_num_queries(12):
        response = client.get(source.public_url)
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Inspection findings",
        "Sharp, C.; Lawson, K.",
        "What inspection found.",
        "Written for inspectors.",
        "https://doi.org/10.1000/xyz",
        "Open Government Licence v3.0",
        "Sharp, C., &amp; Lawson, K. (2022). Inspection findings. Care Inspectorate.",
        organisation.public_url,
        page.url,
    ):
        assert text in content
    assert other.url not in content


@pytest.mark.django_db
def test_organisation_page_lists_sources_and_pages_citing_either(cited, client):
    source, organisation, page, other = cited
    content = client.get(organisation.public_url).content.decode()
    assert source.public_url in content
    assert page.url in content and other.url in content
    assert "Promise Collective member" in content


@pytest.mark.django_db
def test_cited_in_ignores_unpublished_pages(cited, client):
    source, _, page, _ = cited
    page.unpublish()
    assert page.url not in client.get(source.public_url).content.decode()


@pytest.mark.django_db
def test_draft_and_unknown_evidence_give_404(home_page, client):
    draft = SourceFactory(slug="draft-source")
    draft.unpublish()
    assert client.get("/evidence/sources/draft-source/").status_code == 404
    assert client.get("/evidence/sources/no-such-source/").status_code == 404
    assert client.get("/evidence/organisations/no-such-organisation/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?page=-1", "?page=abc", "?page=99999", "?type=%00<script>"])
def test_source_index_tolerates_bad_parameters(home_page, client, query):
    SourceFactory(title="Listed")
    response = client.get("/evidence/sources/" + query)
    assert response.status_code == 200
    assert "Listed" in response.content.decode()


@pytest.mark.django_db
def test_indexes_do_not_grow_queries_with_items(home_page, client, django_assert_max_num_queries):
    made_by = [OrganisationFactory() for _ in range(3)]
    for _ in range(8):  # one query per source or per organisation would break either budget
        SourceFactory(organisations=made_by)
    # +2 for the page chrome (the site settings and the Story of Progress index), once a request
    with django_assert_max_num_queries(4 + 2):
        sources = client.get("/evidence/sources/")
    with django_assert_max_num_queries(3 + 2):
        organisations = client.get("/evidence/organisations/")
    assert sources.status_code == organisations.status_code == 200
    assert len(sources.context["page_obj"].object_list) == 8
    for organisation in made_by:
        assert organisation.name in organisations.content.decode()


@pytest.mark.django_db
def test_previews_render_the_public_page(cited, rf, admin_user):
    source, organisation, page, _ = cited
    for obj, text in ((source, "Inspection findings"), (organisation, "Care Inspectorate")):
        request = rf.get("/")
        request.user = admin_user
        response = obj.serve_preview(request, obj.default_preview_mode)
        response.render()
        assert text in response.content.decode()
        assert page.url in response.content.decode()


@pytest.mark.django_db
def test_source_page_citation_leaves_out_unpublished_organisations(home_page, client):
    published = OrganisationFactory(name="Care Inspectorate")
    withdrawn = OrganisationFactory(name="Withdrawn Trust")
    source = SourceFactory(title="Joint findings", organisations=[published, withdrawn], year=2023)
    withdrawn.unpublish()

    content = client.get(source.public_url).content.decode()

    assert "Care Inspectorate" in content
    assert "Withdrawn Trust" not in content
