"""Numbers in a URL are ASCII digits: Unicode digits that `str.isdigit` accepts but `int`
refuses ("²", "①") are ignored like any other bad value, never a 500."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "families", "page": "²"},
        {"q": "families", "year": "²³"},
        {"q": "families", "vision": "①"},
        {"q": "families", "vision": "²", "page": "³"},
    ],
)
def test_unicode_digits_are_ignored_not_a_500(shared_story_tree, search, params):
    response = search(**params)
    assert response.status_code == 200
    assert response.context["result_count"] == 1  # the bad values were dropped, not applied
    for name in ("year", "vision"):
        if name in params and not params[name].isascii():
            assert name not in response.context["params"].filters
            assert "filter was ignored" in response.content.decode()
