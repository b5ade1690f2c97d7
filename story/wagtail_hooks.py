from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from story import review_notices
from story.models import VisionStatement
from story.review_guard import latest_content, pending_evidence


class VisionStatementViewSet(SnippetViewSet):
    model = VisionStatement
    icon = "list-ol"
    menu_label = "Vision statements"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["number", "short_name", "foundation"]
    list_filter = ["foundation"]
    search_fields = ["short_name", "full_wording"]
    ordering = ["number"]


register_snippet(VisionStatementViewSet)


# Review: evidence must be live before what cites it goes live (`story.review_guard`), and a
# request for changes is shown where the editor works (`story.review_notices`).


def _is_approve(request) -> bool:
    return (
        request.method == "POST"
        and bool(request.POST.get("action-workflow-action"))
        and request.POST.get("workflow-action-name") == "approve"
    )


def _back_to_editor(request, obj, *, refused: bool = False):
    return redirect(review_notices.edit_url(obj, request.user, refused=refused))


@hooks.register("before_edit_page")
def guard_approval_and_show_review_notices(request, page):
    """On opening: the reviewer's request for changes, and what evidence holds the draft back.
    On approving from the editor: refuse while the draft cites evidence that is not live."""
    if _is_approve(request):
        if pending_evidence(latest_content(page)):
            return _back_to_editor(request, page, refused=True)
        return None
    if request.method == "GET":
        show_review_notices(request, page)
        pending = pending_evidence(latest_content(page))
        if pending and request.GET.get(review_notices.REFUSED):
            messages.error(request, review_notices.approval_refused(pending))
        elif pending:
            messages.warning(request, review_notices.draft_cites_pending(pending))
    return None


@hooks.register("before_edit_snippet")
def show_snippet_review_notices(request, instance):
    if request.method == "GET":
        show_review_notices(request, instance)


def show_review_notices(request, obj) -> None:
    notice = review_notices.changes_requested_notice(obj)
    if notice:
        messages.warning(request, notice)


@hooks.register("after_edit_page")
def tell_about_pending_evidence_after_editing(request, page):
    """Approving while adding a citation of a draft source in the same save is refused by
    the task itself (`ReviewTask.on_action`); say so rather than "updated". On submitting,
    warn the editor: submission stays possible, the reviewer approves the evidence first."""
    if (
        _is_approve(request)
        and page.current_workflow_task_state is not None
        and pending_evidence(latest_content(page))
    ):
        return _back_to_editor(request, page, refused=True)
    if request.method == "POST" and request.POST.get("action-submit"):
        pending = pending_evidence(page)
        if pending:
            messages.warning(request, review_notices.submitted_with_pending(pending))
    return None


@hooks.register("after_create_page")
def tell_about_pending_evidence_after_creating(request, page):
    if request.method == "POST" and request.POST.get("action-submit"):
        pending = pending_evidence(page)
        if pending:
            messages.warning(request, review_notices.submitted_with_pending(pending))


@hooks.register("before_publish_page")
def refuse_publishing_pending_evidence(request, page):
    """ "Publish" (and scheduling a publish) in the page editor, for anyone who may publish."""
    pending = pending_evidence(page)
    if pending:
        messages.error(request, review_notices.publish_refused(pending))
        return _back_to_editor(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_pending_evidence(request, action_type, objects, action_class):
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    pages = list(objects)
    if request.POST.get("include_descendants"):
        for page in objects:
            pages += page.get_descendants().not_live().specific()
    held = [
        (page, pending) for page in pages if (pending := pending_evidence(latest_content(page)))
    ]
    if not held:
        return None
    for page, pending in held:
        messages.error(
            request,
            format_html(
                "“{}”: {}", page.get_admin_display_title(), review_notices.publish_refused(pending)
            ),
        )
    # Back where the bulk action was started, as Wagtail's own bulk actions go: only to this host
    # (a `next` naming another site is ignored, not followed).
    back = get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    return redirect(back)
