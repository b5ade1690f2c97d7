"""The broadest words' matches are ranked once after a change (`search.prepared_matches`): a
search for one reads them instead of asking PostgreSQL, finds what a computed search finds in
the same order, and never reads matches prepared before a change."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import generation, prepared_matches
from search.matching import ranked_matches
from search.params import KINDS
from storyofprogress.settings.base import task_settings
from tests.factories import VisionStatementPageFactory, narrative
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def broad_from_two_entries(monkeypatch):
    """The demo site is small: any word two entries contain counts as broad (the broadest
    `PREPARED_WORDS` of them are prepared)."""
    if connection.vendor != "postgresql":
        pytest.skip("matches are prepared on PostgreSQL only (DATABASE_URL=postgres://...)")
    monkeypatch.setattr(prepared_matches, "BROAD_ENTRIES", 2)


def prepared(terms: list[str], kinds: list[str]):
    """The matches kept for a search of `terms` among `kinds`, or None."""
    cache_key = prepared_matches.key_for(terms)
    found = cache.get(cache_key) if cache_key is not None else None
    return {kind: found[kind] for kind in kinds} if found is not None else None


def matching_queries(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "ts_rank" in query["sql"]]


@pytest.mark.parametrize("word", ["care", "families", "children"])
def test_a_broad_word_is_read_as_prepared_ranked_as_computed(
    demo_site, broad_from_two_entries, word
):
    kinds = list(KINDS)
    computed = ranked_matches([word], kinds)
    prepared_matches.prepare()

    with CaptureQueriesContext(connection) as queries:
        found = prepared([word], kinds)

    assert found == computed
    assert sum(len(ids) for ids, _ in found.values()) >= 2
    assert not matching_queries(queries)
    # Only the kinds a search asks for (a filter can rule kinds out).
    assert prepared([word], ["source"]) == {"source": computed["source"]}


def test_a_computed_search_of_a_broad_word_asks_postgresql_nothing_to_rank(
    demo_site, broad_from_two_entries, client
):
    generation.index_followed.call()  # as the task worker does after a change
    client.get("/search/", {"q": "care"})  # this process learns the word's lexeme
    generation.forget_searches()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "care", "sort": "date"})

    assert response.status_code == 200
    assert response.context["result_count"] > 2
    assert not matching_queries(queries)


def test_a_broad_words_matches_expired_are_kept_again_by_the_next_search(
    demo_site, broad_from_two_entries
):
    """Prepared matches expire while the content stays as it is (`TIMEOUT`): the first search
    then computes them, for every kind, and keeps them for the searches after it."""
    kinds = list(KINDS)
    assert prepared(["care"], kinds) is None  # nothing prepared

    with CaptureQueriesContext(connection) as first:
        computed = prepared_matches.matches(["care"], kinds)
    with CaptureQueriesContext(connection) as second:
        again = prepared_matches.matches(["care"], kinds)

    assert matching_queries(first) and not matching_queries(second)
    assert again == computed == ranked_matches(["care"], kinds)
    # Matches computed for some kinds only, or of a word few entries hold, are not kept.
    assert prepared_matches.matches(["children"], ["source"])
    assert prepared(["children"], ["source"]) is None
    prepared_matches.matches(["zyzzyva"], kinds)
    assert prepared(["zyzzyva"], kinds) is None


def test_only_words_as_broad_as_asked_and_the_broadest_first(
    demo_site, broad_from_two_entries, monkeypatch
):
    broadest = prepared_matches.broadest_lexemes()
    assert "care" in broadest
    assert "famili" in broadest  # "families", as the index keeps it

    monkeypatch.setattr(prepared_matches, "PREPARED_WORDS", 3)
    assert prepared_matches.broadest_lexemes() == broadest[:3]
    entries = [sum(map(len, (ids for ids, _ in count(word).values()))) for word in broadest[:3]]
    assert entries == sorted(entries, reverse=True)

    monkeypatch.setattr(prepared_matches, "BROAD_ENTRIES", 10**9)
    assert prepared_matches.broadest_lexemes() == []


def count(lexeme: str):
    return ranked_matches([lexeme], list(KINDS))


def test_a_change_leaves_prepared_matches_behind_until_prepared_again(
    story_tree, broad_from_two_entries, monkeypatch
):
    monkeypatch.setattr(prepared_matches, "BROAD_ENTRIES", 1)  # one page says "families"
    generation.index_followed.call()
    before = prepared(["families"], ["page"])
    assert before is not None and story_tree["page"].pk in before["page"][0]

    page = publish(
        VisionStatementPageFactory(
            parent=story_tree["section"],
            title="More about families",
            vision_statement=story_tree["statement"],
            body=[narrative("<p>Families and their families.</p>")],
        )
    )

    assert prepared(["families"], ["page"]) is None  # computed meanwhile
    generation.index_followed.call()  # the index has followed: prepared again
    after = prepared(["families"], ["page"])
    assert after == ranked_matches(["families"], ["page"])
    assert page.pk in after["page"][0]


def test_each_word_is_its_own_task_queued_after_everything_else(
    demo_site, broad_from_two_entries, settings
):
    """So that a purge queued meanwhile waits for one word's query, not for all of them."""
    settings.TASKS = task_settings("database")
    prepared_matches.prepare()

    queued = DBTaskResult.objects.filter(task_path="search.prepared_matches.prepare_word")
    assert sorted(task.args_kwargs["args"][0] for task in queued) == sorted(
        prepared_matches.broadest_lexemes()
    )
    assert {task.priority for task in queued} == {-20}
    assert prepared(["care"], list(KINDS)) is None  # queued, not run


def test_a_word_queued_before_a_change_is_left_to_the_changes_own_preparation(
    demo_site, broad_from_two_entries
):
    queued_in = generation.generation()
    generation.move_on()  # a change: its `index_followed` will queue the word again
    prepared_matches.prepare_word.call("care", queued_in)
    assert prepared(["care"], list(KINDS)) is None

    prepared_matches.prepare_word.call("care", generation.generation())
    assert prepared(["care"], list(KINDS)) == ranked_matches(["care"], list(KINDS))


def test_searches_of_several_words_and_unprepared_words_are_computed(
    demo_site, broad_from_two_entries
):
    prepared_matches.prepare()
    assert prepared(["care", "children"], list(KINDS)) is None
    assert prepared(["zyzzyva"], list(KINDS)) is None


@pytest.mark.parametrize(
    ("word", "lexeme"),
    [("families", "famili"), ("caring", "care"), ("2020", "2020"), ("the", None)],
)
def test_a_word_is_looked_up_by_its_lexeme(db, word, lexeme):
    if connection.vendor != "postgresql":
        pytest.skip("lexemes are PostgreSQL's (DATABASE_URL=postgres://...)")
    assert prepared_matches.lexeme_of(word) == lexeme


def test_on_sqlite_nothing_is_prepared(demo_site):
    if connection.vendor != "sqlite":
        pytest.skip("what SQLite does")
    with CaptureQueriesContext(connection) as queries:
        prepared_matches.prepare()
        assert prepared_matches.key_for(["care"]) is None
    assert not queries.captured_queries
