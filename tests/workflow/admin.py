"""Admin form data and URLs for the workflow tests, so each test reads as the action it takes.

The forms are posted as the admin's own JavaScript posts them: nested field names, StreamField
and Draftail contentstate values built by Wagtail's test helpers.
"""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from evidence.models import Source
from story.models import VisionStatementPage

# The buttons of the admin's edit forms: one of these keys is present in a POST.
SAVE_DRAFT: dict = {}
SUBMIT = {"action-submit": "Submit for review"}
PUBLISH = {"action-publish": "Publish"}


def page_data(*, title, slug, vision_statement, paragraphs=(), **extra) -> dict:
    """Vision statement page form data; `paragraphs` are stored rich text (database format)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "vision_statement": vision_statement.pk,
            "summary": "",
            "body": streamfield([("narrative", rich_text(html)) for html in paragraphs]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def page_data_for(page: VisionStatementPage, *, paragraphs=None, **extra) -> dict:
    """Edit data for an existing page: its current stored paragraphs unless replaced."""
    if paragraphs is None:
        paragraphs = [block.value.source for block in page.body if block.block_type == "narrative"]
    return page_data(
        title=page.title,
        slug=page.slug,
        vision_statement=page.vision_statement,
        paragraphs=paragraphs,
        **extra,
    )


def source_data(*, title, resource_type=Source.ResourceType.REPORT, **extra) -> dict:
    return {"title": title, "resource_type": resource_type, "slug": "", **extra}


def source_data_for(source: Source, **changes) -> dict:
    return source_data(
        title=changes.pop("title", source.title),
        resource_type=source.resource_type,
        slug=source.slug,
        year=source.year or "",
        **changes,
    )


def page_url(name: str, *args) -> str:
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def add_page_url(parent) -> str:
    return page_url("add", "story", "visionstatementpage", parent.pk)


def source_url(name: str, *args) -> str:
    return reverse(f"wagtailsnippets_evidence_source:{name}", args=args)


def workflow_action_url(obj, action: str) -> str:
    """The modal's action URL for the task now awaiting review on `obj`."""
    task_state = obj.current_workflow_task_state
    assert task_state is not None, f"{obj} is not awaiting review"
    if isinstance(obj, Source):
        return source_url("workflow_action", obj.pk, action, task_state.pk)
    return page_url("workflow_action", obj.pk, action, task_state.pk)
