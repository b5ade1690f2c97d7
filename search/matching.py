"""The matches of one search in one model, as a lazy queryset that can be filtered and counted.

On SQLite this is Wagtail's database backend (FTS5). On PostgreSQL we write the same condition and
score as the backend ourselves, because its own form of the condition is slow for broad searches:
it matches `title || body`, which concatenates two tsvectors for every candidate row (most of
the time of a search that matches most of the corpus) and which no index covers. A query of
plain words matches `title || body` exactly when each word is in the title or in the body, so we
test that instead, per field: the GIN indexes answer it and nothing is concatenated. The score is
the backend's own expression (`ts_rank` of the title, weighted by its norm, plus that of the body),
so the order of results does not change.
"""

from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import BigIntegerField, F, Func, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.db.models.lookups import Exact, GreaterThan, LessThanOrEqual

from wagtail.search.backends import get_search_backend

SCORE = "_score"


def matches(queryset: QuerySet, terms: list[str], scored: bool = False) -> QuerySet:
    """Objects of `queryset` matching all of `terms`, annotated with `_score` if `scored`.

    Unscored matches are for counting: no score is computed, and on PostgreSQL the index entries
    are not even joined.
    """
    if connection.vendor == "postgresql":
        return postgres_matches(queryset, terms, scored)
    backend = get_search_backend()
    results = backend.search(" ".join(terms), queryset, operator="and", order_by_relevance=scored)
    if scored:
        results = results.annotate_score(SCORE)
    return results.get_queryset().order_by()


def postgres_matches(queryset: QuerySet, terms: list[str], scored: bool) -> QuerySet:
    """The backend's match and score for `terms`, in a form the GIN indexes can answer.

    The match is a semi-join on the index entries' object ids (cast to the model's key, so the
    primary key index finds the objects), not the backend's join on `id::varchar`, which makes
    PostgreSQL read every object of the model. Only a scored search joins the entries, for their
    vectors.

    A word the text search configuration drops (a stop word such as "the") must not exclude
    anything, and a word that yields several lexemes (`x_y`) keeps the backend's own test on
    `title || body`: both are decided by `numnode(...)` on constants, which PostgreSQL folds
    away when planning, so the plan for ordinary words has neither.
    """
    from modelsearch.utils import get_descendants_content_types_pks

    from wagtail.search.models import IndexEntry

    if scored:
        return postgres_scored(queryset, terms)
    entries = (
        IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(queryset.model)
        )
        .alias(_title=F("title"), _body=F("body"), _vector=concatenated("title", "body"))
        .filter(match_condition(terms))
        .values(object_pk=Cast("object_id", BigIntegerField()))
    )
    return queryset.filter(pk__in=entries).order_by()


def scored(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """`queryset`, known to hold only matches of `terms`, annotated with their `_score`."""
    return matches(queryset, terms, scored=True)


def postgres_scored(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """The backend's score: `ts_rank` of the title, weighted by its norm, plus that of the body.

    The index entries are joined for their vectors, and the match is tested on the joined row
    (no extra join): it keeps the entries PostgreSQL hashes for the join to the matching ones.
    """
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    query, weights = tsquery(terms), get_sql_weights()
    return (
        queryset.alias(
            _title=F("index_entries__title"),
            _body=F("index_entries__body"),
            _vector=concatenated("index_entries__title", "index_entries__body"),
        )
        .filter(match_condition(terms))
        .annotate(
            **{
                SCORE: SearchRank(F("_title"), query, weights=weights)
                * F("index_entries__title_norm")
                + SearchRank(F("_body"), query, weights=weights) * Value(1.0)
            }
        )
        .order_by()
    )


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
