"""JSON, HTML and PDF of one report carry the same figures (PDF text read with pypdf)."""
from __future__ import annotations

import html
import io
import json
import re

from babel.numbers import format_decimal
from pypdf import PdfReader

from app.extensions import graph
from graph.reports import seed_network
from jobs import annual
from reports import annual as engine
from reports.charts import report_charts
from reports.data import annual_report
from reports.snapshot import load_network
from reports.svg import to_svg
from tests.reports.helpers import YEAR, artifacts_of, file_of, seed


def cell(value) -> str:
    """How a value is written in every format (independent of the renderer): numbers as
    Babel writes them in English, with the decimals the JSON has."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        decimals = len(repr(value).split(".")[1])
        return format_decimal(value, format="#,##0." + "0" * decimals, locale="en")
    if isinstance(value, int):
        return format_decimal(value, format="#,##0", locale="en")
    return str(value)


def tokens(text: str) -> str:
    return " " + " ".join(text.split()) + " "


def expected_rows(report: dict) -> list[list[str]]:
    """Rows of figures the report must show, taken from its JSON."""
    c, d = report["contributions"], report["demand"]
    people = ("activities", "hours", "teachers", "students", "families", "people")
    rows = [[r["label"], *(cell(r[k]) for k in people)] for r in c["by_kind"]]
    rows.append(["Total", *(cell(c["year_total"][k]) for k in people)])
    rows += [[r["school_year"], *(cell(r[k]) for k in people)] for r in c["trend"]]
    rows.append(["Since the start", *(cell(c["since_start"][k]) for k in people)])
    rows += [[r["school_year"], *(cell(r[k]) for k in (
        "places_offered", "first_choice_applications", "demand_ratio", "enrolled_total",
        "share_disadvantaged", "share_migrant", "share_nese", "zone_share_disadvantaged",
        "composition_gap_pp"))] for r in d["series"]]
    rows += [[r["label"], cell(r["before"]), cell(r["start"]), cell(r["current"]),
              cell(r["change_since_start"])] for r in d["before_after"]["rows"]]
    for territory in report["segregation"]:
        rows += [[cell(g["schools"]), cell(g["share"]),
                  *(cell(g[ix]) for ix in ("D", "H", "xPx", "xPy", "M"))]
                 for g in territory["groups"]]
    t = report["training"]
    rows += [["Teachers in training (%)", cell(t["share_percent"])],
             ["Teachers reached", cell(t["teachers_reached"])],
             ["Measures active this school year", cell(report["measures"]["active_count"])]]
    rows += [[k["label"], cell(k["count"])] for k in report["measures"]["by_kind"]]
    return rows


def test_json_html_and_pdf_carry_the_same_figures(app, tenant):
    seed(tenant)
    run = annual.run_annual(tenant=tenant, year=YEAR, school="s-0001")
    assert run.status == "succeeded", run.error
    files = {a.fmt: file_of(app, a) for a in artifacts_of(tenant)}
    assert set(files) == {"json", "html", "pdf"}
    report = json.loads(files["json"].read_text())
    pdf = PdfReader(io.BytesIO(files["pdf"].read_bytes()))
    pdf_text = tokens("\n".join(page.extract_text() for page in pdf.pages))
    page = files["html"].read_text()
    html_text = tokens(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    rows = expected_rows(report)
    assert len(rows) > 20
    for row in rows:
        wanted = tokens(" ".join(row))
        assert wanted in pdf_text, f"PDF lacks {wanted!r}"
        assert wanted in html_text, f"HTML lacks {wanted!r}"
    assert report["school"]["name"] in pdf_text and "2023-24" in pdf_text
    assert page.count('<svg class="chart" role="img"') == 4  # the charts travel inside the page
    assert b"/Subtype /Image" not in files["pdf"].read_bytes()  # drawn as vectors, not pictures


def test_rendering_is_deterministic(app, tenant, tmp_path):
    seed(tenant)
    report = annual_report(load_network(client=graph, tenant=tenant.slug), school_key="s-0004",
                           year=YEAR, threshold=5, tenant_name=tenant.name)
    first = engine.produce(report, str(tmp_path / "a"))
    second = engine.produce(report, str(tmp_path / "b"))
    assert "error" not in first
    assert [f[1:] for f in first["files"]] == [f[1:] for f in second["files"]]
    assert {f[0] for f in first["files"]} == {"json", "html", "pdf"}


def test_failing_reports_are_recorded_and_the_others_written(app, tenant):
    network = seed(tenant)
    alliances = {a["school"]: a for a in network["alliances"]}
    graph.write(seed_network, tenant=tenant.slug, network={
        "alliances": [{**alliances["s-0002"], "training_share": "most of them"}],
        "contributions": [{"key": "bad-hours", "alliance": alliances["s-0004"]["key"],
                           "year": YEAR, "date": f"{YEAR}-10-01", "kind": "workshop",
                           "hours": "many", "teachers": 1, "students": 1, "families": 1,
                           "description": "hours not a number"}]})
    run = annual.run_annual(tenant=tenant, year=YEAR)
    assert run.status == "failed"
    assert run.error == "2 of 6 reports failed"
    failures = {f["school"]: f["reason"] for f in run.details["failures"]}
    assert set(failures) == {"s-0002", "s-0004"}
    assert "most of them" in failures["s-0002"] and "many" in failures["s-0004"]
    written = {a.subject_key for a in artifacts_of(tenant)}
    assert written == {"s-0000", "s-0001", "s-0003", "s-0005"}
    assert run.done == run.total == 6


def test_a_chart_does_not_depend_on_the_chart_drawn_before(app, tenant):
    seed(tenant)
    net = load_network(client=graph, tenant=tenant.slug)
    reports = [annual_report(net, school_key=k, year=YEAR, threshold=5, tenant_name="T")
               for k in ("s-0000", "s-0003")]

    def svgs(report: dict) -> list[str]:
        return [to_svg(p.drawing, ident=p.key, title=p.title, description=p.description)
                for p in report_charts(report)]

    fresh = svgs(reports[1])
    svgs(reports[0])
    assert svgs(reports[1]) == fresh
    assert svgs(reports[0]) != fresh
