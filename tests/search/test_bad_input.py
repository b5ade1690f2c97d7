"""Nothing a reader types or edits in the URL gives a server error."""

import pytest

from search.params import MAX_QUERY_LENGTH, SearchParams, clean_query, parse_page, query_terms
from tests.factories import SourceFactory

BAD_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    "police " * 2_000,
    "\x00\x01\x02 care \x1b[31m \u202e",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "<script>alert('x')</script>",
    'care AND OR NOT NEAR("a b") * ^ : - +',
    "%' OR '%'='",
    "((((",
    "\u00e9l\u00e8ve caf\u00e9 \u2603 \U0001f600",
    "!!!",
]


@pytest.fixture(scope="module")
def care_source(story_tree_for_module, django_db_blocker):
    """A source for the bad queries to find, added to the module's data once."""
    with django_db_blocker.unblock():
        return SourceFactory(title="Care in practice")


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_answer_200(shared_story_tree, care_source, search, query):
    response = search(q=query)
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_in_autocomplete_answer_json(shared_story_tree, client, query):
    response = client.get("/search/autocomplete/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.django_db
def test_long_query_is_cut_with_a_notice(shared_story_tree, search):
    response = search(q="families " * 100)
    assert len(response.context["search_query"]) <= MAX_QUERY_LENGTH
    assert f"first {MAX_QUERY_LENGTH} characters" in response.content.decode()
    assert response.context["result_count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999", "1.5", "", "9" * 50])
def test_bad_page_numbers(shared_story_tree, search, page):
    response = search(q="families", page=page)
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("kind", "spaceship"),
        ("section", "no-such-section"),
        ("section", "<b>"),
        ("vision", "999"),
        ("vision", "abc"),
        ("foundation", "sky"),
        ("organisation", "nobody"),
        ("organisation", "' OR 1=1"),
        ("type", "podcast"),
        ("year", "abc"),
        ("year", "-5"),
        ("year", "99999999999999999999"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_notice(shared_story_tree, search, name, value):
    response = search(q="families", **{name: value})
    assert response.status_code == 200
    assert name not in response.context["params"].filters
    assert "filter was ignored" in response.content.decode()
    assert response.context["result_count"] == 1


@pytest.mark.django_db
def test_unknown_parameters_and_sort_are_ignored(shared_story_tree, search):
    response = search(q="families", utm_source="x", sort="sideways")
    assert response.status_code == 200
    assert response.context["params"].sort == "relevance"


@pytest.mark.django_db
def test_post_is_not_allowed(client, shared_story_tree):
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_clean_query_folds_whitespace_and_drops_control_characters():
    assert clean_query("  a\x00b\n\tc  ") == "a b c"
    assert len(clean_query("y" * 5000)) == MAX_QUERY_LENGTH


def test_query_terms_are_words_only():
    assert query_terms('"care" AND (inspection*) OR care') == ["care", "inspection"]
    assert query_terms("doing better than the others") == ["better", "others"]
    assert query_terms("to be or not to be") == []  # all stop words (PostgreSQL's list)


def test_parse_page():
    assert [parse_page(v) for v in ["3", "-1", "abc", "0", ""]] == [3, 1, 1, 1, 1]


def test_url_params_keep_query_and_filters():
    from django.http import QueryDict

    params = SearchParams.from_querydict(QueryDict("q=care&kind=page&sort=date&page=2"))
    assert params.url_params(page=3) == {"q": "care", "kind": "page", "sort": "date", "page": "3"}
    assert params.url_params(kind=None) == {"q": "care", "sort": "date"}


@pytest.mark.django_db
def test_stop_words_do_not_hide_results(shared_story_tree, search):
    """PostgreSQL drops "the" from queries: the index prefilter must not require it."""
    assert search(q="the families").context["result_count"] == 1
    assert search(q="families of the").context["result_count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["are", "Doing THE", "what is it"])
def test_a_query_of_common_words_only_finds_nothing_and_says_why(shared_story_tree, search, query):
    """PostgreSQL drops them ("are" is in the page), so SQLite must too: the same results."""
    response = search(q=query)
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert "Words as common as these are left out of searches" in response.content.decode()
