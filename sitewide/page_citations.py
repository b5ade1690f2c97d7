"""Citations of Story of Progress pages: "Cite this page" and its RIS and BibTeX downloads.

A page is cited as a web page published by the site's partners (from the site settings),
accessed today, in the same formats and by the same formatter as sources
(`evidence.bibliography`); an indicator's page as a data set they publish.
"""

from django.http import Http404
from django.utils import timezone

from wagtail.models import Page

from evidence.bibliography import CitationRecord
from evidence.downloads import CITATION_FORMATS, citation_download
from evidence.public_pages import public_pages
from evidence.rate_limits import rate_limited
from indicators.models import Indicator
from sitewide.models import SiteSettings
from story.models import SectionPage, StoryIndexPage, VisionStatementPage

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


@rate_limited("exports")
def page_citation(request, page_id: int, extension: str):
    """A live, public Story of Progress page's citation as RIS or BibTeX; 404 for anything else."""
    if extension not in CITATION_FORMATS:
        raise Http404("Unknown citation format")
    page = public_pages().type(*CITABLE_PAGE_TYPES).filter(pk=page_id).specific().first()
    if page is None or page.get_url(request) is None:
        raise Http404("No published Story of Progress page with that id")
    record = page_citation_record(page, request)
    return citation_download([record], extension, record.key)


def indicator_citation_record(indicator: Indicator, request) -> CitationRecord:
    """An indicator's page as a data set the site's partners publish, accessed today (its
    figures' own source is cited on the page, beside them)."""
    site_settings = SiteSettings.for_reader(request)
    published = indicator.last_updated or indicator.last_published_at
    url = request.build_absolute_uri(indicator.public_url) if indicator.slug else ""
    return CitationRecord(
        key=f"storyofprogress-indicator-{indicator.slug or 'draft'}",
        title=indicator.name,
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
