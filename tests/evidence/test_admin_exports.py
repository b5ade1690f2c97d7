"""The admin's CSV and XLSX exports of sources and organisations: formulas defused, and a
control character an editor pasted (U+000B) never makes them fail."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from tests.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dangerous(db):
    maker = OrganisationFactory(name="=cmd|' /C calc'!A0")
    return SourceFactory(
        title='=HYPERLINK("http://evil.example","click")',
        authors="Line\x0bbreak, A.",
        organisations=[maker],
    )


def export(admin_client, model: str, export_format: str):
    url = reverse(f"wagtailsnippets_evidence_{model}:list")
    response = admin_client.get(url, {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_export_of_sources_defuses_formulas_and_control_characters(admin_client, dangerous):
    rows = list(csv.reader(io.StringIO(export(admin_client, "source", "csv").decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert not any("\x0b" in cell for cell in cells)


def test_xlsx_exports_answer_despite_control_characters(admin_client, dangerous):
    for model in ("source", "organisation"):
        workbook = load_workbook(io.BytesIO(export(admin_client, model, "xlsx")))
        values = [c.value for row in workbook.active.iter_rows() for c in row if c.value]
        assert not any(isinstance(v, str) and "\x0b" in v for v in values)
        assert any(isinstance(v, str) and v.startswith(("=HYPERLINK", "=cmd")) for v in values)
    organisations = export(admin_client, "organisation", "csv").decode()
    assert "'=cmd|' /C calc'!A0" in organisations
