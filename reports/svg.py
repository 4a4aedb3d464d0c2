"""ReportLab drawings as inline SVG: the same shapes the PDF draws, written as markup.

Only plain shapes are written (charts.py expands its widgets first). The SVG
scales with its container (viewBox, no fixed size) and carries its text
alternative as <title> and <desc>, named by aria-labelledby.
"""
from __future__ import annotations

from html import escape
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
)

from reports.fonts import BOLD, SVG_FAMILY

ANCHORS = {"start": "start", "middle": "middle", "end": "end", "numeric": "end"}


def _colour(colour: Any) -> str:
    if colour is None:
        return "none"
    red, green, blue = colour.rgb()
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _stroke(shape: Any) -> str:
    colour = getattr(shape, "strokeColor", None)
    if colour is None or not getattr(shape, "strokeWidth", 1):
        return ' stroke="none"'
    out = f' stroke="{_colour(colour)}" stroke-width="{_n(shape.strokeWidth)}"'
    if getattr(shape, "strokeDashArray", None):
        out += f' stroke-dasharray="{" ".join(_n(d) for d in shape.strokeDashArray)}"'
    return out


def _fill(shape: Any) -> str:
    return f' fill="{_colour(getattr(shape, "fillColor", None))}"'


def _string(s: String) -> str:
    weight = ' font-weight="bold"' if s.fontName == BOLD else ""
    return (f'<text transform="translate({_n(s.x)} {_n(s.y)}) scale(1 -1)" '
            f'font-size="{_n(s.fontSize)}"{weight} fill="{_colour(s.fillColor)}" '
            f'text-anchor="{ANCHORS.get(s.textAnchor, "start")}">{escape(s.text)}</text>')


def _points(points: list[float]) -> str:
    return " ".join(f"{_n(points[i])},{_n(points[i + 1])}" for i in range(0, len(points), 2))


def _shape(node: Any, out: list[str]) -> None:  # noqa: C901 - one branch per shape kind
    if isinstance(node, Group):
        transform = tuple(node.transform)
        if transform != (1, 0, 0, 1, 0, 0):
            out.append(f'<g transform="matrix({" ".join(_n(v) for v in transform)})">')
        for child in node.contents:
            _shape(child, out)
        if transform != (1, 0, 0, 1, 0, 0):
            out.append("</g>")
    elif isinstance(node, String):
        out.append(_string(node))
    elif isinstance(node, Line):
        out.append(f'<line x1="{_n(node.x1)}" y1="{_n(node.y1)}" x2="{_n(node.x2)}" '
                   f'y2="{_n(node.y2)}"{_stroke(node)}/>')
    elif isinstance(node, Polygon):
        out.append(f'<polygon points="{_points(node.points)}"{_stroke(node)}{_fill(node)}/>')
    elif isinstance(node, PolyLine):
        out.append(f'<polyline points="{_points(node.points)}"{_stroke(node)} fill="none"/>')
    elif isinstance(node, Rect):
        out.append(f'<rect x="{_n(node.x)}" y="{_n(node.y)}" width="{_n(node.width)}" '
                   f'height="{_n(node.height)}"{_stroke(node)}{_fill(node)}/>')
    elif isinstance(node, Circle):
        out.append(f'<circle cx="{_n(node.cx)}" cy="{_n(node.cy)}" r="{_n(node.r)}"'
                   f'{_stroke(node)}{_fill(node)}/>')
    else:
        raise TypeError(f"no SVG for {type(node).__name__}")


def to_svg(drawing: Drawing, *, ident: str, title: str, description: str) -> str:
    """Inline SVG of an expanded drawing, with its title and description for screen readers."""
    out = [f'<svg class="chart" role="img" viewBox="0 0 {_n(drawing.width)} '
           f'{_n(drawing.height)}" aria-labelledby="{ident}-t {ident}-d" '
           f'font-family="{escape(SVG_FAMILY)}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ident}-t">{escape(title)}</title>',
           f'<desc id="{ident}-d">{escape(description)}</desc>',
           f'<g transform="matrix(1 0 0 -1 0 {_n(drawing.height)})">']
    for child in drawing.contents:
        _shape(child, out)
    out.append("</g></svg>")
    return "".join(out)
