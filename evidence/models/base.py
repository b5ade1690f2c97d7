"""What sources and organisations share: review before publishing, a public page by slug."""

import functools
import re

from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify

from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from evidence.draft_saves import DraftSavesLeaveReferenceIndex
from evidence.forms import CleanTextAdminModelForm

#: What `<slug:slug>` in a URL pattern accepts, and so what `reverse()` would put in unchanged.
URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_PLACEHOLDER = "--slug--"


@functools.lru_cache(maxsize=32)
def _slug_url_pattern(url_name: str, urlconf, script_prefix: str) -> str:
    """`url_name` reversed once, with a placeholder for the slug (per URL configuration and
    script prefix, which is all `reverse()` reads besides its arguments)."""
    return reverse(url_name, urlconf=urlconf, kwargs={"slug": SLUG_PLACEHOLDER})


def slug_url(url_name: str, slug: str) -> str:
    """`reverse(url_name, kwargs={"slug": slug})`, without resolving the pattern again for each
    object: a page citing 500 sources links each of them two or three times."""
    if not URL_SLUG.fullmatch(slug):  # as reverse() would: NoReverseMatch for a malformed slug
        return reverse(url_name, kwargs={"slug": slug})
    pattern = _slug_url_pattern(url_name, get_urlconf(), get_script_prefix())
    return pattern.replace(SLUG_PLACEHOLDER, slug, 1)


class EvidenceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


def unique_slug(instance: models.Model, value: str) -> str:
    """A slug from `value` that no other row of the same model uses."""
    base = slugify(value)[:80] or "item"
    candidate, counter = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


class EvidenceSnippet(
    DraftSavesLeaveReferenceIndex,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """What sources and organisations share: review before publishing, a public page by slug
    (free to change, because rich text stores the id), and a preview of that page."""

    public_url_name: str
    preview_template: str
    linktype: str  # the rich text link type that cites it: `<a linktype="source" id="12">`

    objects = EvidenceQuerySet.as_manager()
    base_form_class = CleanTextAdminModelForm  # pasted control characters dropped
    # Indexed by `search.indexing`, which skips saves of a draft: they change nothing indexed.
    search_auto_update = False

    class Meta:
        abstract = True

    def slug_base(self) -> str:
        raise NotImplementedError

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.slug_base())
        super().save(*args, **kwargs)

    @property
    def public_url(self) -> str:
        return slug_url(self.public_url_name, self.slug)

    def get_absolute_url(self) -> str:
        return self.public_url

    def absolute_public_url(self, root_url: str) -> str:
        """The public URL on the site at `root_url`; "" for an unsaved object (a preview)."""
        return f"{root_url}{self.public_url}" if self.slug else ""

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), **self.public_context()}

    def public_context(self) -> dict:
        """The template context of the public page (and of its preview)."""
        raise NotImplementedError
