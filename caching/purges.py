"""Purge, once a change is committed, every URL that showed what changed before it or shows it
after: pages published, unpublished, moved or deleted; sources and organisations published,
unpublished or deleted; indicators published, unpublished or deleted; vision statements, view
restrictions, sites and site settings saved; images and documents changed or deleted (what
links them, from Wagtail's reference index).

Before the change (`pre_save`, `pre_page_move`, `pre_delete`) the URLs showing the content as
the database still has it are gathered (`caching.shown.Shown`); after the commit, those
showing it now are added and the whole batch goes to Wagtail's frontend cache, whose backends
are the app's page cache, and Varnish or a CDN when configured (`WAGTAILFRONTENDCACHE`). After
the commit, not before: a reader asking in between would otherwise put the old page back.

Saves that readers cannot see (a draft, a lock) purge nothing; with no frontend cache
configured (tests, unless they ask) nothing is gathered at all.

The batch is sent by Wagtail's purge task: in the request with the immediate task backend, by
the task worker with the database one (production). It is queued after the commit, so the one
worker runs it after the reference index updates the change queued while it was written: a
purge sent before the index followed would let a reader's request cache a stale "Cited in"
list again (README "Background tasks").
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from caching.shown import Shown
from evidence.draft_saves import DRAFT_ONLY_FIELDS  # the saves readers cannot see, one list
from evidence.models import Organisation, Source
from indicators.models import Indicator
from sitewide.models import SiteSettings
from story.models import StoryIndexPage, VisionStatement

BEFORE = "_sitewide_shown_before_change"
#: Pages being moved, by id, between `pre_page_move` and `post_page_move` (the signals carry
#: different instances).
moving = threading.local()


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


#: Fields Wagtail saves by themselves on an image or a document (a file's size and hash, worked
#: out when first needed): readers see no difference.
FILE_BOOKKEEPING = frozenset({"file_size", "file_hash"})
UNSEEN_FIELDS = DRAFT_ONLY_FIELDS | FILE_BOOKKEEPING


def unseen(raw: bool, update_fields) -> bool:
    """True for a save readers cannot see, or when there is no cache to purge."""
    draft_only = bool(update_fields) and UNSEEN_FIELDS.issuperset(update_fields)
    return raw or draft_only or not enabled()


def purge_after_commit(shown: Shown, gather_after=None) -> None:
    """Once committed: add what shows the content now (`gather_after(shown)`), then purge."""

    def purge():
        if gather_after is not None:
            gather_after(shown)
        shown.purge()

    transaction.on_commit(purge, robust=True)


# Pages --------------------------------------------------------------------------------------


def gather_page(shown: Shown, pk: int, *, subtree: bool, everything: bool) -> None:
    if everything:
        shown.every_public_url()
    shown.pages([pk], subtree=subtree)


def page_before_save(sender, instance: Page, raw=False, update_fields=None, **kwargs):
    if unseen(raw, update_fields) or instance.pk is None:
        return
    old = Page.objects.filter(pk=instance.pk).values("title", "slug", "live", "numchild").first()
    if old is None:
        return
    changed = any(old[field] != getattr(instance, field) for field in ("title", "slug", "live"))
    # Every page links to the Story of Progress index, found by type: its URL or going live.
    everything = isinstance(instance, StoryIndexPage) and (
        old["slug"] != instance.slug or old["live"] != instance.live
    )
    subtree = changed and old["numchild"] > 0
    shown = Shown()
    gather_page(shown, instance.pk, subtree=subtree, everything=everything)
    instance.__dict__[BEFORE] = (shown, subtree, everything)


def page_saved(sender, instance: Page, created=False, raw=False, update_fields=None, **kwargs):
    if unseen(raw, update_fields):
        return
    shown, subtree, everything = instance.__dict__.pop(BEFORE, (Shown(), False, False))
    everything = everything or (created and isinstance(instance, StoryIndexPage))
    pk = instance.pk
    purge_after_commit(
        shown, lambda shown: gather_page(shown, pk, subtree=subtree, everything=everything)
    )


def page_before_move(sender, instance: Page, **kwargs):
    if not enabled():
        return
    shown = Shown()
    everything = issubclass(sender, StoryIndexPage)
    gather_page(shown, instance.pk, subtree=True, everything=everything)
    pending = moving.__dict__.setdefault("pages", {})
    pending[instance.pk] = (shown, everything)


def page_moved(sender, instance: Page, **kwargs):
    pending = moving.__dict__.setdefault("pages", {})
    if instance.pk not in pending:
        return
    shown, everything = pending.pop(instance.pk)
    pk = instance.pk
    purge_after_commit(
        shown, lambda shown: gather_page(shown, pk, subtree=True, everything=everything)
    )


def page_before_delete(sender, instance: Page, **kwargs):
    """Each page of a deleted subtree comes here (Django's collector), before any is deleted."""
    if not enabled():
        return
    shown = Shown()
    gather_page(shown, instance.pk, subtree=False, everything=isinstance(instance, StoryIndexPage))
    instance.__dict__[BEFORE] = shown


def page_deleted(sender, instance: Page, **kwargs):
    shown = instance.__dict__.pop(BEFORE, None)
    if shown is not None:
        purge_after_commit(shown)


def citations_refreshed(sender, instance: Page, **kwargs):
    """After a publish or unpublish the citation index (`citations.index`) is rewritten, later
    than the page's save; the library's vision statement facets read it, so they are purged
    again once it has been (this receiver runs after the citation index's)."""
    if enabled():
        purge_after_commit(Shown(), lambda shown: shown.paths("library:index"))


def view_restriction_changed(sender, instance: PageViewRestriction, raw=False, **kwargs):
    """A restriction added or removed makes a subtree private or public: its pages, and every
    surface that lists them or their citations."""
    if raw or not enabled():
        return
    page_id = instance.page_id
    purge_after_commit(Shown(), lambda shown: shown.pages([page_id], subtree=True))


# Sources, organisations, vision statements, images and documents ------------------------


#: What shows each kind of content (ids). Images and documents are added by `connect_signals`
#: (their models are swappable): what links them, from the reference index, which still has the
#: links while one is deleted (a source's document is then set to nothing by an UPDATE, which
#: sends no signal), so gathering before the change finds them.
GATHER = {
    Source: Shown.sources,
    Organisation: Shown.organisations,
    Indicator: Shown.indicators,
    VisionStatement: Shown.vision_statements,
}


def snippet_before_change(sender, instance, raw=False, update_fields=None, **kwargs):
    if (kwargs.get("signal") is pre_save and unseen(raw, update_fields)) or instance.pk is None:
        return
    if not enabled():
        return
    shown = Shown()
    GATHER[sender](shown, [instance.pk])
    instance.__dict__[BEFORE] = shown


def snippet_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if kwargs.get("signal") is post_save and unseen(raw, update_fields):
        return
    if not enabled():
        return
    shown = instance.__dict__.pop(BEFORE, None) or Shown()
    pk, gather = instance.pk, GATHER[sender]
    purge_after_commit(shown, lambda shown: gather(shown, [pk]))


def makers_changed(sender, instance, action: str, pk_set=None, reverse=False, **kwargs):
    """A source's organisations are written after the source itself (modelcluster commits them
    after `post_save`): the organisations added or removed list it, and the source names them."""
    if not enabled() or not action.startswith("post_") or reverse:
        return
    pk, makers = instance.pk, set(pk_set or ())

    def gather(shown: Shown) -> None:
        shown.sources([pk])
        shown.batch.add_urls(
            shown.evidence_urls(Organisation.objects.live().filter(pk__in=makers).only("slug"))
        )

    purge_after_commit(Shown(), gather)


# The site as a whole ---------------------------------------------------------------------------


def site_changed(sender, instance, raw=False, **kwargs):
    """Site settings (name, partners, footer) and sites show on every page."""
    if raw or not enabled():
        return
    purge_after_commit(Shown(), Shown.every_public_url)


def connect_signals() -> None:
    for model in {Page, *get_page_models()}:
        uid = f"page_cache_{model._meta.label_lower}"
        pre_save.connect(page_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(page_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(page_before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(page_deleted, sender=model, dispatch_uid=uid)
    page_published.connect(citations_refreshed, dispatch_uid="page_cache")
    page_unpublished.connect(citations_refreshed, dispatch_uid="page_cache")
    pre_page_move.connect(page_before_move, dispatch_uid="page_cache")
    post_page_move.connect(page_moved, dispatch_uid="page_cache")
    for model in (PageViewRestriction,):
        post_save.connect(view_restriction_changed, sender=model, dispatch_uid="page_cache")
        post_delete.connect(view_restriction_changed, sender=model, dispatch_uid="page_cache")
    for model in (get_image_model(), get_document_model()):
        GATHER[model] = lambda shown, ids, model=model: shown.showing(model, ids)
    for model in GATHER:
        uid = f"page_cache_{model._meta.label_lower}"
        pre_save.connect(snippet_before_change, sender=model, dispatch_uid=uid)
        post_save.connect(snippet_changed, sender=model, dispatch_uid=uid)
        pre_delete.connect(snippet_before_change, sender=model, dispatch_uid=uid)
        post_delete.connect(snippet_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        makers_changed, sender=Source.organisations.through, dispatch_uid="page_cache"
    )
    # Partners are written with their settings, in the settings view's transaction.
    for model in (Site, SiteSettings):
        uid = f"page_cache_{model._meta.label_lower}"
        post_save.connect(site_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(site_changed, sender=model, dispatch_uid=uid)
