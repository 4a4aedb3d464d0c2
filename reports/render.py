"""One report dict rendered three ways: JSON (the dict), HTML (Jinja) and PDF (ReportLab).

HTML and PDF are both drawn from `sections(report, words_=…)`, a list of titled
facts and tables whose cells are the report's own values passed through
`show()`: numbers written by Babel for the programme's locale with exactly the
decimals the report rounded to, so every format carries the same figures. The
words come from the engine's own catalogue (reports/i18n.py); names, never keys,
stand for schools, partners and measures.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from domain.vocabulary import group_label, school_year_label
from graph.model import label
from reports.i18n import Words, words

TEMPLATES = Path(__file__).resolve().parent / "templates"
NOT_AVAILABLE = "n/a"
SUPPRESSED = "suppressed"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    wrap: int | None = None  # a column of long text, wrapped to the page in the PDF


_NUMERIC = re.compile(r"^(<\d+|[-\u2212+]?\d[\d.,'\u00a0\u202f\u2019]*)$")


def is_numeric(cell: str, words_: Words | None = None) -> bool:
    """Right-aligned: numbers and the markers that stand for them."""
    w = words_ or words()
    return bool(_NUMERIC.match(cell)) or cell in (w.gettext(SUPPRESSED),
                                                  w.gettext(NOT_AVAILABLE))


@dataclass
class Section:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: bool = False
    note: str = ""


def show(value: Any, words_: Words | None = None) -> str:
    """A value as every format prints it ("n/a" for undefined, markers as they are)."""
    w = words_ or words()
    if value is None:
        return w.gettext(NOT_AVAILABLE)
    if isinstance(value, bool):
        return w.gettext("yes") if value else w.gettext("no")
    if isinstance(value, int | float):
        return w.number(value)
    if value == SUPPRESSED:
        return w.gettext(SUPPRESSED)
    return str(value)


def term(value: str | None, words_: Words) -> str:
    """An enum value (status, level, stage, kind) as a translated label."""
    return words_.gettext(NOT_AVAILABLE) if value is None else words_.gettext(label(value))


def year(value: int | None, words_: Words) -> str:
    return words_.gettext(NOT_AVAILABLE) if value is None else school_year_label(value)


def to_json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def sections(report: dict, *, words_: Words | None = None) -> list[Section]:
    """The report's content, in reading order."""
    w = words_ or words()
    return [_alliance_section(report, w), _stage_section(report, w),
            _contribution_section(report, w), _training_section(report, w),
            _demand_section(report, w), _segregation_section(report, w),
            _measure_section(report, w), *_plan_section(report, w)]


def _alliance_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    school, alliance = report["school"], report["alliance"]
    facts = [(_("School"), f"{school['name']} ({school['code'] or school['key']})"),
             (_("Level"), term(school["level"], w)),
             (_("Zone"), show(school["zone"]["name"], w)),
             (_("Municipality"), show(school["municipality"]["name"], w))]
    if alliance:
        facts += [(_("Partner institution"), ", ".join(
                      f"{p['name'] or p['key']} ({term(p['kind'], w)})"
                      for p in alliance["partners"]) or _(NOT_AVAILABLE)),
                  (_("Theme"), show(alliance["theme"], w)),
                  (_("Alliance started"), year(alliance["start_year"], w)),
                  (_("Year of the alliance"), show(alliance["year_of_alliance"], w)),
                  (_("Status"), term(alliance["status"], w))]
    else:
        facts.append((_("Alliance"), _("no alliance running this school year")))
    history = Table([_("Partner institution"), _("Theme"), _("Start"), _("End"), _("Status")],
                    [[h["partners"], show(h["theme"], w), year(h["start_year"], w),
                      year(h["end_year"], w), term(h["status"], w)]
                     for h in report["partner_history"]], _("Partner history"), wrap=0)
    return Section(_("School and alliance"), facts=facts, tables=[history])


def _stage_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    rows = [[_(s["label"]), term(s["stage"], w) if s["stage"] else _(NOT_AVAILABLE),
             year(s["assessed_year"], w),
             _("{met} of {total}").format(met=w.number(s["benchmarks_met_count"]),
                                          total=w.number(s["benchmarks_total"])),
             ", ".join(term(b, w) for b in s["benchmarks_met"]) or _("none")]
            for s in report["stages"]]
    return Section(_("Stage per core component"), tables=[Table(
        [_("Component"), _("Stage"), _("Assessed"), _("Benchmarks met"), _("Which")], rows,
        wrap=4)])


PEOPLE_COLUMNS = ("activities", "hours", "teachers", "students", "families", "people")


def _contribution_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    c = report["contributions"]
    header = [_("Kind"), _("Activities"), _("Hours"), _("Teachers"), _("Students"),
              _("Families"), _("People reached")]
    rows = [[_(r["label"]), *(show(r[k], w) for k in PEOPLE_COLUMNS)] for r in c["by_kind"]]
    rows.append([_("Total"), *(show(c["year_total"][k], w) for k in PEOPLE_COLUMNS)])
    trend = [[r["school_year"], *(show(r[k], w) for k in PEOPLE_COLUMNS)] for r in c["trend"]]
    trend.append([_("Since the start"), *(show(c["since_start"][k], w) for k in PEOPLE_COLUMNS)])
    return Section(_("Contributions"), tables=[
        Table(header, rows, _("School year {year}, by kind").format(year=report["school_year"])),
        Table([_("School year"), *header[1:]], trend, _("Trend since the alliance began"))])


def _training_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    t = report["training"]
    return Section(_("Teacher training"), facts=[
        (_("Teachers in training (%)"), show(t["share_percent"], w)),
        (_("Target (%)"), show(t["target_percent"], w)),
        (_("Target met"), show(t["target_met"], w)),
        (_("Training sessions"), show(t["sessions"], w)),
        (_("Training hours"), show(t["hours"], w)),
        (_("Teachers reached"), show(t["teachers_reached"], w))])


DEMAND_COLUMNS = ("places_offered", "first_choice_applications", "demand_ratio",
                  "enrolled_total", "share_disadvantaged", "share_migrant", "share_nese",
                  "zone_share_disadvantaged", "composition_gap_pp")


def _demand_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    d = report["demand"]
    series = Table([_("School year"), _("Places"), _("First choices"), _("Demand ratio"),
                    _("Enrolled"), _("Disadv. %"), _("Migrant %"), _("NESE %"),
                    _("Zone disadv. %"), _("Gap (pp)")],
                   [[r["school_year"], *(show(r[k], w) for k in DEMAND_COLUMNS)]
                    for r in d["series"]], _("Demand and composition by school year"))
    ba = d["before_after"]
    before = Table([_("Indicator"),
                    _("Year before ({year})").format(year=year(ba["before_year"], w)),
                    _("First year ({year})").format(year=year(ba["start_year"], w)),
                    _("This year ({year})").format(year=year(ba["current_year"], w)),
                    _("Change since start")],
                   [[_(r["label"]), show(r["before"], w), show(r["start"], w),
                     show(r["current"], w), show(r["change_since_start"], w)]
                    for r in ba["rows"]], _("Before the alliance and now"), wrap=0)
    return Section(_("Demand and composition"), tables=[series, before], chart=True)


def _segregation_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    tables = []
    for terr in report["segregation"]:
        rows = [[_(group_label(g["group"])), show(g["schools"], w), show(g["share"], w),
                 *(show(g[ix], w) for ix in ("D", "H", "xPx", "xPy", "M")),
                 _(g["reason"]) if g["reason"] else ""] for g in terr["groups"]]
        caption = "{level}: {name}".format(level=_(label(terr["level"])),
                                           name=terr["name"] or terr["key"])
        tables.append(Table([_("Group"), _("Schools"), _("Share %"), "D", "H", "xPx", "xPy",
                             "M", _("Note")], rows, caption, wrap=8))
    return Section(_("Territory segregation"), tables=tables,
                   note=_("D dissimilarity, H Hutchens square-root index, xPx isolation, "
                          "xPy exposure, M mutual information (two groups)."))


def _measure_section(report: dict, w: Words) -> Section:
    _ = w.gettext
    m = report["measures"]
    facts = [(_("Municipality"), show(m["municipality"]["name"], w)),
             (_("Measures active this school year"), show(m["active_count"], w))]
    by_kind = Table([_("Kind"), _("Active")],
                    [[_(k["label"]), show(k["count"], w)] for k in m["by_kind"]],
                    _("Commitment by kind"), wrap=0)
    active = Table([_("Measure"), _("Kind"), _("Start"), _("End"), _("Covers this school")],
                   [[a.get("description") or _(a["label"]), _(a["label"]), show(a["start"], w),
                     show(a["end"], w), show(a["covers_school"], w)] for a in m["active"]],
                   _("Active measures"), wrap=0)
    return Section(_("Balanced-schooling measures"), facts=facts, tables=[by_kind, active])


def _plan_section(report: dict, w: Words) -> list[Section]:
    _ = w.gettext
    plan = report.get("plan")
    if plan is None:
        return []
    objectives = Table(
        [_("Objective"), _("Baseline"), _("Target"),
         _("Value {year}").format(year=report["school_year"]), _("Expected"), _("Status")],
        [[o["title"], f"{show(o['baseline'], w)} ({year(o['baseline_year'], w)})",
          f"{show(o['target'], w)} ({year(o['target_year'], w)})", show(o["value"], w),
          show(o["expected"], w), f"{term(o['status'], w)}: {o['reason']}"]
         for o in plan["objectives"]], _("Objectives"), wrap=5)
    actions = Table([_("Action"), _("Component"), _("Years"), _("Owner"), _("Status")], [
        [a["title"], term(a["component"], w),
         _("{first} to {last}").format(first=year(a["first_year"], w),
                                       last=year(a["last_year"], w)), term(a["owner"], w),
         term(what, w) + (f": {a['drop_reason']}" if a.get("drop_reason") else "")]
        for what in ("done", "overdue", "dropped") for a in plan["actions"][what]],
        _("Actions done, overdue and dropped this year"), wrap=0)
    money = Table([_("School year"), _("Planned"), _("Secured"), _("Spent"), _("Secured %")], [
        [b["school_year"], show(b["planned"], w), show(b["secured"], w), show(b["spent"], w),
         show(b["secured_share"], w)] for b in (plan["budget"]["this_year"],
                                                plan["budget"]["next_year"])],
        _("Budget secured against planned (EUR)"))
    return [Section(_("Plan and objectives"), facts=[(_("Self-assessment"),
                                                      _self_assessment(plan, w))],
                    tables=[objectives, actions, money],
                    note=_("Status: met when the value reaches the target; missed when the "
                           "target year has come without it; on track on or near the straight "
                           "line from baseline to target; at risk behind it."))]


def _self_assessment(plan: dict, w: Words) -> str:
    _ = w.gettext
    sa = plan["self_assessment"]
    if sa is None:
        return _("none for this school year")
    text = _("revision {number}, {status}").format(number=sa["revision"],
                                                  status=term(sa["status"], w).lower())
    if sa["status"] == "accepted" and sa["reviewed_by"]:
        text += " " + _("by {who} on {when}").format(who=sa["reviewed_by"],
                                                     when=sa["reviewed_at"])
    return text


def suppression_note(report: dict, *, words_: Words | None = None) -> str:
    w = words_ or words()
    th = report["suppression_threshold"]
    return w.gettext("Counts of people from 1 to {last} are shown as <{threshold}; values "
                     "that would reveal them are shown as '{suppressed}'; {na} marks a value "
                     "that is undefined or missing.").format(
        last=th - 1, threshold=th, suppressed=w.gettext(SUPPRESSED),
        na=w.gettext(NOT_AVAILABLE))


_ENV: Environment | None = None


def _env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                           autoescape=select_autoescape(["html"]), trim_blocks=True,
                           lstrip_blocks=True)
        _ENV.globals["school_year"] = school_year_label
    return _ENV


def to_html(report: dict, *, charts: list[tuple[str, Any]], words_: Words | None = None
            ) -> bytes:
    """The standalone HTML report; `charts` are (svg markup, panel) pairs drawn once."""
    w = words_ or words()
    title = w.gettext("{school} · annual report {year}").format(
        school=report["school"]["name"], year=report["school_year"])
    html = _env().get_template("annual.html").render(
        report=report, title=title, sections=sections(report, words_=w), charts=charts,
        note=suppression_note(report, words_=w), is_numeric=lambda c: is_numeric(c, w),
        _=w.gettext, lang=w.language)
    return html.encode("utf-8")
