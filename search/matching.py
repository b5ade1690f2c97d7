"""Every match of a search, with the backend's score, best first: one query on PostgreSQL.

On SQLite this is Wagtail's database backend (FTS5), asked once per kind. On PostgreSQL we write
the backend's condition and score ourselves, over the index entries alone, because its own form
is slow for broad searches: it matches `title || body`, which concatenates two tsvectors for
every candidate row and which no index covers, and it joins each model on `id::varchar`. A query
of plain words matches `title || body` exactly when each word is in the title or in the body, so
we test that instead, per field: the GIN indexes answer it and nothing is concatenated. The score
is the backend's own expression (`ts_rank` of the title, weighted by its norm, plus that of the
body), so the order of results is the backend's.

Matches are not filtered here: drafts, private pages and unpublished snippets are among them, and
`search.findable` keeps only what a reader may find.
"""

import operator
from functools import cache
from itertools import islice

import psycopg

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.db.models.lookups import Exact, GreaterThan, LessThanOrEqual

from wagtail.search.backends import get_search_backend

#: Each kind's matching ids and their relevance (higher is better), best first.
Ranked = dict[str, tuple[list[int], list[float]]]


def ranked_matches(terms: list[str], kinds: list[str]) -> Ranked:
    """Every match of `terms` among `kinds`, as ids and relevance, best first (ties by id)."""
    if connection.vendor == "postgresql":
        return postgres_ranked_matches(terms, kinds)
    return backend_ranked_matches(terms, kinds)


def models() -> dict[str, type]:
    from wagtail.models import Page

    from evidence.models import Organisation, Source
    from indicators.models import Indicator

    return {"page": Page, "source": Source, "organisation": Organisation, "indicator": Indicator}


def backend_ranked_matches(terms: list[str], kinds: list[str]) -> Ranked:
    """Wagtail's search backend, once per kind (SQLite's bm25: lower is better, so negated)."""
    backend, found = get_search_backend(), {}
    for kind in kinds:
        queryset = models()[kind]._default_manager.all()
        results = backend.search(" ".join(terms), queryset, operator="and")
        rows = results.annotate_score("_score").get_queryset().values_list("pk", "_score")
        ranked = sorted((float(score or 0), pk) for pk, score in rows)
        found[kind] = ([pk for _, pk in ranked], [-score for score, _ in ranked])
    return found


def postgres_ranked_matches(terms: list[str], kinds: list[str]) -> Ranked:
    """One query over the index entries: per kind, two arrays (ids and scores), best first."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from modelsearch.utils import get_descendants_content_types_pks

    from wagtail.search.models import IndexEntry

    content_types = {kind: get_descendants_content_types_pks(models()[kind]) for kind in kinds}
    query, weights = tsquery(terms), get_sql_weights()
    score = SearchRank(F("title"), query, weights=weights) * F("title_norm") + SearchRank(
        F("body"), query, weights=weights
    ) * Value(1.0)
    matched = (
        IndexEntry.objects.filter(
            content_type_id__in=[pk for kind in kinds for pk in content_types[kind]]
        )
        .alias(_title=F("title"), _body=F("body"), _vector=concatenated("title", "body"))
        .filter(match_condition(terms))
        .annotate(
            # The kind's position in `kinds`: sorting by a number, not by text in a collation.
            _kind=Case(
                *(
                    When(content_type_id__in=content_types[kind], then=Value(position))
                    for position, kind in enumerate(kinds)
                ),
                output_field=IntegerField(),
            ),
            _pk=Cast("object_id", BigIntegerField()),
            _score=Cast(score, FloatField()),
        )
        .values_list("_kind", "_pk", "_score")
        .order_by()
    )
    # Scored first (a materialised subquery), so only (kind, id, score) are sorted, not the
    # vectors; sorted once, by kind then score, and aggregated in that order (two `array_agg(...
    # ORDER BY ...)` would sort each kind twice: a third of the time of a broad search).
    sql, params = matched.query.sql_with_params()
    with binary_results_cursor() as cursor:
        cursor.execute(
            "SELECT kind, array_agg(pk), array_agg(score) FROM ("  # noqa: S608 (ORM's SQL)
            f"SELECT kind, pk, score FROM ({sql}) AS matched (kind, pk, score) "
            "ORDER BY kind, score DESC, pk) AS ordered GROUP BY kind",
            params,
        )
        rows = cursor.fetchall()
    found = {kind: ([], []) for kind in kinds}
    for position, ids, scores in rows:
        found[kinds[position]] = best_first(ids, scores)
    return found


class BinaryResultsCursor(psycopg.Cursor):
    """A psycopg cursor whose results come in PostgreSQL's binary format, never prepared.

    Django's psycopg cursors bind parameters on the client, and such cursors read results as
    text only: parsing a broad search's 11,500 ids and scores from text cost about 6 ms more
    than from binary (its matches 41.6 -> 35.6 ms, measured side by side; README "Search").
    This cursor binds them on the server, as Django's `server_side_binding`
    option would, but unlike psycopg's default it never turns a query into a prepared statement
    after five runs: a prepared statement's generic plan would be one plan for a rare word and a
    word most entries contain, and a connection pooler in transaction mode cannot keep it.
    """

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=False, binary=True)


def binary_results_cursor():
    """A `BinaryResultsCursor` on Django's connection, wrapped as Django wraps its own cursors:
    its queries are counted, logged and pass through `connection.execute_wrapper`s, and its
    errors are Django's."""
    connection.ensure_connection()
    cursor = BinaryResultsCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def best_first(ids: list[int], scores: list[float]) -> tuple[list[int], list[float]]:
    """`ids` and their `scores`, best first, ties by id.

    Aggregates take rows in the order the subquery gives them in practice, though SQL does not
    promise it; checking costs a C loop over the scores, and should a plan ever lose the order
    the ids are sorted here.
    """
    if all(map(operator.ge, scores, islice(scores, 1, None))):
        return ids, scores
    ranked = sorted(zip(scores, ids, strict=True), key=lambda row: (-row[0], row[1]))
    return [pk for _, pk in ranked], [score for score, _ in ranked]


def match_condition(terms: list[str]) -> Q:
    """Every word in `_title` or `_body` (or dropped), else the backend's test on `_vector`."""
    config, query = default_search_config(), tsquery(terms)
    matched = Q(GreaterThan(numnode(query), 0))
    single_lexemes = Q()
    for term in terms:
        word = SearchQuery(term, config=config)
        matched &= Q(_title=word) | Q(_body=word) | Q(Exact(numnode(word), 0))
        single_lexemes &= Q(LessThanOrEqual(numnode(word), 1))
    return matched & (single_lexemes | Q(_vector=query))


def concatenated(title: str, body: str) -> Func:
    """`title || body`, the vector the backend matches."""
    return Func(
        F(title),
        F(body),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )


def tsquery(terms: list[str]) -> SearchQuery:
    """All of `terms`, as the backend writes them (quoted lexemes joined by `&`)."""
    return SearchQuery(
        " & ".join("'{}'".format(term.replace("'", "''")) for term in terms),
        search_type="raw",
        config=default_search_config(),
    )


def numnode(query: SearchQuery) -> Func:
    return Func(query, function="numnode", output_field=IntegerField())


@cache
def default_search_config() -> str:
    """The configuration the index was built with (the backend names none).

    Naming it makes each `to_tsquery` immutable, so PostgreSQL evaluates it once when planning
    rather than once per row.
    """
    with connection.cursor() as cursor:
        cursor.execute("SHOW default_text_search_config")
        return cursor.fetchone()[0]
