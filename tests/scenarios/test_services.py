"""Scenarios through the service: checked input, scope, the worker's run, disclosure, audit."""
from __future__ import annotations

import pytest

from app.extensions import db, graph
from app.models import AuditEvent, JobRun, Scenario
from app.scenarios import service
from graph.errors import Forbidden, Invalid, NotFound
from tests.scenarios.conftest import SCENARIO, carry_out_queued


def test_markets_list_the_years_and_levels_with_applications(access):
    markets = {m["key"]: m for m in service.list_markets(access=access())}
    assert markets["m-a"]["years"] == [{"year": 2024, "level": "primary"}]
    assert markets["m-b"]["years"] == []  # no application there
    own = service.list_markets(access=access("municipality", "m-b"))
    assert [m["key"] for m in own] == ["m-b"]


def test_bad_fields_are_refused_naming_each(access):
    with pytest.raises(Invalid) as caught:
        service.create_scenario(access=access(), data={
            "name": "", "municipality": "m-a", "year": "next", "level": "P3",
            "mechanism": "random", "draws": 0})
    fields = {e["field"]: e["value"] for e in caught.value.errors}
    assert fields == {"name": "", "year": "next", "level": "P3", "mechanism": "random",
                      "draws": 0}
    with pytest.raises(Invalid) as caught:
        service.create_scenario(access=access(), data={
            **SCENARIO, "reserve": {"group": "nese", "places": 99, "schools": ["s-b"]},
            "zones_add": [["s-rich", "z-b"]], "places": {"s-nowhere": 5}})
    found = [(e["field"], e["value"]) for e in caught.value.errors]
    assert found == [("reserve.places", 99), ("reserve.schools", "s-b"), ("zones_add", "z-b"),
                     ("places", "s-nowhere")]
    assert db.session.query(Scenario).count() == 0


def test_a_municipality_user_works_only_with_its_own_municipality(access):
    with pytest.raises(Forbidden):
        service.create_scenario(access=access("municipality", "m-b"), data=SCENARIO)
    mine = service.create_scenario(access=access("municipality", "m-a"), data=SCENARIO)
    other = access("municipality", "m-b")
    with pytest.raises(NotFound):
        service.get_scenario(access=other, scenario_id=mine["id"])
    with pytest.raises(NotFound):
        service.run_scenario(access=other, scenario_id=mine["id"])
    assert service.list_scenarios(access=other) == []
    assert [s["id"] for s in service.list_scenarios(access=access())] == [mine["id"]]
    with pytest.raises(Forbidden):
        service.list_scenarios(access=access("partner", "p-x"))


def test_the_worker_runs_it_and_keeps_aggregates_with_the_data_version(access, market):
    who = access("municipality", "m-a")
    made = service.create_scenario(access=who, data=SCENARIO)
    assert made["results"] is None and made["run"] is None
    queued = service.run_scenario(access=who, scenario_id=made["id"])
    again = service.run_scenario(access=who, scenario_id=made["id"])
    assert again["id"] == queued["id"] and queued["status"] == "queued"  # not started twice
    [run] = carry_out_queued()
    assert (run.status, run.done, run.total) == ("succeeded", 3, 3), run.error
    item = service.get_scenario(access=who, scenario_id=made["id"])
    assert item["ran_by"] and item["ran_at"] and not item["stale"]
    assert item["data_version"] == graph.read(_version, tenant=market.slug)
    base, scen = item["results"]["baseline"], item["results"]["scenario"]
    assert base["applicants"]["all"] == 60 and base["point_source"] == "mixed"
    assert [s["key"] for s in base["schools"]] == ["s-poor", "s-rich"]  # m-a's primary only
    assert [s["reserved"] for s in scen["schools"]] == [0, 4]
    assert item["results"]["calibration"]["share_misplaced"] is not None
    stored = db.session.get(Scenario, made["id"]).results
    assert "f-0" not in repr(stored)  # no family key is kept
    actions = [e.action for e in AuditEvent.query.order_by(AuditEvent.id)
               if e.target == f"scenario:{made['id']}"]
    assert actions == ["scenario.create", "scenario.run"]


def _version(tx, *, tenant):
    from graph import version
    return version.read(tx, tenant=tenant).n


def test_a_later_write_marks_the_results_stale(access, market):
    from app.imports.service import import_csv
    made = service.create_scenario(access=access(), data=SCENARIO)
    service.run_scenario(access=access(), scenario_id=made["id"])
    carry_out_queued()
    assert not service.get_scenario(access=access(), scenario_id=made["id"])["stale"]
    import_csv(tenant=market, kind="families", data=b"key,zone_key,disadvantaged,migrant,nese\n"
               b"f-new,z-poor,true,false,false\n", file_name="f.csv", actor="test")
    assert service.get_scenario(access=access(), scenario_id=made["id"])["stale"]


def test_published_results_withhold_small_counts(access, market):
    made = service.create_scenario(access=access(), data=SCENARIO)
    service.run_scenario(access=access(), scenario_id=made["id"])
    carry_out_queued()
    stored = db.session.get(Scenario, made["id"]).results
    item = service.get_scenario(access=access(), scenario_id=made["id"])
    nese_stored = [s["intake"]["nese"][0] for s in stored["scenario"]["schools"]]
    nese_shown = [s["intake"]["nese"] for s in item["results"]["scenario"]["schools"]]
    for raw, shown in zip(nese_stored, nese_shown, strict=True):
        if 0 < raw < market.suppression_threshold:
            assert shown is None
    assert any(0 < v < market.suppression_threshold for v in nese_stored), \
        "10 NESE families over two schools: the case needs a small intake"
    # ten NESE pupils admitted in all: the index of the whole intake is published
    assert item["results"]["scenario"]["segregation"]["nese"]["D"]["mean"] is not None


def test_a_run_that_names_a_school_gone_fails_with_the_reason(access, market):
    made = service.create_scenario(access=access(), data={
        **SCENARIO, "reserve": None, "places": {"s-poor": 5}})
    stored = db.session.get(Scenario, made["id"])
    stored.measures = {**stored.measures, "places": {"s-gone": 5}}
    db.session.commit()
    service.run_scenario(access=access(), scenario_id=made["id"])
    [run] = carry_out_queued()
    assert run.status == "failed" and "s-gone" in run.error
    assert service.get_scenario(access=access(), scenario_id=made["id"])["results"] is None


def test_compare_takes_scenarios_of_one_market(access):
    a = service.create_scenario(access=access(), data=SCENARIO)
    b = service.create_scenario(access=access(), data={**SCENARIO, "name": "DA",
                                                       "mechanism": "deferred_acceptance",
                                                       "reserve": None})
    for s in (a, b):
        service.run_scenario(access=access(), scenario_id=s["id"])
    carry_out_queued()
    found = service.compare(access=access(), ids=[a["id"], b["id"]])
    assert [s["name"] for s in found["scenarios"]] == [SCENARIO["name"], "DA"]
    assert found["baseline"]["mechanism"] == "boston"
    assert found["scenarios"][1]["results"]["scenario"]["mechanism"] == "deferred_acceptance"
    c = service.create_scenario(access=access(), data={**SCENARIO, "level": "secondary",
                                                       "reserve": None})
    with pytest.raises(Invalid, match="same municipality, year and level"):
        service.compare(access=access(), ids=[a["id"], c["id"]])
    with pytest.raises(Invalid):
        service.compare(access=access(), ids=[])


def test_delete_is_audited_and_scoped(access):
    made = service.create_scenario(access=access("municipality", "m-a"), data=SCENARIO)
    with pytest.raises(NotFound):
        service.delete_scenario(access=access("municipality", "m-b"), scenario_id=made["id"])
    service.delete_scenario(access=access(), scenario_id=made["id"])
    assert db.session.get(Scenario, made["id"]) is None
    assert AuditEvent.query.filter_by(action="scenario.delete").count() == 1
    assert JobRun.query.count() == 0
