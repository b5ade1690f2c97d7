"""Downloads of a Story of Progress page's citation, for reference managers."""

from django.http import Http404

from wagtail.models import Page

from evidence.citation_formats import CitationRecord
from evidence.downloads import CITATION_FORMATS, citation_download
from story.models import SectionPage, StoryIndexPage, VisionStatementPage

CITABLE_PAGE_TYPES = (StoryIndexPage, SectionPage, VisionStatementPage)


def page_citation(request, page_id: int, extension: str):
    """A live, public Story of Progress page's citation as RIS or BibTeX; 404 for anything else."""
    if extension not in CITATION_FORMATS:
        raise Http404("Unknown citation format")
    page = (
        Page.objects.live().public().type(*CITABLE_PAGE_TYPES).filter(pk=page_id).specific().first()
    )
    if page is None or page.get_url(request) is None:
        raise Http404("No published Story of Progress page with that id")
    record = CitationRecord.from_page(page, request)
    return citation_download([record], extension, record.key)
