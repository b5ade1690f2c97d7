"""File downloads of citations and lists, shared by the library and "Cite this page"."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def attachment(content: str, content_type: str, filename: str) -> HttpResponse:
    """A download the browser saves rather than shows, under a safely quoted file name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
