"""CSV, RIS and BibTeX downloads: parsed back with real parsers, awkward characters included."""

import csv
import io

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from django.urls import reverse

from evidence.models import Source
from tests.factories import OrganisationFactory, SourceFactory

AWKWARD_TITLE = '=HYPERLINK("http://evil.example"), "Quoted", {braced} 50% & Éilidh’s café'


@pytest.fixture
def awkward(catalogue):
    organisation = OrganisationFactory(name='Children’s "Hearings", Scotland & Co')
    return SourceFactory(
        title=AWKWARD_TITLE,
        resource_type=Source.ResourceType.RESEARCH,
        authors="-Dash, A.\nÓ Súilleabháin, M.\n@Handle, B.",
        organisations=[organisation],
        year=2021,
        url="https://example.org/report?a=1&b={2}",
        doi="10.1000/xyz_1",
        summary='First line,\nsecond line with {braces} and "quotes".',
    )


def read_csv(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), strict=True))


def assert_attachment(response, content_type: str, filename: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


@pytest.mark.django_db
def test_csv_of_the_whole_library(catalogue, client):
    response = client.get(reverse("library:csv"))
    assert_attachment(response, "text/csv; charset=utf-8", "story-of-progress-library.csv")
    rows = read_csv(response)
    assert [row["Title"] for row in rows] == [s.title for s in catalogue.live_sources]
    beta = rows[1]
    assert beta == {
        "Title": "Beta report",
        "Resource type": "Report",
        "Authors": "",
        "Organisations": "Care Inspectorate; The Promise Scotland",
        "Year": "2024",
        "URL": "",
        "DOI": "",
        "Citation (APA)": "Care Inspectorate, & The Promise Scotland. (2024). Beta report.",
        "Vision statements": "1. Family",
        "Public URL": "http://testserver/evidence/sources/beta-report/",
    }
    delta = rows[2]
    assert delta["Organisations"] == "The Promise Scotland"  # its draft organisation is left out
    assert delta["Year"] == "" and delta["Vision statements"] == ""


@pytest.mark.django_db
def test_csv_uses_the_pages_filters_and_sort(catalogue, client):
    query = {"organisation": catalogue.promise.slug, "sort": "year"}
    response = client.get(reverse("library:csv"), query)
    assert_attachment(
        response,
        "text/csv; charset=utf-8",
        f"story-of-progress-library-{catalogue.promise.slug}.csv",
    )
    assert [row["Title"] for row in read_csv(response)] == [
        "Beta report",
        "Gamma data",
        "delta insight",
    ]
    assert read_csv(client.get(reverse("library:csv"), {"vision": "3"})) == []


@pytest.mark.django_db
def test_csv_keeps_awkward_text_intact_and_defuses_formulas(awkward, client):
    response = client.get(reverse("library:csv"), {"type": "research"})
    [row] = read_csv(response)
    assert row["Title"] == "'" + AWKWARD_TITLE
    assert row["Authors"] == "'-Dash, A.; Ó Súilleabháin, M.; @Handle, B."
    assert row["Organisations"] == 'Children’s "Hearings", Scotland & Co'
    assert row["URL"] == "https://example.org/report?a=1&b={2}"
    assert row["Citation (APA)"] == "'" + awkward.citation
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@"))


@pytest.mark.django_db
def test_csv_quotes_newlines_inside_cells(catalogue, client):
    SourceFactory(title='Two\nlines, one "quote"', resource_type=Source.ResourceType.GUIDANCE)
    [row] = read_csv(client.get(reverse("library:csv"), {"type": "guidance"}))
    assert row["Title"] == 'Two\nlines, one "quote"'


@pytest.mark.django_db
def test_entry_ris_parses_with_rispy(awkward, client):
    response = client.get(reverse("library:source_ris", args=[awkward.slug]))
    assert_attachment(
        response, "application/x-research-info-systems; charset=utf-8", f"{awkward.slug}.ris"
    )
    text = response.content.decode("utf-8")
    assert text.endswith("ER  - \r\n")
    [entry] = rispy.loads(text)
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == AWKWARD_TITLE
    assert entry["authors"] == ["-Dash, A.", "Ó Súilleabháin, M.", "@Handle, B."]
    assert entry["publisher"] == 'Children’s "Hearings", Scotland & Co'
    assert entry["year"] == "2021"
    assert entry["doi"] == "10.1000/xyz_1"
    assert entry["urls"] == ["https://example.org/report?a=1&b={2}"]
    assert entry["abstract"] == 'First line, second line with {braces} and "quotes".'


@pytest.mark.django_db
def test_entry_bibtex_parses_with_bibtexparser(awkward, client):
    response = client.get(reverse("library:source_bibtex", args=[awkward.slug]))
    assert_attachment(response, "application/x-bibtex; charset=utf-8", f"{awkward.slug}.bib")
    text = response.content.decode("utf-8")
    raw = bibtexparser.parse_string(text)
    assert raw.failed_blocks == []
    [entry] = raw.entries
    assert entry.entry_type == "techreport" and entry.key == awkward.slug
    assert entry["url"] == "https://example.org/report?a=1&b=%7B2%7D"
    assert entry["year"] == "2021"
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    [entry] = decoded.entries
    assert entry["title"] == AWKWARD_TITLE
    assert entry["author"] == "-Dash, A. and Ó Súilleabháin, M. and @Handle, B."
    assert entry["institution"] == 'Children’s "Hearings", Scotland & Co'
    assert entry["doi"] == "10.1000/xyz_1"


@pytest.mark.django_db
def test_list_ris_and_bibtex_hold_every_filtered_source(catalogue, awkward, client):
    ris = client.get(reverse("library:ris"), {"year": "2024"})
    assert_attachment(
        ris,
        "application/x-research-info-systems; charset=utf-8",
        "story-of-progress-library-2024.ris",
    )
    entries = rispy.loads(ris.content.decode("utf-8"))
    assert [entry["title"] for entry in entries] == ["Beta report", "Gamma data"]
    assert [entry["type_of_reference"] for entry in entries] == ["RPRT", "DATA"]
    assert entries[0]["authors"] == ["Care Inspectorate", "The Promise Scotland"]

    bib = client.get(reverse("library:bibtex"))
    assert_attachment(bib, "application/x-bibtex; charset=utf-8", "story-of-progress-library.bib")
    library = bibtexparser.parse_string(bib.content.decode("utf-8"))
    assert library.failed_blocks == []
    keys = [entry.key for entry in library.entries]
    assert keys == [awkward.slug] + [source.slug for source in catalogue.live_sources]
    assert len(set(keys)) == len(keys)
    assert "draft-report" not in bib.content.decode() and "Withdrawn" not in bib.content.decode()


@pytest.mark.django_db
def test_source_page_offers_copy_and_downloads(catalogue, client):
    content = client.get(catalogue.beta.public_url).content.decode()
    assert '<p class="citation" id="source-citation">' in content
    assert 'data-copy-target="source-citation" hidden>Copy citation' in content
    assert f'href="{reverse("library:source_ris", args=[catalogue.beta.slug])}" download' in content
    assert (
        f'href="{reverse("library:source_bibtex", args=[catalogue.beta.slug])}" download' in content
    )
    assert "js/copy-citation.js" in content
