"""The annual report's trend charts: one matplotlib figure of four panels per report.

Building a matplotlib figure costs far more than drawing one, so each process
keeps one figure and only swaps the data between reports; layout is fixed (no
tight_layout). Titles, legend and frames are drawn once and kept as
pixels; each report redraws only its axes and data over them (blitting). The
drawn canvas becomes a PIL image, which the PDF embeds as is and the HTML gets
as a small PNG. Styles follow the web charts (app/charts.py); colours come from
domain/palette.py.
"""
from __future__ import annotations

import io
import threading
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from PIL import Image  # noqa: E402

from domain.palette import MARKER_COLOUR  # noqa: E402
from domain.vocabulary import school_year_label  # noqa: E402

BAR_COLOUR = "#3b6ea5"
ZONE_COLOUR = "#7a7a7a"
SIZE = (7.0, 3.6)
DPI = 90
TITLES = ("Contribution hours", "Demand ratio (first choices / places)",
          "Disadvantaged students (%)", "Territory dissimilarity D")

_LOCAL = threading.local()


class ReportFigure:
    """One reusable 2×2 figure: hours, demand, composition vs zone, zone segregation."""

    def __init__(self) -> None:
        with matplotlib.rc_context({"font.size": 7, "axes.titlesize": 8}):
            self.fig = Figure(figsize=SIZE, dpi=DPI)
            FigureCanvasAgg(self.fig)
            self.axes = self.fig.subplots(2, 2).ravel()
            self.fig.subplots_adjust(left=0.06, right=0.985, bottom=0.09, top=0.93,
                                     wspace=0.16, hspace=0.55)
            for ax, title in zip(self.axes, TITLES, strict=True):
                ax.set_title(title, loc="left")
                ax.spines[["top", "right"]].set_visible(False)
                ax.grid(axis="y", linewidth=0.4, alpha=0.6)
                ax.yaxis.set_major_locator(MaxNLocator(3))
                ax.tick_params(labelsize=6, length=2)
            self.lines = {
                "demand": self.axes[1].plot([], [], marker="o", ms=3, lw=1.4)[0],
                "school": self.axes[2].plot([], [], marker="o", ms=3, lw=1.4,
                                            label="school")[0],
                "zone": self.axes[2].plot([], [], ls="--", lw=1.2, color=ZONE_COLOUR,
                                          label="zone")[0],
                "D": self.axes[3].plot([], [], marker="o", ms=3, lw=1.4, color=ZONE_COLOUR)[0],
            }
            # above the plot, right of the title: never under the data (it is background)
            self.axes[2].legend(fontsize=6, frameon=False, loc="lower right", ncol=2,
                                bbox_to_anchor=(1.0, 1.0), borderaxespad=0.1)
            self.markers = [ax.axvline(0, color=MARKER_COLOUR, ls=":", lw=1) for ax in self.axes]
        self.bars: Any = None
        self.background = self._static_background()

    def _dynamic(self) -> list:
        """What changes between reports (drawn over the static background each time)."""
        return [a for ax in self.axes for a in (ax.xaxis, ax.yaxis)] + \
            list(self.lines.values()) + self.markers

    def _static_background(self) -> Any:
        """Titles, legend, spines and frames drawn once and kept as pixels."""
        for artist in self._dynamic():
            artist.set_visible(False)
        self.fig.canvas.draw()
        background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        for artist in self._dynamic():
            artist.set_visible(True)
        return background

    def draw(self, spec: dict) -> Image.Image:
        """Swap in one report's series, draw, and return the picture."""
        years = spec["years"]
        if self.bars is not None:
            self.bars.remove()
        hours_years = [y for y, _ in spec["hours"]]
        self.bars = self.axes[0].bar(hours_years, [v for _, v in spec["hours"]],
                                     color=BAR_COLOUR, width=0.6)
        for name in ("demand", "school", "zone", "D"):
            points = spec[name]
            self.lines[name].set_data([y for y, _ in points], [_nan(v) for _, v in points])
        for ax, marker in zip(self.axes, self.markers, strict=True):
            marker.set_xdata([spec["start"] or years[0]] * 2)
            marker.set_visible(spec["start"] is not None)
            ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        # Limits come from this report's values only, never from the previous report's.
        self.axes[0].set_ylim(*_span([v for _, v in spec["hours"]], floor=0.0))
        self.axes[1].set_ylim(*_span([v for _, v in spec["demand"]], floor=0.0))
        self.axes[2].set_ylim(*_span([v for _, v in spec["school"] + spec["zone"]]))
        self.axes[3].set_ylim(0, max([0.5, *(_zero(v) for _, v in spec["D"])]) * 1.1)
        ticks = years if len(years) <= 5 else years[::2]
        names = [school_year_label(y) for y in ticks]
        for n, ax in enumerate(self.axes):
            ax.set_xticks(ticks, names if n >= 2 else [])
        self._blit(spec)
        return Image.frombuffer("RGBA", self.fig.canvas.get_width_height(),
                                self.fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
                                ).convert("RGB")


    def _blit(self, spec: dict) -> None:
        """Redraw only what changed, in the figure's stacking order, over the background."""
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        for patch in self.bars:
            self.axes[0].draw_artist(patch)
        for ax in self.axes:
            ax.draw_artist(ax.xaxis)
            ax.draw_artist(ax.yaxis)
        for ax, line in ((self.axes[1], "demand"), (self.axes[2], "school"),
                         (self.axes[2], "zone"), (self.axes[3], "D")):
            ax.draw_artist(self.lines[line])
        if spec["start"] is not None:
            for ax, marker in zip(self.axes, self.markers, strict=True):
                ax.draw_artist(marker)


def _nan(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else float("nan")


def _span(values: list[Any], *, floor: float | None = None) -> tuple[float, float]:
    """Axis limits around the numbers among `values` (markers and None left out)."""
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    if floor is not None:
        numbers.append(floor)
    if not numbers:
        return 0.0, 1.0
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 0.5)
    return (low if floor is not None and low == floor else low - pad), high + pad


def _zero(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def chart_spec(report: dict) -> dict:
    """The series the figure shows, taken from the report's own numbers."""
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


def report_chart(report: dict) -> Image.Image:
    """The report's chart panel (one figure per thread, reused)."""
    figure = getattr(_LOCAL, "figure", None)
    if figure is None:
        figure = _LOCAL.figure = ReportFigure()
    return figure.draw(chart_spec(report))


def png_bytes(image: Image.Image) -> bytes:
    """A small PNG (no metadata, so the same chart gives the same bytes)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
