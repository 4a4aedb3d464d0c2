"""The evaluation bundle's planning tables: objectives and their yearly readings, the current
plans' actions, accepted rubric ratings and budget lines, each keyed to the alliances table;
and the latest logic model of every alliance, as JSON.

Only alliances the bundle's `alliances` table holds are included (begun by the end of the
cycle), so every foreign key holds. Ratings carry whether evidence was given, not the
evidence text, which may name people.
"""
from __future__ import annotations

import json
from typing import Any

from domain import objective_values as ov
from reports.bundle_tables import Resource, _f
from reports.plan_data import rounded, sources
from reports.shown import Suppressor
from reports.snapshot import Network

ALLIANCE_FK = (["alliance_key"], "alliances", ["key"])


def _alliances(net: Network, last_year: int) -> list[dict]:
    return [a for a in net.alliances.values() if (a.get("start_year") or 9999) <= last_year]


def _objectives(net: Network, alliances: list[dict]) -> Resource:
    rows = [[o["key"], a["key"], o["title"], o["metric"], o.get("group"), o.get("component"),
             o.get("unit"), o["direction"], o.get("baseline"), o["baseline_year"], o["target"],
             o["target_year"]]
            for a in alliances for o in net.planning_of("objectives", a["key"])]
    return Resource("objectives", "Objectives", "Measurable objectives of each alliance, bound "
                    "to Imant's indicators or typed in each year (manual).",
                    _f("key string Objective\nalliance_key string Alliance\ntitle string "
                       "What the alliance aims for\nmetric string What it is measured by\n"
                       "group string Focus group (composition metrics)\ncomponent string "
                       "Core component (stage metric)\nunit string Unit of a manual metric\n"
                       "direction string increase or decrease\nbaseline number Value in the "
                       "baseline year\nbaseline_year integer School year of the baseline\n"
                       "target number Target value\ntarget_year integer School year of the "
                       "target"), ["key"], [ALLIANCE_FK], rows)


def _objective_years(net: Network, alliances: list[dict], *, last_year: int,
                     sup: Suppressor) -> Resource:
    rows = []
    for a in alliances:
        found = net.planning_of("objectives", a["key"])
        if not found:
            continue
        source = sources(net, a, year=last_year, sup=sup)
        for o in found:
            for r in ov.readings(o, source):
                rows.append([o["key"], r.year, rounded(r.value), rounded(r.expected),
                             r.status.value, r.reason])
    return Resource("objective_years", "Objective readings", "Each objective's value per "
                    "school year, the straight line's value from baseline to target, and the "
                    "status Imant reads (met, on track, at risk, missed, no data).",
                    _f("objective_key string Objective\nyear integer School year\nvalue "
                       "number Value that year (empty: no data, or withheld)\nexpected number "
                       "Straight line from baseline to target\nstatus string Status\nreason "
                       "string Why"), ["objective_key", "year"],
                    [(["objective_key"], "objectives", ["key"])], rows)


def _actions(net: Network, alliances: list[dict]) -> Resource:
    rows = [[x["plan"], x["action"], a["key"], x["revision"], x["title"], x["component"],
             ";".join(x["elements"] or []), x["stage"], x["first_year"], x["last_year"],
             x["owner"], x["status"], x.get("drop_reason"), x.get("budget_planned"),
             x.get("budget_spent"), ";".join(x.get("objectives") or [])]
            for a in alliances for x in net.planning_of("actions", a["key"])]
    return Resource("plan_actions", "Plan actions", "The actions of the latest revision of "
                    "each 7-year implementation plan.",
                    _f("plan_key string Plan (alliance and first school year)\naction string "
                       "Action within the plan\nalliance_key string Alliance\nrevision integer "
                       "Plan revision\ntitle string Action\ncomponent string Core component\n"
                       "elements string Elements served (separated by ;)\nstage string Stage "
                       "it belongs to\nfirst_year integer First school year\nlast_year integer "
                       "Last school year\nowner string school, partner, municipality or "
                       "foundation\nstatus string planned, in progress, done or dropped\n"
                       "drop_reason string Why it was dropped\nbudget_planned number Planned "
                       "budget (EUR)\nbudget_spent number Spent (EUR)\nobjective_keys string "
                       "Objectives served (separated by ;)"), ["plan_key", "action"],
                    [ALLIANCE_FK], rows)


def _ratings(net: Network, alliances: list[dict], last_year: int) -> Resource:
    rows = [[r["self_assessment"], r["item"], a["key"], r["year"], r["revision"],
             r["component"], r["stage"], r["rating"], bool(r.get("evidence") or r.get("link"))]
            for a in alliances for r in net.planning_of("ratings", a["key"])
            if r["year"] <= last_year]
    return Resource("rubric_ratings", "Rubric ratings", "Ratings of the accepted rubric "
                    "self-assessments: each condition of a core component's stage, not yet, "
                    "partly or in place.",
                    _f("self_assessment_key string Self-assessment (alliance, year, "
                       "revision)\nitem string Rubric item\nalliance_key string Alliance\n"
                       "year integer School year\nrevision integer Revision accepted\n"
                       "component string Core component\nstage string Stage the item belongs "
                       "to\nrating string not_yet, partly or in_place\nevidence boolean "
                       "Whether evidence was given"), ["self_assessment_key", "item"],
                    [ALLIANCE_FK], rows)


def _budget(net: Network, alliances: list[dict], first_year: int, last_year: int) -> Resource:
    rows = [[b["key"], a["key"], b["year"], b["source"], b["planned"], b["secured"],
             b["spent"], bool(b.get("overspend"))]
            for a in alliances for b in net.planning_of("budget_lines", a["key"])
            if first_year <= b["year"] <= last_year]
    return Resource("budget_lines", "Budget lines", "Yearly budget of each alliance by "
                    "source: planned, secured and spent (EUR).",
                    _f("key string Budget line\nalliance_key string Alliance\nyear integer "
                       "School year\nsource string Where the money comes from\nplanned number "
                       "Planned\nsecured number Secured\nspent number Spent\noverspend boolean "
                       "Spent above plan, with a reason"), ["key"], [ALLIANCE_FK], rows)


def plan_tables(net: Network, *, first_year: int, last_year: int,
                sup: Suppressor) -> list[Resource]:
    alliances = _alliances(net, last_year)
    return [_objectives(net, alliances),
            _objective_years(net, alliances, last_year=last_year, sup=sup),
            _actions(net, alliances), _ratings(net, alliances, last_year),
            _budget(net, alliances, first_year, last_year)]


def logic_models_json(net: Network, *, last_year: int) -> bytes:
    """The latest logic model of every alliance in the bundle."""
    keys = {a["key"] for a in _alliances(net, last_year)}
    models: list[dict[str, Any]] = [
        {name: m.get(name) for name in (
            "alliance", "revision", "problem", "inputs", "activities", "outputs",
            "short_outcomes", "medium_outcomes", "long_outcomes", "links", "saved_at")}
        for m in net.planning.get("logic_models", []) if m and m["alliance"] in keys]
    return (json.dumps({"logic_models": models}, ensure_ascii=False, indent=1) + "\n").encode()
