"""Reading editors' CSV files: a good file gives its figures; any bad line refuses the whole
file, each problem named with its line (no database)."""

from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.csv_files import MAX_BYTES, FileRefused, read_figures, write_figures
from indicators.series import IndicatorData, Row


def upload(text: str | bytes, name: str = "figures.csv") -> SimpleUploadedFile:
    content = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, content, content_type="text/csv")


def refused(text: str | bytes, name: str = "figures.csv") -> list[str]:
    with pytest.raises(FileRefused) as caught:
        read_figures(upload(text, name))
    return caught.value.problems


def test_a_good_file_gives_its_figures_in_order():
    rows = read_figures(upload("Period,Breakdown,Value\r\n2019,,62\r\n2019,16 to 17,48.5\r\n\r\n"))
    assert rows == [Row("2019", Decimal("62")), Row("2019", Decimal("48.5"), "16 to 17")]


def test_spreadsheet_variants_are_read():
    """Excel's UTF-8 mark, semicolons, columns in another order, no breakdown column."""
    rows = read_figures(upload("\ufeffvalue;period\n-3.25;2023-24\n4;2024-25\n".encode()))
    assert rows == [Row("2023-24", Decimal("-3.25")), Row("2024-25", Decimal("4"))]


def test_bad_lines_refuse_the_whole_file_with_every_problem():
    problems = refused(
        "period,value\n2019,62\n,5\n2020,62%\n2021,1,234\n2022,abc\n2023,\n2024,1.23456\n"
    )
    assert problems == [
        "Line 3: the period is empty.",
        "Line 4: “62%”: write the number without “%” (the unit says it).",
        "Line 5: 3 values where the header names 2 columns.",
        "Line 6: “abc” is not a number.",
        "Line 7: the value is empty; leave the line out where there is no figure.",
        "Line 8: “1.23456” has more than 4 decimal places.",
    ]


def test_rules_over_the_whole_file():
    assert refused("period,value\n2019,1\n2020,2\n2019,3\n") == [
        "Line 4: 2019 is given twice (also on line 2)."
    ]
    seven = "".join(f"{year},{n},g{n}\n" for n in range(7) for year in (2019, 2020))
    (problem,) = refused("period,value,breakdown\n" + seven)
    assert "7 breakdowns over time; a chart can tell at most 6 apart" in problem


def test_headers_that_do_not_fit():
    missing, unknown = refused("year,amount\n2019,1\n")
    assert missing.startswith("The first line must name the columns: period, value")
    assert "It has “year”, “amount”; period and value missing." in missing
    assert unknown.startswith("Unknown columns: “year”, “amount”.")
    assert refused("period,value,notes\n2019,1,x\n") == [
        "Unknown columns: “notes”. The columns are period, value and, optionally, breakdown."
    ]
    assert refused("period,value\n") == ["The file has a header line but no figures."]


def test_files_that_are_not_csv_or_too_large():
    assert refused(b"PK\x03\x04", "figures.xlsx") == [
        "“figures.xlsx” is not a CSV file. In a spreadsheet, choose “Save as”, then "
        "“CSV UTF-8”, and upload that file."
    ]
    assert "is not a CSV file (it is not text)" in refused(b"PK\x03\x04\x00\x00")[0]
    assert "is not in UTF-8" in refused("period,value\n2019,1\nCaf\xe9,2\n".encode("latin-1"))[0]
    assert refused("   \n") == ["“figures.csv” is empty."]
    big = "period,value\n" + "2019,1\n" * (MAX_BYTES // 7 + 1)
    assert refused(big) == ["“figures.csv” is 1,025 KB; the most is 1,024 KB (1 MB)."]


def test_too_many_problems_are_counted_not_all_listed():
    problems = refused("period,value\n" + "2019,x\n" * 100)
    assert len(problems) == 31 and problems[-1] == "… and 70 more problems."


def test_the_download_reads_back_as_the_same_figures():
    rows = [Row("2019", Decimal("62.5000")), Row("2019", Decimal("-1"), "=cmd")]
    text = write_figures(IndicatorData.of(rows))
    assert text.splitlines()[0] == "period,breakdown,value"
    assert "'=cmd" in text  # a spreadsheet would run it as a formula
    assert read_figures(upload(text.replace("'=cmd", "=cmd"))) == [
        Row("2019", Decimal("62.5")),
        Row("2019", Decimal("-1"), "=cmd"),
    ]
