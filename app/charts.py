"""The web pages' charts: matplotlib (Agg backend, no display) as SVG text.

Every function takes plain data and returns a self-contained image; the page charts are
kept by their arguments (app.cache), so a chart is drawn once, not on every request. Missing
values (None) leave a gap in a line rather than being drawn as 0. Text in a
chart is the caller's data, so the SVG is produced by matplotlib, which
escapes it; the SVG may then be inlined with ``|safe``.
"""
from __future__ import annotations

import io
import threading
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from app.cache import by_arguments
from domain.palette import MARKER_COLOUR
from domain.vocabulary import school_year_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Number = int | float
Series = Mapping[str, Mapping[int, Number | None]]

# pyplot's global state is avoided (Figure objects only); the font cache and
# SVG writer are still shared, so rendering is serialised per process.
_LOCK = threading.Lock()
_SIZE = (6.4, 3.2)
PARTIAL_COLOUR = "#a35200"  # the hatching of partial years (the pages' "warn" colour)


@by_arguments
def line_chart_svg(*, series: Series, title: str = "", y_label: str = "",
                   marker_year: int | None = None, marker_label: str = "alliance starts",
                   y_range: tuple[float, float] | None = None,
                   partial_years: Collection[int] = (),
                   partial_label: str = "partial coverage") -> str:
    """Lines of values by year (one per series name), optional vertical marker, as SVG text.
    Years in `partial_years` are hatched, their points hollow, and named in the legend."""
    return _render(_line_figure(series=series, title=title, y_label=y_label,
                                marker_year=marker_year, marker_label=marker_label,
                                y_range=y_range, partial=(partial_years, partial_label)))


@by_arguments
def bar_chart_svg(*, values: Mapping[str, Number | None], title: str = "",
                  y_label: str = "", horizontal: bool = False) -> str:
    """Bars by category (None drawn as an empty slot labelled "n/a"), as SVG text."""
    return _render(_bar_figure(values=values, title=title, y_label=y_label,
                               horizontal=horizontal))


def _line_figure(*, series: Series, title: str, y_label: str, marker_year: int | None,
                 marker_label: str, y_range: tuple[float, float] | None,
                 partial: tuple[Collection[int], str] = ((), "")) -> Figure:
    fig = _new_figure(figsize=_SIZE)
    ax = fig.add_subplot()
    years: set[int] = set()
    for name, points in series.items():
        xs = sorted(points)
        years.update(xs)
        ys = [float("nan") if points[x] is None else float(points[x]) for x in xs]
        (line,) = ax.plot(xs, ys, marker="o", linewidth=1.6, markersize=3.5, label=_text(name))
        _hollow_points(ax, points, partial[0], colour=line.get_color())
    _hatch_years(ax, sorted(set(partial[0]) & years), label=partial[1])
    if marker_year is not None:
        ax.axvline(marker_year, color=MARKER_COLOUR, linestyle="--", linewidth=1)
        ax.annotate(_text(marker_label), xy=(marker_year, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -10), textcoords="offset points", fontsize=8,
                    color=MARKER_COLOUR)
        years.add(marker_year)
    if years:
        ax.set_xticks(sorted(years))
        ax.set_xticklabels([school_year_label(y) for y in sorted(years)], fontsize=8,
                           rotation=30 if len(years) > 6 else 0)
    if y_range is not None:
        ax.set_ylim(*y_range)
    if len(series) > 1 or set(partial[0]) & years:
        ax.legend(fontsize=8, frameon=False)
    if not series or not years:
        _no_data(ax)
    _finish(fig, ax, title=title, y_label=y_label)
    return fig


def _hollow_points(ax, points: Mapping[int, Number | None], years: Collection[int], *,
                   colour: str) -> None:
    """Points of partial years drawn hollow over the line's filled ones."""
    xs = [x for x in sorted(points) if x in years and points[x] is not None]
    if xs:
        ax.plot(xs, [float(points[x]) for x in xs], linestyle="none", marker="o",
                markersize=5, markerfacecolor="white", markeredgecolor=colour)


def _hatch_years(ax, years: Sequence[int], *, label: str) -> None:
    """A hatched band over each partial year, named once in the legend."""
    for n, year in enumerate(years):
        ax.axvspan(year - 0.35, year + 0.35, facecolor="none", edgecolor=PARTIAL_COLOUR,
                   hatch="///", linewidth=0, label=_text(label) if n == 0 else None)


def _bar_figure(*, values: Mapping[str, Number | None], title: str, y_label: str,
                horizontal: bool) -> Figure:
    labels = [_text(k) for k in values]
    # Horizontal bars grow with the number of categories so labels never overlap.
    height = max(_SIZE[1], 0.3 * len(labels) + 1.0) if horizontal else _SIZE[1]
    fig = _new_figure(figsize=(_SIZE[0], height))
    ax = fig.add_subplot()
    heights = [0.0 if v is None else float(v) for v in values.values()]
    positions = list(range(len(labels)))
    draw = ax.barh if horizontal else ax.bar
    bars = draw(positions, heights, color="#3b6ea5")
    for bar, value in zip(bars, values.values(), strict=True):
        if value is None:
            bar.set_alpha(0)
    for pos, value in zip(positions, values.values(), strict=True):
        if value is None:
            xy = (0, pos) if horizontal else (pos, 0)
            ax.annotate("n/a", xy=xy, ha="left" if horizontal else "center", fontsize=8)
    (ax.axvline if horizontal else ax.axhline)(0, color="#555555", linewidth=0.6)
    if horizontal:
        ax.set_yticks(positions, labels, fontsize=8)
        ax.invert_yaxis()
    else:
        ax.set_xticks(positions, labels, fontsize=8, rotation=30 if len(labels) > 4 else 0,
                      ha="right" if len(labels) > 4 else "center")
    if not labels:
        _no_data(ax)
    _finish(fig, ax, title=title, y_label=y_label, horizontal=horizontal)
    return fig


def _no_data(ax) -> None:
    ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes,
            color="#777777")


def _finish(fig: Figure, ax, *, title: str, y_label: str, horizontal: bool = False) -> None:
    if title:
        ax.set_title(_text(title), fontsize=10)
    if y_label:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(_text(y_label), fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x" if horizontal else "y", linewidth=0.4, alpha=0.6)
    fig.tight_layout()


def _text(value: object) -> str:
    """Data shown as text, never as mathtext ("$" would switch matplotlib to formula mode)."""
    return str(value).replace("$", r"\$")


def _new_figure(**kwargs: object) -> Figure:
    """A Figure on the Agg backend. matplotlib is loaded on the first chart, not with the
    app: commands (`imant --help`, `imant import`) never draw one."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    return Figure(**kwargs)


def _render(fig: Figure) -> str:
    """The figure as SVG text to inline in a page: no XML prolog or DOCTYPE, and no date or
    software name, so the same data gives the same SVG (svg.hashsalt keeps element ids
    stable)."""
    buffer = io.BytesIO()
    import matplotlib
    with _LOCK, matplotlib.rc_context({"svg.hashsalt": "imant", "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg"):]


def labels_for_years(years: Sequence[int]) -> list[str]:
    """School-year labels for a list of years ("2024-25", …)."""
    return [school_year_label(y) for y in years]
