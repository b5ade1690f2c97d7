"""The chart, its summary and its table, from the figures alone (no database)."""

import re
from decimal import Decimal

from django.template.loader import render_to_string

from indicators.charts import STYLES, chart, nice_ticks
from indicators.loading import as_rows
from indicators.series import IndicatorData, Row
from tests.indicators.conftest import BY_AREA, OVER_TIME


def data_of(rows, **labels) -> IndicatorData:
    labels.setdefault("name", "Care leavers in work or study")
    labels.setdefault("unit", "%")
    return IndicatorData.of(as_rows(rows), **labels)


def svg(data: IndicatorData) -> str:
    return render_to_string(
        "indicators/includes/chart.html", {"chart": chart(data), "chart_id": "figure-1"}
    )


def texts(markup: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", markup)


def test_summary_says_how_the_whole_changed():
    data = data_of(OVER_TIME, period_label="Year")
    assert data.summary() == (
        "Care leavers in work or study rose from 62.00% in 2019 to 66.25% in 2022."
    )
    fell = data_of([("2019", "10"), ("2024", "7.5")], unit="per 1,000 children", name="Rate")
    assert (
        fell.summary()
        == "Rate fell from 10.0 per 1,000 children in 2019 to 7.5 per 1,000 children in 2024."
    )
    same = data_of([("2019", "3"), ("2020", "3")], unit="children", name="Count")
    assert same.summary() == "Count was unchanged at 3 children from 2019 to 2020."


def test_summary_by_breakdown_and_at_one_period():
    rows = [row for row in OVER_TIME if row[2]]
    data = data_of(rows, breakdown_label="Age group")
    assert data.summary() == (
        "Care leavers in work or study, by age group: 16 to 17 rose from 48.0% in 2019 to "
        "55.5% in 2022; 18 to 21 rose from 70.0% in 2019 to 74.0% in 2022."
    )
    area = data_of(BY_AREA, unit="children", name="Children looked after")
    assert area.summary() == (
        "Children looked after in 2024 was highest for Glasgow City (1,250 children) and "
        "lowest for Orkney (45 children)."
    )


def test_line_chart_svg_has_title_summary_and_every_value_label():
    data = data_of(OVER_TIME, period_label="Year")
    markup = svg(data)
    assert 'role="img"' in markup
    assert (
        '<title id="figure-1-title">Care leavers in work or study (per cent), 2019 to 2022</title>'
        in markup
    )
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", markup).group(1)
    assert desc.startswith(data.summary())
    labels = texts(markup)
    for row in data.rows:
        assert data.number(row.value) in labels, row
        assert data.number(row.value) in desc
    assert labels.count("63.50%") == 1  # one label per value, no more
    assert {"2019", "2020", "2021", "2022", "Year", "Per cent (%)"} <= set(labels)
    # Each line named at its end, and told apart by its dash pattern as well as colour.
    assert {"All", "16 to 17", "18 to 21"} <= set(labels)
    for _marker, dash in STYLES[1:3]:
        assert f'stroke-dasharray="{dash}"' in markup
    # A gap in the data (16 to 17 has no 2021) breaks the line rather than joining across.
    young = re.search(r'chart__series--1">\s*<path class="chart__line" d="([^"]+)"', markup)
    assert young.group(1).count("M") == 2
    assert "style=" not in markup and "<script" not in markup  # the site's CSP


def test_bar_chart_at_one_period():
    data = data_of(BY_AREA, unit="children", name="Children looked after")
    markup = svg(data)
    assert "chart--bar" in markup and markup.count("<rect") == 3
    labels = texts(markup)
    assert {"1,250", "310", "45", "Glasgow City", "Fife", "Orkney", "Children"} <= set(labels)
    assert data.summary() in markup


def test_value_labels_of_close_lines_do_not_overlap():
    rows = [(str(2019 + i), str(50 + i), name) for i in range(4) for name in ("A", "B", "C")]
    result = chart(data_of(rows))
    for period_marks in zip(*(line.marks for line in result.lines), strict=True):
        ys = sorted(mark.label_y for mark in period_marks)
        assert all(b - a >= 14.9 for a, b in zip(ys, ys[1:], strict=False))


def test_period_labels_leave_room_between_them():
    """Eight quarters' labels ("2023 Q1", 60 units wide in DejaVu Sans at 14 px) would touch on
    a 560-unit chart: every other one is shown, the latest always."""
    quarters = [f"{year} Q{q}" for year in (2023, 2024) for q in range(1, 5)]
    result = chart(data_of([(quarter, str(70 + i)) for i, quarter in enumerate(quarters)]))
    shown = result.category_ticks
    assert [tick.label for tick in shown] == quarters[1::2]
    assert all(b.position - a.position >= 60 + 10 for a, b in zip(shown, shown[1:], strict=False))


def test_table_is_the_data():
    data = data_of(OVER_TIME, period_label="Year")
    assert data.column_names == ["All", "16 to 17", "18 to 21"]
    assert data.table() == [
        ("2019", ["62.00%", "48.00%", "70.00%"]),
        ("2020", ["63.50%", "50.00%", "71.00%"]),
        ("2021", ["61.00%", "", "69.00%"]),
        ("2022", ["66.25%", "55.50%", "74.00%"]),
    ]


def test_ticks_are_round_and_cover_the_data():
    assert nice_ticks(0, 74) == [0, 20, 40, 60, 80]
    assert nice_ticks(0, 1250) == [0, 500, 1000, 1500]
    assert nice_ticks(-3, 7) == [-4, -2, 0, 2, 4, 6, 8] or nice_ticks(-3, 7)[0] <= -3
    assert chart(IndicatorData.of([])) is None
    assert data_of([Row("2024", Decimal("0"))]).summary().endswith("was 0% in 2024.")


def test_table_of_one_period_reads_down_the_breakdowns():
    data = data_of(BY_AREA, unit="children", breakdown_label="Local authority")
    assert (data.row_heading, data.column_names) == ("Local authority", ["2024"])
    assert data.table() == [("Glasgow City", ["1,250"]), ("Fife", ["310"]), ("Orkney", ["45"])]
    whole = data_of([("2019", "1"), ("2020", "2")], period_label="Year")
    assert (whole.row_heading, whole.column_names) == ("Year", ["Per cent"])
