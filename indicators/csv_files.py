"""Figures in and out of CSV files: what editors upload, and what readers download.

An upload is refused whole or taken whole: every line is checked and every problem reported
with its line number, so an editor fixes the file once, and nothing of a bad file is saved.
Numbers are read strictly ("1,234" or "45%" are refused with the reason, not guessed at), since a
figure read wrongly would be published as a fact.
"""

import csv
import io
import math
from decimal import Decimal, InvalidOperation

from evidence.downloads import csv_cell
from indicators.series import MAX_DECIMALS, MAX_ROWS, IndicatorData, Row, problems_with

MAX_BYTES = 1024 * 1024
EXTENSIONS = (".csv", ".txt")
REQUIRED = ("period", "value")
OPTIONAL = ("breakdown",)
MAX_PERIOD, MAX_BREAKDOWN = 40, 80  # the model's field lengths
MAX_INTEGER_DIGITS = 12  # the model's 16 digits less its 4 decimal places
#: Problems listed before the rest are only counted: a wrong file can have thousands.
MAX_REPORTED = 30
SAVE_AS_CSV = "In a spreadsheet, choose “Save as”, then “CSV UTF-8”, and upload that file."


class FileRefused(Exception):
    """Why a file was refused: each problem, with its line number where it has one."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    return f"{max(size // 1024, 1)} KB"


def read_figures(upload) -> list[Row]:
    """The figures of an uploaded file (`UploadedFile`), or `FileRefused` saying why not."""
    name = getattr(upload, "name", "") or "The file"
    if not name.lower().endswith(EXTENSIONS):
        raise FileRefused([f"“{name}” is not a CSV file. {SAVE_AS_CSV}"])
    if upload.size > MAX_BYTES:
        raise FileRefused(
            [
                f"“{name}” is {math.ceil(upload.size / 1024):,} KB; the most is "
                f"{MAX_BYTES // 1024:,} KB ({describe_size(MAX_BYTES)})."
            ]
        )
    raw = upload.read(MAX_BYTES + 1)
    if b"\x00" in raw:
        raise FileRefused([f"“{name}” is not a CSV file (it is not text). {SAVE_AS_CSV}"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused([f"“{name}” is not in UTF-8. {SAVE_AS_CSV}"]) from None
    if not text.strip():
        raise FileRefused([f"“{name}” is empty."])
    return parse_figures(text)


def parse_figures(text: str) -> list[Row]:
    """The figures in CSV text under a header line; `FileRefused` listing every problem."""
    lines = text.splitlines()
    dialect = sniff(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = [name.strip().lower() for name in next(reader)]
    columns, problems = read_header(header)
    if problems:
        raise FileRefused(problems)
    rows: list[Row] = []
    lines_of: list[int] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, a spreadsheet's trailing ",,"
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            problems.append(f"More than {MAX_ROWS:,} figures: the most is {MAX_ROWS:,}.")
            break
        row, row_problems = read_row(cells, columns, len(header))
        problems += [f"Line {line}: {problem}" for problem in row_problems]
        if row is not None:
            rows.append(row)
            lines_of.append(line)
    if not rows and not problems:
        problems.append("The file has a header line but no figures.")
    if not problems:
        for _index, message in problems_with(rows, where=lambda i: f"on line {lines_of[i]}"):
            problems.append(message if _index is None else f"Line {lines_of[_index]}: {message}")
    if problems:
        if len(problems) > MAX_REPORTED:
            more = len(problems) - MAX_REPORTED
            problems = [*problems[:MAX_REPORTED], f"… and {more} more problems."]
        raise FileRefused(problems)
    return rows


def sniff(first_line: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, or the semicolons or tabs some spreadsheets write."""
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    columns = {name: position for position, name in reversed(list(enumerate(header)))}
    problems = []
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found = ", ".join(f"“{name}”" for name in header if name) or "nothing"
        problems.append(
            f"The first line must name the columns: period, value and, optionally, breakdown. "
            f"It has {found}; {' and '.join(missing)} missing."
        )
    unknown = [name for name in header if name and name not in (*REQUIRED, *OPTIONAL)]
    if unknown:
        problems.append(
            "Unknown columns: " + ", ".join(f"“{name}”" for name in unknown) + ". "
            "The columns are period, value and, optionally, breakdown."
        )
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        problems.append("Columns named twice: " + ", ".join(f"“{name}”" for name in repeated))
    return columns, problems


def read_row(cells: list[str], columns: dict[str, int], width: int) -> tuple[Row | None, list]:
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        return None, [f"{len(cells)} values where the header names {width} columns."]
    cells = [cell.strip() for cell in cells] + [""] * (width - len(cells))
    period = cells[columns["period"]]
    breakdown = cells[columns["breakdown"]] if "breakdown" in columns else ""
    problems = []
    if not period:
        problems.append("the period is empty.")
    elif len(period) > MAX_PERIOD:
        problems.append(f"the period is longer than {MAX_PERIOD} characters.")
    if len(breakdown) > MAX_BREAKDOWN:
        problems.append(f"the breakdown is longer than {MAX_BREAKDOWN} characters.")
    value, problem = read_number(cells[columns["value"]])
    if problem:
        problems.append(problem)
    if problems:
        return None, problems
    return Row(period, value, breakdown), []


def read_number(text: str) -> tuple[Decimal | None, str]:
    """A plain decimal number (`-12.5`), or why the text is not one."""
    if not text:
        return None, "the value is empty; leave the line out where there is no figure."
    if text.endswith("%"):
        return None, f"“{text}”: write the number without “%” (the unit says it)."
    if "," in text:
        return None, f"“{text}”: write the number without commas (1234.5, not 1,234.5)."
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"“{text}” is not a number."
    if not value.is_finite():
        return None, f"“{text}” is not a number."
    sign, digits, exponent = value.as_tuple()
    if exponent < -MAX_DECIMALS:
        return None, f"“{text}” has more than {MAX_DECIMALS} decimal places."
    if len(digits) + exponent > MAX_INTEGER_DIGITS:
        return None, f"“{text}” is too large."
    return value, ""


def write_figures(data: IndicatorData) -> str:
    """The figures as CSV, with the columns an upload takes (so a download can be edited and
    loaded again); the breakdown column only when the data has breakdowns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    breakdowns = data.has_breakdowns
    writer.writerow(["period", "breakdown", "value"] if breakdowns else ["period", "value"])
    for row in data.rows:
        value = format(row.value.normalize(), "f") if row.value else "0"
        cells = [row.period, row.breakdown, value] if breakdowns else [row.period, value]
        writer.writerow([csv_cell(cell) for cell in cells[:-1]] + [cells[-1]])
    return out.getvalue()
