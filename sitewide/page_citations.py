"""Citations of Story of Progress pages: "Cite this page" and its RIS and BibTeX downloads.

A page is cited as a web page published by the site's partners (from the site settings),
accessed today, in the same formats and by the same formatter as sources
(`evidence.bibliography`); an indicator's page as a data set they publish. A version of a
page (`story.versions`) is cited by its permanent URL and the day it was published, which stays
true of what the reader saw.
"""

from django.http import Http404
from django.utils import timezone

from wagtail.models import Page

from evidence.bibliography import CitationRecord
from evidence.downloads import CITATION_FORMATS, citation_download
from evidence.public_pages import public_pages
from evidence.rate_limits import rate_limited
from indicators.models import ILLUSTRATIVE_NOTICE, Indicator
from sitewide.models import SiteSettings
from story.models import SectionPage, StoryIndexPage, VisionStatementPage
from story.versions import VERSIONS_SEGMENT, ReadingVersion, Version

CITABLE_PAGE_TYPES = (StoryIndexPage, SectionPage, VisionStatementPage)


def page_citation_title(page: Page) -> str:
    """A vision statement has a page in each section: the section tells them apart."""
    if isinstance(page, VisionStatementPage):
        parent = page.get_parent()
        if parent is not None:
            return f"{page.title}: {parent.title}"
    return page.title


def page_citation_record(page: Page, request) -> CitationRecord:
    """`page` as a web page by the site's partners, at the URL it was served from, accessed
    today."""
    published = page.last_published_at or page.first_published_at
    site_settings = SiteSettings.for_reader(request)
    return CitationRecord(
        key=f"storyofprogress-{page.slug}-{page.pk}",
        title=page_citation_title(page),
        kind="webpage",
        organisations=site_settings.partner_names,
        year=published.year if published else None,
        url=page.get_full_url(request) or "",
        accessed=timezone.localdate().isoformat(),
        container=site_settings.site_name,
    )


def version_citation_record(
    page: Page, version: Version, request, shown: Page | None = None
) -> CitationRecord:
    """`page` as it was published in `version` (`shown`, the page as that version has it):
    its permanent URL and title then, dated by its publication."""
    site_settings = SiteSettings.for_reader(request)
    if shown is None:
        shown = page.revisions.get(pk=version.revision_id).as_object()
    return CitationRecord(
        key=f"storyofprogress-{page.slug}-{page.pk}-v{version.number}",
        title=page_citation_title(shown),
        kind="webpage",
        organisations=site_settings.partner_names,
        url=f"{page.get_full_url(request) or ''}{VERSIONS_SEGMENT}/{version.number}/",
        published=version.published_on.isoformat(),
        container=site_settings.site_name,
    )


def public_citable_page(request, page_id: int, extension: str) -> Page:
    if extension not in CITATION_FORMATS:
        raise Http404("Unknown citation format")
    page = public_pages().type(*CITABLE_PAGE_TYPES).filter(pk=page_id).specific().first()
    if page is None or page.get_url(request) is None:
        raise Http404("No published Story of Progress page with that id")
    return page


@rate_limited("exports")
def version_citation(request, page_id: int, number: int, extension: str):
    """A published version's citation as RIS or BibTeX (`story.versions`); 404 otherwise."""
    page = public_citable_page(request, page_id, extension)
    version = ReadingVersion(page, request, number).reading
    if version is None or version.revision_id is None:
        raise Http404("This page has no version with that number")
    record = version_citation_record(page, version, request)
    return citation_download([record], extension, record.key)


@rate_limited("exports")
def page_citation(request, page_id: int, extension: str):
    """A live, public Story of Progress page's citation as RIS or BibTeX; 404 for anything else."""
    page = public_citable_page(request, page_id, extension)
    record = page_citation_record(page, request)
    return citation_download([record], extension, record.key)


def indicator_citation_record(indicator: Indicator, request) -> CitationRecord:
    """An indicator's page as a data set the site's partners publish, accessed today (its
    figures' own source is cited on the page, beside them). Illustrative figures say so in the
    title, so a copied citation cannot pass them off as the partners' statistics."""
    site_settings = SiteSettings.for_reader(request)
    published = indicator.last_updated or indicator.last_published_at
    url = request.build_absolute_uri(indicator.public_url) if indicator.slug else ""
    return CitationRecord(
        key=f"storyofprogress-indicator-{indicator.slug or 'draft'}",
        title=f"{indicator.name}: {ILLUSTRATIVE_NOTICE}"
        if indicator.illustrative
        else indicator.name,
        kind="dataset",
        organisations=site_settings.partner_names,
        year=published.year if published else None,
        url=url,
        accessed=timezone.localdate().isoformat(),
        container=site_settings.site_name,
    )


@rate_limited("exports")
def indicator_citation(request, slug: str, extension: str):
    """A live indicator's citation as RIS or BibTeX; 404 for anything else."""
    if extension not in CITATION_FORMATS:
        raise Http404("Unknown citation format")
    indicator = Indicator.objects.live().filter(slug=slug).first()
    if indicator is None:
        raise Http404("No indicator is published under this name")
    record = indicator_citation_record(indicator, request)
    return citation_download([record], extension, record.key)
