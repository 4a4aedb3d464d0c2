"""Charts (vector, labelled, with a text alternative) and tables that fit the PDF page."""
from __future__ import annotations

import copy
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics.shapes import Group, Line, String

from reports import pdf, render
from reports.charts import MARKER, report_charts
from reports.i18n import words
from reports.svg import to_svg

GOLDEN = Path(__file__).parent / "golden"


def report() -> dict:
    return copy.deepcopy(json.loads((GOLDEN / "s-0001.json").read_text()))


def shapes(node) -> list:
    out = []
    for child in node.contents:
        out += shapes(child) if isinstance(child, Group) else [child]
    return out


def test_each_panel_has_school_years_a_legend_for_the_alliance_start_and_its_numbers():
    panels = report_charts(report())
    assert [p.key for p in panels] == ["hours", "demand", "composition", "segregation"]
    for panel in panels:
        texts = [s.text for s in shapes(panel.drawing) if isinstance(s, String)]
        assert {"2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24"} <= set(texts)
        assert "Alliance start (2020-21)" in texts and panel.title in texts
        dotted = [s for s in shapes(panel.drawing) if isinstance(s, Line)
                  and s.strokeColor == MARKER and s.strokeDashArray]
        assert len(dotted) == 2  # the marker on the plot and its legend swatch
    hours = panels[0].description
    assert "2020-21: 13.0" in hours and "2023-24: 14.0" in hours and "2018-19: n/a" in hours
    assert "The alliance started in 2020-21." in hours
    assert "2018-19: suppressed" in panels[1].description  # a withheld value is named so


def test_a_panel_without_numbers_says_so():
    data = report()
    data["contributions"]["trend"] = []
    hours = report_charts(data)[0]
    texts = [s.text for s in shapes(hours.drawing) if isinstance(s, String)]
    assert "no data" in texts
    assert not any(t.startswith("Alliance start") for t in texts)


def test_the_svg_is_well_formed_and_named_for_screen_readers():
    panel = report_charts(report())[2]
    svg = to_svg(panel.drawing, ident="c-2", title=panel.title, description=panel.description)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-2-t c-2-d"
    assert root.find(f"{ns}title").text == "Disadvantaged students (%)"
    assert "School: 2018-19: 43.0" in root.find(f"{ns}desc").text
    assert root.get("viewBox") and root.get("width") is None  # scales with its box
    assert len(root.findall(f".//{ns}polyline")) == 2  # school and zone


def test_every_table_fits_the_page_width():
    data = report()
    data["measures"]["active"][0]["description"] = "A long description of a measure " * 6
    styles = pdf.paragraph_styles()
    w = words()
    tables = [t for s in render.sections(data, words_=w) for t in s.tables]
    wide = render.Table([f"A rather long column heading {n}" for n in range(12)],
                        [[f"{n * 1000.5}" for n in range(12)]] * 3, "twelve columns")
    for table in [*tables, wide]:
        for flowable in pdf.table_flowables(table, styles, w):
            width, _ = flowable.wrap(pdf.WIDTH, 10_000)
            assert width <= pdf.WIDTH + 0.01, (table.caption, width)


def test_the_pdf_draws_vectors_and_says_what_it_is():
    data = report()
    out = pdf.to_pdf(data, charts=report_charts(data))
    assert b"/Subtype /Image" not in out
    reader = PdfReader(io.BytesIO(out))
    assert reader.metadata.title == "School s-0001 · annual report 2023-24"
    assert reader.metadata.author == "Test programme"
    assert reader.metadata.subject == "Annual school report"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Alliance start (2020-21)" in text and "Contribution hours" in text
