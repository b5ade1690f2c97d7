"""Editors' picks, spelling suggestions and autocomplete (suggested searches and the query log:
`test_suggested_searches.py`)."""

import pytest

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import OrganisationFactory, SourceFactory


@pytest.mark.django_db
def test_editors_pick_is_shown_above_the_results(shared_story_tree, search):
    SearchPromotion.objects.create(
        query=Query.get("Families"), page=shared_story_tree["section"], description="Start here."
    )
    response = search(q="families")
    picks = response.context["editors_picks"]
    assert [pick["title"] for pick in picks] == ["Organisational Progress"]
    content = response.content.decode()
    assert content.index("Recommended") < content.index("search-results")
    assert "Start here." in content


@pytest.mark.django_db
def test_editors_pick_of_an_unpublished_page_is_hidden(shared_story_tree, search):
    page = shared_story_tree["page"]
    SearchPromotion.objects.create(query=Query.get("families"), page=page)
    type(page).objects.get(pk=page.pk).unpublish()  # a copy: the shared page stays as it is
    assert search(q="families").context["editors_picks"] == []


@pytest.mark.django_db
def test_spelling_suggestion_from_the_sites_own_names(shared_story_tree, search):
    OrganisationFactory(name="Care Inspectorate")
    response = search(q="inspectorat")
    assert response.context["suggestion"] == "inspectorate"
    assert "Did you mean" in response.content.decode()


@pytest.mark.django_db
def test_empty_search_shows_the_form_only(shared_story_tree, search):
    response = search()
    assert response.status_code == 200
    assert "results" not in response.context
    assert b'role="search"' in response.content


@pytest.mark.django_db
def test_autocomplete_returns_matching_titles_with_urls(shared_story_tree, client):
    source = SourceFactory(title="Families first evaluation")
    OrganisationFactory(name="Families Outside")
    data = client.get("/search/autocomplete/", {"q": "famil"}).json()
    assert data["query"] == "famil"
    by_title = {result["title"]: result for result in data["results"]}
    assert by_title["Families first evaluation"] == {
        "title": "Families first evaluation",
        "url": source.public_url,
        "kind": "Source",
    }
    assert by_title["Families page"]["kind"] == "Page"
    assert by_title["Families page"]["url"] == shared_story_tree["page"].url
    assert "Families Outside" in by_title


@pytest.mark.django_db
def test_autocomplete_needs_two_characters(shared_story_tree, client):
    assert client.get("/search/autocomplete/", {"q": "f"}).json()["results"] == []


@pytest.mark.django_db
def test_the_page_works_without_javascript_and_loads_our_own_script(shared_story_tree, search):
    content = search(q="families").content.decode()
    assert 'action="/search/"' in content
    assert "/static/js/search-autocomplete.js" in content
    assert "http://" not in content.split("<main", 1)[1].split("</main>")[0]
    assert content.count("<h1") == 1
