"""The network services on the real graph: round trips, rules, scopes and the audit trail."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from app.extensions import db
from app.models import AuditEvent
from app.network import service
from app.network.parsers import FormInput
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from tests.network.conftest import OTHER, OWN, access_for, build_world


def test_world_round_trip_reads_back_what_was_written(world):
    school = service.get_school(access=world, key="s-own")
    assert school["name"] == "School 1" and school["level"] == "primary"
    assert (school["zone"], school["municipality"]) == ("z-own", "m-own")
    assert (school["alliance"], school["partner"]) == ("a-own", "p-own")
    municipality = service.get_municipality(access=world, key="m-own")
    assert [z["key"] for z in municipality["zones"]] == ["z-own"]
    assert municipality["school_count"] == 1 and municipality["measure_count"] == 1
    alliance = service.get_alliance(access=world, key="a-own")
    assert alliance["training_target_met"] is True and alliance["advisory_hours"] == 15
    assert alliance["stage"] == "planning" and alliance["stages"] == {"partnerships": "planning"}
    assert alliance["contribution_count"] == 1


def test_lists_filter_and_page_with_a_total(world):
    for n in range(5):
        service.create_school(access=world, data={
            "name": f"Escola Extra {n}", "level": "secondary", "zone": "z-own"})
    first = service.list_schools(access=world, municipality="m-own", per_page=2)
    assert first.total == 6 and len(first.items) == 2 and first.pages == 3
    last = service.list_schools(access=world, municipality="m-own", per_page=2, page=3)
    assert len(last.items) == 2
    assert {i["key"] for i in first.items}.isdisjoint({i["key"] for i in last.items})
    assert service.list_schools(access=world, level="secondary").total == 5
    assert service.list_schools(access=world, zone="z-other").items[0]["key"] == "s-other"
    assert service.list_schools(access=world, q="EXTRA 3").total == 1
    assert service.list_partners(access=world, kind="museum").total == 2
    assert service.list_zones(access=world, municipality="m-other").total == 1


def test_generated_keys_come_from_the_name(world):
    school = service.create_school(access=world, data={
        "name": "Escola Àngel Guimerà", "level": "primary", "zone": "z-own"})
    assert re.fullmatch(r"escola-angel-guimera-[0-9a-f]{6}", school["key"])


def test_duplicate_keys_are_a_conflict(world):
    with pytest.raises(Conflict, match="already exists"):
        service.create_partner(access=world, data={"key": "p-own", "name": "X", "kind": "other"})


def test_a_reserved_path_word_is_refused_as_a_key(world):
    """'new' names the creation form (/t/<slug>/schools/new): no item may take it."""
    creates = {
        "municipality": (service.create_municipality, {"name": "M"}),
        "zone": (service.create_zone, {"name": "Z", "municipality": "m-own"}),
        "school": (service.create_school, {"name": "S", "level": "primary", "zone": "z-own"}),
        "partner": (service.create_partner, {"name": "P", "kind": "museum"}),
        "alliance": (service.create_alliance, {"school": "s-own", "partner": "p-other",
                                               "theme": "t", "start_year": 2024,
                                               "status": "ended", "end_year": 2024}),
        "contribution": (service.create_contribution, {"alliance": "a-own",
                                                       "date": "2024-01-10",
                                                       "kind": "training"}),
        "measure": (service.create_measure, {"municipality": "m-own", "kind": "other",
                                             "start": "2024-01-01"}),
    }
    for what, (create, data) in creates.items():
        with pytest.raises(Invalid) as refused:
            create(access=world, data={**data, "key": "new"})
        assert refused.value.errors == [{"field": "key", "value": "new", "reason": (
            "'new' is a reserved word (…/new is the address of the creation form)")}], what
        assert "key: 'new' is a reserved word" in refused.value.message, what
        with pytest.raises(NotFound):
            getattr(service, f"get_{what}")(access=world, key="new")
    with pytest.raises(Invalid, match="key: 'new' is a reserved word"):
        service.change_partner(access=world, key="a-own",
                               data={"partner": "p-other", "key": "new"})
    assert service.get_alliance(access=world, key="a-own")["status"] == "active"
    # keys that merely contain the word, and references and filters, are keys like any other
    assert service.create_school(access=world, data={
        "key": "new-school", "name": "S", "level": "primary", "zone": "z-own"})["key"] == (
        "new-school")
    assert service.list_schools(access=world, zone="new").total == 0


def test_archived_items_leave_lists_until_asked_for(world):
    service.archive_school(access=world, key="s-other")
    assert [s["key"] for s in service.list_schools(access=world).items] == ["s-own"]
    assert service.list_schools(access=world, archived=True).total == 2
    assert service.get_school(access=world, key="s-other")["archived"] is True
    service.update_alliance(access=world, key="a-other", data={"status": "archived"})
    assert [a["key"] for a in service.list_alliances(access=world).items] == ["a-own"]
    assert service.list_alliances(access=world, status="archived").total == 1


def test_delete_refuses_naming_the_dependants(world):
    with pytest.raises(Conflict) as school:
        service.delete_school(access=world, key="s-own")
    assert "School s-own has 1 alliance: a-own; 1 measure: ms-own" in school.value.message
    with pytest.raises(Conflict, match="1 zone: z-own; 1 measure: ms-own"):
        service.delete_municipality(access=world, key="m-own")
    with pytest.raises(Conflict, match="1 contribution: c-own; 1 stage assessment"):
        service.delete_alliance(access=world, key="a-own")
    with pytest.raises(Conflict, match="1 school: s-own"):
        service.delete_zone(access=world, key="z-own")
    with pytest.raises(Conflict, match="1 alliance: a-own"):
        service.delete_partner(access=world, key="p-own")
    assert service.get_school(access=world, key="s-own")["key"] == "s-own"


def test_delete_succeeds_once_nothing_depends(world):
    service.delete_contribution(access=world, key="c-other")
    service.delete_assessment(access=world, key=OTHER["assessment"])
    service.delete_alliance(access=world, key="a-other")
    service.delete_partner(access=world, key="p-other")
    service.delete_measure(access=world, key="ms-other")
    service.delete_school(access=world, key="s-other")
    service.delete_zone(access=world, key="z-other")
    service.delete_municipality(access=world, key="m-other")
    with pytest.raises(NotFound):
        service.get_municipality(access=world, key="m-other")
    assert service.list_municipalities(access=world).total == 1


def test_one_active_alliance_per_school_and_changing_partner(world):
    with pytest.raises(Conflict, match="already has an active alliance"):
        service.create_alliance(access=world, data={
            "school": "s-own", "partner": "p-other", "theme": "arts", "start_year": 2024})
    changed = service.change_partner(access=world, key="a-own", data={
        "partner": "p-other", "start_year": 2024, "key": "a-own-2"})
    assert changed["ended"]["status"] == "ended" and changed["ended"]["end_year"] == 2023
    assert changed["started"]["partner"] == "p-other"
    assert changed["started"]["theme"] == "marine science"
    history = service.school_history(access=world, school="s-own")
    assert [(a["key"], a["status"]) for a in history] == [("a-own", "ended"),
                                                          ("a-own-2", "active")]
    with pytest.raises(Conflict, match="already has an active alliance"):
        service.update_alliance(access=world, key="a-own", data={"status": "active"})
    with pytest.raises(Conflict, match="not active"):
        service.end_alliance(access=world, key="a-own", data={"end_year": 2024})


def test_ending_an_alliance(world):
    ended = service.end_alliance(access=world, key="a-own", data={}, today=date(2025, 3, 1))
    assert (ended["status"], ended["end_year"]) == ("ended", 2024)
    with pytest.raises(Invalid) as err:
        service.end_alliance(access=world, key="a-other", data={"end_year": 2020})
    assert err.value.errors[0]["field"] == "end_year"
    fresh = service.create_alliance(access=world, data={
        "school": "s-own", "partner": "p-other", "theme": "robotics", "start_year": 2025})
    assert fresh["status"] == "active" and fresh["training_target_met"] is None


def test_alliance_input_rules(world):
    with pytest.raises(Invalid) as err:
        service.create_alliance(access=world, data={
            "school": "s-own", "partner": "p-own", "theme": "x", "start_year": 2020,
            "training_share": 1.5, "status": "ended"})
    fields = {e["field"] for e in err.value.errors}
    assert fields == {"training_share"}
    with pytest.raises(Invalid, match="required for an ended alliance"):
        service.create_alliance(access=world, data={
            "school": "s-own", "partner": "p-own", "theme": "x", "start_year": 2020,
            "status": "ended"})
    with pytest.raises(Invalid, match="end this alliance and start a new one"):
        service.update_alliance(access=world, key="a-own", data={"partner": "p-other"})
    with pytest.raises(Invalid, match="Unknown school .nope."):
        service.create_alliance(access=world, data={
            "school": "nope", "partner": "p-own", "theme": "x", "start_year": 2020})


@pytest.mark.both_sql
def test_partner_logs_only_to_its_own_alliances(world, tenant):
    partner = access_for(tenant, "partner", "p-own")
    made = service.create_contribution(access=partner, data=FormInput({  # as a form posts it
        "alliance": "a-own", "date": "2024-02-10", "kind": "workshop", "hours": "2,5",
        "students": "48", "description": "Plankton under the microscope"}))
    assert made["year"] == 2023 and made["hours"] == 2.5 and made["students"] == 48
    assert made["logged_by"].endswith("@test.example") and made["teachers"] == 0
    with pytest.raises(Forbidden, match="not one of your partner's alliances"):
        service.create_contribution(access=partner, data={
            "alliance": "a-other", "date": "2024-02-10", "kind": "workshop"})
    with pytest.raises(Forbidden):
        service.update_contribution(access=partner, key="c-other", data={"hours": 1})
    with pytest.raises(Forbidden):
        service.delete_contribution(access=partner, key="c-other")
    edited = service.update_contribution(access=partner, key=made["key"],
                                         data={"date": "2024-09-15"})
    assert edited["year"] == 2024


def test_contribution_lists_totals_and_scope(world, tenant):
    partner = access_for(tenant, "partner", "p-own")
    for day, kind, hours in (("2024-01-10", "workshop", 2), ("2024-03-01", "training", 4)):
        service.create_contribution(access=partner, data={
            "alliance": "a-own", "date": day, "kind": kind, "hours": hours, "families": 3})
    mine = service.list_contributions(access=partner)
    assert mine.total == 3 and {c["partner"] for c in mine.items} == {"p-own"}
    totals = mine.extra["totals"]
    assert totals["by_kind"]["training"]["count"] == 2
    assert totals["by_kind"]["training"]["hours"] == 7
    assert totals["by_kind"]["event"]["count"] == 0
    assert totals["all"]["families"] == 6
    ranged = service.list_contributions(access=partner, date_from="2024-01-01",
                                        date_to="2024-02-01")
    assert [c["date"] for c in ranged.items] == ["2024-01-10"]
    assert service.list_contributions(access=world).total == 4
    with pytest.raises(Forbidden):
        service.list_contributions(access=partner, partner="p-other")
    school = access_for(tenant, "school", "s-other")
    assert [c["key"] for c in service.list_contributions(access=school).items] == ["c-other"]
    with pytest.raises(Forbidden):
        service.get_contribution(access=school, key="c-own")


def test_contribution_dates_cannot_be_in_the_future(world):
    with pytest.raises(Invalid, match="date: is in the future"):
        service.create_contribution(access=world, data={
            "alliance": "a-own", "date": "2030-01-01", "kind": "event"},
            today=date(2025, 1, 1))


def test_csv_export_for_coordinators_and_own_for_partners(world, tenant):
    service.create_contribution(access=world, data={
        "alliance": "a-own", "date": "2024-01-01", "kind": "other",
        "description": "=HYPERLINK(\"http://x\")"})
    rows = list(csv.DictReader(io.StringIO(service.export_contributions_csv(access=world))))
    assert len(rows) == 3 and rows[0]["description"].startswith("'=")
    partner = access_for(tenant, "partner", "p-other")
    own = list(csv.DictReader(io.StringIO(service.export_contributions_csv(access=partner))))
    assert [r["key"] for r in own] == ["c-other"]
    with pytest.raises(Forbidden, match="export"):
        service.export_contributions_csv(access=access_for(tenant, "school", "s-own"))


def test_municipality_measures_only_its_own_schools(world, tenant):
    town = access_for(tenant, "municipality", "m-own")
    made = service.create_measure(access=town, data={
        "kind": "ratio_reduction", "start": "2024-09-01", "schools": ["s-own"]})
    assert made["municipality"] == "m-own" and made["schools"] == ["s-own"]
    with pytest.raises(Invalid) as err:
        service.create_measure(access=town, data={
            "kind": "ratio_reduction", "start": "2024-09-01", "schools": ["s-other", "s-x"]})
    assert {(e["value"], e["reason"]) for e in err.value.errors} == {
        ("s-other", "not in municipality m-own (it is in m-other)"), ("s-x", "unknown school")}
    with pytest.raises(Forbidden):
        service.create_measure(access=town, data={
            "municipality": "m-other", "kind": "other", "start": "2024-01-01"})
    with pytest.raises(Forbidden):
        service.get_measure(access=town, key="ms-other")
    with pytest.raises(Forbidden):
        service.end_measure(access=town, key="ms-other")
    assert [m["key"] for m in service.list_measures(access=town).items] == [made["key"],
                                                                             "ms-own"]


def test_ending_measures_and_the_year_filter(world):
    ended = service.end_measure(access=world, key="ms-own", data={"end": "2024-06-30"})
    assert ended["end"] == "2024-06-30"
    with pytest.raises(Conflict, match="already ended on 2024-06-30"):
        service.end_measure(access=world, key="ms-own", data={"end": "2024-07-30"})
    with pytest.raises(Invalid, match="must not be before start"):
        service.end_measure(access=world, key="ms-other", data={"end": "2020-01-01"})
    assert [m["key"] for m in service.list_measures(access=world, year=2024).items] == [
        "ms-other"]
    assert service.list_measures(access=world, year=2023).total == 2
    assert service.list_measures(access=world, year=2021).total == 0
    moved = service.update_measure(access=world, key="ms-own", data={"schools": []})
    assert moved["schools"] == []


def test_assessments_upsert_and_benchmarks_of_the_stage(world, tenant):
    school = access_for(tenant, "school", "s-own")
    item, created = service.upsert_assessment(access=school, data={
        "alliance": "a-own", "year": 2023, "component": "partnerships",
        "stage": "early_implementation", "benchmarks": ["shared_vision"]})
    assert created is False and item["stage"] == "early_implementation"
    item, created = service.upsert_assessment(access=school, data={
        "alliance": "a-own", "year": 2024, "component": "family_engagement",
        "stage": "planning"})
    assert created is True and item["key"] == "a-own:2024:family_engagement"
    with pytest.raises(Invalid) as err:
        service.upsert_assessment(access=school, data={
            "alliance": "a-own", "year": 2024, "component": "partnerships",
            "stage": "planning", "benchmarks": ["logic_model", "champions"]})
    assert err.value.errors == [{"field": "benchmarks", "value": "champions", "reason":
                                 "not a benchmark of stage planning (those are: "
                                 "leadership_team, logic_model, seven_year_plan, funding)"}]
    with pytest.raises(Forbidden):
        service.upsert_assessment(access=school, data={
            "alliance": "a-other", "year": 2024, "component": "partnerships",
            "stage": "planning"})
    changed = service.update_assessment(access=school, key=OWN["assessment"],
                                        data={"stage": "full_implementation"})
    assert changed["benchmarks"] == []
    assert service.get_alliance(access=world, key="a-own")["stage"] == "planning"


def test_assessment_reads_follow_the_scope(world, tenant):
    partner = access_for(tenant, "partner", "p-own")
    town = access_for(tenant, "municipality", "m-other")
    assert [a["alliance"] for a in service.list_assessments(access=partner).items] == ["a-own"]
    assert [a["alliance"] for a in service.list_assessments(access=town).items] == ["a-other"]
    with pytest.raises(Forbidden):
        service.get_assessment(access=partner, key=OTHER["assessment"])
    with pytest.raises(Forbidden):
        service.list_assessments(access=town, municipality="m-own")
    assert service.list_assessments(access=world).total == 2


def test_school_team_keeps_its_own_profile_only(world, tenant):
    team = access_for(tenant, "school", "s-own")
    changed = service.update_school(access=team, key="s-own",
                                    data={"name": "Escola del Mar", "entry_places": 50})
    assert changed["name"] == "Escola del Mar" and changed["entry_places"] == 50
    with pytest.raises(Forbidden, match="ask a coordinator for zone"):
        service.update_school(access=team, key="s-own", data={"zone": "z-other"})
    with pytest.raises(Forbidden):
        service.update_school(access=team, key="s-other", data={"name": "Mine now"})


def test_evaluators_do_not_read_the_network(world, tenant):
    evaluator = access_for(tenant, "evaluator")
    with pytest.raises(Forbidden):
        service.list_schools(access=evaluator)
    with pytest.raises(Forbidden):
        service.list_contributions(access=evaluator)


@pytest.mark.both_sql
def test_every_write_is_audited_with_before_and_after(world, tenant):
    service.update_partner(access=world, key="p-own", data={"name": "Institut de Ciències"})
    service.archive_zone(access=world, key="z-other")
    service.delete_contribution(access=world, key="c-other")
    events = {e.action: e for e in db.session.execute(
        db.select(AuditEvent).filter_by(tenant_id=tenant.id)).scalars()}
    assert {"municipality.create", "zone.create", "school.create", "partner.create",
            "alliance.create", "contribution.log", "measure.create",
            "assessment.upsert"} <= set(events)
    update = events["partner.update"]
    assert update.before["name"] == "Partner 1"
    assert update.after["name"] == "Institut de Ciències"
    assert update.target == "partner:p-own" and update.user_id == world.user_id
    assert events["zone.archive"].after["archived"] is True
    assert events["contribution.delete"].before["key"] == "c-other"
    assert events["contribution.delete"].after is None


@pytest.mark.both_sql
def test_a_refused_write_leaves_no_audit_event(world, tenant):
    count = db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar()
    with pytest.raises(Conflict):
        service.delete_school(access=world, key="s-own")
    assert db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar() == count


def test_tenants_never_see_each_other(world, tenant, other_tenant):
    elsewhere = build_world(other_tenant)
    service.update_school(access=elsewhere, key="s-own", data={"name": "Elsewhere"})
    assert service.get_school(access=world, key="s-own")["name"] == "School 1"
    service.delete_contribution(access=elsewhere, key="c-own")
    assert service.get_contribution(access=world, key="c-own")["key"] == "c-own"
    assert service.list_schools(access=world).total == 2

