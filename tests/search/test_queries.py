"""A results page costs a bounded number of SQL queries however many results match."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import generation
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
)
from tests.search.conftest import publish


def build(story_tree, count: int) -> None:
    organisation = OrganisationFactory(name="Otter Trust")
    for n in range(count):
        source = SourceFactory(
            title=f"Otter survey {n}", organisations=[organisation], year=2000 + n % 20
        )
        statement = VisionStatementFactory(number=100 + n, foundation="care")
        publish(
            VisionStatementPageFactory(
                parent=story_tree["section"],
                title=f"Otters {n}",
                vision_statement=statement,
                body=[
                    narrative(
                        f'<p>Otters <a linktype="source" id="{source.pk}">seen</a> '
                        f'by <a linktype="organisation" id="{organisation.pk}">the trust</a>.</p>'
                    )
                ],
            )
        )


def count_queries(client, url, params) -> tuple[int, int]:
    """Queries for a search computed afresh (not answered from the search cache), and the
    number of results shown."""
    client.get(url, params)  # warm caches (site root paths, content types)
    generation.forget_searches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    assert response.context["result_count"] > 0
    return len(queries), len(response.context["results"])


#: Searches whose results fit on one page when few match: their counts are taken together.
FIRST_PAGES = {
    "every kind": {"q": "otter"},
    "filtered, by date": {
        "q": "otter",
        "organisation": "otter-trust",
        "foundation": "care",
        "sort": "date",
    },
    "sources of a type and year": {
        "q": "otter",
        "kind": "source",
        "type": "report",
        "year": "2003",
    },
}


def assert_same_cost(few: tuple[int, int], many: tuple[int, int], case: str) -> None:
    (queries_for_few, shown_for_few), (queries_for_many, shown_for_many) = few, many
    # More hits matched and shown (five or more): one query per hit would be caught.
    assert shown_for_many >= shown_for_few + 5, (case, shown_for_many, shown_for_few)
    # One query finds and ranks the matches; the rest load the rows shown (one query per kind
    # of result shown: a page showing fewer kinds may need fewer) and log the search.
    # +2: the page chrome (the site settings and the Story of Progress index), once a request
    assert queries_for_many <= queries_for_few <= 12 + 2, (case, queries_for_many, queries_for_few)


@pytest.mark.django_db
def test_query_count_is_the_same_for_few_and_many_hits(story_tree, client):
    build(story_tree, 4)  # 9 hits, of every kind; 1 source of 2003
    few = {case: count_queries(client, "/search/", params) for case, params in FIRST_PAGES.items()}
    build_extra(story_tree, 7)  # 23 hits: a full first page and a second; 8 sources of 2003
    for case, params in FIRST_PAGES.items():
        assert_same_cost(few[case], count_queries(client, "/search/", params), case)


@pytest.mark.django_db
def test_query_count_of_a_second_page_is_the_same_for_few_and_many_hits(story_tree, client):
    params = {"q": "otter", "page": "2"}
    build(story_tree, 13)  # 27 hits: pages and sources, 7 of them on page 2
    few = count_queries(client, "/search/", params)
    build_extra(story_tree, 5)  # 37 hits: 17 on page 2
    assert_same_cost(few, count_queries(client, "/search/", params), "page 2")


def build_extra(story_tree, count):
    from evidence.models import Organisation

    organisation = Organisation.objects.get(name="Otter Trust")
    for n in range(count):
        source = SourceFactory(title=f"Otter extra {n}", organisations=[organisation], year=2003)
        statement = VisionStatementFactory(number=500 + n, foundation="care")
        publish(
            VisionStatementPageFactory(
                parent=story_tree["section"],
                title=f"More otters {n}",
                vision_statement=statement,
                body=[narrative(f'<p>Otters <a linktype="source" id="{source.pk}">seen</a>.</p>')],
            )
        )


@pytest.mark.django_db
def test_autocomplete_query_count_is_bounded(story_tree, client, django_assert_max_num_queries):
    build(story_tree, 9)  # more pages and more sources than the eight shown
    client.get("/search/autocomplete/", {"q": "ott"})
    with django_assert_max_num_queries(6):
        response = client.get("/search/autocomplete/", {"q": "ott"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 8
