"""Formatted APA references shared by every process through the "references" cache.

`evidence.bibliography` formats a reference once (citeproc-py, 8-11 ms) and keeps its text
under a digest of what it is made of; this is where: Redis in production, so every worker on
every host reads what any of them formatted, in one round trip a page or an export; a cache of
this process's own without Redis. A cache of its own, not the default one: thousands of
references must not push pages and searches out of a local memory cache, and they are kept far
longer (`REFERENCES_CACHE_SECONDS`), since a key's text never changes (a source edited has
another key). Losing them costs formatting again, not data.

Formatted ahead of readers: when a source, an organisation or who made a source changes, the
task worker formats the references that changed (`prepare_references`: a renamed organisation
changes the reference of every source it made, which the first page or export to show them
would otherwise format while its reader waits); `manage.py prepare_references` formats every
live source's once a deployment starts with an empty Redis.
"""

from django_tasks import task

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from evidence.draft_saves import only_draft_fields
from evidence.models import Organisation, Source, citations_of

ALIAS = "references"


def references_cache():
    """The "references" cache, or the default one where the settings name no such cache (a
    deployment's own `CACHES`, a test's): read on each call, as settings may change."""
    return caches[ALIAS if ALIAS in settings.CACHES else DEFAULT_CACHE_ALIAS]


class SharedReferences:
    """`evidence.bibliography.ReferenceStore` over `references_cache()`."""

    def get_many(self, keys: list[str]) -> dict[str, str]:
        return references_cache().get_many(keys)

    def set_many(self, texts: dict[str, str]) -> None:
        references_cache().set_many(texts)


@task(priority=-20)  # after the purges and index updates readers are waiting for
def prepare_references(source_ids: list[int], organisation_ids: list[int]) -> int:
    """Read or format, and share, the references of these sources and of the sources these
    organisations made, the live ones; how many sources that was."""
    made = Source.objects.filter(organisations__in=organisation_ids).values_list("pk", flat=True)
    ids = set(source_ids) | set(made) if organisation_ids else set(source_ids)
    rows = list(Source.objects.live().filter(pk__in=ids).rows().values())
    citations_of(rows)
    return len(rows)


def _prepare_after_commit(source_ids=(), organisation_ids=()) -> None:
    transaction.on_commit(
        lambda: prepare_references.enqueue(list(source_ids), list(organisation_ids)),
        robust=True,
    )


def source_saved(instance, update_fields=None, **kwargs) -> None:
    if not only_draft_fields(update_fields):  # a draft changes no reference readers see
        _prepare_after_commit(source_ids=[instance.pk])


def organisation_saved(instance, update_fields=None, **kwargs) -> None:
    if not only_draft_fields(update_fields):
        _prepare_after_commit(organisation_ids=[instance.pk])


def makers_changed(instance, action, reverse, pk_set, **kwargs) -> None:
    """Who made a source changed: from the source's side, or from an organisation's."""
    if action in ("post_add", "post_remove", "post_clear"):
        if reverse:  # `instance` is the organisation; after a clear `pk_set` is None
            _prepare_after_commit(organisation_ids=[instance.pk])
        else:
            _prepare_after_commit(source_ids=[instance.pk])


def connect_signals() -> None:
    post_save.connect(source_saved, sender=Source, dispatch_uid="references_source_saved")
    post_save.connect(
        organisation_saved, sender=Organisation, dispatch_uid="references_organisation_saved"
    )
    m2m_changed.connect(
        makers_changed,
        sender=Source.organisations.through,
        dispatch_uid="references_source_organisations",
    )
