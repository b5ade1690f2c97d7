"""Search's background work, as tasks: in the request with the immediate backend (development,
tests), in the task worker when production queues them (README "Background tasks"). The task
that moves the content generation on once the index has followed a change is
`search.generation.index_followed`.
"""

from django_tasks import task

from wagtail.models import Page
from wagtail.search import index

from citations.models import Citation


@task()
def reindex_pages_citing(linktype: str, object_id: int) -> int:
    """Reindex the live pages citing one source or organisation (`linktype` "source" or
    "organisation"), so their indexed evidence names follow what readers can now see."""
    page_ids = Citation.objects.filter(
        in_live_version=True, **{f"{linktype}_id": object_id}
    ).values("page_id")
    pages = Page.objects.filter(pk__in=page_ids).live().specific()
    for page in pages:
        index.insert_or_update_object(page)
    return len(pages)
