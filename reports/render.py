"""One report dict rendered three ways: JSON (the dict), HTML (Jinja) and PDF (ReportLab).

HTML and PDF are both drawn from `sections(report)`, a list of titled facts
and tables whose cells are the report's own values passed through `show()`;
a float prints as its shortest repr, exactly as the JSON writes it, so all
three formats carry the same figures.
"""
from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from domain.vocabulary import group_label, school_year_label
from graph.model import label

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOT_AVAILABLE = "n/a"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    wrap: int | None = None  # a column of long text, wrapped to the page in the PDF


_NUMERIC = re.compile(r"^(-?\d+(\.\d+)?(e-?\d+)?|<\d+|suppressed|n/a)$")


def is_numeric(cell: str) -> bool:
    """Right-aligned in the HTML: numbers and the markers that stand for them."""
    return bool(_NUMERIC.match(cell))


@dataclass
class Section:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: bool = False
    note: str = ""


def show(value: Any) -> str:
    """A value as every format prints it ("n/a" for undefined, markers as they are)."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _year(value: int | None) -> str:
    return NOT_AVAILABLE if value is None else school_year_label(value)


def to_json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def sections(report: dict) -> list[Section]:
    """The report's content, in reading order."""
    return [_alliance_section(report), _stage_section(report), _contribution_section(report),
            _training_section(report), _demand_section(report), _segregation_section(report),
            _measure_section(report), *_plan_section(report)]


def _alliance_section(report: dict) -> Section:
    school, alliance = report["school"], report["alliance"]
    facts = [("School", f"{school['name']} ({school['code'] or school['key']})"),
             ("Level", show(school["level"])), ("Zone", show(school["zone"]["name"])),
             ("Municipality", show(school["municipality"]["name"]))]
    if alliance:
        facts += [("Partner", ", ".join(f"{p['name']} ({p['kind']})"
                                        for p in alliance["partners"]) or NOT_AVAILABLE),
                  ("Theme", show(alliance["theme"])),
                  ("Alliance started", _year(alliance["start_year"])),
                  ("Year of the alliance", show(alliance["year_of_alliance"])),
                  ("Status", show(alliance["status"]))]
    else:
        facts.append(("Alliance", "no alliance running this school year"))
    history = Table(["Alliance", "Partner", "Theme", "Start", "End", "Status"],
                    [[h["alliance"], h["partners"], show(h["theme"]), _year(h["start_year"]),
                      _year(h["end_year"]), show(h["status"])] for h in report["partner_history"]],
                    "Partner history")
    return Section("School and alliance", facts=facts, tables=[history])


def _stage_section(report: dict) -> Section:
    rows = [[s["label"], show(s["stage_label"]), _year(s["assessed_year"]),
             f"{s['benchmarks_met_count']} of {s['benchmarks_total']}",
             ", ".join(label(b) for b in s["benchmarks_met"]) or "none"]
            for s in report["stages"]]
    return Section("Stage per core component", tables=[Table(
        ["Component", "Stage", "Assessed", "Benchmarks met", "Which"], rows, wrap=4)])


PEOPLE_COLUMNS = ("activities", "hours", "teachers", "students", "families", "people")


def _contribution_section(report: dict) -> Section:
    c = report["contributions"]
    header = ["Kind", "Activities", "Hours", "Teachers", "Students", "Families", "People reached"]
    rows = [[r["label"], *(show(r[k]) for k in PEOPLE_COLUMNS)] for r in c["by_kind"]]
    rows.append(["Total", *(show(c["year_total"][k]) for k in PEOPLE_COLUMNS)])
    trend = [[r["school_year"], *(show(r[k]) for k in PEOPLE_COLUMNS)] for r in c["trend"]]
    trend.append(["Since the start", *(show(c["since_start"][k]) for k in PEOPLE_COLUMNS)])
    return Section("Contributions", tables=[
        Table(header, rows, f"School year {report['school_year']}, by kind"),
        Table(["School year", *header[1:]], trend, "Trend since the alliance began")])


def _training_section(report: dict) -> Section:
    t = report["training"]
    return Section("Teacher training", facts=[
        ("Teachers in training (%)", show(t["share_percent"])),
        ("Target (%)", show(t["target_percent"])), ("Target met", show(t["target_met"])),
        ("Training sessions", show(t["sessions"])), ("Training hours", show(t["hours"])),
        ("Teachers reached", show(t["teachers_reached"]))])


DEMAND_COLUMNS = ("places_offered", "first_choice_applications", "demand_ratio",
                  "enrolled_total", "share_disadvantaged", "share_migrant", "share_nese",
                  "zone_share_disadvantaged", "composition_gap_pp")


def _demand_section(report: dict) -> Section:
    d = report["demand"]
    series = Table(["School year", "Places", "First choices", "Demand ratio", "Enrolled",
                    "Disadv. %", "Migrant %", "NESE %", "Zone disadv. %", "Gap (pp)"],
                   [[r["school_year"], *(show(r[k]) for k in DEMAND_COLUMNS)]
                    for r in d["series"]], "Demand and composition by school year")
    ba = d["before_after"]
    before = Table(["Indicator", f"Year before ({_year(ba['before_year'])})",
                    f"First year ({_year(ba['start_year'])})",
                    f"This year ({_year(ba['current_year'])})", "Change since start"],
                   [[r["label"], show(r["before"]), show(r["start"]), show(r["current"]),
                     show(r["change_since_start"])] for r in ba["rows"]],
                   "Before the alliance and now")
    return Section("Demand and composition", tables=[series, before], chart=True)


def _segregation_section(report: dict) -> Section:
    tables = []
    for terr in report["segregation"]:
        rows = [[group_label(g["group"]), show(g["schools"]),
                 show(g["share"]), *(show(g[ix]) for ix in ("D", "H", "xPx", "xPy", "M")),
                 g["reason"] or ""] for g in terr["groups"]]
        tables.append(Table(["Group", "Schools", "Share %", "D", "H", "xPx", "xPy", "M", "Note"],
                            rows, f"{label(terr['level'])}: {terr['name'] or terr['key']}",
                            wrap=8))
    return Section("Territory segregation", tables=tables,
                   note="D dissimilarity, H Hutchens square-root index, xPx isolation, "
                        "xPy exposure, M mutual information (two groups).")


def _measure_section(report: dict) -> Section:
    m = report["measures"]
    facts = [("Municipality", show(m["municipality"]["name"])),
             ("Measures active this school year", show(m["active_count"]))]
    by_kind = Table(["Kind", "Active"], [[k["label"], show(k["count"])] for k in m["by_kind"]],
                    "Commitment by kind")
    active = Table(["Measure", "Kind", "Start", "End", "Covers this school"],
                   [[a["key"], a["label"], show(a["start"]), show(a["end"]),
                     show(a["covers_school"])] for a in m["active"]], "Active measures")
    return Section("Municipal measures", facts=facts, tables=[by_kind, active])


def _plan_section(report: dict) -> list[Section]:
    plan = report.get("plan")
    if plan is None:
        return []
    objectives = Table(
        ["Objective", "Baseline", "Target", f"Value {report['school_year']}", "Expected",
         "Status"],
        [[o["title"], f"{show(o['baseline'])} ({_year(o['baseline_year'])})",
          f"{show(o['target'])} ({_year(o['target_year'])})", show(o["value"]),
          show(o["expected"]), f"{label(o['status'])}: {o['reason']}"]
         for o in plan["objectives"]], "Objectives", wrap=5)
    actions = Table(["Action", "Component", "Years", "Owner", "Status"], [
        [a["title"], label(a["component"]), f"{_year(a['first_year'])} to "
         f"{_year(a['last_year'])}", label(a["owner"]),
         label(what) + (f": {a['drop_reason']}" if a.get("drop_reason") else "")]
        for what in ("done", "overdue", "dropped") for a in plan["actions"][what]],
        "Actions done, overdue and dropped this year", wrap=0)
    sa = plan["self_assessment"]
    facts = [("Self-assessment", "none for this school year" if sa is None else
              f"revision {sa['revision']}, {sa['status_label'].lower()}"
              + (f" by {sa['reviewed_by']} on {sa['reviewed_at']}"
                 if sa["status"] == "accepted" and sa["reviewed_by"] else ""))]
    money = Table(["School year", "Planned", "Secured", "Spent", "Secured %"], [
        [b["school_year"], show(b["planned"]), show(b["secured"]), show(b["spent"]),
         show(b["secured_share"])] for b in (plan["budget"]["this_year"],
                                             plan["budget"]["next_year"])],
        "Budget secured against planned (EUR)")
    return [Section("Plan and objectives", facts=facts, tables=[objectives, actions, money],
                    note="Status: met when the value reaches the target; missed when the "
                         "target year has come without it; on track on or near the straight "
                         "line from baseline to target; at risk behind it.")]


def suppression_note(report: dict) -> str:
    th = report["suppression_threshold"]
    return (f"Counts of people from 1 to {th - 1} are shown as <{th}; values that would reveal "
            f"them are shown as 'suppressed'; n/a marks a value that is undefined or missing.")


_ENV: Environment | None = None


def _env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                           autoescape=select_autoescape(["html"]), trim_blocks=True,
                           lstrip_blocks=True)
        _ENV.globals["school_year"] = school_year_label
    return _ENV


def to_html(report: dict, *, chart_png: bytes | None) -> bytes:
    chart = base64.b64encode(chart_png).decode("ascii") if chart_png else None
    html = _env().get_template("annual.html").render(
        report=report, sections=sections(report), chart=chart, note=suppression_note(report),
        is_numeric=is_numeric)
    return html.encode("utf-8")
