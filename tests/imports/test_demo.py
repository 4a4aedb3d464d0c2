"""The demo network: loaded through the import service, idempotent, and what the demo
users and pages rely on."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from app.demo import DEMO_SCOPES, SEED_STEPS
from app.imports.bench import delete_tenant
from app.imports.service import read_rows
from app.models import Role
from app.network import demo
from app.network.demo_data import PROGRAMMES
from app.network.service_check import problems_of
from graph.model import BENCHMARKS, Component, MeasureKind, PartnerKind, Stage
from tests.imports.conftest import graph_counts


@pytest.fixture
def demo_graph(app):
    """Seed the demo programmes with `imant seed-demo` twice; remove their graph after."""
    app.config["DEMO_PASSWORD"] = "demo-password-for-tests"
    runner = app.test_cli_runner()
    counts = []
    try:
        for _ in range(2):
            result = runner.invoke(args=["seed-demo"])
            assert result.exit_code == 0, result.output
            counts.append({slug: graph_counts(slug) for slug in PROGRAMMES})
        yield counts
    finally:
        for slug in PROGRAMMES:
            delete_tenant(slug=slug)


def test_the_step_is_registered_once_on_the_app(app):
    assert app.extensions[SEED_STEPS].count(demo.seed_network) == 1


def test_seed_demo(demo_graph):
    """One seeding (it takes seconds) serves every check of the demo."""
    first, second = demo_graph
    assert first == second
    nodes, relationships = first["catalunya"]
    assert nodes > 4000 and relationships > nodes
    assert first["euskadi"][0] > 100
    check_catalunya_is_a_living_programme()
    check_the_demo_users_entities_exist()
    check_figures_match_the_families_of_their_years()
    check_the_demo_breaks_no_integrity_rule()
    check_the_demo_plans_show_every_case()


def check_the_demo_plans_show_every_case() -> None:
    """Every active catalunya alliance has objectives, a plan, budget lines, a logic model
    and an accepted self-assessment; the mix shows objectives met, at risk and missed, an
    overdue action and one assessment waiting for review."""
    from app.extensions import db
    from app.models import Tenant
    from app.planning import service as planning
    from app.tenancy import Access
    tenant = db.session.execute(db.select(Tenant).filter_by(slug="catalunya")).scalar_one()
    boss = Access(tenant, Role.COORDINATOR, None, None)
    year = date.today().year if date.today().month >= 9 else date.today().year - 1
    active = [a for a in PROGRAMMES["catalunya"].alliances if a.end is None]
    statuses = Counter(o["status"]["status"] for o in planning.programme_objectives(access=boss))
    assert {"met", "at_risk", "missed"} <= set(statuses), statuses
    overdue = 0
    for a in active:
        plans = planning.list_plans(access=boss, alliance=a.key)
        assert plans and plans[0]["revision"] == 1, a.key   # re-seeding adds no revision
        overdue += len(planning.get_plan(access=boss, plan=plans[0]["key"])["overdue"])
        assert planning.list_objectives(access=boss, alliance=a.key), a.key
        assert planning.list_budget(access=boss, alliance=a.key)["lines"], a.key
        assert planning.get_logic_model(access=boss, alliance=a.key)["model"], a.key
        if a.start < year:
            assert any(s["status"] == "accepted" for s in planning.list_self_assessments(
                access=boss, alliance=a.key)), a.key
    assert overdue > 0
    assert len(planning.awaiting_review(access=boss)) == 1


def check_the_demo_breaks_no_integrity_rule() -> None:
    for slug in PROGRAMMES:
        assert problems_of(tenant=slug) == [], slug


def check_catalunya_is_a_living_programme() -> None:
    rows = {kind: read_rows(tenant="catalunya", kind=kind) for kind in (
        "municipalities", "zones", "schools", "partners", "alliances", "measures",
        "assessments", "contributions")}
    assert 38 <= len(rows["schools"]) <= 45
    assert len(rows["partners"]) == 41
    assert {p["kind"] for p in rows["partners"]} == {k.value for k in PartnerKind}
    assert len(rows["municipalities"]) >= 8
    assert Counter(z["municipality_key"] for z in rows["zones"])["m-barcelona"] >= 5
    alliances = rows["alliances"]
    assert {a["start_year"] for a in alliances} == set(range(2019, 2025))
    ended = [a for a in alliances if a["status"] == "ended"]
    assert ended and all(a["end_year"] for a in ended)
    for old in ended:  # the school went on with another partner
        assert any(a["school_key"] == old["school_key"] and a["partner_key"] != old[
            "partner_key"] and a["start_year"] > old["end_year"] for a in alliances)
    assert len({m["kind"] for m in rows["measures"]}) >= 6
    assert {m["kind"] for m in rows["measures"]} <= {k.value for k in MeasureKind}
    last = date.today().year - 1
    assert {c["kind"] for c in rows["contributions"]} >= {"training", "workshop", "event"}
    assert any(c["date"] >= f"{last}-01-01" for c in rows["contributions"])
    per_year = Counter((s["alliance_key"], s["year"]) for s in rows["assessments"])
    assert set(per_year.values()) == {len(Component)}
    assert all(set(s["benchmarks"]) <= set(BENCHMARKS[Stage(s["stage"])])
               for s in rows["assessments"])


def check_the_demo_users_entities_exist() -> None:
    for slug, scopes in DEMO_SCOPES.items():
        schools = {s["key"]: s for s in read_rows(tenant=slug, kind="schools")}
        zones = {z["key"]: z["municipality_key"] for z in read_rows(tenant=slug, kind="zones")}
        alliances = read_rows(tenant=slug, kind="alliances")
        partner, municipality = scopes[Role.PARTNER], scopes[Role.MUNICIPALITY]
        school = schools[scopes[Role.SCHOOL]]
        assert zones[school["zone_key"]] == municipality
        assert any(a["partner_key"] == partner for a in alliances)
        ours = [a for a in alliances if a["school_key"] == school["key"]]
        assert ours and ours[0]["partner_key"] == partner
    assert len(read_rows(tenant="euskadi", kind="schools")) == 3


def check_figures_match_the_families_of_their_years() -> None:
    figures = {(f["school_key"], f["year"]): f
               for f in read_rows(tenant="catalunya", kind="school_years")}
    assert {year for _, year in figures} == set(demo.FIGURE_YEARS)
    families = {f["key"]: f for f in read_rows(tenant="catalunya", kind="families")}
    enrolled = Counter()
    for e in read_rows(tenant="catalunya", kind="enrolments"):
        flags = families[e["family_key"]]
        for name in ("total", "disadvantaged", "migrant", "nese"):
            if name == "total" or flags[name]:
                enrolled[(e["school_key"], e["year"], name)] += 1
    first = Counter((a["school_key"], a["year"]) for a in
                    read_rows(tenant="catalunya", kind="applications") if a["rank"] == 1)
    for (school, year), f in figures.items():
        if year in demo.FAMILY_YEARS:
            assert f["first_choice_applications"] == first[(school, year)]
            for name in ("total", "disadvantaged", "migrant", "nese"):
                assert f[f"enrolled_{name}"] == enrolled[(school, year, name)]


def test_allied_schools_become_more_demanded_and_balanced():
    """The simulation behind the figures: compare allied schools with the others."""
    figures, _ = demo.simulate("catalunya", PROGRAMMES["catalunya"])
    allied = {a.school for a in PROGRAMMES["catalunya"].alliances}

    def ratios(year: int, inside: bool) -> tuple[float, float]:
        rows = [f for f in figures if f["year"] == year and (f["school_key"] in allied) == inside]
        demand = sum(f["first_choice_applications"] for f in rows) / sum(
            f["places_offered"] for f in rows)
        share = sum(f["enrolled_disadvantaged"] for f in rows) / sum(
            f["enrolled_total"] for f in rows)
        return demand, share
    (d0, s0), (d1, s1) = ratios(2020, True), ratios(2024, True)
    (_, o0), (_, o1) = ratios(2020, False), ratios(2024, False)
    assert d1 > d0 + 0.1
    assert abs(s1 - o1) < abs(s0 - o0)
