"""An uploaded document is not served to the public until a reviewer releases it (issue 13).

Every step goes through the admin's own views as the browser would post them; what the public
gets is read from Wagtail's document URL with an anonymous client.
"""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from tests.factories import narrative

AWAITING_REVIEW = "Awaiting review"
PUBLISHED = "Published documents"
CONTENT = b"Unreviewed figures: 42 children, not yet checked.\n"

migration = importlib.import_module("story.migrations.0004_document_review")


@pytest.fixture(autouse=True)
def _files_on_disk(media_on_disk):
    """Wagtail's view serves the file from disk."""


def collection(name: str) -> Collection:
    return Collection.objects.get(name=name)


def upload(client, title="Unreviewed figures") -> object:
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": SimpleUploadedFile("unreviewed.txt", CONTENT), "tags": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title=title)


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def served_to_public(document) -> bool:
    """True when an anonymous reader gets the file's bytes; asserts nothing else leaks."""
    response = Client().get(document.url)
    body = body_of(response)
    if response.status_code == 200:
        assert body == CONTENT
        return True
    assert CONTENT not in body
    return False


def edit_data(document, collection_id) -> dict:
    return {"title": document.title, "collection": collection_id, "tags": ""}


@pytest.fixture
def released_by_reviewer():
    def release(reviewer_client, document):
        response = reviewer_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            edit_data(document, collection(PUBLISHED).pk),
        )
        assert response.status_code == 302, response.content[:2000]
        document.refresh_from_db()

    return release


def test_an_editors_upload_waits_for_a_reviewer(
    editor_client, reviewer_client, released_by_reviewer
):
    document = upload(editor_client)
    assert document.collection.name == AWAITING_REVIEW
    assert not served_to_public(document)
    assert Client().get(document.url).status_code == 302  # Wagtail sends readers to log in

    # Editors and reviewers can read it, to review it.
    assert body_of(editor_client.get(document.url)) == CONTENT
    assert body_of(reviewer_client.get(document.url)) == CONTENT

    released_by_reviewer(reviewer_client, document)
    assert document.collection.name == PUBLISHED
    assert served_to_public(document)


def test_an_editor_cannot_release_a_document(editor_client):
    document = upload(editor_client)
    public = collection(PUBLISHED)

    # The edit form has no collection field for an editor (one collection allowed): a posted
    # collection is ignored and the document stays where it was.
    edit = editor_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]), edit_data(document, public.pk)
    )
    assert edit.status_code in {200, 302}
    # Nor can the "Add to collection" bulk action move it.
    bulk_url = reverse("wagtail_bulk_action", args=("wagtaildocs", "document", "add_to_collection"))
    editor_client.post(f"{bulk_url}?id={document.pk}", {"collection": public.pk})

    document.refresh_from_db()
    assert document.collection.name == AWAITING_REVIEW
    assert not served_to_public(document)


def test_a_reviewers_upload_may_go_public_at_once(reviewer_client):
    response = reviewer_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Reviewed report",
            "file": SimpleUploadedFile("reviewed.txt", CONTENT),
            "collection": collection(PUBLISHED).pk,
            "tags": "",
        },
    )
    assert response.status_code == 302
    assert served_to_public(get_document_model().objects.get(title="Reviewed report"))


def test_a_link_to_an_unreleased_document_renders_but_does_not_serve(
    editor_client, live_page, reviewer_client, released_by_reviewer
):
    """Editors may link any document; the public page shows the link, the file stays shut."""
    document = upload(editor_client)
    paragraph = f'<p>See <a linktype="document" id="{document.pk}">the figures</a>.</p>'
    live_page.body = [narrative(paragraph)]
    live_page.save_revision().publish()

    page = Client().get(live_page.url)
    assert page.status_code == 200
    assert f'href="{document.url}"'.encode() in page.content
    assert not served_to_public(document)

    released_by_reviewer(reviewer_client, document)
    assert served_to_public(document)


def test_the_editor_can_choose_released_and_unreleased_documents(editor_client):
    """The document chooser (for rich-text links) lists both collections' documents."""
    mine = upload(editor_client)
    released = get_document_model().objects.create(
        title="Released report",
        collection=collection(PUBLISHED),
        file=SimpleUploadedFile("released.txt", b"released"),
    )
    chooser = editor_client.get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == 200
    assert mine.title.encode() in chooser.content
    assert released.title.encode() in chooser.content


@pytest.mark.django_db
def test_the_migration_is_idempotent_and_reversible():
    editors = Group.objects.get(name="Editors")

    def state():
        restriction = CollectionViewRestriction.objects.get(collection__name=AWAITING_REVIEW)
        return {
            "collections": sorted(Collection.objects.values_list("path", "name", "numchild")),
            "restricted_to": sorted(restriction.groups.values_list("name", flat=True)),
            "type": restriction.restriction_type,
            "editors_add": sorted(
                GroupCollectionPermission.objects.filter(
                    group=editors, permission__codename="add_document"
                ).values_list("collection__name", flat=True)
            ),
        }

    before = state()
    assert before["editors_add"] == [AWAITING_REVIEW]
    assert before["restricted_to"] == ["Editors", "Reviewers", "Site administrators"]
    assert before["type"] == "groups"
    migration.forwards(apps, None)
    assert state() == before

    migration.backwards(apps, None)
    assert not Collection.objects.filter(name__in=[AWAITING_REVIEW, PUBLISHED]).exists()
    assert list(
        GroupCollectionPermission.objects.filter(
            group=editors, permission__codename="add_document"
        ).values_list("collection__depth", flat=True)
    ) == [1]

    migration.forwards(apps, None)
    assert state() == before


@pytest.mark.django_db
def test_reversing_keeps_a_collection_that_holds_documents():
    """Deleting a collection deletes its documents: reversing must not publish or lose them."""
    document = get_document_model().objects.create(
        title="Waiting",
        collection=collection(AWAITING_REVIEW),
        file=SimpleUploadedFile("waiting.txt", CONTENT),
    )
    migration.backwards(apps, None)
    document.refresh_from_db()
    assert document.collection.name == AWAITING_REVIEW
    assert document.collection.get_view_restrictions().exists()
    assert not Collection.objects.filter(name=PUBLISHED).exists()
    migration.forwards(apps, None)
    assert Collection.objects.get(name=PUBLISHED).depth == 2


def test_the_development_server_serves_images_but_never_documents(settings):
    """With DEBUG on, MEDIA_ROOT is served for images only: a route to the documents' files
    would let anyone who knows a file name skip the restriction."""
    from django.urls import Resolver404, URLResolver, clear_url_caches
    from django.urls.resolvers import RegexPattern
    from django.views.static import serve

    import storyofprogress.urls

    def view_of(path: str):
        resolver = URLResolver(RegexPattern(r"^/"), storyofprogress.urls.urlpatterns)
        try:
            return resolver.resolve(path).func
        except Resolver404:
            return None

    settings.DEBUG = True
    try:
        importlib.reload(storyofprogress.urls)
        assert view_of("/media/images/chart.max-800x600.png") is serve
        assert view_of("/media/original_images/chart.png") is serve
        assert view_of("/media/documents/unreviewed.txt") is not serve
    finally:
        settings.DEBUG = False
        importlib.reload(storyofprogress.urls)
        clear_url_caches()
