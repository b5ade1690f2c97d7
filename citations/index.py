"""Keeps the `Citation` and `PageEvidenceSummary` tables in step with every page's content.

Wagtail's reference index records live content only, yet reviewers check evidence before they
approve, that is, in drafts. So each time a page gets a new revision, is published or is
unpublished, its live version and its latest version are scanned with `evidence.references`
(Wagtail's `extract_references`, the reference index's own mechanism: rich text links and
chooser blocks) and the page's rows are replaced. Deleting a page deletes its rows through the
foreign key.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.fields import StreamField
from wagtail.models import Page, Revision
from wagtail.signals import page_published, page_unpublished

from citations.models import Citation, PageEvidenceSummary
from evidence.references import references_in


def iter_citations(page: Page) -> Iterable[tuple[str, int, str]]:
    """(foreign key name, id, location) for every source or organisation `page` cites."""
    for reference in references_in(page):
        block = reference.model_path.split(".")[0]
        location = f"{reference.field_name} › {block}" if block else reference.field_name
        yield f"{reference.linktype}_id", reference.object_id, location


def count_learning_blocks(page: Page) -> int:
    return sum(
        1
        for field in page._meta.get_fields()
        if isinstance(field, StreamField)
        for raw in field.value_from_object(page).raw_data
        if raw.get("type") == "learning"
    )


def latest_version(page: Page) -> Page:
    """The newest revision as a page object, or the page itself if it has none."""
    revision = page.revisions.order_by("-created_at", "-pk").first()
    if revision is None or revision.pk == page.live_revision_id:
        return page
    return revision.as_object()


@transaction.atomic
def refresh_page(page: Page) -> None:
    page = page.specific
    latest = latest_version(page)
    flags: dict[tuple[str, int, str], dict[str, bool]] = {}
    if page.live:
        for citation in iter_citations(page):
            flags.setdefault(citation, {})["in_live_version"] = True
    latest_citations = list(iter_citations(latest))
    for citation in latest_citations:
        flags.setdefault(citation, {})["in_latest_version"] = True

    vision_statement_id = getattr(latest, "vision_statement_id", None)
    Citation.objects.filter(page=page).delete()
    Citation.objects.bulk_create(
        Citation(
            page_id=page.pk,
            vision_statement_id=vision_statement_id,
            location=location,
            **{key: object_id},
            **versions,
        )
        for (key, object_id, location), versions in flags.items()
    )
    PageEvidenceSummary.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "vision_statement_id": vision_statement_id,
            "learning_blocks": count_learning_blocks(latest),
            "cited_sources": len(
                {object_id for key, object_id, _ in latest_citations if key == "source_id"}
            ),
        },
    )


def refresh_all() -> int:
    pages = Page.objects.filter(depth__gt=1).specific()
    for page in pages:
        refresh_page(page)
    return len(pages)


def on_revision_saved(sender, instance: Revision, created: bool, raw: bool = False, **kwargs):
    page_type = ContentType.objects.get_for_model(Page)
    if created and not raw and instance.base_content_type_id == page_type.pk:
        page = Page.objects.filter(pk=instance.object_id).first()
        if page is not None:
            refresh_page(page)


def on_page_published_or_unpublished(sender, instance: Page, **kwargs):
    refresh_page(instance)


def connect_signals() -> None:
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid="citation_index")
    page_published.connect(on_page_published_or_unpublished, dispatch_uid="citation_index")
    page_unpublished.connect(on_page_published_or_unpublished, dispatch_uid="citation_index")
