"""Cite this version: every publication of a Story of Progress page at a permanent URL.

A page's versions are its publications, counted from 1 in the order they happened: Wagtail
logs each publish (`PageLogEntry`, action "wagtail.publish") with the revision it made live, so
`<page URL>versions/<n>/` is the revision the n-th publication made live, whatever came after.
Only publications count (never a draft), and only while the page is public under the one rule
(`evidence.public_pages`): a restricted, unpublished or withdrawn page has no versions to show,
and a deleted one answers 410 Gone (`sitewide` keeps the paths of deleted pages).

A version renders from its revision, read-only, with the page's own template: its citations
resolve as they do on the page now (to the sources' current pages; a source deleted or
unpublished since keeps its words, without a link). The response says `noindex` and is not kept
by shared caches: it is rarely read, and must disappear at once if the page is restricted.
"""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property

from wagtail.models import PageLogEntry
from wagtail.url_routing import RouteResult

from evidence.public_pages import public_pages
from evidence.text import ascii_int
from story import generation

VERSIONS_SEGMENT = "versions"
PUBLISH = "wagtail.publish"


@dataclass(frozen=True)
class Version:
    number: int
    revision_id: int | None  # the revision may since have been removed (purge_revisions)
    published_at: datetime.datetime
    page_url: str  # the page's URL, relative to the site

    @property
    def url(self) -> str:
        return f"{self.page_url}{VERSIONS_SEGMENT}/{self.number}/"

    @property
    def published_on(self) -> datetime.date:
        return timezone.localdate(self.published_at)


def published_versions(page, page_url: str) -> list[Version]:
    """The page's publications, oldest first (one query)."""
    entries = (
        PageLogEntry.objects.filter(page_id=page.pk, action=PUBLISH)
        .order_by("timestamp", "pk")
        .values_list("revision_id", "timestamp")
    )
    return [
        Version(number, revision_id, timestamp, page_url)
        for number, (revision_id, timestamp) in enumerate(entries, start=1)
    ]


class ReadingVersion:
    """What a template needs while a reader reads version `version` of `page` (or the page)."""

    def __init__(self, page, request, number: int | None = None):
        self.page = page
        self.request = request
        self.number = number

    @cached_property
    def page_url(self) -> str:
        return self.page.get_url(self.request) or ""

    @cached_property
    def all(self) -> list[Version]:
        """Kept in the shared cache until the content changes (a publish adds one)."""
        if not self.page.pk:
            return []
        return generation.remembered(
            "versions",
            lambda: published_versions(self.page, self.page_url),
            self.page.pk,
            self.page_url,
        )

    @property
    def latest(self) -> Version | None:
        return self.all[-1] if self.all else None

    @property
    def reading(self) -> Version | None:
        """The version being read: the one asked for, else the latest (the page as it is)."""
        if self.number is None:
            return self.latest
        return self.all[self.number - 1] if 0 < self.number <= len(self.all) else None

    @property
    def is_old(self) -> bool:
        return self.number is not None

    def newest_first(self) -> list[Version]:
        return list(reversed(self.all))


class VersionedPage:
    """Page types whose publications readers can read and cite: `<page URL>versions/<n>/`."""

    def route(self, request, path_components):
        if len(path_components) == 2 and path_components[0] == VERSIONS_SEGMENT:
            number = ascii_int(path_components[1])
            if number is None or number < 1 or not self.live:
                raise Http404("No such version")
            if not public_pages().filter(pk=self.pk).exists():
                raise Http404("No such version")  # before Wagtail's password form, on purpose
            return RouteResult(self, kwargs={"version_number": number})
        return super().route(request, path_components)

    def serve(self, request, *args, version_number: int | None = None, **kwargs):
        if version_number is None:
            return super().serve(request, *args, **kwargs)
        return self.serve_version(request, version_number)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Set by serve_version while an old version renders; the page as it is otherwise
        # (previews included).
        context["versions"] = getattr(request, "page_versions", None) or ReadingVersion(
            self, request
        )
        return context

    def serve_version(self, request, number: int):
        reading = ReadingVersion(self, request, number)
        version = reading.reading
        if version is None:
            raise Http404("This page has no version with that number")
        revision = (
            self.revisions.filter(pk=version.revision_id).first()
            if version.revision_id is not None
            else None
        )
        if revision is None:
            response = TemplateResponse(
                request,
                "410.html",
                {"what": f"Version {number} of “{self.title}” is no longer kept."},
                status=410,
            )
        else:
            old = revision.as_object()
            request.page_versions = reading
            response = super(VersionedPage, old).serve(request)
        response["X-Robots-Tag"] = "noindex"
        patch_cache_control(response, no_cache=True)
        return response
