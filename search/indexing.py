"""Keep pages' indexed evidence names up to date.

Pages are indexed with the names of the evidence they cite (`cited_evidence_names`, from
`evidence.references.names_cited`). When a source or organisation is published (perhaps
renamed) or unpublished, the live pages citing it are reindexed, by a task: a source cited by
hundreds of pages would otherwise hold the reviewer's request while each is reindexed.
"""

from evidence.models import Organisation, Source
from search.tasks import reindex_pages_citing


def reindex_citing_pages(sender, instance, **kwargs) -> None:
    """After a source or organisation is published or unpublished, reindex the live pages that
    cite it (`search.tasks.reindex_pages_citing`)."""
    if isinstance(instance, (Source, Organisation)):
        reindex_pages_citing.enqueue(instance.linktype, instance.pk)
