"""The annual report's numbers: suppression rules and agreement with the indicator pages."""
from __future__ import annotations

import json

import pytest

from app.extensions import graph
from app.indicators import figures as indicators
from graph.reports import seed_network
from reports.data import Suppressor, annual_report, report_subjects
from reports.snapshot import Network, load_network
from tests.reports.helpers import YEAR, seed


def test_counts_below_the_threshold_become_a_marker():
    """Counts nothing sums or splits (applications) get primary suppression only; the
    rules for the rest are domain.disclosure's (tests/disclosure)."""
    sup = Suppressor(Network(tenant="t"), 5)
    assert [sup.count(v) for v in (0, 1, 4, 5, 17, None)] == [0, "<5", "<5", 5, 17, None]


def test_report_of_a_school(app, tenant):
    seed(tenant)
    net = load_network(client=graph, tenant=tenant.slug)
    assert report_subjects(net, year=YEAR) == [f"s-{i:04d}" for i in range(6)]
    report = annual_report(net, school_key="s-0001", year=YEAR, threshold=5,
                           tenant_name=tenant.name)
    assert report["school"]["zone"]["key"] == "z-000-1"
    assert report["school"]["municipality"]["key"] == "m-000"
    assert report["alliance"]["partners"][0]["key"] == "p-0001"
    assert [s["component"] for s in report["stages"]] == [
        "diversity_equity", "enrollment_management", "curriculum_instruction",
        "family_engagement", "partnerships"]
    trend = report["contributions"]["trend"]
    assert trend[0]["year"] == report["alliance"]["start_year"] and trend[-1]["year"] == YEAR
    assert trend[-1] == {"year": YEAR, "school_year": "2023-24",
                         **report["contributions"]["year_total"]}
    assert report["training"]["target_percent"] == 80.0
    assert {t["level"] for t in report["segregation"]} == {"zone", "municipality"}
    json.dumps(report)  # plain, serialisable data


def test_small_people_counts_never_appear(app, tenant):
    network = seed(tenant)
    alliance = next(a for a in network["alliances"] if a["school"] == "s-0002")
    graph.write(seed_network, tenant=tenant.slug, network={"contributions": [
        {"key": "tiny", "alliance": alliance["key"], "year": YEAR, "date": f"{YEAR}-10-10",
         "kind": "event", "hours": 2.0, "teachers": 0, "students": 0, "families": 3,
         "description": "Open day"}]})
    report = annual_report(load_network(client=graph, tenant=tenant.slug), school_key="s-0002",
                           year=YEAR, threshold=5, tenant_name="T")
    event = next(r for r in report["contributions"]["by_kind"] if r["kind"] == "event")
    # people reached go as a complement: a sum is never marked as small itself
    assert event["families"] == "<5" and event["people"] == "suppressed"
    assert event["hours"] == 2.0 and event["activities"] == 1


def test_school_figures_agree_with_the_indicator_service(app, tenant):
    seed(tenant)
    net = load_network(client=graph, tenant=tenant.slug)
    report = annual_report(net, school_key="s-0003", year=YEAR, threshold=5,
                           tenant_name=tenant.name)
    mine = report["demand"]["series"][-1]
    theirs = indicators.school_indicators(tenant=tenant.slug, school="s-0003", year=YEAR)
    composition = theirs["composition"]["disadvantaged"]
    assert mine["composition_gap_pp"] == pytest.approx(composition["gap_pp"], abs=0.05)
    assert mine["share_disadvantaged"] == pytest.approx(composition["share"], abs=0.05)
    assert mine["zone_share_disadvantaged"] == pytest.approx(composition["territory_share"],
                                                             abs=0.05)
    assert mine["demand_ratio"] == pytest.approx(theirs["demand"]["ratio"], abs=0.005)
    zone = indicators.territory_segregation(tenant=tenant.slug, territory="z-001-1",
                                            year=YEAR, group="disadvantaged")
    mine_zone = next(t for t in report["segregation"] if t["level"] == "zone")["groups"][0]
    for index in ("D", "H", "xPx", "xPy", "M"):
        assert mine_zone[index] == pytest.approx(zone[index], abs=0.0005), index
