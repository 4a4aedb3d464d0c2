"""Expanded ReportLab drawings written straight into a PDF page: the counterpart of svg.py.

ReportLab's renderPDF draws any node of any drawing: for each shape it saves and restores
the whole canvas state and applies every style attribute again through a generic state
tracker. A report's panels hold only plain shapes (charts.py expands the chart widgets),
about sixty each, so this writes each shape's path and painting operators with only the
state changes it needs (colour, width, dash, cap, join), with one save and restore per
transformed group, as renderPDF places them. Text goes through the canvas, which encodes
it for the embedded font. The page looks the same; it costs a fraction of the time.
"""
from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
    numericXShift,
)
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

IDENTITY = (1, 0, 0, 1, 0, 0)


class FlatDrawing(Drawing):
    """A drawing of plain shapes that platypus draws with `write` instead of renderPDF."""

    def draw(self, showBoundary=None) -> None:  # noqa: ARG002 - renderPDF's signature
        write(self, self.canv)


class _Writer:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.ops: list[str] = []
        self.state: dict[str, Any] = {}  # what the page's graphics state holds now
        self.saved: list[dict[str, Any]] = []

    def flush(self) -> None:
        if self.ops:
            self.canvas.addLiteral("\n".join(self.ops))
            self.ops = []

    def _set(self, key: str, value: Any, op: str) -> None:
        if key not in self.state or self.state[key] != value:
            self.state[key] = value
            self.ops.append(op)

    def stroke(self, shape: Any) -> bool:
        colour = getattr(shape, "strokeColor", None)
        if colour is None:
            return False
        red, green, blue = colour.rgb()
        self._set("stroke", (red, green, blue), f"{fp_str(red, green, blue)} RG")
        width = getattr(shape, "strokeWidth", 1)
        self._set("width", width, f"{fp_str(width)} w")
        dash = tuple(getattr(shape, "strokeDashArray", None) or ())
        self._set("dash", dash, f"[{fp_str(*dash) if dash else ''}] 0 d")
        cap = getattr(shape, "strokeLineCap", 0) or 0
        self._set("cap", cap, f"{cap} J")
        join = getattr(shape, "strokeLineJoin", 0) or 0
        self._set("join", join, f"{join} j")
        return True

    def fill(self, shape: Any) -> bool:
        colour = getattr(shape, "fillColor", None)
        if colour is None:
            return False
        red, green, blue = colour.rgb()
        self._set("fill", (red, green, blue), f"{fp_str(red, green, blue)} rg")
        return True

    def paint(self, shape: Any, *, can_fill: bool = True) -> None:
        fill = can_fill and self.fill(shape)
        stroke = self.stroke(shape)
        self.ops.append("B" if fill and stroke else "f" if fill else "S" if stroke else "n")

    def node(self, node: Any) -> None:  # noqa: C901 - one branch per shape kind
        if isinstance(node, Group):
            self.group(node)
        elif isinstance(node, String):
            self.string(node)
        elif isinstance(node, Line):
            if self.stroke(node):
                self.ops.append(f"{fp_str(node.x1, node.y1)} m {fp_str(node.x2, node.y2)} l S")
        elif isinstance(node, Rect):
            self.ops.append(f"{fp_str(node.x, node.y, node.width, node.height)} re")
            self.paint(node)
        elif isinstance(node, Polygon):
            self.ops.append(_path(node.points) + " h")
            self.paint(node)
        elif isinstance(node, PolyLine):
            self.ops.append(_path(node.points))
            self.paint(node, can_fill=False)
        elif isinstance(node, Circle):
            fill, stroke = self.fill(node), self.stroke(node)
            self.flush()
            self.canvas.circle(node.cx, node.cy, node.r, stroke=int(stroke), fill=int(fill))
        else:
            raise TypeError(f"no PDF writer for {type(node).__name__}")

    def group(self, group: Group) -> None:
        transform = tuple(group.transform)
        if transform != IDENTITY:
            self.ops.append(f"q {fp_str(*transform)} cm")
            self.saved.append(dict(self.state))
        for child in group.contents:
            self.node(child)
        if transform != IDENTITY:
            self.ops.append("Q")
            self.state = self.saved.pop()

    def string(self, node: String) -> None:
        if not self.fill(node):
            return
        x, anchor = node.x, node.textAnchor
        if anchor not in ("start", "inherited"):
            width = stringWidth(node.text, node.fontName, node.fontSize, node.encoding)
            if anchor == "end":
                x -= width
            elif anchor == "middle":
                x -= width * 0.5
            elif anchor == "numeric":
                x -= numericXShift(anchor, node.text, width, node.fontName, node.fontSize,
                                   node.encoding)
            else:
                raise ValueError(f"bad value for textAnchor {anchor!r}")
        self.flush()
        self.canvas.setFont(node.fontName, node.fontSize)
        self.canvas.drawString(x, node.y, node.text)


def _path(points: list[float]) -> str:
    pairs = [fp_str(points[i], points[i + 1]) for i in range(0, len(points), 2)]
    return " ".join([f"{pairs[0]} m", *(f"{pair} l" for pair in pairs[1:])])


def write(drawing: Drawing, canvas: Canvas) -> None:
    """Draw `drawing` (plain shapes only) at the canvas's origin, as renderPDF would."""
    writer = _Writer(canvas)
    canvas.saveState()
    writer.group(drawing)
    writer.flush()
    canvas.restoreState()
