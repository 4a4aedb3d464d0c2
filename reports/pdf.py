"""The annual report as PDF with ReportLab (pure Python): the same sections as the HTML.

DejaVu Sans (shipped with matplotlib) covers every script a name may use; the
document is built with `invariant=1`, so the same report gives the same bytes.
"""
from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from PIL.Image import Image as PILImage
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import LongTable

from reports import render

# Binary streams: ASCII85 only makes the file larger and costs a pass over every image.
rl_config.useA85 = 0
FONT, BOLD = "ImantSans", "ImantSans-Bold"
WIDTH = A4[0] - 30 * mm
_STYLES: dict[str, ParagraphStyle] = {}


def _fonts() -> dict[str, ParagraphStyle]:
    """Register the fonts and styles once per process."""
    if not _STYLES:
        ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont(FONT, str(ttf / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(ttf / "DejaVuSans-Bold.ttf")))
        base = ParagraphStyle("body", fontName=FONT, fontSize=8, leading=10)
        _STYLES.update(
            body=base,
            small=ParagraphStyle("small", parent=base, fontSize=7, leading=9,
                                 textColor=colors.HexColor("#555555")),
            title=ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=15, leading=19),
            h2=ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11, leading=14,
                              spaceBefore=8, spaceAfter=3),
            caption=ParagraphStyle("caption", parent=base, fontName=BOLD, fontSize=8,
                                   spaceBefore=3, spaceAfter=2),
        )
    return _STYLES


TABLE_STYLE = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7),
    ("LEADING", (0, 0), (-1, -1), 8.5), ("FONTNAME", (0, 0), (-1, 0), BOLD),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8ccd2")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
])


class _Picture(Flowable):
    """A drawn chart placed from memory (no PNG round trip)."""

    def __init__(self, image: PILImage, width: float, height: float) -> None:
        super().__init__()
        self.image, self.width, self.height = image, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(self.image), 0, 0, self.width, self.height)


def _table(table: render.Table, styles: dict) -> list:
    out = [Paragraph(_escape(table.caption), styles["caption"])] if table.caption else []
    if not table.rows:
        return [*out, Paragraph("none", styles["small"])]
    rows: list[list] = [list(table.header), *table.rows]
    widths = None
    if table.wrap is not None:
        widths = _widths(rows, table.wrap)
        cell = ParagraphStyle("cell", parent=styles["body"], fontSize=7, leading=8.5)
        for row in rows[1:]:
            row[table.wrap] = Paragraph(_escape(row[table.wrap]), cell)
    cls = LongTable if len(table.rows) > 30 else Table
    out.append(cls(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TABLE_STYLE))
    return out


def _widths(rows: list[list[str]], wrap: int) -> list[float]:
    """Natural widths for every column but `wrap`, which takes what is left of the page."""
    widths = [max(pdfmetrics.stringWidth(str(row[i]), BOLD, 7) for row in rows) + 8
              for i in range(len(rows[0]))]
    widths[wrap] = max(30 * mm, WIDTH - (sum(widths) - widths[wrap]))
    return widths


FACTS_STYLE = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (0, -1), 7),
    ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#555555")),
    ("FONTSIZE", (1, 0), (1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)])
LONG_FACT = 90  # characters; longer values are wrapped (plain strings are much cheaper)


def _facts(facts: list[tuple[str, str]], styles: dict) -> Table:
    rows = [[name, Paragraph(_escape(value), styles["body"]) if len(value) > LONG_FACT
             else value] for name, value in facts]
    return Table(rows, colWidths=[45 * mm, WIDTH - 45 * mm], hAlign="LEFT", style=FACTS_STYLE)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_pdf(report: dict, *, chart: PILImage | None) -> bytes:
    """The PDF bytes of one report; `chart` is the drawn figure (embedded as is)."""
    styles = _fonts()
    school = report["school"]
    story: list = [
        Paragraph(_escape(f"{school['name']} · annual report {report['school_year']}"),
                  styles["title"]),
        Paragraph(_escape(report["tenant"]["name"]), styles["small"]), Spacer(1, 4)]
    for section in render.sections(report):
        block = [Paragraph(_escape(section.title), styles["h2"])]
        if section.facts:
            block.append(_facts(section.facts, styles))
        story.append(KeepTogether(block + (_table(section.tables[0], styles)
                                           if section.tables else [])))
        for table in section.tables[1:]:
            story.extend(_table(table, styles))
        if section.chart and chart is not None:
            height = WIDTH * chart.height / chart.width
            story += [Spacer(1, 4), _Picture(chart, WIDTH, height)]
        if section.note:
            story.append(Paragraph(_escape(section.note), styles["small"]))
    story += [Spacer(1, 6), Paragraph(_escape(render.suppression_note(report)), styles["small"])]
    buffer = io.BytesIO()
    footer = f"Imant · {report['tenant']['name']} · {school['key']} · {report['school_year']}"
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, leftMargin=15 * mm,
                            rightMargin=15 * mm, topMargin=14 * mm, bottomMargin=14 * mm,
                            title=f"{school['name']} {report['school_year']}",
                            author=report["tenant"]["name"], creator="Imant")
    doc.build(story, onFirstPage=_footer(footer), onLaterPages=_footer(footer))
    return buffer.getvalue()


def _footer(text: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawString(15 * mm, 8 * mm, text)
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"page {doc.page}")
        canvas.restoreState()
    return draw
