"""The merged ranking of pages, sources and organisations: complete, stable and in order."""

import pytest

from django.http import QueryDict

from search.catalogue import Catalogue
from search.findable import findable
from search.params import KIND_ORDER, SearchParams
from search.query import SearchRun


def run_for(query_string: str) -> SearchRun:
    params = SearchParams.from_querydict(QueryDict(query_string))
    catalogue = Catalogue.load()
    catalogue.resolve(params)
    return SearchRun(params, catalogue, findable(catalogue))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=care", "q=children", "q=scotland", "q=care&kind=source"])
def test_every_hit_is_ranked_once_best_first(demo_site, query):
    run = run_for(query)
    hits = run.top(run.total)
    assert run.total > 3
    assert len(hits) == run.total
    assert len({(hit.kind, hit.pk) for hit in hits}) == run.total
    keys = [(-hit.tier, -hit.score, KIND_ORDER[hit.kind], hit.pk) for hit in hits]
    assert keys == sorted(keys)
    assert run.top(3) == hits[:3]  # a shorter ranking is the start of the longer one


@pytest.mark.django_db
def test_by_date_newest_first_then_by_relevance(demo_site):
    run = run_for("q=care&sort=date")
    hits = run.top(run.total)
    assert len(hits) == run.total
    dated = [hit.date for hit in hits if hit.date]
    assert dated == sorted(dated, reverse=True)
    assert all(hit.date is None for hit in hits[len(dated) :])  # undated last


@pytest.mark.django_db
def test_a_title_that_is_the_query_comes_before_titles_containing_it(demo_site):
    run = run_for("q=police scotland")
    hits = run.top(run.total)
    assert (hits[0].kind, hits[0].title, hits[0].tier) == ("organisation", "Police Scotland", 2)
    tiers = [hit.tier for hit in hits]
    assert tiers == sorted(tiers, reverse=True)


@pytest.mark.django_db
def test_only_findable_matches_count(demo_site):
    from evidence.models import Source

    source = next(s for s in Source.objects.filter(live=True) if max(map(len, s.title.split())) > 7)
    word = max(source.title.split(), key=len).strip("?.,:()").lower()  # not a stop word
    before = run_for(f"q={word}").matched["source"]
    assert source.pk in before
    source.unpublish()
    after = run_for(f"q={word}").matched["source"]
    assert source.pk not in after
    assert after == before - {source.pk}


@pytest.mark.django_db
def test_a_short_name_is_a_title_and_case_does_not_matter(story_tree):
    from tests.factories import OrganisationFactory

    OrganisationFactory(name="Zebra Networks Scotland", short_name="ZNS Friends")
    OrganisationFactory(name="Convention of Zebra Authorities", short_name="ZNS")
    OrganisationFactory(name="Zebra trust", short_name="Zebra helpers")
    run = run_for("q=zns")
    hits = run.top(run.total)
    assert [(hit.title, hit.tier) for hit in hits] == [
        ("Convention of Zebra Authorities", 2),  # its short name is the query
        ("Zebra Networks Scotland", 1),  # its short name contains it
    ]
    assert [hit.tier for hit in run_for("q=zebra&sort=date").top(3)] == [1, 1, 1]
