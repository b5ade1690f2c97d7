"""An editor cannot make anything public by a side route: bulk actions, copy, move, revert,
scheduling, privacy, the admin API, or a rejection without a comment.

Every route starts from a live page (and a live source) that carry an unreviewed draft, so a
route that published "whatever is latest" would show up in the public snapshot. Every test
undoes what it changes, so the tree, the drafts and the other targets are built once for the
module (`tests/workflow/conftest.py`).
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Revision, WorkflowState

from evidence.models import Source
from story.models import VisionStatementPage
from tests.factories import SectionPageFactory, SourceFactory
from tests.workflow.admin import (
    PUBLISH,
    add_page_url,
    page_data,
    page_data_for,
    page_url,
    source_data_for,
    source_url,
    workflow_action_url,
)

pytestmark = pytest.mark.usefixtures("shared_tree")

DRAFT = "<p>Unreviewed words.</p>"


def public_snapshot() -> dict:
    """Everything a reader could see, or that is due to become visible on a schedule."""
    return {
        "pages": sorted(
            (page.pk, page.url_path, str(page.body))
            for page in VisionStatementPage.objects.live().public()
        ),
        "sources": sorted(Source.objects.live().values_list("pk", "title")),
        "scheduled": Revision.objects.exclude(approved_go_live_at=None).count(),
        "restrictions": PageViewRestriction.objects.count(),
    }


@pytest.fixture(scope="module")
def targets_in_module(shared_tree, django_db_blocker):
    """Unreviewed drafts on top of the module's live page and live source, an uncited source
    and a second section, added to the module's tree."""
    with django_db_blocker.unblock():
        page = VisionStatementPage.objects.get(pk=shared_tree.live_page.pk)
        page.body = [("narrative", DRAFT)]
        page.save_revision(user=shared_tree.editor)
        source = Source.objects.get(pk=shared_tree.live_source.pk)
        source.title = "Unreviewed title"
        source.save_revision(user=shared_tree.editor)
        return SimpleNamespace(
            uncited=SourceFactory(title="An uncited report"),
            other=SectionPageFactory(
                parent=shared_tree.section.get_parent(), slug="other", title="Other"
            ),
        )


@pytest.fixture
def drafts(targets_in_module, live_page, live_source):
    """The live page and the live source, with the unreviewed drafts on top of them in memory
    as the editor left them."""
    live_page.body = [("narrative", DRAFT)]
    live_source.title = "Unreviewed title"
    return live_page, live_source


def bulk_url(app_label, model_name, action, *objects) -> str:
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    return reverse("wagtail_bulk_action", args=(app_label, model_name, action)) + "?" + ids


def api_action_url(page, action) -> str:
    return reverse("wagtailadmin_api:pages:action", args=[page.pk, action])


def future() -> str:
    return (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")


ROUTES = {
    "bulk publish pages": lambda c, x: c.post(
        bulk_url("wagtailcore", "page", "publish", x.page), {"include_descendants": "on"}
    ),
    "bulk unpublish pages": lambda c, x: c.post(
        bulk_url("wagtailcore", "page", "unpublish", x.page)
    ),
    "bulk delete pages": lambda c, x: c.post(bulk_url("wagtailcore", "page", "delete", x.page)),
    "bulk delete sources": lambda c, x: c.post(bulk_url("evidence", "source", "delete", x.uncited)),
    "copy and publish": lambda c, x: c.post(
        page_url("copy", x.page.pk),
        {
            "new_title": "Copied",
            "new_slug": "copied",
            "new_parent_page": str(x.other.pk),
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        },
    ),
    "move a live page": lambda c, x: c.post(page_url("move_confirm", x.page.pk, x.other.pk)),
    "revert to a revision and publish": lambda c, x: c.post(
        page_url("edit", x.page.pk),
        page_data_for(
            x.page, paragraphs=[DRAFT], revision=x.page.get_latest_revision().pk, **PUBLISH
        ),
    ),
    "schedule a page": lambda c, x: c.post(
        page_url("edit", x.page.pk),
        page_data_for(x.page, paragraphs=[DRAFT], go_live_at=future(), **PUBLISH),
    ),
    "create and publish a page": lambda c, x: c.post(
        add_page_url(x.other),
        page_data(
            title="Instant", slug="instant", vision_statement=x.page.vision_statement, **PUBLISH
        ),
    ),
    "make a page private": lambda c, x: c.post(
        page_url("set_privacy", x.page.pk), {"restriction_type": "login"}
    ),
    "publish a source revision": lambda c, x: c.post(
        source_url("revisions_revert", x.source.pk, x.source.latest_revision.pk),
        source_data_for(x.source, title="Unreviewed title", **PUBLISH),
    ),
    "schedule a source": lambda c, x: c.post(
        source_url("edit", x.source.pk),
        source_data_for(x.source, title="Unreviewed title", go_live_at=future(), **PUBLISH),
    ),
    "API publish": lambda c, x: c.post(api_action_url(x.page, "publish")),
    "API unpublish": lambda c, x: c.post(api_action_url(x.page, "unpublish")),
    "API delete": lambda c, x: c.post(api_action_url(x.page, "delete")),
    "API move": lambda c, x: c.post(
        api_action_url(x.page, "move"),
        {"destination_page_id": x.other.pk, "position": "last-child"},
        content_type="application/json",
    ),
    "API copy keeping it live": lambda c, x: c.post(
        api_action_url(x.page, "copy"),
        {"destination_page_id": x.other.pk, "slug": "api-copy", "keep_live": True},
        content_type="application/json",
    ),
}


@pytest.fixture
def targets(targets_in_module, drafts):
    page, source = drafts
    return SimpleNamespace(
        page=page,
        source=source,
        uncited=Source.objects.get(pk=targets_in_module.uncited.pk),
        other=Page.objects.get(pk=targets_in_module.other.pk).specific,
    )


@pytest.mark.parametrize("route", ROUTES)
def test_editor_cannot_change_what_is_public(route, targets, editor_client):
    before = public_snapshot()
    response = ROUTES[route](editor_client, targets)
    assert response.status_code < 500
    assert public_snapshot() == before


@pytest.mark.parametrize("route", ROUTES)
def test_reviewer_can(route, targets, reviewer_client):
    """The same requests do change what is public for a reviewer, so each route is real."""
    before = public_snapshot()
    ROUTES[route](reviewer_client, targets)
    assert public_snapshot() != before


class TestRequestingChangesNeedsAComment:
    @pytest.fixture
    def in_review(self, drafts, editor):
        page, _ = drafts
        page.get_workflow().start(page, editor)
        return page

    def rejected(self, page) -> bool:
        return WorkflowState.objects.for_instance(page).filter(status="needs_changes").exists()

    def test_modal_shows_why(self, in_review, reviewer_client):
        response = reviewer_client.post(
            workflow_action_url(in_review, "reject"),
            {"comment": "  "},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code == 200
        assert "Tell the editor what to change" in response.json()["html"]
        assert not self.rejected(in_review)

    def test_edit_view_refuses_it(self, in_review, reviewer_client):
        response = reviewer_client.post(
            page_url("edit", in_review.pk),
            page_data_for(
                in_review,
                **{"action-workflow-action": "true", "workflow-action-name": "reject"},
            ),
        )
        assert response.status_code == 400
        assert not self.rejected(in_review)

    def test_with_a_comment_the_editor_is_told(self, in_review, reviewer_client, mailoutbox):
        response = reviewer_client.post(
            workflow_action_url(in_review, "reject"), {"comment": "Cite the inspection report."}
        )
        assert response.status_code == 302
        assert self.rejected(in_review)
        to_editor = [m for m in mailoutbox if m.to == ["editor@example.org"]]
        assert to_editor and "Cite the inspection report." in to_editor[0].body
        assert Page.objects.get(pk=in_review.pk).live
