"""The planning services on the real stores: who may read, write and review an alliance's
plan, objectives read from Imant's own figures, and every change audited."""
from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.models import AuditEvent
from app.network import service as network
from app.network.service_support import actor_email
from app.planning import service
from domain.rubric import component_items
from graph.errors import Conflict, Forbidden, Invalid
from graph.model import Component

TODAY = date(2024, 1, 10)     # school year 2023


def field_of(exc: pytest.ExceptionInfo) -> list[str]:
    return [e["field"] for e in exc.value.errors]


def test_school_and_partner_write_the_logic_model_together(world, as_role):
    school, partner = as_role("school"), as_role("partner")
    first = service.save_logic_model(access=school, alliance="a-own", data={
        "base_revision": 0, "problem": "Families of the zone avoid the school.",
        "parts": {"activities": ["Teacher training at the museum"],
                  "short_outcomes": ["Teachers use inquiry projects"]}})
    assert first["revision"] == 1
    second = service.save_logic_model(access=partner, alliance="a-own", data={
        "base_revision": 1, "problem": first["problem"],
        "parts": {"activities": ["Teacher training", "Family open days"]}, "note": "open days"})
    assert second["revision"] == 2 and second["saved_by"] == actor_email(partner)
    with pytest.raises(Conflict):  # partner's edit was based on 1; the school's still is
        service.save_logic_model(access=school, alliance="a-own", data={
            "base_revision": 1, "problem": "x", "parts": {}})
    read = service.get_logic_model(access=as_role("municipality"), alliance="a-own")
    assert [r["revision"] for r in read["revisions"]] == [1, 2]
    assert read["model"]["activities"] == ["Teacher training", "Family open days"]
    with pytest.raises(Forbidden):
        service.save_logic_model(access=as_role("school", "s-other"), alliance="a-own",
                                 data={"base_revision": 2, "problem": "x"})
    with pytest.raises(Forbidden):
        service.get_logic_model(access=as_role("evaluator"), alliance="a-own")
    with pytest.raises(Forbidden):
        service.comment_logic_model(access=school, alliance="a-own",
                                    data={"revision": 2, "comment": "fine"})
    commented = service.comment_logic_model(access=world, alliance="a-own",
                                            data={"revision": 2, "comment": "Add outputs."})
    assert commented["comment"] == "Add outputs."
    actions = [e.action for e in db.session.execute(db.select(AuditEvent).filter(
        AuditEvent.target == "logic_model:a-own").order_by(AuditEvent.id)).scalars()]
    assert actions == ["logic_model.save", "logic_model.save", "logic_model.comment"]


def test_an_outcome_may_not_point_to_another_alliances_objective(world, as_role):
    other = service.create_objective(access=world, alliance="a-other", data={
        "title": "Hours", "metric": "contribution_hours", "target": 20,
        "direction": "increase", "target_year": 2025}, today=TODAY)
    with pytest.raises(Invalid) as exc:
        service.save_logic_model(access=as_role("school"), alliance="a-own", data={
            "base_revision": 0, "problem": "p", "parts": {"long_outcomes": ["Balanced intake"]},
            "links": [{"part": "long_outcomes", "position": 0, "objective": other["key"]}]})
    assert field_of(exc) == ["links"] and "another alliance" in str(exc.value.errors)


def test_objective_baseline_and_status_come_from_the_alliances_figures(world, as_role):
    # a-own started in 2022; its one contribution (3 hours) is dated in 2023
    hours = service.create_objective(access=as_role("partner"), alliance="a-own", data={
        "title": "Ten hours a year", "metric": "contribution_hours", "target": 10,
        "direction": "increase", "target_year": 2025}, today=TODAY)
    assert hours["baseline_year"] == 2021 and hours["baseline"] == 0.0
    by_year = {r["year"]: r for r in hours["readings"]}
    assert by_year[2023]["value"] == 3.0
    # the line runs 0 (2021) → 10 (2025): 5 expected in 2023; 3 is more than 1 below it
    assert by_year[2023]["expected"] == 5.0 and by_year[2023]["status"] == "at_risk"
    assert hours["status"]["year"] == 2023 and hours["status"]["status"] == "at_risk"
    activity = network.get_alliance(access=world, key="a-own")
    assert activity["contribution_count"] == 1


def test_a_stage_objective_reads_the_accepted_stage(world, as_role):
    stage = service.create_objective(access=as_role("school"), alliance="a-own", data={
        "title": "Partnerships in full implementation", "metric": "component_stage",
        "component": "partnerships", "target": 3, "direction": "increase",
        "target_year": 2025, "baseline": 1, "baseline_reason": "started in planning"},
        today=TODAY)
    assert stage["status"]["value"] == 1.0  # planning accepted for 2023
    assert stage["status"]["status"] == "at_risk"


def test_a_changed_baseline_needs_a_reason_and_bad_years_are_refused(world, as_role):
    school = as_role("school")
    with pytest.raises(Invalid) as exc:
        service.create_objective(access=school, alliance="a-own", data={
            "title": "Hours", "metric": "contribution_hours", "target": 10, "baseline": 4,
            "direction": "increase", "target_year": 2025}, today=TODAY)
    assert field_of(exc) == ["baseline_reason"]
    with pytest.raises(Invalid) as exc:
        service.create_objective(access=school, alliance="a-own", data={
            "title": "Hours", "metric": "contribution_hours", "target": 10,
            "direction": "increase", "target_year": 2020}, today=TODAY)
    assert field_of(exc) == ["target_year"]
    assert service.list_objectives(access=school, alliance="a-own") == []


def test_manual_values_are_typed_in_by_the_team(world, as_role):
    school = as_role("school")
    made = service.create_objective(access=school, alliance="a-own", data={
        "title": "Families at open days", "metric": "manual", "unit": "families",
        "baseline": 10, "target": 40, "direction": "increase", "target_year": 2025},
        today=TODAY)
    saved = service.set_objective_value(access=school, key=made["key"],
                                        data={"year": 2023, "value": 30}, today=TODAY)
    assert saved["status"] == {"year": 2023, "value": 30.0, "expected": 25.0,
                               "status": "on_track", "reason": saved["status"]["reason"]}
    with pytest.raises(Forbidden):
        service.set_objective_value(access=as_role("municipality"), key=made["key"],
                                    data={"year": 2023, "value": 1})
    assert service.get_objective(access=as_role("municipality"), key=made["key"],
                                 today=TODAY)["status"]["value"] == 30.0


def _action(n: int, **changes) -> dict:
    return {"action": f"act-{n}", "title": f"Action {n}", "component": "partnerships",
            "elements": ["leadership_management"], "stage": "planning", "first_year": 2022,
            "last_year": 2022, "owner": "school", "status": "planned", **changes}


def test_a_plan_is_versioned_and_shows_gaps_and_overdue_actions(world, as_role):
    school = as_role("school")
    plan = service.start_plan(access=school, alliance="a-own")
    assert (plan["first_year"], plan["last_year"]) == (2022, 2028)
    with pytest.raises(Invalid) as exc:
        service.save_plan(access=school, plan=plan["key"], data={
            "base_revision": 0, "actions": [_action(1), _action(2, last_year=2030)]})
    assert field_of(exc) == ["actions[1].last_year"]
    service.save_plan(access=school, plan=plan["key"], data={
        "base_revision": 0, "actions": [_action(1)]})
    service.save_plan(access=as_role("partner"), plan=plan["key"], data={
        "base_revision": 1, "actions": [_action(1), _action(2, status="done")]})
    read = service.get_plan(access=as_role("municipality"), plan=plan["key"], today=TODAY)
    assert read["revision"] == 2
    assert read["overdue"] == ["act-1"]                 # planned, ended in 2022
    assert read["by_element"]["communication"] == []   # nothing serves communication
    assert read["grid"][2022]["partnerships"] == ["act-1", "act-2"]
    assert read["changes"]["since_revision"] == 1 and read["changes"]["added"] == ["act-2"]
    with pytest.raises(Invalid) as exc:   # the first plan runs to 2028
        service.start_plan(access=school, alliance="a-own", data={"first_year": 2025})
    assert field_of(exc) == ["first_year"]


def test_budget_lines_feed_the_sustainability_share(world, as_role):
    partner = as_role("partner")
    with pytest.raises(Invalid) as exc:
        service.create_budget_line(access=partner, alliance="a-own", data={
            "year": 2024, "source": "partner_in_kind", "planned": 100, "spent": 150})
    assert field_of(exc) == ["spent"]
    service.create_budget_line(access=partner, alliance="a-own", data={
        "year": 2024, "source": "partner_in_kind", "planned": 1000, "secured": 1000})
    line = service.create_budget_line(access=world, alliance="a-own", data={
        "year": 2024, "source": "municipality", "planned": 3000, "secured": 500})
    budget = service.list_budget(access=as_role("school"), alliance="a-own", today=TODAY)
    assert budget["next_year"]["year"] == 2024
    assert budget["next_year"]["share"] == pytest.approx(1500 / 4000)
    service.update_budget_line(access=partner, key=line["key"], data={"secured": 3000})
    assert service.list_budget(access=world, alliance="a-own",
                               today=TODAY)["next_year"]["share"] == 1.0
    with pytest.raises(Forbidden):
        service.list_budget(access=as_role("partner", "p-other"), alliance="a-own")


def _rate_everything(rating: str) -> list[dict]:
    return [{"item": item.key, "rating": rating}
            for component in Component for item in component_items(component=component)]


def test_self_assessment_is_submitted_returned_and_accepted(world, as_role):
    school = as_role("school")
    with pytest.raises(Forbidden):
        service.start_self_assessment(access=as_role("partner"), alliance="a-own",
                                      data={"year": 2023}, today=TODAY)
    with pytest.raises(Invalid) as exc:   # a-own started in 2022: 2019 is before it
        service.start_self_assessment(access=school, alliance="a-own", data={"year": 2019},
                                      today=TODAY)
    assert field_of(exc) == ["year"]
    draft = service.start_self_assessment(access=school, alliance="a-own",
                                          data={"year": 2023}, today=TODAY)
    service.save_self_assessment(access=school, key=draft["key"],
                                 data={"ratings": _rate_everything("partly")})
    with pytest.raises(Forbidden):
        service.return_self_assessment(access=school, key=draft["key"],
                                       data={"comment": "self-review"})
    service.submit_self_assessment(access=school, key=draft["key"])
    assert [r["key"] for r in service.awaiting_review(access=world)] == [draft["key"]]
    returned = service.return_self_assessment(access=world, key=draft["key"],
                                              data={"comment": "Add evidence for 1.2"})
    assert returned["status"] == "returned"
    second = service.start_self_assessment(access=school, alliance="a-own",
                                           data={"year": 2023}, today=TODAY)
    assert second["revision"] == 2 and len(second["ratings"]) == len(_rate_everything("x"))
    service.save_self_assessment(access=school, key=second["key"], data={
        "ratings": _rate_everything("in_place"),
        "benchmarks": ["leadership_team", "logic_model", "seven_year_plan", "funding"]})
    service.submit_self_assessment(access=school, key=second["key"])
    read = service.get_self_assessment(access=world, key=second["key"])
    assert read["suggested"]["partnerships"]["stage"] == "early_implementation"
    accepted = service.accept_self_assessment(
        access=world, key=second["key"], data={"stages": {"curriculum_instruction": "planning"}})
    assert accepted["status"] == "accepted"
    stages = {row["component"]: row["stage"] for row in network.list_assessments(
        access=world, alliance="a-own", year=2023).items}
    assert stages["curriculum_instruction"] == "planning"
    assert stages["partnerships"] == "early_implementation"
    assert service.awaiting_review(access=world) == []
    history = service.list_self_assessments(access=as_role("municipality"), alliance="a-own")
    assert [(h["revision"], h["status"]) for h in history] == [(1, "returned"),
                                                              (2, "accepted")]


def test_timeframes_follow_the_programme_phases(world, as_role):
    read = service.timeframes(access=as_role("partner"), alliance="a-own", today=TODAY)
    # a-own started (first training year) in 2022: 2021 was year zero, 2023 is training 2/2
    assert read["phase"]["phase"] == "training" and read["phase"]["year_in_phase"] == 2
    assert read["stages"]["partnerships"]["stage"] == "planning"
    assert read["stages"]["curriculum_instruction"] is None


def test_hand_overs_flag_the_last_accompaniment_year_and_after(world, tenant):
    alliances = network.list_alliances(access=world, per_page=100).items
    # a-own and a-other started in 2022: year 0 was 2021, accompaniment runs 2024-2027
    assert service.hand_overs(access=world, alliances=alliances, today=date(2026, 1, 10)) == []
    last = service.hand_overs(access=world, alliances=alliances, today=date(2027, 10, 1))
    assert {a["key"] for a in last} == {"a-own", "a-other"}
    assert all(a["last_accompaniment_year"] for a in last)
    after = service.hand_overs(access=world, alliances=alliances, today=date(2028, 10, 1))
    assert all(a["past_accompaniment"] for a in after) and len(after) == 2
    from app.platform import set_phase_lengths
    set_phase_lengths(tenant=tenant, accompaniment_years=5)   # a longer pilot
    assert service.hand_overs(access=world, alliances=alliances,
                              today=date(2027, 10, 1)) == []
