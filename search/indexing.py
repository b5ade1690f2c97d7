"""Index pages with the names of the evidence they cite, and keep that up to date.

A reader searching for "Care Inspectorate" should find the pages that cite it, even where the
linked words are "an inspection report". Pages store only ids for inline citations, so at index
time the ids are collected from the stored content (no queries) and the names loaded in two.
When a source or organisation is published (perhaps renamed) or unpublished, the pages citing it
are reindexed.
"""

from collections.abc import Iterable

from wagtail.models import Page
from wagtail.search import index

from evidence.citations import iter_evidence_ids


def evidence_names(items: Iterable[str | tuple[str, int]]) -> str:
    """Titles and names of the live sources and organisations cited in `items`."""
    from evidence.models import Organisation, Source

    ids: dict[str, set[int]] = {"source": set(), "organisation": set()}
    for item in items:
        pairs = [item] if isinstance(item, tuple) else iter_evidence_ids(item)
        for linktype, object_id in pairs:
            ids[linktype].add(object_id)
    names: list[str] = []
    if ids["source"]:
        names += Source.objects.live().filter(pk__in=ids["source"]).values_list("title", flat=True)
    if ids["organisation"]:
        for name, short_name in (
            Organisation.objects.live()
            .filter(pk__in=ids["organisation"])
            .values_list("name", "short_name")
        ):
            names += [name, short_name]
    return " ".join(name for name in names if name)


def reindex_citing_pages(sender, instance, **kwargs) -> None:
    """After a source or organisation is published or unpublished, reindex the live pages that
    cite it, so their indexed names follow what readers can see."""
    from evidence.models import Citation, Organisation, Source

    if not isinstance(instance, (Source, Organisation)):
        return
    key = "source" if isinstance(instance, Source) else "organisation"
    page_ids = Citation.objects.filter(in_live_version=True, **{key: instance}).values("page_id")
    for page in Page.objects.filter(pk__in=page_ids).live().specific():
        index.insert_or_update_object(page)
