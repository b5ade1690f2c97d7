"""The matches of the broadest words, ranked once after each change instead of by each search.

A word most index entries contain ("care" is in 11,500 of the search benchmark's 15,200 entries)
costs PostgreSQL a scan of the index and a score for every entry holding it: 20-40 ms on this
kind of machine, most of such a search, and the same work again for every search of that word
(another filter, another order, another page of results) until the content changes. Such words
are few, and they are what readers search for most. So once the index has followed a change,
the task worker asks the index which words the most entries contain (`ts_stat`), ranks each
one's matches as a search would (`search.matching`; a task a word) and keeps them in the shared
cache under the content generation (`search.generation`), as it does `Findable`: a change makes
them unreadable at once, everywhere. A reader's search for one such word reads them from there.

Only single-word searches are prepared. A word is looked up by its lexeme, the word as the index
stems it ("families" is kept as "famili"), which PostgreSQL is asked once per word and process.
SQLite (development) computes every search: its index is a small site's.
"""

import re
from functools import lru_cache

from django_tasks import task

from django.core.cache import cache
from django.db import connection

from search import generation
from search.matching import (
    Ranked,
    default_search_config,
    models,
    postgres_ranked_matches,
    ranked_matches,
)
from search.params import KINDS

#: A word is prepared when at least this many index entries contain it (below that, matching
#: it costs PostgreSQL a few milliseconds) ...
BROAD_ENTRIES = 1000
#: ... and it is among this many words the most entries contain (each costs the task worker one
#: matching query, and the shared cache its ids and scores, after every change).
PREPARED_WORDS = 32

#: One lexeme as PostgreSQL writes a query of it: quoted, a quote inside doubled.
ONE_LEXEME = re.compile(r"'((?:[^']|'')+)'")


def matches(terms: list[str], kinds: list[str]) -> Ranked:
    """A search's matches among `kinds`, ranked: as prepared, for a broad word, else computed.

    Prepared matches expire (`generation.TIMEOUT`) while the content stays as it is; a broad
    word's matches computed for every kind are kept again for the searches after this one.
    """
    cache_key = key_for(terms)
    found = cache.get(cache_key) if cache_key is not None else None
    if found is not None:
        return {kind: found[kind] for kind in kinds}
    computed = ranked_matches(terms, kinds)
    if cache_key is not None and set(kinds) == set(KINDS) and broad(computed):
        cache.set(cache_key, computed, generation.TIMEOUT)
    return computed


def broad(found: Ranked) -> bool:
    return sum(len(ids) for ids, _ in found.values()) >= BROAD_ENTRIES


def prepare() -> None:
    """Queue the ranking of the broadest words' matches for the current content (from the task
    worker's `generation.index_followed`, once the index has followed a change): one task a word,
    so that no purge or index update queued meanwhile waits for all of them (each is one query,
    a second in all at 10,000 pages)."""
    if connection.vendor != "postgresql":
        return
    current = generation.generation()
    for lexeme in broadest_lexemes():
        prepare_word.enqueue(lexeme, current)


@task(priority=-20)  # after everything else, `index_followed` (-10) included
def prepare_word(lexeme: str, queued_in: int) -> None:
    """Rank one broad word's matches, unless the content has changed since this was queued:
    that change's own `index_followed` queues the word again, and matches ranked now would be
    filed under a generation nobody reads any more (a burst of publishes ranks each word once)."""
    # The key first: should the content change meanwhile, these matches are filed under the
    # generation they were read in, which that change has already left behind.
    cache_key = key(lexeme)
    if generation.generation() != queued_in:
        return
    cache.set(cache_key, postgres_ranked_matches([lexeme], list(KINDS)), generation.TIMEOUT)


def key(lexeme: str) -> str:
    return generation.versioned_key("matches", lexeme)


def key_for(terms: list[str]) -> str | None:
    """The key a search's matches are prepared under: for one word (of one lexeme), on
    PostgreSQL; else None. Taken before any matches are read, so that matches read while the
    content changed are filed under the generation that change left behind."""
    if connection.vendor != "postgresql" or len(terms) != 1:
        return None
    lexeme = lexeme_of(terms[0])
    return key(lexeme) if lexeme is not None else None


def broadest_lexemes() -> list[str]:
    """The lexemes at least `BROAD_ENTRIES` entries of searchable kinds contain, most first (at
    most `PREPARED_WORDS`), each one its own lexeme: searched for as a word, it matches what a
    word stemming to it matches (a lexeme the stemmer would change again is left to searches)."""
    from modelsearch.utils import get_descendants_content_types_pks

    from wagtail.search.models import IndexEntry

    content_types = sorted(
        pk for model in models().values() for pk in get_descendants_content_types_pks(model)
    )
    entries = (
        f"SELECT title || body FROM {IndexEntry._meta.db_table} "  # noqa: S608 (ints, a name)
        f"WHERE content_type_id IN ({', '.join(map(str, content_types))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM ts_stat(%s) WHERE ndoc >= %s "
            "AND to_tsquery(%s::regconfig, quote_literal(word))::text = quote_literal(word) "
            "ORDER BY ndoc DESC, word LIMIT %s",
            [entries, BROAD_ENTRIES, default_search_config(), PREPARED_WORDS],
        )
        return [word for (word,) in cursor.fetchall()]


@lru_cache(maxsize=4096)
def lexeme_of(word: str) -> str | None:
    """The one lexeme the index keeps `word` as, or None (a stop word, or several lexemes).

    A word's lexeme depends only on the text search configuration, so each process asks once.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsquery(%s::regconfig, %s)::text",
            [default_search_config(), "'{}'".format(word.replace("'", "''"))],
        )
        (query,) = cursor.fetchone()
    found = ONE_LEXEME.fullmatch(query)
    return found.group(1).replace("''", "'") if found else None
