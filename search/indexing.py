"""Keep the search index up to date: pages' indexed evidence names, and no update for a draft.

Pages are indexed with the names of the evidence they cite (`cited_evidence_names`, from
`evidence.references.names_cited`). When a source or organisation is published (perhaps
renamed) or unpublished, the live pages citing it are reindexed, by a task: a source cited by
hundreds of pages would otherwise hold the reviewer's request while each is reindexed.
"""

import contextlib
from contextvars import ContextVar

from modelsearch import index
from modelsearch.tasks import insert_or_update_object_task

from django.db.models.signals import post_delete, post_save

from evidence.draft_saves import only_draft_fields
from evidence.models import Organisation, Source
from search.tasks import reindex_pages_citing

_paused: ContextVar[bool] = ContextVar("search_index_updates_paused", default=False)


@contextlib.contextmanager
def updates_paused():
    """Saves and deletes in the block queue no index update. Used by the tests that never search
    (tests/conftest.py), where indexing each page was a seventh of the suite's time; a bulk load
    could use it too, then rebuild the index once (`manage.py update_index`)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def reindex_citing_pages(sender, instance, **kwargs) -> None:
    """After a source or organisation is published or unpublished, reindex the live pages that
    cite it (`search.tasks.reindex_pages_citing`)."""
    if isinstance(instance, (Source, Organisation)) and not _paused.get():
        reindex_pages_citing.enqueue(instance.linktype, instance.pk)


def index_after_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Modelsearch's own handler, except for a save touching only draft fields (an editor
    saving a draft, a page or snippet locked): the live content indexed is unchanged, so no
    index update is queued for the task worker."""
    if raw or _paused.get() or only_draft_fields(update_fields):
        return
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def unindex_after_delete(sender, instance, **kwargs) -> None:
    if not _paused.get():
        index.remove_object(instance)


def connect_signals() -> None:
    """For the indexed models that leave their updates to us (`search_auto_update = False`:
    the site's page types, sources, organisations, indicators)."""
    for model in index.get_indexed_models():
        if getattr(model, "search_auto_update", True) is False:
            uid = f"search_index_{model._meta.label_lower}"
            post_save.connect(index_after_save, sender=model, dispatch_uid=f"{uid}_saved")
            post_delete.connect(unindex_after_delete, sender=model, dispatch_uid=f"{uid}_deleted")
