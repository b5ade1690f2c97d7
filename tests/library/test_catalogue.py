"""The library page: what it lists, its filters and facet counts, sorting and pagination."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citations.models import Citation
from evidence.models import Source
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
)
from tests.site_caches import warm_site_caches

URL = reverse("library:index")


def titles(response) -> list[str]:
    return [source.title for source in response.context["entries"]]


def counts(response, facet: str) -> dict[str, int]:
    return {option.value: option.count for option in response.context["facets"][facet]}


@pytest.mark.django_db
def test_lists_live_sources_only_with_their_citations(catalogue, client):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Alpha inspection", "Beta report", "delta insight", "Gamma data"]
    content = response.content.decode()
    assert "Draft report" not in content and "Withdrawn report" not in content
    assert "Hidden Draft Body" not in content
    assert (
        '<p class="citation" id="citation-beta-report">Care Inspectorate, &amp; The Promise '
        "Scotland. (2024). Beta report.</p>" in content
    )
    button = '<button type="button" class="copy-citation" data-copy-target="citation-beta-report"'
    assert button + " hidden>" in content
    assert reverse("library:source_ris", args=["beta-report"]) in content
    assert reverse("library:source_bibtex", args=["beta-report"]) in content
    assert "js/copy-citation.js" in content
    assert content.count("<h1>") == 1


@pytest.mark.django_db
def test_facet_counts_without_filters(catalogue, client):
    response = client.get(URL)
    assert counts(response, "type") == {
        "report": 1,
        "data_set": 1,
        "inspection": 1,
        "qualitative_insight": 1,
    }
    assert counts(response, "organisation") == {
        catalogue.care.slug: 2,
        catalogue.promise.slug: 3,
    }
    assert counts(response, "year") == {"2024": 2, "2022": 1, "undated": 1}
    # Vision statement 3 is cited only in a draft, 8 only cites sources that are not live and
    # 9's page is private: none of them is offered.
    assert counts(response, "vision") == {"1": 2, "2": 1}
    content = response.content.decode()
    assert "Care Inspectorate (2)</option>" in content
    assert "1. Family (2)</option>" in content


@pytest.mark.django_db
def test_filter_by_organisation_counts_other_facets_within_it(catalogue, client):
    response = client.get(URL, {"organisation": catalogue.care.slug})
    assert titles(response) == ["Alpha inspection", "Beta report"]
    assert counts(response, "type") == {"report": 1, "inspection": 1}
    assert counts(response, "year") == {"2024": 1, "2022": 1}
    assert counts(response, "vision") == {"1": 2}
    # A facet's own counts ignore its own choice, so readers can switch organisation.
    assert counts(response, "organisation") == {catalogue.care.slug: 2, catalogue.promise.slug: 3}
    assert response.context["problems"] == []
    assert f'<option value="{catalogue.care.slug}" selected>' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "report"}, ["Beta report"]),
        ({"type": "qualitative_insight"}, ["delta insight"]),
        ({"year": "2024"}, ["Beta report", "Gamma data"]),
        ({"year": "2023"}, []),  # only a withdrawn source has 2023
        ({"vision": "1"}, ["Alpha inspection", "Beta report"]),
        ({"vision": "3"}, []),  # cited in a draft page only
        ({"vision": "8"}, []),  # cites sources that are not live
        ({"vision": "9"}, []),  # cited on a private page only
        ({"type": "report", "year": "2024", "vision": "1"}, ["Beta report"]),
        ({"year": "undated"}, ["delta insight"]),
        ({"year": "undated", "type": "report"}, []),
    ],
)
def test_filters(catalogue, client, query, expected):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["problems"] == []


@pytest.mark.django_db
def test_filters_combine_and_selected_empty_option_stays_offered(catalogue, client):
    response = client.get(URL, {"type": "data_set", "organisation": catalogue.care.slug})
    assert titles(response) == []
    assert counts(response, "type") == {"report": 1, "inspection": 1, "data_set": 0}
    assert counts(response, "organisation")[catalogue.promise.slug] == 1
    content = response.content.decode()
    assert "0 sources match your filters" in content
    assert "No sources match these filters." in content


@pytest.mark.django_db
def test_undated_sources_are_a_year_option_of_their_own(catalogue, client):
    response = client.get(URL, {"year": "undated", "sort": "year"})
    assert titles(response) == ["delta insight"]
    assert counts(response, "year") == {"2024": 2, "2022": 1, "undated": 1}
    assert [option.value for option in response.context["facets"]["year"]][-1] == "undated"
    content = response.content.decode()
    assert '<option value="undated" selected>' in content
    assert 'href="/library/library.csv?year=undated&amp;sort=year" download' in content
    within_report = client.get(URL, {"year": "undated", "type": "report"})
    assert counts(within_report, "year") == {"2024": 1, "undated": 0}  # chosen: still offered


@pytest.mark.django_db
def test_organisation_filter_uses_slug_of_a_live_organisation(catalogue, client):
    response = client.get(URL, {"organisation": catalogue.hidden.slug})
    assert titles(response) == [source.title for source in catalogue.live_sources]
    assert response.context["problems"] == [f"There is no organisation “{catalogue.hidden.slug}”."]


@pytest.mark.django_db
def test_entry_shows_vision_statements_citing_it(catalogue, client):
    content = client.get(URL, {"type": "report"}).content.decode()
    assert 'Cited under vision statement: <a href="/library/?vision=1">1. Family</a>' in content
    assert "Secret" not in content and "Justice" not in content


@pytest.mark.django_db
def test_sort_by_title_ignores_case_and_by_year_puts_undated_last(catalogue, client):
    assert titles(client.get(URL, {"sort": "title"}))[2] == "delta insight"
    response = client.get(URL, {"sort": "year"})
    assert titles(response) == ["Beta report", "Gamma data", "Alpha inspection", "delta insight"]
    assert "Sorted by year, newest first." in response.content.decode()


@pytest.mark.django_db
def test_pagination_keeps_filters_and_sort(catalogue, client, monkeypatch):
    monkeypatch.setattr("library.views.PER_PAGE", 1)
    response = client.get(URL, {"organisation": catalogue.promise.slug, "sort": "year"})
    assert titles(response) == ["Beta report"]
    content = response.content.decode()
    next_query = f"?organisation={catalogue.promise.slug}&amp;sort=year&amp;page=2"
    assert f'href="{next_query}" rel="next"' in content
    assert "Page 1 of 3" in content
    response = client.get(URL, {"organisation": catalogue.promise.slug, "sort": "year", "page": 3})
    assert titles(response) == ["delta insight"]
    assert 'rel="prev"' in response.content.decode()
    assert 'rel="next"' not in response.content.decode()


@pytest.mark.django_db
def test_download_links_carry_the_cleaned_filters(catalogue, client):
    content = client.get(URL, {"type": "report", "year": "nonsense", "page": "1"}).content.decode()
    assert 'href="/library/library.csv?type=report" download' in content
    assert 'href="/library/library.ris?type=report" download' in content
    assert 'href="/library/library.bib?type=report" download' in content


def build_catalogue(number: int, page) -> None:
    organisations = [OrganisationFactory(), OrganisationFactory()]
    statement = page.vision_statement
    for _ in range(number):
        source = SourceFactory(organisations=organisations)
        Citation.objects.create(
            page=page,
            vision_statement=statement,
            source=source,
            location="body",
            in_live_version=True,
        )


def queries_for(client, url: str) -> int:
    """Queries to serve `url`, which must count (the page) or export every live source."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    live = Source.objects.live()
    if response["Content-Type"].startswith("text/html"):
        assert f"{live.count()} sources" in content
    else:
        for source in live:
            assert source.title in content, (url, source.title)
    return len(context)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_catalogue(home_page, client):
    page = VisionStatementPageFactory(parent=home_page, vision_statement=VisionStatementFactory())
    build_catalogue(2, page)
    warm_site_caches()  # as after any first request
    urls = [URL, URL + "?sort=year", reverse("library:csv"), reverse("library:ris")]
    few = [queries_for(client, url) for url in urls]
    build_catalogue(10, page)  # ten more sources, two more organisations: one query each shows
    many = [queries_for(client, url) for url in urls]
    assert few == many
    assert max(many) <= 12 + 2  # +2: the site settings and the Story of Progress index


@pytest.mark.django_db
def test_page_query_budget_with_every_filter(catalogue, client, django_assert_max_num_queries):
    query = {"type": "report", "organisation": catalogue.care.slug, "year": "2024", "vision": "1"}
    warm_site_caches()  # as after any first request
    # +2 for the page chrome (the site settings and the Story of Progress index), once a request
    with django_assert_max_num_queries(12 + 2):
        response = client.get(URL, query)
    assert response.status_code == 200
    assert response.context["problems"] == []  # every filter was understood and applied
    assert 'id="library-results-heading"' in response.content.decode()


@pytest.mark.django_db
def test_navigation_and_evidence_index_link_to_the_library(catalogue, client):
    content = client.get(reverse("evidence:index")).content.decode()
    assert content.count(f'href="{URL}"') == 2  # main navigation and the evidence index card
