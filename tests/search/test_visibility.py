"""Search never shows drafts, private pages or unpublished evidence."""

import pytest

from wagtail.models import PageViewRestriction

from tests.factories import (
    OrganisationFactory,
    SourceFactory,
    VisionStatementPageFactory,
    narrative,
)
from tests.search.conftest import publish


def urls(response) -> list[str]:
    return [result.url for result in response.context["results"]]


def autocomplete_titles(client, query) -> list[str]:
    return [r["title"] for r in client.get("/search/autocomplete/", {"q": query}).json()["results"]]


@pytest.mark.django_db
def test_a_page_that_was_never_published_is_not_found(story_tree, search, client):
    draft = VisionStatementPageFactory(
        parent=story_tree["section"],
        title="Zeppelin draft",
        live=False,
        vision_statement=story_tree["statement"],
    )
    draft.save_revision()
    assert search(q="zeppelin").context["result_count"] == 0
    assert autocomplete_titles(client, "zeppel") == []


@pytest.mark.django_db
def test_unpublished_changes_to_a_live_page_are_not_found(story_tree, search):
    page = story_tree["page"]
    page.title = "Walrus in draft"
    page.save_revision()  # a draft: the live page keeps its old title
    assert search(q="walrus").context["result_count"] == 0
    assert search(q="families").context["result_count"] == 1


@pytest.mark.django_db
def test_unpublished_page_disappears(story_tree, search):
    story_tree["page"].unpublish()
    assert search(q="families").context["result_count"] == 0


@pytest.mark.django_db
def test_private_pages_and_their_descendants_are_not_found(story_tree, search, client):
    PageViewRestriction.objects.create(
        page=story_tree["section"], restriction_type=PageViewRestriction.LOGIN
    )
    response = search(q="families")
    assert response.context["result_count"] == 0
    assert search(q="organisational").context["result_count"] == 0
    assert autocomplete_titles(client, "famil") == []


@pytest.mark.django_db
def test_unpublished_sources_and_organisations_are_not_found(story_tree, search, client):
    SourceFactory(title="Narwhal report", live=False, publish=False)
    OrganisationFactory(name="Narwhal Trust", live=False, publish=False)
    assert search(q="narwhal").context["result_count"] == 0
    assert autocomplete_titles(client, "narwh") == []


@pytest.mark.django_db
def test_unpublishing_a_source_removes_it(story_tree, search):
    source = SourceFactory(title="Narwhal report")
    assert search(q="narwhal").context["result_count"] == 1
    source.unpublish()
    assert search(q="narwhal").context["result_count"] == 0


@pytest.mark.django_db
def test_the_names_of_unpublished_evidence_are_not_indexed_with_a_page(story_tree, search):
    hidden = SourceFactory(title="Secret walrus study", live=False, publish=False)
    page = story_tree["page"]
    page.body = [narrative(f'<p>See <a linktype="source" id="{hidden.pk}">this</a>.</p>')]
    publish(page)
    assert search(q="walrus").context["result_count"] == 0


@pytest.mark.django_db
def test_renaming_a_cited_source_reindexes_the_pages_that_cite_it(story_tree, search):
    source = SourceFactory(title="Ordinary report")
    page = story_tree["page"]
    page.body = [narrative(f'<p>See <a linktype="source" id="{source.pk}">this</a>.</p>')]
    publish(page)
    source.title = "Platypus findings"
    source.save_revision().publish()
    assert page.url in urls(search(q="platypus"))


@pytest.mark.django_db
def test_unpublishing_a_cited_source_drops_its_name_from_the_citing_pages(story_tree, search):
    source = SourceFactory(title="Platypus findings")
    page = story_tree["page"]
    page.body = [narrative(f'<p>See <a linktype="source" id="{source.pk}">this</a>.</p>')]
    publish(page)
    assert page.url in urls(search(q="platypus"))

    source.unpublish()

    assert page.url not in urls(search(q="platypus"))
