"""The annual report and the bundle summary fit a phone (390 px) and a laptop (1366 px):
the page never scrolls sideways; wide tables scroll inside their own box."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports import annual, bundle_page
from reports.bundle_summary import summary_tables
from reports.bundle_tables import Field, Resource
from reports.data import Suppressor
from reports.snapshot import Network
from tests.browser.axe import audit

GOLDEN = Path(__file__).resolve().parents[1] / "reports" / "golden"
YEARS = [2020, 2021, 2022, 2023]


def _value(field: Field, n: int):
    if field.name.endswith("_key"):
        return {"school_key": f"s-{n:04d}", "municipality_key": f"m-{n % 3:03d}",
                "alliance_key": f"a-{n:04d}"}[field.name]
    if field.name == "year":
        return YEARS[n % 4]
    return n * 7 if field.type == "integer" else round(n * 1.37, 2)


def summary() -> str:
    """summary.html of made-up rows shaped like the real tables (every column filled)."""
    tables = summary_tables(Network(tenant="-"), years=[],
                            sup=Suppressor(Network(tenant="-"), 5))
    for table in tables:
        table.rows = [[_value(f, n) for f in table.fields] for n in range(24)]
    names = [Resource("schools", "Schools", "", [Field("key", "string", ""),
                                                 Field("name", "string", "")], ["key"],
                      rows=[[f"s-{n:04d}", f"Escola pública número {n} del barri"]
                            for n in range(24)]),
             Resource("municipalities", "Municipalities", "", [Field("key", "string", ""),
                                                               Field("name", "string", "")],
                      ["key"], rows=[[f"m-{n:03d}", f"Municipality {n}"] for n in range(3)])]
    return bundle_page.summary_html([*names, *tables], title="Evaluation bundle",
                                    tenant="Test programme", first_year=2020, last_year=2023,
                                    threshold=5).decode()


def annual_report(tmp_path: Path) -> str:
    report = json.loads((GOLDEN / "s-0001.json").read_text())
    assert "error" not in annual.produce(report, str(tmp_path), None)
    return (tmp_path / "s-0001.html").read_text()


@pytest.mark.parametrize("width", [390, 1366])
def test_reports_fit_the_screen_and_tables_scroll_in_their_box(browser, tmp_path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for name, html in (("summary", summary()), ("annual", annual_report(tmp_path))):
            page.set_content(html)
            page_width = page.evaluate("document.documentElement.scrollWidth")
            assert page_width <= width, (name, page_width)
            charts = page.evaluate("[...document.querySelectorAll('svg.chart')]"
                                   ".map(s => s.getBoundingClientRect().right)")
            assert charts and max(charts) <= width, (name, charts)
            boxes = page.evaluate("[...document.querySelectorAll('.scroll')]"
                                  ".map(b => [b.scrollWidth, b.clientWidth])")
            assert boxes and all(client <= width for _, client in boxes)
            if width == 390 and name == "summary":  # the wide tables scroll inside
                assert any(inner > client for inner, client in boxes)
            if name == "annual":  # the stored file passes axe as the in-site page does
                found = audit(page, page_name=f"annual report file at {width} px")
                assert not found, "\n".join(map(str, found))
    finally:
        context.close()
