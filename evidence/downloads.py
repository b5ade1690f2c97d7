"""File downloads of citations and lists, shared by the library, "Cite this page" and the
evidence audit (`csv_cell`: the one way a CSV cell is made safe for spreadsheets)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from evidence.bibliography import CitationRecord, to_bibtex, to_ris
from evidence.text import without_control_characters

RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CitationFormat:
    render: Callable[[CitationRecord], str]
    content_type: str
    separator: str  # between the records of a list


CITATION_FORMATS = {
    "ris": CitationFormat(to_ris, RIS_CONTENT_TYPE, "\r\n"),
    "bib": CitationFormat(to_bibtex, BIBTEX_CONTENT_TYPE, "\n"),
}


def csv_cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: make them plain text; and
    control characters an editor pasted go (`evidence.text`)."""
    text = "" if value is None else without_control_characters(str(value))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class SafeSpreadsheetExportMixin:
    """For views with Wagtail's `SpreadsheetExportMixin` (snippet listings, modeladmin lists):
    text cells lose control characters (XLSX cannot hold them: openpyxl raises, the export
    answered 500) and CSV cells are defused (`csv_cell`); XLSX formulas Wagtail already writes
    as text."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == self.FORMAT_CSV:
            return csv_cell(value)
        return without_control_characters(value)


def attachment(content: str, content_type: str, filename: str) -> HttpResponse:
    """A download the browser saves rather than shows, under a safely quoted file name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def citation_download(records: Iterable[CitationRecord], extension: str, stem: str) -> HttpResponse:
    """One or more citations as a RIS (`ris`) or BibTeX (`bib`) file named `stem.extension`."""
    citation_format = CITATION_FORMATS[extension]
    content = citation_format.separator.join(citation_format.render(r) for r in records)
    return attachment(content, citation_format.content_type, f"{stem}.{extension}")
