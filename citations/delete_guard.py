"""Which pages keep a source or organisation from being deleted, from the citation index.

Wagtail's reference index (`evidence.usage`) follows live content, and the public "Cited in"
lists rightly keep to public pages; deleting must count more: every live page whatever its
view restrictions (password, login, groups), and every page whose draft awaiting review cites
the evidence, since approving it would publish a citation of nothing. The citation index
(`citations.index`) records both versions, so this lives here, above `evidence` and `story`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast

from wagtail.models import Page, WorkflowState

from citations.models import Citation
from evidence.models import Organisation, Source


def pages_keeping(obj: Source | Organisation) -> list[tuple[Page, str]]:
    """(page, why) for each page that keeps `obj`, in tree order."""
    field = "source" if isinstance(obj, Source) else "organisation"
    citations = Citation.objects.filter(**{field: obj})
    in_review = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    live_ids = set(
        citations.filter(in_live_version=True, page__live=True).values_list("page_id", flat=True)
    )
    review_ids = set(
        citations.filter(in_latest_version=True, page_id__in=in_review).values_list(
            "page_id", flat=True
        )
    )
    pages = Page.objects.filter(Q(pk__in=live_ids) | Q(pk__in=review_ids)).order_by("path")
    public_ids = set(pages.public().values_list("pk", flat=True))
    kept = []
    for page in pages:
        reasons = []
        if page.pk in live_ids:
            reasons.append("live" if page.pk in public_ids else "live, restricted")
        if page.pk in review_ids:
            reasons.append("draft awaiting review")
        kept.append((page, " and ".join(reasons)))
    return kept
