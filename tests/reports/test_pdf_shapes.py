"""reports.pdf_shapes draws a panel exactly as ReportLab's renderPDF does: both pages are
rendered with PDFium and compared pixel by pixel."""
from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Ellipse,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from reports import pdf_shapes
from reports.charts import report_charts
from reports.fonts import BOLD, FONT, register

GOLDEN = Path(__file__).parent / "golden"


def _page(drawing: Drawing, draw) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(drawing.width + 40, drawing.height + 40), invariant=1)
    canvas.setStrokeColor(colors.green)  # state left by what was drawn before the panel
    canvas.setFillColor(colors.orange)
    canvas.setLineWidth(7)
    canvas.translate(20, 20)
    draw(drawing, canvas)
    canvas.rect(0, 0, 10, 10, fill=1)  # and the state the panel must leave behind
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _pixels(data: bytes):
    return pdfium.PdfDocument(data)[0].render(scale=3).to_pil().convert("RGB")


def _same_picture(drawing: Drawing) -> None:
    by_reportlab = _pixels(_page(drawing, lambda d, c: renderPDF.draw(d, c, 0, 0)))
    written = _pixels(_page(drawing, pdf_shapes.write))
    assert by_reportlab.size == written.size
    assert ImageChops.difference(by_reportlab, written).getbbox() is None


def test_every_shape_kind_looks_as_renderpdf_draws_it():
    register()
    drawing = Drawing(300, 200)
    inner = Group(Line(0, 0, 40, 30, strokeColor=colors.red, strokeWidth=3,
                       strokeDashArray=(4, 2), strokeLineCap=1),
                  Rect(5, 40, 30, 20, fillColor=colors.blue, strokeColor=None),
                  transform=(0.5, 0.2, -0.2, 0.5, 150, 20))
    drawing.add(Group(
        inner,  # a transformed group whose colours and dash must not leak out of it
        Line(10, 10, 120, 10, strokeColor=colors.black, strokeWidth=1),
        Rect(10, 20, 40, 30, fillColor=colors.HexColor("#3b6ea5"), strokeColor=colors.black,
             strokeWidth=0.5),
        Rect(60, 20, 40, 30, fillColor=None, strokeColor=colors.purple, strokeWidth=2,
             strokeLineJoin=1),
        Polygon([110, 20, 150, 20, 130, 60], fillColor=colors.yellow,
                strokeColor=colors.brown, strokeWidth=1.5),
        PolyLine([10, 80, 50, 120, 90, 90, 130, 140], strokeColor=colors.teal, strokeWidth=1.4,
                 strokeDashArray=(3, 2)),
        Circle(200, 130, 25, fillColor=colors.pink, strokeColor=colors.navy, strokeWidth=2),
        String(10, 170, "start Àéïõü", fontName=FONT, fontSize=9, fillColor=colors.black),
        String(150, 170, "middle", fontName=BOLD, fontSize=8, fillColor=colors.red,
               textAnchor="middle"),
        String(290, 170, "end 1.5", fontName=FONT, fontSize=7, fillColor=colors.blue,
               textAnchor="end"),
        String(150, 150, "not drawn", fontName=FONT, fontSize=7, fillColor=None)))
    _same_picture(drawing)


@pytest.mark.parametrize("language", ["en", "ca"])
def test_the_report_panels_look_as_renderpdf_draws_them(language):
    from reports.i18n import words
    report = copy.deepcopy(json.loads((GOLDEN / "s-0001.json").read_text()))
    panels = report_charts(report, words_=words(language))
    assert len(panels) == 4
    for panel in panels:
        assert isinstance(panel.drawing, pdf_shapes.FlatDrawing)
        _same_picture(panel.drawing)


def test_a_shape_it_cannot_write_is_named():
    drawing = Drawing(10, 10)
    drawing.add(Ellipse(5, 5, 4, 2))
    with pytest.raises(TypeError, match="no PDF writer for Ellipse"):
        _page(drawing, pdf_shapes.write)
