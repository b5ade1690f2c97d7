"""Every match of a search with its score, best first: the one query a computed search makes."""

import pytest

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
