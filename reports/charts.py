"""The annual report's trend charts as ReportLab vector drawings: one definition, two outputs.

Each panel is a ReportLab chart (VerticalBarChart for hours, HorizontalLineChart for
the series) with school years on the x-axis, a legend (including the dotted
alliance-start marker) and a title. The chart widgets are expanded once into
plain shapes (`Panel.drawing`): the PDF draws those shapes as vectors, and
reports/svg.py writes the very same shapes as inline SVG for the HTML report and
the bundle summary. Every panel carries a text alternative: its title and a
description listing the values by school year. Colours come from domain/palette.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Line, String, UserNode
from reportlab.lib import colors

from domain.palette import MARKER_COLOUR
from domain.vocabulary import school_year_label
from reports.fonts import BOLD, FONT, register
from reports.i18n import Words, words
from reports.pdf_shapes import FlatDrawing

BAR_COLOUR = colors.HexColor("#3b6ea5")
ZONE_COLOUR = colors.HexColor("#6b6b6b")
MARKER = colors.HexColor(MARKER_COLOUR)
GRID = colors.HexColor("#d9dde2")
TEXT = colors.HexColor("#1d232b")
WIDTH, HEIGHT = 252.0, 170.0
PLOT = (34.0, 22.0, 208.0, 104.0)  # x, y, width, height of the plotting area
PALETTE = [colors.HexColor(c) for c in ("#3b6ea5", "#c4622d", "#4f8a3c", "#8a4f9e",
                                        "#b08d1a", "#2f8f8f")]
MAX_LABELLED_YEARS = 8


@dataclass
class Series:
    name: str
    values: list[Any]          # one per category; None, markers and text are gaps
    colour: Any
    dash: tuple[int, ...] | None = None


@dataclass
class Panel:
    key: str
    title: str
    description: str
    drawing: Drawing            # plain shapes only (expanded), for PDF and SVG alike


def _numbers(values: list[Any]) -> list[float | None]:
    return [float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
            for v in values]


def _category_axis(axis: Any, years: list[int]) -> None:
    step = 1 if len(years) <= MAX_LABELLED_YEARS else 2
    axis.categoryNames = [school_year_label(y) if n % step == 0 else ""
                          for n, y in enumerate(years)]
    axis.labels.fontName, axis.labels.fontSize = FONT, 6.5
    axis.labels.fillColor = TEXT
    axis.strokeColor = ZONE_COLOUR
    axis.tickDown = 2


def _value_axis(axis: Any, numbers: list[float], fmt: Callable[[float], str],
                floor: float | None) -> None:
    axis.labels.fontName, axis.labels.fontSize = FONT, 6.5
    axis.labels.fillColor = TEXT
    axis.strokeColor = None
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = 1, GRID, 0.4
    axis.labelTextFormat = fmt
    axis.maximumTicks = 5
    low, high = min(numbers), max(numbers)
    if floor is not None:
        low = axis.valueMin = min(floor, low)
    if high == low:  # a flat series still needs a span
        axis.valueMax = high + (abs(high) * 0.1 or 1.0)
        if floor is None:
            axis.valueMin = low - (abs(low) * 0.1 or 1.0)


def _chart(kind: str, years: list[int], series: list[Series], fmt: Callable[[float], str],
           floor: float | None) -> Any:
    chart = VerticalBarChart() if kind == "bar" else HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = PLOT
    chart.data = [tuple(_numbers(s.values)) for s in series]
    numbers = [v for row in chart.data for v in row if v is not None]
    _category_axis(chart.categoryAxis, years)
    _value_axis(chart.valueAxis, numbers, fmt, floor)
    for n, s in enumerate(series):
        if kind == "bar":
            chart.bars[n].fillColor, chart.bars[n].strokeColor = s.colour, None
            chart.barWidth = 10
        else:
            chart.lines[n].strokeColor, chart.lines[n].strokeWidth = s.colour, 1.4
            chart.lines[n].strokeDashArray = s.dash
            chart.lines[n].symbol = None
    return chart


def _legend(group: Group, entries: list[tuple[str, Any, tuple | None, str]]) -> None:
    """Legend entries under the title, in up to two rows: a swatch (bar, line or dotted
    marker) and text."""
    x, y = PLOT[0], HEIGHT - 24
    for text, colour, dash, shape in entries:
        if x + 15 + len(text) * 3.6 > WIDTH and x > PLOT[0]:
            x, y = PLOT[0], y - 9
        if shape == "bar":
            group.add(Line(x, y + 2.5, x + 12, y + 2.5, strokeColor=colour, strokeWidth=5))
        elif shape == "marker":
            group.add(Line(x + 6, y - 2, x + 6, y + 7, strokeColor=colour, strokeWidth=1.2,
                           strokeDashArray=dash))
        else:
            group.add(Line(x, y + 2.5, x + 12, y + 2.5, strokeColor=colour, strokeWidth=1.4,
                           strokeDashArray=dash))
        group.add(String(x + 15, y, text, fontName=FONT, fontSize=6.5, fillColor=TEXT))
        x += 15 + len(text) * 3.6 + 10


def _expand(node: Any) -> Any:
    """The node as plain shapes: chart widgets replaced by what they draw, recursively."""
    if isinstance(node, UserNode):
        node = node.provideNode()
    if isinstance(node, Group):
        group = Group(*[_expand(child) for child in node.contents])
        group.transform = node.transform
        return group
    return node


def trend_panel(key: str, title: str, kind: str, years: list[int], series: list[Series], *,
                start: int | None, words_: Words, floor: float | None = 0.0) -> Panel:
    """One chart of `series` over school `years` ("bar" or "line"), with its legend, the
    alliance-start marker when `start` is given, and its text alternative."""
    register()
    _ = words_.gettext
    drawing = Drawing(WIDTH, HEIGHT)
    drawing.add(String(PLOT[0] - 28, HEIGHT - 12, title, fontName=BOLD, fontSize=8,
                       fillColor=TEXT))
    entries = [(s.name, s.colour, s.dash, kind) for s in series]
    numbers = [v for s in series for v in _numbers(s.values) if v is not None]
    marker = start is not None and start in years and bool(numbers)
    if marker:
        entries.append((_("Alliance start ({year})").format(year=school_year_label(start)),
                        MARKER, (1.5, 1.5), "marker"))
    _legend(drawing, entries)
    if numbers:
        drawing.add(_chart(kind, years, series, lambda v: _tick(v, words_), floor))
    else:
        drawing.add(String(PLOT[0] + PLOT[2] / 2, PLOT[1] + PLOT[3] / 2, _("no data"),
                           fontName=FONT, fontSize=8, fillColor=ZONE_COLOUR,
                           textAnchor="middle"))
    if marker:
        x = PLOT[0] + (years.index(start) + 0.5) * PLOT[2] / len(years)
        drawing.add(Line(x, PLOT[1], x, PLOT[1] + PLOT[3], strokeColor=MARKER,
                         strokeWidth=1, strokeDashArray=(1.5, 1.5)))
    flat = FlatDrawing(WIDTH, HEIGHT)
    flat.add(_expand(drawing))
    return Panel(key, title, _describe(years, series, start, words_), flat)


def _tick(value: float, words_: Words) -> str:
    rounded = round(value, 2)
    return words_.number(int(rounded) if rounded == int(rounded) else rounded)


def _describe(years: list[int], series: list[Series], start: int | None,
              words_: Words) -> str:
    """The numbers behind a panel, as text (the chart's text alternative)."""
    _ = words_.gettext
    parts = []
    for s in series:
        values = "; ".join(f"{school_year_label(y)}: {_value(v, words_)}"
                           for y, v in zip(years, s.values, strict=True))
        parts.append(f"{s.name}: {values}.")
    if start is not None:
        parts.append(_("The alliance started in {year}.").format(year=school_year_label(start)))
    return " ".join(parts)


def _value(value: Any, words_: Words) -> str:
    if value is None:
        return words_.gettext("n/a")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return words_.number(value)
    return words_.gettext(str(value))


def chart_spec(report: dict) -> dict:
    """The series the charts show, taken from the report's own numbers."""
    demand = report["demand"]["series"]
    zone = next((s for s in report["segregation"] if s["level"] == "zone"), None)
    years = sorted({r["year"] for r in demand}
                   | {r["year"] for r in (zone["series"] if zone else [])}
                   | {r["year"] for r in report["contributions"]["trend"]}) or [report["year"]]
    start = report["alliance"]["start_year"] if report["alliance"] else None
    return {
        "years": years, "start": start,
        "hours": [(r["year"], r["hours"]) for r in report["contributions"]["trend"]],
        "demand": [(r["year"], r["demand_ratio"]) for r in demand],
        "school": [(r["year"], r["share_disadvantaged"]) for r in demand],
        "zone": [(r["year"], r["zone_share_disadvantaged"]) for r in demand],
        "D": [(r["year"], r["D"]) for r in zone["series"]] if zone else [],
    }


def _on(years: list[int], points: list[tuple[int, Any]]) -> list[Any]:
    """A series spread over the panel's years (None where it has no value)."""
    by_year = dict(points)
    return [by_year.get(y) for y in years]


def report_charts(report: dict, *, words_: Words | None = None) -> list[Panel]:
    """The report's four trend panels: hours, demand, composition against the zone, zone D."""
    w = words_ or words()
    _ = w.gettext
    spec = chart_spec(report)
    years, start = spec["years"], spec["start"]
    return [
        trend_panel("hours", _("Contribution hours"), "bar", years,
               [Series(_("Hours"), _on(years, spec["hours"]), BAR_COLOUR)],
               start=start, words_=w),
        trend_panel("demand", _("Demand ratio (first choices / places)"), "line", years,
               [Series(_("Demand ratio"), _on(years, spec["demand"]), BAR_COLOUR)],
               start=start, words_=w),
        trend_panel("composition", _("Disadvantaged students (%)"), "line", years,
               [Series(_("School"), _on(years, spec["school"]), BAR_COLOUR),
                Series(_("Zone"), _on(years, spec["zone"]), ZONE_COLOUR, (3, 2))],
               start=start, words_=w, floor=None),
        trend_panel("segregation", _("Zone dissimilarity index D"), "line", years,
               [Series(_("Zone D"), _on(years, spec["D"]), ZONE_COLOUR)],
               start=start, words_=w),
    ]
