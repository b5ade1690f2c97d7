"""Suggested searches are what editors curate: readers' searches are neither logged nor shown,
so anonymous traffic cannot plant a search in front of every reader (issue 13). The demo's own
list is checked with the other demo content searches, in `test_relevance.py`."""

import pytest

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from sitewide.models import SiteSettings, SiteSettingsSuggestedSearch
from tests.search.conftest import suggested
from tests.sitewide.factories import site_settings_naming

pytestmark = pytest.mark.django_db

PLANTED = "zqxv scam hotline"
HEADING = "Suggested searches"


def curate(*queries: str) -> SiteSettings:
    site_settings = site_settings_naming()
    for order, query in enumerate(queries):
        SiteSettingsSuggestedSearch.objects.create(
            site_settings=site_settings, query=query, sort_order=order
        )
    return site_settings


def test_a_planted_search_never_appears_and_nothing_is_logged(shared_story_tree, client):
    curate("families")
    for _ in range(25):
        assert client.get("/search/", {"q": PLANTED}).status_code == 200
    assert not Query.objects.filter(query_string=PLANTED).exists()
    for url in (
        "/search/?q=nothingfound",
        "/search/",
        "/",
        shared_story_tree["page"].url,
        "/library/",
    ):
        html = client.get(url).content.decode()
        assert PLANTED not in html, url
        assert "zqxv" not in html, url
    assert suggested(client.get("/search/?q=nothingfound").content.decode()) == ["families"]


def test_searches_that_find_something_are_not_logged_either(shared_story_tree, search):
    search(q="families")
    assert not Query.objects.exists()


def test_the_curated_list_shows_in_order_on_no_results_and_the_empty_search(
    shared_story_tree, client
):
    curate("mental health", "families", "Care & kinship")
    no_results = client.get("/search/?q=qwertyuiop").content.decode()
    assert "No results for" in no_results
    assert suggested(no_results) == ["mental health", "families", "Care &amp; kinship"]
    assert 'href="/search/?q=Care%20%26%20kinship"' in no_results
    assert suggested(client.get("/search/").content.decode()) == [
        "mental health",
        "families",
        "Care &amp; kinship",
    ]


def test_the_search_just_made_is_not_suggested_back(shared_story_tree, client):
    curate("walrus", "families")
    html = client.get("/search/?q=Walrus").content.decode()
    assert suggested(html) == ["families"]


def test_an_empty_list_shows_no_heading(shared_story_tree, client):
    for url in ("/search/?q=qwertyuiop", "/search/"):
        html = client.get(url).content.decode()
        assert HEADING not in html, url
        assert "suggested-searches" not in html, url
    curate("walrus")
    assert HEADING not in client.get("/search/?q=walrus").content.decode()  # only itself


def test_a_page_with_results_shows_no_suggestions(shared_story_tree, client):
    curate("mental health")
    assert HEADING not in client.get("/search/?q=families").content.decode()


def test_site_administrators_curate_the_list_in_the_settings(shared_story_tree, admin_client):
    site_settings = site_settings_naming()
    url = reverse("wagtailsettings:edit", args=["sitewide", "sitesettings", site_settings.site_id])
    form = admin_client.get(url)
    assert form.status_code == 200
    assert HEADING in form.content.decode()
    data = nested_form_data(
        {
            "site_name": "Story of Progress",
            "quick_exit_url": "https://example.org/",
            "footer_text": rich_text(""),
            "partners": inline_formset([]),
            "suggested_searches": inline_formset(
                [{"query": "  kinship   care "}, {"query": "education"}]
            ),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteSettings.objects.get().suggested_search_queries == ["kinship care", "education"]


def test_the_search_terms_report_is_not_in_the_admin_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Promoted search results" in html  # the menu is there
    assert "search-terms" not in html
