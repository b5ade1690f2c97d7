"""Every match of a search with its score, best first: the one query a computed search makes."""

import psycopg
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.matching import best_first, ranked_matches


def test_best_first_keeps_an_ordered_list_as_it_is():
    ids, scores = [4, 2, 7], [0.9, 0.5, 0.5]
    assert best_first(ids, scores) == ([4, 2, 7], [0.9, 0.5, 0.5])


def test_best_first_sorts_a_list_out_of_order_ties_by_id():
    assert best_first([7, 4, 2, 9], [0.5, 0.9, 0.5, 0.1]) == ([4, 2, 7, 9], [0.9, 0.5, 0.5, 0.1])


@pytest.mark.django_db
@pytest.mark.parametrize("terms", [["care"], ["police", "scotland"], ["children"]])
def test_each_kind_best_first_ties_by_id(demo_site, terms):
    found = ranked_matches(terms, ["page", "source", "organisation"])
    assert set(found) == {"page", "source", "organisation"}
    assert sum(len(ids) for ids, _ in found.values()) > 3
    for ids, scores in found.values():
        assert len(ids) == len(scores) == len(set(ids))
        assert list(zip((-score for score in scores), ids, strict=True)) == sorted(
            zip((-score for score in scores), ids, strict=True)
        )


@pytest.mark.django_db
def test_only_the_kinds_asked_for(demo_site):
    found = ranked_matches(["care"], ["source"])
    assert list(found) == ["source"]
    assert found["source"][0]


def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the binary results cursor is PostgreSQL's (DATABASE_URL=postgres://...)")


@pytest.mark.django_db
def test_on_postgresql_the_matches_are_read_in_binary_never_prepared_and_counted(demo_site):
    postgresql_only()
    result_formats = []

    def record_format(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        result_formats.append(context["cursor"].pgresult.fformat(0))
        return result

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(record_format):
        for _ in range(7):  # psycopg would prepare a statement run five times
            found = ranked_matches(["care"], ["page", "source", "organisation"])

    assert found["page"][0] and all(isinstance(pk, int) for pk in found["page"][0])
    assert result_formats == [psycopg.pq.Format.BINARY] * 7
    assert len(queries) == 7  # Django counts and logs them as its own
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone() == (0,)
