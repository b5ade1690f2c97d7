"""Charts of an indicator's figures, laid out here and drawn as SVG by our own template.

Why not a charting library: pygal writes a `<style>` element and a `<script>` into every chart
(both refused by the site's Content-Security-Policy, README "Content-Security-Policy"), random
element ids, and about 19 KB for six points, with no `role="img"`; matplotlib is tens of
megabytes of dependencies, writes inline `style` attributes and draws text as paths unless told
not to. A chart here is a few hundred bytes of geometry: `role="img"` with a `<title>` and a
`<desc>` holding the trend and every figure, a text label on every value, lines told apart by
marker and dash as well as colour (`STYLES`) and named at their ends, colours from the site's
stylesheet (so they print and meet contrast), and no JavaScript.

Over time (two periods or more) a line per breakdown; at one period, a bar per breakdown.
Lengths are in SVG user units: the chart keeps its proportions at any width
(`static/css/site.css`, `.chart`).
"""

import math
from dataclasses import dataclass, field

from indicators.series import IndicatorData

WIDTH = 560
PLOT_HEIGHT = 220
CHAR_WIDTH = 7.6  # an average character of the 13-14 px labels, to leave room for them
LABEL_GAP = 15  # between two value labels stacked at one period
PERIOD_GAP = 2 * CHAR_WIDTH  # between two period labels on the axis, at the least
MAX_LABEL_CHARS = 26  # longer breakdown names are cut on the chart (whole in the table)
#: (marker, dash pattern) of each line, in order: never colour alone.
STYLES = [
    ("circle", ""),
    ("square", "8 4"),
    ("triangle", "2 4"),
    ("diamond", "12 4 2 4"),
    ("triangle-down", "6 2"),
    ("cross", "1 3"),
]
MARKER_SIZE = 5


def marker_path(shape: str, x: float, y: float, r: float = MARKER_SIZE) -> str:
    """An SVG path for a marker centred on (x, y)."""
    if shape == "circle":
        return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z"
    if shape == "square":
        s = r * 0.9
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r * 1.2:.1f}L{x + r * 1.1:.1f},{y + r * 0.8:.1f}H{x - r * 1.1:.1f}Z"
    if shape == "triangle-down":
        return f"M{x:.1f},{y + r * 1.2:.1f}L{x + r * 1.1:.1f},{y - r * 0.8:.1f}H{x - r * 1.1:.1f}Z"
    if shape == "diamond":
        h = r * 1.3
        return f"M{x:.1f},{y - h:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + h:.1f}L{x - r:.1f},{y:.1f}Z"
    w = r * 0.35  # a plus-shaped cross, filled so it shows at any stroke
    return (
        f"M{x - w:.1f},{y - r:.1f}h{2 * w:.1f}v{r - w:.1f}h{r - w:.1f}v{2 * w:.1f}h{w - r:.1f}"
        f"v{r - w:.1f}h{-2 * w:.1f}v{w - r:.1f}h{w - r:.1f}v{-2 * w:.1f}h{r - w:.1f}Z"
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round-numbered axis ticks covering `low` to `high` (steps of 1, 2, 2.5 or 5 × 10ⁿ)."""
    if high <= low:
        high = low + (abs(low) or 1)
    rough = (high - low) / (count - 1)
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    return [round(start + i * step, 10) for i in range(round((end - start) / step) + 1)]


def tick_label(value: float, ticks: list[float], data: IndicatorData) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    places = 0 if float(step).is_integer() else len(f"{step:.6f}".rstrip("0").split(".")[1])
    text = f"{value:,.{places}f}"
    return f"{text}%" if data.unit_is_percent else text


def cut(name: str) -> str:
    return name if len(name) <= MAX_LABEL_CHARS else name[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def spread(wanted: list[float], low: float, high: float, gap: float = LABEL_GAP) -> list[float]:
    """Positions as near `wanted` (sorted) as they can be, `gap` apart, within low..high."""
    placed: list[float] = []
    for position in wanted:
        placed.append(max(position, placed[-1] + gap) if placed else max(position, low))
    overflow = placed[-1] - high if placed else 0
    if overflow > 0:
        placed = [position - overflow for position in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    return placed


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Mark:
    """A value on the chart: its point or bar, and its label."""

    x: float
    y: float
    label: str
    label_x: float = 0
    label_y: float = 0
    marker: str = ""
    width: float = 0  # bars only


@dataclass
class Line:
    number: int
    name: str
    dash: str
    marks: list[Mark] = field(default_factory=list)
    path: str = ""
    end_label: str = ""
    end_x: float = 0
    end_y: float = 0
    key_marker: str = ""


@dataclass
class Chart:
    kind: str  # "line" or "bar"
    width: float
    height: float
    title: str
    description: str
    axis_title: str
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    value_ticks: list[Tick] = field(default_factory=list)
    category_ticks: list[Tick] = field(default_factory=list)
    category_title: str = ""
    lines: list[Line] = field(default_factory=list)
    bars: list[Mark] = field(default_factory=list)
    zero: float = 0

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"

    # Where the template writes the axes' labels (SVG has no margins to lay them out with).
    @property
    def value_label_x(self) -> float:
        return self.plot_left - 8

    @property
    def category_label_y(self) -> float:
        return self.plot_bottom + 22

    @property
    def category_title_y(self) -> float:
        return self.plot_bottom + 44

    @property
    def plot_middle(self) -> float:
        return (self.plot_left + self.plot_right) / 2


def axis_title(data: IndicatorData) -> str:
    unit = data.unit.strip()
    if data.unit_is_percent:
        return "Per cent (%)"
    return unit[:1].upper() + unit[1:]


def description(data: IndicatorData) -> str:
    """The chart's `<desc>`: the trend, then every figure, so no reader misses one."""
    parts = []
    for series in data.series:
        figures = ", ".join(
            f"{period} {data.number(series.values[period])}"
            for period in data.periods
            if period in series.values
        )
        parts.append(f"{series.name}: {figures}" if data.has_breakdowns else figures)
    return f"{data.summary()} Figures: {'; '.join(parts)}."


def chart(data: IndicatorData) -> Chart | None:
    """The chart for `data`: lines over time, bars at a single period; None without figures."""
    if not data:
        return None
    return line_chart(data) if len(data.periods) > 1 else bar_chart(data)


def line_chart(data: IndicatorData) -> Chart:
    values = [float(row.value) for row in data.rows]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    tick_labels = [tick_label(t, ticks, data) for t in ticks]
    value_labels = {(row.period, row.breakdown): data.number(row.value) for row in data.rows}
    widest_value = max(text_width(label) for label in value_labels.values())
    named = data.has_breakdowns
    end_width = max(text_width(cut(s.name)) for s in data.series) + 22 if named else 0
    left = 16 + max(text_width(label) for label in tick_labels)
    right = WIDTH - max(end_width + 8, 8)
    top, bottom = 46.0, 46.0 + PLOT_HEIGHT
    inset = max(widest_value / 2, max(text_width(p) for p in data.periods) / 2) + 4
    first_x, last_x = left + inset, right - inset
    count = len(data.periods)
    step_x = (last_x - first_x) / (count - 1)
    x_of = {period: first_x + i * step_x for i, period in enumerate(data.periods)}
    low, high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * PLOT_HEIGHT

    result = Chart(
        kind="line",
        width=WIDTH,
        height=bottom + 50,
        title=f"{data.name} ({data.unit_words}), {data.periods[0]} to {data.periods[-1]}",
        description=description(data),
        axis_title=axis_title(data),
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        value_ticks=[Tick(y_of(t), label) for t, label in zip(ticks, tick_labels, strict=True)],
        category_title=data.period_label,
        zero=y_of(0.0),
    )
    # Period labels are mostly digits, wider than the average character (8.9 units at 14 px
    # in DejaVu Sans): "2023 Q1" is 60 units, not 53, so allow two characters between them.
    label_every = max(1, math.ceil((max(map(text_width, data.periods)) + PERIOD_GAP) / step_x))
    result.category_ticks = [
        Tick(x_of[period], period)
        for i, period in enumerate(data.periods)
        if (count - 1 - i) % label_every == 0
    ]
    for number, series in enumerate(data.series):
        shape, dash = STYLES[number % len(STYLES)]
        line = Line(number, series.name, dash)
        segments, current = [], []
        for period in data.periods:
            value = series.values.get(period)
            if value is None:
                segments, current = segments + [current] if current else segments, []
                continue
            x, y = x_of[period], y_of(float(value))
            current.append((x, y))
            label = value_labels[(period, series.breakdown)]
            line.marks.append(Mark(x, y, label, label_x=x, marker=marker_path(shape, x, y)))
        segments += [current] if current else []
        line.path = " ".join(
            "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in segment) for segment in segments
        )
        if named:
            last = line.marks[-1]
            line.end_label, line.end_y = cut(series.name), last.y
            line.end_x = right + 22
            line.key_marker = marker_path(shape, right + 12, last.y)
        result.lines.append(line)
    place_value_labels(result)
    if named:
        place_end_labels(result)
    return result


def place_value_labels(result: Chart) -> None:
    """Each value's label above its point, or below it where a nearby line's point or label is
    in the way; where neither is free (lines running very close), the period's labels are
    stacked apart in order."""
    by_x: dict[float, list[Mark]] = {}
    for line in result.lines:
        for mark in line.marks:
            by_x.setdefault(round(mark.x, 1), []).append(mark)
    lowest = result.plot_bottom - 4  # below that, the period labels
    for marks in by_x.values():
        marks.sort(key=lambda mark: mark.y)
        points, placed = [mark.y for mark in marks], []
        for mark in marks:
            free = [
                y
                for y in (mark.y - 10, mark.y + 19)
                if 14 <= y <= lowest
                and all(not (y - 12 < point + 6 and point - 6 < y + 3) for point in points)
                and all(abs(y - other) >= LABEL_GAP for other in placed)
            ]
            if not free:
                break
            mark.label_y = free[0]
            placed.append(free[0])
        else:
            continue
        wanted = [mark.y - 10 for mark in marks]
        for mark, y in zip(marks, spread(wanted, 14, result.plot_bottom + 4), strict=True):
            mark.label_y = y


def place_end_labels(result: Chart) -> None:
    lines = sorted(result.lines, key=lambda line: line.end_y)
    placed = spread([line.end_y for line in lines], 12, result.plot_bottom + 8, gap=17)
    for line, y in zip(lines, placed, strict=True):
        line.key_marker = marker_path(
            STYLES[line.number % len(STYLES)][0], result.plot_right + 12, y
        )
        line.end_y = y


def bar_chart(data: IndicatorData) -> Chart:
    period = data.periods[0]
    bars = [(s.name, s.values[period]) for s in data.series]
    values = [float(value) for _name, value in bars]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    tick_labels = [tick_label(t, ticks, data) for t in ticks]
    value_labels = [data.number(value) for _name, value in bars]
    named = data.has_breakdowns
    categories = [cut(name) if named else period for name, _value in bars]
    left = 16 + max(map(text_width, categories))
    right = WIDTH - max(text_width(label) for label in value_labels) - 16
    top, row = 40.0, 30.0
    bottom = top + row * len(bars)
    low, high = ticks[0], ticks[-1]

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    zero = x_of(0.0)
    result = Chart(
        kind="bar",
        width=WIDTH,
        height=bottom + 34,
        title=f"{data.name} ({data.unit_words}), {period}",
        description=description(data),
        axis_title=axis_title(data),
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        value_ticks=[Tick(x_of(t), label) for t, label in zip(ticks, tick_labels, strict=True)],
        category_title=period,
        zero=zero,
    )
    for i, ((_name, value), label) in enumerate(zip(bars, value_labels, strict=True)):
        end = x_of(float(value))
        y = top + i * row + 5
        result.bars.append(
            Mark(
                x=min(zero, end),
                y=y,
                label=label,
                label_x=max(zero, end) + 6,
                label_y=y + 15,
                width=abs(end - zero),
            )
        )
        result.category_ticks.append(Tick(y + 15, categories[i]))
    return result
