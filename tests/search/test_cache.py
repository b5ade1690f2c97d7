"""Computed searches are reused until the content changes, and never outlive a change readers
must see: a page published, unpublished or made private, evidence unpublished or renamed."""

import datetime
from itertools import count

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from search import cache as search_cache
from search import findable, generation
from search.params import SearchParams
from search.query import Hit
from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
)
from tests.search.conftest import publish


def shown(response) -> list[tuple[str, str]]:
    return [(str(result.title), result.url) for result in response.context["results"]]


def facets(response) -> list[tuple[str, list[tuple[str, int]]]]:
    return [
        (facet.name, [(option.value, option.count) for option in facet.options])
        for facet in response.context["facets"]
    ]


STATEMENT_NUMBERS = count(200)


def add_pages(story_tree, how_many, word="heron"):
    organisation = OrganisationFactory(name=f"{word.title()} Watch")
    for n in range(how_many):
        source = SourceFactory(title=f"{word.title()} count {n}", organisations=[organisation])
        publish(
            VisionStatementPageFactory(
                parent=story_tree["section"],
                title=f"{word.title()}s {n}",
                vision_statement=VisionStatementFactory(
                    number=next(STATEMENT_NUMBERS), foundation="voice"
                ),
                body=[
                    narrative(f'<p>{word} <a linktype="source" id="{source.pk}">counted</a>.</p>')
                ],
            )
        )


@pytest.mark.django_db
def test_a_repeated_search_is_answered_from_the_cache_with_the_same_page(story_tree, search):
    add_pages(story_tree, 6)
    first = search(q="heron", sort="date")
    with CaptureQueriesContext(connection) as cold:
        generation.move_on()
        first = search(q="heron", sort="date")
    with CaptureQueriesContext(connection) as warm:
        again = search(q="heron", sort="date")
    assert again.status_code == first.status_code == 200
    assert again.context["result_count"] == first.context["result_count"] == 13
    assert shown(again) == shown(first)
    assert facets(again) == facets(first)
    # The search itself (facet counts, ranking) is skipped: only the rows shown are loaded.
    assert len(warm) < len(cold) - 4


@pytest.mark.django_db
def test_after_a_change_every_process_reads_findable_built_once(story_tree, search, monkeypatch):
    """The task worker builds the new generation's `Findable` once the index has followed a
    change; a process that has not seen it since reads it from the shared cache."""
    add_pages(story_tree, 2)
    before = search(q="heron").context["result_count"]
    generation.index_followed.call()  # as the worker runs it after a change
    findable.forget()  # another process: no copy of its own

    def refuse(catalogue):
        raise AssertionError("Findable built again by a reader's search")

    monkeypatch.setattr(findable.Findable, "build", refuse)
    assert search(q="heron").context["result_count"] == before


@pytest.mark.django_db
def test_the_worker_builds_findable_while_no_site_is_public_yet(story_tree, settings):
    """A site being built (no `Site` yet, as the page benchmark's loader does) gives filters that
    match nothing; the worker's build must read them as empty, not fail (on PostgreSQL the raw
    cursor path met Django's `EmptyResultSet`)."""
    Site.objects.all().delete()
    Site.clear_site_root_paths_cache()
    generation.move_on()
    findable.forget()
    generation.index_followed.call()  # as the worker runs it; raised EmptyResultSet
    built = findable.findable(findable.Catalogue.load())
    assert built is not None


@pytest.mark.django_db
def test_pages_past_the_cached_hits_are_ranked_afresh(story_tree, search, monkeypatch):
    add_pages(story_tree, 12)  # 25 hits: 12 pages, 12 sources and the organisation
    monkeypatch.setattr(search_cache, "CACHED_HITS", 5)
    search(q="heron")  # keeps the first page (20 hits) only
    warm_second_page = search(q="heron", page=2)
    generation.move_on()
    cold_second_page = search(q="heron", page=2)
    assert len(shown(cold_second_page)) == 5
    assert shown(warm_second_page) == shown(cold_second_page)


@pytest.mark.django_db
def test_a_page_published_after_a_search_is_found_by_the_next_one(story_tree, search):
    add_pages(story_tree, 2)
    assert search(q="heron").context["result_count"] == 5
    add_pages(story_tree, 1, word="heron egret")
    assert search(q="heron").context["result_count"] == 8


@pytest.mark.django_db
def test_a_page_unpublished_after_a_search_disappears(story_tree, search):
    assert search(q="families").context["result_count"] == 1
    story_tree["page"].unpublish()
    response = search(q="families")
    assert response.context["result_count"] == 0
    assert shown(response) == []


@pytest.mark.django_db
def test_a_page_made_private_after_a_search_disappears(story_tree, search):
    assert search(q="families").context["result_count"] == 1
    PageViewRestriction.objects.create(
        page=story_tree["section"], restriction_type=PageViewRestriction.LOGIN
    )
    assert search(q="families").context["result_count"] == 0


@pytest.mark.django_db
def test_evidence_unpublished_or_renamed_after_a_search_follows(story_tree, search):
    source = SourceFactory(title="Kestrel survey")
    organisation = OrganisationFactory(name="Kestrel Trust")
    assert search(q="kestrel").context["result_count"] == 2
    source.unpublish()
    assert search(q="kestrel").context["result_count"] == 1
    organisation.name = "Falcon Trust"
    organisation.save_revision().publish()
    assert search(q="kestrel").context["result_count"] == 0
    assert search(q="falcon").context["result_count"] == 1


@pytest.mark.django_db
def test_results_shown_are_checked_live_even_when_the_cache_is_stale(story_tree, search):
    """Belt and braces: a change made without signals cannot show an unpublished page."""
    assert search(q="families").context["result_count"] == 1
    type(story_tree["page"]).objects.filter(pk=story_tree["page"].pk).update(live=False)
    assert shown(search(q="families")) == []


def test_a_search_computed_during_a_change_is_filed_under_the_old_generation():
    params = SearchParams(query="care", terms=["care"])
    before = search_cache.key(params)  # taken when the search starts
    generation.move_on()  # what a save during the search does
    assert search_cache.key(params) != before


def test_a_computed_search_comes_back_from_the_cache_as_it_was_kept():
    hits = [
        Hit("page", 7, 0.75, "Care at home", 1, datetime.date(2024, 5, 1), {"statement": 3}),
        Hit("source", 9, 0.5, "Care review", 0, None, {}),
    ]
    computed = search_cache.ComputedSearch(2, {"kind": {"page": 1}}, hits, {4: ("COSLA", "/o/")})
    search_cache.put("computed-search-round-trip", computed)

    assert search_cache.get("computed-search-round-trip") == computed


def test_the_key_depends_on_words_filters_and_order_but_not_the_page():
    def key(**kwargs):
        return search_cache.key(SearchParams(**kwargs))

    base = key(query="care", terms=["care"])
    assert key(query="care", terms=["care"], page=3) == base
    assert key(query="Care", terms=["care"]) == base
    assert key(query="care", terms=["care"], sort="date") != base
    assert key(query="care", terms=["care"], filters={"kind": "page"}) != base
    assert key(query="cares", terms=["cares"]) != base


@pytest.mark.django_db
def test_saving_a_draft_keeps_computed_searches_and_publishing_does_not(story_tree):
    page = story_tree["page"]
    before = generation.generation()
    page.title = "Families, redrafted"
    page.save_revision()
    assert generation.generation() == before
    page.get_latest_revision().publish()
    assert generation.generation() != before
