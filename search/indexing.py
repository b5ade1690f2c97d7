"""Keep pages' indexed evidence names up to date.

Pages are indexed with the names of the evidence they cite (`cited_evidence_names`, from
`evidence.references.names_cited`). When a source or organisation is published (perhaps
renamed) or unpublished, the live pages citing it are reindexed.
"""

from wagtail.models import Page
from wagtail.search import index

from citations.models import Citation
from evidence.models import Organisation, Source


def reindex_citing_pages(sender, instance, **kwargs) -> None:
    """After a source or organisation is published or unpublished, reindex the live pages that
    cite it, so their indexed names follow what readers can see."""
    if not isinstance(instance, (Source, Organisation)):
        return
    page_ids = Citation.objects.filter(
        in_live_version=True, **{instance.linktype: instance}
    ).values("page_id")
    for page in Page.objects.filter(pk__in=page_ids).live().specific():
        index.insert_or_update_object(page)
