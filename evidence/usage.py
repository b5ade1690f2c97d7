"""Which live pages cite a source or organisation, from Wagtail's reference index.

The index is updated when a page is published, so it follows live content; pages a reader may
not see (drafts, unpublished, restricted or withdrawn pages) are left out by the one rule,
`evidence.public_pages`. A fixed number of queries whatever the number of objects asked about.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast

from wagtail.models import Page, ReferenceIndex

from evidence.public_pages import public_pages


def live_pages_citing(*objects) -> list[Page]:
    """Live, public pages that reference any of `objects`, in tree order, as specific pages."""
    if not objects:
        return []
    targets = reduce(
        or_,
        (
            Q(to_content_type=ContentType.objects.get_for_model(obj), to_object_id=str(obj.pk))
            for obj in objects
        ),
    )
    page_ids = (
        ReferenceIndex.objects.filter(
            targets, base_content_type=ContentType.objects.get_for_model(Page)
        )
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return list(public_pages().filter(pk__in=page_ids).order_by("path").specific())
