"""An indicator's figures as readers meet them: series, numbers in words, the trend sentence.

Django-free, so the chart, the table, the CSV download and the summary all read one structure
and the rules (order of periods, number format, what "rose" means) live in one place. Periods
and breakdowns keep the order in which the data gives them: "2019-20" or "Q1 2021" cannot be
sorted as text, and editors put their rows in the order they mean.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

#: What a table or chart calls the series with no breakdown.
OVERALL = "All"
MAX_DECIMALS = 4


@dataclass(frozen=True)
class Row:
    """One figure: a period, an optional breakdown ("" for the whole) and its value."""

    period: str
    value: Decimal
    breakdown: str = ""


@dataclass
class Series:
    """One line of a chart: a breakdown's values by period (periods without a value missing)."""

    breakdown: str
    values: dict[str, Decimal] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.breakdown or OVERALL


def decimals_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return min(max(-exponent, 0), MAX_DECIMALS) if isinstance(exponent, int) else 0


@dataclass
class IndicatorData:
    """The rows of one indicator, with what every view of them needs."""

    rows: list[Row]
    unit: str = ""
    name: str = ""
    breakdown_label: str = ""  # what the breakdowns are: "Age group"
    period_label: str = "Period"  # what the periods are: "Year"

    @classmethod
    def of(cls, rows: Iterable[Row], **labels) -> "IndicatorData":
        return cls(list(rows), **labels)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @cached_property
    def periods(self) -> list[str]:
        """Every period in order: each breakdown's periods in the order its rows give them,
        merged, so a period one breakdown lacks still falls where the others put it."""
        order: list[str] = []
        by_breakdown: dict[str, list[str]] = {}
        for row in self.rows:
            by_breakdown.setdefault(row.breakdown, []).append(row.period)
        for periods in by_breakdown.values():
            at = -1
            for period in periods:
                if period in order:
                    at = order.index(period)
                else:
                    at += 1
                    order.insert(at, period)
        return order

    @cached_property
    def breakdowns(self) -> list[str]:
        """Breakdown names in the data's order; the whole ("") first if the data has it."""
        names = list(dict.fromkeys(row.breakdown for row in self.rows))
        return sorted(names, key=lambda name: name != "")

    @property
    def has_breakdowns(self) -> bool:
        return self.breakdowns != [""]

    @cached_property
    def series(self) -> list[Series]:
        found = {name: Series(name) for name in self.breakdowns}
        for row in self.rows:
            found[row.breakdown].values[row.period] = row.value
        return list(found.values())

    def value(self, period: str, breakdown: str = "") -> Decimal | None:
        return self._by_key.get((period, breakdown))

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Decimal]:
        return {(row.period, row.breakdown): row.value for row in self.rows}

    @cached_property
    def decimals(self) -> int:
        """One number of decimal places for every figure, the most any figure needs."""
        return max((decimals_of(row.value) for row in self.rows), default=0)

    # Numbers in words ---------------------------------------------------------------------

    @property
    def unit_is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def unit_words(self) -> str:
        """The unit as a title says it: "per cent", "children"."""
        return "per cent" if self.unit_is_percent else self.unit.strip()

    def number(self, value: Decimal | None, places: int | None = None) -> str:
        """`1,234.5`: thousands separated, as many decimals as the data uses; "%" kept."""
        if value is None:
            return ""
        places = self.decimals if places is None else places
        text = f"{value:,.{places}f}"
        return f"{text}%" if self.unit_is_percent else text

    def with_unit(self, value: Decimal | None) -> str:
        """`45.2 per 1,000 children`, `62%`: a number as a sentence says it."""
        text = self.number(value)
        if not text or self.unit_is_percent or not self.unit.strip():
            return text
        return f"{text} {self.unit.strip()}"

    # The trend in one sentence --------------------------------------------------------------

    def summary(self) -> str:
        """One sentence on what the data shows, written from the data alone.

        Over time: "rose from X in 2019 to Y in 2024" (or fell, or was unchanged), for the
        whole if the data has it, else for each breakdown. At one period: the value, or the
        highest and lowest breakdowns.
        """
        if not self.rows:
            return "No figures have been published for this indicator yet."
        subject = self.name or "The indicator"
        if len(self.periods) == 1:
            return self._one_period(subject, self.periods[0])
        overall = next((s for s in self.series if not s.breakdown), None)
        if overall is not None:
            return f"{subject} {self._change(overall)}."
        changes = "; ".join(f"{s.name} {self._change(s)}" for s in self.series)
        by = (self.breakdown_label or "breakdown").lower()
        return f"{subject}, by {by}: {changes}."

    def _change(self, series: Series) -> str:
        periods = [period for period in self.periods if period in series.values]
        first, last = periods[0], periods[-1]
        start, end = series.values[first], series.values[last]
        if first == last:
            return f"was {self.with_unit(start)} in {first}"
        if self.number(start) == self.number(end):
            return f"was unchanged at {self.with_unit(start)} from {first} to {last}"
        verb = "rose" if end > start else "fell"
        return f"{verb} from {self.with_unit(start)} in {first} to {self.with_unit(end)} in {last}"

    def _one_period(self, subject: str, period: str) -> str:
        values = [(s.values[period], s.name) for s in self.series if period in s.values]
        if len(values) == 1:
            return f"{subject} was {self.with_unit(values[0][0])} in {period}."
        high = max(values, key=lambda pair: pair[0])
        low = min(values, key=lambda pair: pair[0])
        return (
            f"{subject} in {period} was highest for {high[1]} ({self.with_unit(high[0])}) "
            f"and lowest for {low[1]} ({self.with_unit(low[0])})."
        )

    # The table behind the chart ---------------------------------------------------------------

    @property
    def by_breakdown(self) -> bool:
        """One period broken down: the table reads down the breakdowns (it could be 40 wide)."""
        return len(self.periods) == 1 and self.has_breakdowns

    def table(self) -> list[tuple[str, list[str]]]:
        """(row heading, [formatted value per column, "" where there is none]) in order: a row
        per period and a column per breakdown, or a row per breakdown at a single period."""
        if self.by_breakdown:
            period = self.periods[0]
            return [(s.name, [self.number(s.values.get(period))]) for s in self.series]
        return [
            (period, [self.number(self.value(period, name)) for name in self.breakdowns])
            for period in self.periods
        ]

    @property
    def row_heading(self) -> str:
        return (self.breakdown_label or "Breakdown") if self.by_breakdown else self.period_label

    @property
    def column_names(self) -> list[str]:
        """The columns' headings; a single column of the whole is the unit's."""
        if self.by_breakdown:
            return [self.periods[0]]
        if not self.has_breakdowns:
            return [self.unit_words[:1].upper() + self.unit_words[1:] or "Value"]
        return [name or OVERALL for name in self.breakdowns]


# The rules every set of figures keeps, however it is entered (the admin's form, a CSV file) ----

#: More figures than a chart, a table or a review can take in.
MAX_ROWS = 2000
#: Lines one chart can tell apart by marker and dash as well as colour (`charts.STYLES`).
MAX_SERIES_OVER_TIME = 6
#: Bars one chart of a single period can hold legibly.
MAX_BARS = 40


def problems_with(rows: list[Row], where=lambda index: f"figure {index + 1}") -> list[tuple]:
    """(index of the row at fault or None for the whole, message) for each broken rule;
    `where(index)` names a row as its editor knows it ("line 7" of a file)."""
    problems: list[tuple[int | None, str]] = []
    if len(rows) > MAX_ROWS:
        problems.append((None, f"There are {len(rows):,} figures; the most is {MAX_ROWS:,}."))
    first_seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        key = (row.period, row.breakdown)
        if key in first_seen:
            what = f"{row.period}, {row.breakdown}" if row.breakdown else row.period
            problems.append((index, f"{what} is given twice (also {where(first_seen[key])})."))
        else:
            first_seen[key] = index
    data = IndicatorData.of(rows)
    if len(data.periods) > 1 and len(data.breakdowns) > MAX_SERIES_OVER_TIME:
        problems.append(
            (
                None,
                f"There are {len(data.breakdowns)} breakdowns over time; a chart can tell at most "
                f"{MAX_SERIES_OVER_TIME} apart. Split the indicator, or give one period only.",
            )
        )
    if len(data.periods) == 1 and len(data.breakdowns) > MAX_BARS:
        problems.append(
            (None, f"There are {len(data.breakdowns)} breakdowns; the most is {MAX_BARS}.")
        )
    return problems
