"""What the editor and the reviewer are told in the editor about a review.

A request for changes is recorded on the rejected task state; Wagtail shows it in the status
side panel's timeline, three clicks deep. `changes_requested_notice` turns it into the banner
at the top of the edit view (pages and snippets alike), and the other notices say which cited
evidence holds a page back (`story.review_guard`).
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import TaskState, WorkflowState

from story.review_guard import PendingEvidence, describe


def rejected_task_state(obj) -> TaskState | None:
    """The task state whose reviewer asked for the changes `obj` now awaits, if any."""
    state = getattr(obj, "current_workflow_state", None)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return task_state.specific


def reviewer_name(user) -> str:
    if user is None:
        return "a reviewer"
    return user.get_full_name().strip() or user.get_username()


def changes_requested_notice(obj) -> SafeString | None:
    """“Changes requested by <name> on <date>: <comment>”, or None when none were."""
    task_state = rejected_task_state(obj)
    if task_state is None:
        return None
    when = date_format(localtime(task_state.finished_at), "j F Y, H:i")
    comment = task_state.get_comment()
    lead = format_html(
        "<strong>Changes requested</strong> by {} on {}",
        reviewer_name(task_state.finished_by),
        when,
    )
    if comment:
        return format_html(
            "{}. Make the changes, then submit for review again.<br>“{}”", lead, comment
        )
    return format_html("{}. Make the changes, then submit for review again.", lead)


def approval_refused(pending: list[PendingEvidence]) -> SafeString:
    return describe(
        pending,
        "Not approved: this draft cites evidence that is not live yet, so approving it would "
        "publish a broken citation. Review and publish that evidence first, then approve:",
    )


def publish_refused(pending: list[PendingEvidence]) -> SafeString:
    return describe(
        pending,
        "Not published: this version cites evidence that is not live yet. Your changes are "
        "saved as a draft. Review and publish that evidence first:",
    )


def submitted_with_pending(pending: list[PendingEvidence]) -> SafeString:
    return describe(
        pending,
        "Submitted, but this draft cites evidence that is not live yet: the reviewer must "
        "approve it before the page can be approved. Submit any that is not yet awaiting review:",
    )


def draft_cites_pending(pending: list[PendingEvidence]) -> SafeString:
    return describe(
        pending,
        "This draft cites evidence that is not live yet, so it cannot be approved or "
        "published until that evidence is:",
    )


REFUSED = "approval-refused"  # in the edit URL after a refusal: say so instead of warning


def edit_url(obj, user, *, refused: bool = False) -> str:
    url = AdminURLFinder(user).get_edit_url(obj) or reverse("wagtailadmin_home")
    return f"{url}?{REFUSED}=1" if refused else url
