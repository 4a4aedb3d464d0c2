"""The annual report as PDF with ReportLab (pure Python): the same sections as the HTML.

Charts are ReportLab drawings placed as vectors (sharp at any zoom). Every table
fits the page: headers wrap, long-text columns wrap, and columns share the width
left. The document is built with `invariant=1`, so the same report gives the
same bytes, and carries its title, author (the programme), subject and language.

The PDF is tagged (`reports.tagging`, PDF/UA-1): headings, paragraphs, tables with
their header cells, and charts as figures with their text alternative, in reading
order; page footers, table rules and backgrounds are artifacts.
"""
from __future__ import annotations

import functools
import io

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import LongTable

from reports import render
from reports.charts import Panel
from reports.fonts import BOLD, FONT, register
from reports.i18n import Words, words
from reports.tagging import MarkedParagraph, Structure, TableTags, TaggedCanvas, artifact

# Binary streams: ASCII85 only makes the file larger and costs a pass over every image.
rl_config.useA85 = 0
WIDTH = A4[0] - 30 * mm
CELL_PAD = 6.0  # left + right padding of a table cell
_STYLES: dict[str, ParagraphStyle] = {}


def paragraph_styles() -> dict[str, ParagraphStyle]:
    """Register the fonts and styles once per process."""
    if not _STYLES:
        register()
        base = ParagraphStyle("body", fontName=FONT, fontSize=8, leading=10)
        _STYLES.update(
            body=base,
            cell=ParagraphStyle("cell", parent=base, fontSize=7, leading=8.5),
            small=ParagraphStyle("small", parent=base, fontSize=7, leading=9,
                                 textColor=colors.HexColor("#555555")),
            title=ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=15, leading=19),
            h2=ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11, leading=14,
                              spaceBefore=8, spaceAfter=3),
            caption=ParagraphStyle("caption", parent=base, fontName=BOLD, fontSize=8,
                                   spaceBefore=3, spaceAfter=2),
        )
    return _STYLES


TABLE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7),
    ("LEADING", (0, 0), (-1, -1), 8.5), ("FONTNAME", (0, 0), (-1, 0), BOLD),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8ccd2")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD / 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD / 2),
]


def table_flowables(table: render.Table, styles: dict, w: Words) -> list:
    out = [MarkedParagraph(escape(table.caption), styles["caption"])] if table.caption else []
    if not table.rows:
        return [*out, MarkedParagraph(escape(w.gettext("none")), styles["small"])]
    widths = _widths(table)
    numeric = [n for n in range(len(table.header))
               if all(render.is_numeric(row[n], w) for row in table.rows)]
    rows: list[list] = [[_lines(h, widths[n] - CELL_PAD) for n, h in enumerate(table.header)]]
    for row in table.rows:
        rows.append([Paragraph(escape(cell), styles["cell"])
                     if n == table.wrap or _text_width(cell) > widths[n] - CELL_PAD else cell
                     for n, cell in enumerate(row)])
    style = TableStyle(TABLE_STYLE + [("ALIGN", (n, 0), (n, -1), "RIGHT") for n in numeric])
    cls = LongTable if len(table.rows) > 30 else Table
    out.append(cls(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", style=style,
                   renderCB=TableTags("data")))
    return out


def _lines(text: str, width: float) -> str:
    """A heading broken into lines at words to fit `width` (plain text is far cheaper to lay
    out than a Paragraph; the table draws one line per newline)."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", BOLD) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _text_width(text: str, font: str = FONT) -> float:
    return pdfmetrics.stringWidth(str(text), font, 7)


def _widths(table: render.Table) -> list[float]:
    """Column widths that fit the page: each column as wide as its widest value (headers
    wrap at words); the wrapped column, or else every column, shares what is left."""
    columns = range(len(table.header))
    need = [max([_text_width(row[n]) for row in table.rows]
                + [max(_text_width(word, BOLD) for word in (table.header[n] or " ").split())])
            + CELL_PAD for n in columns]
    if table.wrap is not None:
        rest = WIDTH - (sum(need) - need[table.wrap])
        need[table.wrap] = max(30 * mm, rest)
    total = sum(need)
    if total > WIDTH:  # too wide still: shrink every column alike, text cells wrap
        need = [width * WIDTH / total for width in need]
    return need


FACTS_STYLE = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (0, -1), 7),
    ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#555555")),
    ("FONTSIZE", (1, 0), (1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)])
LONG_FACT = 90  # characters; longer values are wrapped (plain strings are much cheaper)


def facts_table(facts: list[tuple[str, str]], styles: dict) -> Table:
    rows = [[name, Paragraph(escape(value), styles["body"]) if len(value) > LONG_FACT
             else value] for name, value in facts]
    return Table(rows, colWidths=[45 * mm, WIDTH - 45 * mm], hAlign="LEFT", style=FACTS_STYLE,
                 renderCB=TableTags("facts"))


def _charts(panels: list[Panel]) -> Table:
    """The trend panels two by two, as vector drawings."""
    scale = (WIDTH / 2) / panels[0].drawing.width
    for panel in panels:
        panel.drawing.scale(scale, scale)
        panel.drawing.width *= scale
        panel.drawing.height *= scale
    cells = [[panels[n], panels[n + 1] if n + 1 < len(panels) else ""]
             for n in range(0, len(panels), 2)]
    grid = [[p.drawing if isinstance(p, Panel) else p for p in row] for row in cells]
    alt = {id(p.drawing): f"{p.title}. {p.description}" for p in panels}
    return Table(grid, colWidths=[WIDTH / 2] * 2, hAlign="LEFT",
                 renderCB=TableTags("figures", alt), style=TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _story(report: dict, panels: list[Panel] | None, styles: dict, w: Words) -> list:
    story: list = [
        MarkedParagraph(escape(_title(report, w)), styles["title"], tag="H1"),
        MarkedParagraph(escape(report["tenant"]["name"]), styles["small"]), Spacer(1, 4)]
    for section in render.sections(report, words_=w):
        block = [MarkedParagraph(escape(section.title), styles["h2"], tag="H2")]
        if section.facts:
            block.append(facts_table(section.facts, styles))
        story.append(KeepTogether(block + (table_flowables(section.tables[0], styles, w)
                                           if section.tables else [])))
        for table in section.tables[1:]:
            story.extend(table_flowables(table, styles, w))
        if section.chart and panels:
            story += [Spacer(1, 4), _charts(panels)]
        if section.note:
            story.append(MarkedParagraph(escape(section.note), styles["small"]))
    story += [Spacer(1, 6), MarkedParagraph(
        escape(render.suppression_note(report, words_=w)), styles["small"])]
    return story


def _title(report: dict, w: Words) -> str:
    return w.gettext("{school} · annual report {year}").format(
        school=report["school"]["name"], year=report["school_year"])


def to_pdf(report: dict, *, charts: list[Panel] | None,
           words_: Words | None = None) -> bytes:
    """The PDF bytes of one report; `charts` are the report's panels (drawn as vectors)."""
    w = words_ or words()
    styles = paragraph_styles()
    school, tenant = report["school"], report["tenant"]["name"]
    story = _story(report, charts, styles, w)
    footer = f"Imant · {tenant} · {school['name'] or school['key']} · {report['school_year']}"
    return build(story, title=_title(report, w), subject=w.gettext("Annual school report"),
                 author=tenant, footer=footer, words_=w)


def build(story: list, *, title: str, subject: str, author: str, footer: str,
          words_: Words) -> bytes:
    """A tagged A4 PDF of `story` (the same bytes for the same story), each page footed."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, invariant=1, leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=14 * mm, bottomMargin=14 * mm, lang=words_.language, author=author,
        title=title, subject=subject, creator="Imant", displayDocTitle=1)
    canvas = functools.partial(TaggedCanvas, structure=Structure(), title=title,
                               language=words_.language)
    doc.build(story, onFirstPage=_footer(footer, words_), onLaterPages=_footer(footer, words_),
              canvasmaker=canvas)
    return buffer.getvalue()


def _footer(text: str, w: Words):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        with artifact(canvas, "Pagination", "Footer"):
            canvas.setFont(FONT, 7)
            canvas.setFillColor(colors.HexColor("#777777"))
            canvas.drawString(15 * mm, 8 * mm, text)
            canvas.drawRightString(A4[0] - 15 * mm, 8 * mm,
                                   w.gettext("page {number}").format(number=doc.page))
        canvas.restoreState()
    return draw
