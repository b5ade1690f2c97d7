"""Relevance on the demo content: what a reader would expect to find first, and the searches
the demo suggests."""

from urllib.parse import parse_qs

import pytest

from evidence.models import Organisation
from story.models import VisionStatementPage
from tests.search.conftest import suggested


def titles(response) -> list[str]:
    return [
        str(result.title).replace("<mark>", "").replace("</mark>", "")
        for result in response.context["results"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["Police Scotland", "Care Inspectorate", "COSLA", "Collective Leadership for Scotland"]
)
def test_an_organisations_name_finds_the_organisation_first(demo_site, search, query):
    organisation = Organisation.objects.get(models_q(query))
    first = search(q=query).context["results"][0]
    assert first.kind == "organisation"
    assert first.url == organisation.public_url


def models_q(query):
    from django.db.models import Q

    return Q(name__iexact=query) | Q(short_name__iexact=query)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("phrase", "number"),
    [
        ("stable, loving relationships with carers", 2),
        ("thrive at school and beyond", 3),
        ("treated as children, with their needs and rights at the centre", 8),
    ],
)
def test_a_phrase_from_a_vision_statement_finds_its_page_in_the_top_three(
    demo_site, search, phrase, number
):
    # A statement has a page in each lens that covers it: any of them will do.
    pages = {
        page.url for page in VisionStatementPage.objects.filter(vision_statement__number=number)
    }
    top = search(q=phrase).context["results"][:3]
    assert pages & {result.url for result in top}


@pytest.mark.django_db
def test_inspection_finds_inspection_evidence_highlighted(demo_site, search):
    response = search(q="inspection")
    results = response.context["results"]
    assert results
    assert any(
        result.kind == "source" and "Care Inspectorate" in titles(response)[i]
        for i, result in enumerate(results)
    )
    for result in results:
        assert "<mark>" in result.title + result.excerpt


@pytest.mark.django_db
def test_police_scotland_finds_the_organisation_its_insight_and_the_pages_citing_it(
    demo_site, search
):
    response = search(q="Police Scotland")
    kinds = [result.kind for result in response.context["results"]]
    assert kinds[0] == "organisation"
    assert "source" in kinds and "page" in kinds
    justice = VisionStatementPage.objects.get(vision_statement__number=8)
    assert justice.url in [result.url for result in response.context["results"]]


@pytest.mark.django_db
def test_collective_leadership(demo_site, search):
    response = search(q="collective leadership")
    found = titles(response)
    assert found[0] == "Collective Leadership for Scotland"
    assert "How do we know we are doing good work?" in found


@pytest.mark.django_db
def test_cited_evidence_names_are_indexed_with_the_page(demo_site, search):
    """A page is found by the name of an organisation it cites even where its text differs."""
    from citations.models import Citation

    citing = Citation.objects.filter(in_live_version=True, source__isnull=False).first()
    page = citing.page.specific
    assert citing.source.title in page.cited_evidence_names()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Police Scotland", "care", "children families"])
def test_every_facet_count_matches_the_results_behind_its_link(demo_site, client, query):
    response = client.get("/search/", {"q": query})
    facets = response.context["facets"]
    assert facets
    for facet in facets:
        for option in facet.options:
            params = {key: values[0] for key, values in parse_qs(option.url[1:]).items()}
            filtered = client.get("/search/", params)
            assert filtered.context["result_count"] == option.count, (facet.name, option.label)


@pytest.mark.django_db
def test_kind_counts_add_up_to_the_total(demo_site, search):
    response = search(q="care")
    kind = next(f for f in response.context["facets"] if f.name == "kind")
    assert sum(option.count for option in kind.options) == response.context["result_count"]


@pytest.mark.django_db
def test_filters_combine_and_stay_in_the_url(demo_site, search):
    response = search(q="care", kind="page", foundation="care")
    assert response.context["results"]
    assert all(result.kind == "page" for result in response.context["results"])
    content = response.content.decode()
    assert "kind=page" in content and "foundation=care" in content
    labels = [label for label, _option, _url in response.context["active_filters"]]
    assert labels == ["Type of result", "Foundation"]


@pytest.mark.django_db
def test_sort_by_date_puts_dated_results_first_newest_first(demo_site, search):
    response = search(q="care", sort="date")
    hits = response.context["page_obj"].object_list
    dates = [hit.date for hit in hits if hit.date]
    assert dates == sorted(dates, reverse=True)
    assert [hit.date for hit in hits][: len(dates)] == dates


@pytest.mark.django_db
def test_the_demo_suggests_searches_that_each_find_something(demo_site, client):
    from demo.content.loader import SUGGESTED_SEARCHES

    html = client.get("/search/?q=qwertyuiop").content.decode()
    assert suggested(html) == list(SUGGESTED_SEARCHES)
    for query in SUGGESTED_SEARCHES:
        response = client.get("/search/", {"q": query})
        assert response.context["result_count"] > 0, query
