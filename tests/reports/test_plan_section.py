"""The annual report's "Plan and objectives" section: its numbers are its JSON's in the HTML
and the PDF, and each objective's value is the indicator service's for the same school and
year."""
from __future__ import annotations

import html
import io
import json
import re

from pypdf import PdfReader

from app.indicators import figures
from app.models import Role
from app.planning import service
from app.tenancy import Access
from jobs import annual
from tests.reports.helpers import YEAR, artifacts_of, file_of, report_json, seed
from tests.reports.test_render import cell, tokens

SCHOOL, ALLIANCE = "s-0001", "a-s-0001"


def _plan(tenant) -> None:
    boss = Access(tenant, Role.COORDINATOR, None, None)
    for title, metric, extra, target, direction in (
            ("Demand", "demand_ratio", {}, 1000, "increase"),
            ("Share", "group_share", {"group": "disadvantaged"}, 0, "decrease"),
            ("Gap", "composition_gap", {"group": "migrant"}, -1000, "decrease"),
            ("Hours", "contribution_hours", {}, 10_000, "increase")):
        service.create_objective(access=boss, alliance=ALLIANCE, data={
            "key": f"o-{metric}", "title": title, "metric": metric, **extra,
            "target": target, "direction": direction, "target_year": YEAR + 2})
    plan = service.start_plan(access=boss, alliance=ALLIANCE, data={"first_year": 2021})
    base = {"component": "partnerships", "elements": ["communication"], "stage": "planning",
            "owner": "school"}
    service.save_plan(access=boss, plan=plan["key"], data={"base_revision": 0, "actions": [
        {**base, "action": "done", "title": "Open days", "first_year": 2022,
         "last_year": 2024, "status": "done"},
        {**base, "action": "late", "title": "Family survey", "first_year": 2021,
         "last_year": 2022, "status": "planned"},
        {**base, "action": "gone", "title": "Newsletter", "first_year": 2023,
         "last_year": 2023, "status": "dropped", "drop_reason": "No editor"}]})
    for year, planned, secured in ((YEAR, 5000, 5000), (YEAR + 1, 8000, 2000)):
        service.create_budget_line(access=boss, alliance=ALLIANCE, data={
            "year": year, "source": "foundation_endowment", "planned": planned,
            "secured": secured})


def test_plan_section_in_every_format_and_equal_to_the_indicator_service(app, tenant):
    seed(tenant)
    _plan(tenant)
    run = annual.run_annual(tenant=tenant, year=YEAR, school=SCHOOL)
    assert run.status == "succeeded", run.error
    files = {a.fmt: file_of(app, a) for a in artifacts_of(tenant)}
    report = json.loads(files["json"].read_text())
    plan = report["plan"]
    values = {o["metric"]: o["value"] for o in plan["objectives"]}

    indicators = next(r for r in figures.school_series(tenant=tenant.slug, school=SCHOOL)
                      if r["year"] == YEAR)
    assert values["demand_ratio"] == round(indicators["demand"]["ratio"], 2)
    share = indicators["composition"]["disadvantaged"]
    assert values["group_share"] == (None if share["suppressed"] else round(share["share"], 2))
    gap = indicators["composition"]["migrant"]
    assert values["composition_gap"] == (None if gap["suppressed"] else round(gap["gap_pp"], 2))
    assert values["demand_ratio"] is not None and values["contribution_hours"] is not None

    assert [a["action"] for a in plan["actions"]["done"]] == ["done"]
    assert [a["action"] for a in plan["actions"]["overdue"]] == ["late"]
    assert [a["action"] for a in plan["actions"]["dropped"]] == ["gone"]
    assert plan["budget"]["this_year"]["secured_share"] == 100.0
    assert plan["budget"]["next_year"]["secured_share"] == 25.0

    pdf = tokens("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        files["pdf"].read_bytes())).pages))
    page = tokens(html.unescape(re.sub(r"<[^>]+>", " ", files["html"].read_text())))
    rows = [[o["title"], f"{cell(o['baseline'])} ({o['baseline_year']}-"] for o in
            plan["objectives"]]
    rows += [[cell(o["value"]), cell(o["expected"])] for o in plan["objectives"]]
    rows += [[b["school_year"], cell(b["planned"]), cell(b["secured"]), cell(b["spent"]),
              cell(b["secured_share"])] for b in plan["budget"].values()]
    rows += [["Family survey"], ["Newsletter"]]
    for row in rows:
        wanted = " ".join(row)
        assert wanted in pdf, f"PDF lacks {wanted!r}"
        assert wanted in page, f"HTML lacks {wanted!r}"


def test_the_bundle_carries_the_plans_validated_and_keyed(app, tenant, tmp_path):
    import csv

    import frictionless

    from app.models import Role as R
    from jobs import evaluation
    from tests.reports.helpers import extract

    seed(tenant)
    _plan(tenant)
    boss = Access(tenant, R.COORDINATOR, None, None)
    service.save_logic_model(access=boss, alliance=ALLIANCE, data={
        "base_revision": 0, "problem": "Families avoid the school.",
        "parts": {"long_outcomes": ["An intake like the zone's"]},
        "links": [{"part": "long_outcomes", "position": 0, "objective": "o-demand_ratio"}]})
    draft = service.start_self_assessment(access=boss, alliance=ALLIANCE, data={"year": 2022},
                                          today=__import__("datetime").date(2024, 1, 10))
    service.save_self_assessment(access=boss, key=draft["key"], data={"ratings": [
        {"item": "pa-1-1", "rating": "in_place", "evidence": "Signed agreement"},
        {"item": "de-1-1", "rating": "partly"}]})
    service.submit_self_assessment(access=boss, key=draft["key"])
    service.accept_self_assessment(access=boss, key=draft["key"], data={})
    run = evaluation.run_evaluation(tenant=tenant, cycle=2020)
    assert run.status == "succeeded", run.error
    [artifact] = artifacts_of(tenant, "evaluation")
    bundle = extract(file_of(app, artifact).read_bytes(), tmp_path / "bundle")
    report = frictionless.validate(str(bundle / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]

    def table(name: str) -> list[dict]:
        with open(bundle / "data" / f"{name}.csv", newline="") as fh:
            return list(csv.DictReader(fh))
    assert {r["key"] for r in table("objectives")} == {
        "o-demand_ratio", "o-group_share", "o-composition_gap", "o-contribution_hours"}
    years = {(r["objective_key"], r["year"]): r for r in table("objective_years")}
    shown = {o["key"]: o for o in report_json(app, tenant, SCHOOL, YEAR)["plan"]["objectives"]}
    for key in shown:   # the bundle's reading of the year is the annual report's
        row = years[(key, str(YEAR))]
        assert (float(row["value"]) if row["value"] else None) == shown[key]["value"]
        assert row["status"] == shown[key]["status"]
    assert {r["action"] for r in table("plan_actions")} == {"done", "late", "gone"}
    ratings = table("rubric_ratings")
    assert {(r["item"], r["evidence"]) for r in ratings} == {("pa-1-1", "true"),
                                                            ("de-1-1", "false")}
    assert "Signed agreement" not in (bundle / "data" / "rubric_ratings.csv").read_text()
    assert len(table("budget_lines")) == 1           # the 2024 line is after the cycle
    models = json.loads((bundle / "logic_models.json").read_text())["logic_models"]
    assert [m["alliance"] for m in models] == [ALLIANCE]
    assert "saved_by" not in models[0]

    with open(bundle / "data" / "objectives.csv", "a") as fh:
        fh.write("o-stray,no-such-alliance,Stray,manual,,,x,increase,1,2020,2,2022\n")
    broken = frictionless.validate(str(bundle / "datapackage.json"))
    assert "foreign-key" in {e[2] for e in broken.flatten(["rowNumber", "fieldName", "type"])}
