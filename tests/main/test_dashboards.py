"""Each role's home page shows its own facts and nothing outside its scope, reads the graph
no more when the rest of the programme grows, and the coordinator's alerts appear exactly
when their condition holds."""
from __future__ import annotations

import re
from datetime import date

import pytest

from app.extensions import db, graph
from app.models import ReportArtifact
from app.network import service as network
from app.planning import service as planning
from app.planning.service_actions import open_actions
from graph import assessments
from graph import imports as gi
from graph.errors import Forbidden
from graph.model import school_year_of
from tests.network.conftest import access_for, build_world
from tests.network_pages.conftest import page_client

YEAR = school_year_of(date.today())


def figures(slug: str, school: str, *, year: int, total: int, disadvantaged: int,
            places: int, first_choice: int) -> None:
    graph.write(gi.write_rows, tenant=slug, kind="school_years", batch_size=10, rows=[{
        "key": f"{school}:{year}", "school_key": school, "year": year,
        "places_offered": places, "first_choice_applications": first_choice,
        "enrolled_total": total, "enrolled_disadvantaged": disadvantaged,
        "enrolled_migrant": 10, "enrolled_nese": 6}])


def action(ident: str, title: str, **changes) -> dict:
    return {"action": ident, "title": title, "component": "partnerships",
            "elements": ["leadership_management"], "stage": "planning", "first_year": 2022,
            "last_year": 2022, "owner": "partner", "status": "planned", **changes}


def plan_with(boss, alliance: str, actions: list[dict]) -> None:
    plan = planning.start_plan(access=boss, alliance=alliance)
    planning.save_plan(access=boss, plan=plan["key"], data={"base_revision": 0,
                                                          "actions": actions})


@pytest.fixture
def world(tenant):
    """The network tests' two sides, with figures, this and last year's contributions, plans,
    objectives and report files on both sides."""
    boss = build_world(tenant)
    # the own school's disadvantaged pupils are too few to show: the service withholds them
    figures(tenant.slug, "s-own", year=2023, total=100, disadvantaged=3, places=25,
            first_choice=30)
    figures(tenant.slug, "s-other", year=2023, total=80, disadvantaged=20, places=20,
            first_choice=99)
    for key, alliance, day, hours in (("c-now", "a-own", date.today(), 4.5),
                                      ("c-before", "a-own", date(YEAR - 1, 10, 1), 7.25),
                                      ("c-theirs", "a-other", date.today(), 97.5)):
        network.create_contribution(access=boss, data={
            "key": key, "alliance": alliance, "date": day.isoformat(), "kind": "workshop",
            "hours": hours, "students": 20})
    plan_with(boss, "a-own", [action("visits", "Museum visits"),
                              action("kit", "Lab kit delivered", status="done"),
                              action("open", "Open days", owner="school")])
    plan_with(boss, "a-other", [action("duty", "Other partner duty")])
    for alliance, title in (("a-own", "Own hours objective"),
                            ("a-other", "Other hours objective")):
        planning.create_objective(access=boss, alliance=alliance, data={
            "title": title, "metric": "contribution_hours", "direction": "increase",
            "target": 10, "target_year": YEAR + 2})
    for school in ("s-own", "s-other"):
        db.session.add(ReportArtifact(tenant_id=tenant.id, kind="annual", period="2023",
                                      subject_key=school, fmt="html", path=f"{school}.html",
                                      size=1, sha256="0" * 64))
    db.session.add(ReportArtifact(tenant_id=tenant.id, kind="evaluation", period="2020-2023",
                                  subject_key="", fmt="zip", path="bundle.zip", size=1,
                                  sha256="0" * 64))
    db.session.commit()
    return boss


def home(app, tenant, role: str, scope_key: str | None = None) -> str:
    response = page_client(app, tenant, role, scope_key).get(f"/t/{tenant.slug}/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def artifact_id(tenant, **filters) -> int:
    return db.session.execute(db.select(ReportArtifact.id).filter_by(
        tenant_id=tenant.id, **filters)).scalar_one()


def test_the_partner_home_lists_its_alliances_contributions_and_what_it_owes(app, tenant,
                                                                            world):
    html = home(app, tenant, "partner")
    assert "School 1" in html and "School 2" not in html
    # this year's hours against last year's
    assert '<strong>4.5</strong> <span class="muted before">(7.25)</span>' in html
    assert "97.5" not in html                                  # the other partner's hours
    owed = html[html.index('id="dash-owed"'):]
    assert "Museum visits" in owed and 'class="badge overdue"' in owed
    assert "Lab kit delivered" not in owed          # done
    assert "Open days" not in owed                  # the school's to do
    assert "Other partner duty" not in owed         # another partner's alliance


def test_the_school_home_shows_its_school_only(app, tenant, world):
    html = home(app, tenant, "school")
    assert "<h2 id=\"report-heading\">School 1</h2>" in html
    own = artifact_id(tenant, kind="annual", subject_key="s-own")
    other = artifact_id(tenant, kind="annual", subject_key="s-other")
    assert f"/reports/files/{own}\"" in html and f"/reports/files/{other}\"" not in html
    assert "1.20" in html and "4.95" not in html         # demand ratios: own 30/25, other 99/20
    assert "Own hours objective" in html and "Other hours objective" not in html
    assert re.search(r'Partnerships</span> <span class="badge stage-planning">', html)
    assert "School 2" not in html


def test_the_municipality_home_ranks_its_schools_and_lists_its_measures(app, tenant, world):
    html = home(app, tenant, "municipality")
    ranking = html[html.index('id="dash-ranking"'):html.index('id="dash-measures"')]
    assert "School 1" in ranking and "School 2" not in ranking
    assert "withheld" in ranking           # 3 disadvantaged pupils: the service withholds them
    assert "/measures/ms-own\"" in html and "/measures/ms-other\"" not in html
    territory = html[html.index('id="dash-territory"'):html.index('id="dash-ranking"')]
    # the municipality's 3 disadvantaged of 100 pupils: the total is shown, the group's
    # count and share (which would give the 3 back) are withheld
    assert school_year_label(2023) in territory and ">100<" in territory
    assert ">3.0<" not in territory and ">3<" not in territory


def test_the_evaluator_home_shows_bundles_by_cycle_and_the_current_cycle(app, tenant, world):
    html = home(app, tenant, "evaluator")
    bundle = artifact_id(tenant, kind="evaluation")
    assert f"/reports/files/{bundle}\"" in html
    current = 2020 + (YEAR - 2020) // 4 * 4
    assert f"Current cycle: {school_year_label(current)}" in html
    assert "/reports/files/" + str(artifact_id(tenant, kind="annual", subject_key="s-own")) \
        not in html                                        # annual reports are not theirs
    assert "School 1" not in html


@pytest.mark.parametrize("role", ["school", "municipality"])
def test_a_user_bound_to_an_entity_not_in_the_programme_gets_a_plain_home(app, tenant, world,
                                                                        role):
    html = home(app, tenant, role, scope_key="gone")
    assert "is not in this programme" in html and "School 1" not in html


def test_a_partner_with_no_alliances_sees_empty_lists(app, tenant, world):
    html = home(app, tenant, "partner", scope_key="p-new")
    assert "No alliances yet." in html and "School 1" not in html
    assert "Nothing open" in html


def test_the_coordinators_alerts_appear_only_when_their_condition_holds(app, tenant):
    boss = build_world(tenant)
    html = home(app, tenant, "coordinator")
    assert 'id="no-alerts"' in html
    assert not re.search(r'id="alert-(overdue|reviews|problems)"', html)

    plan_with(boss, "a-own", [action("visits", "Museum visits"),
                              action("later", "Not due yet", last_year=YEAR + 1)])
    school = access_for(tenant, "school")
    draft = planning.start_self_assessment(access=school, alliance="a-own",
                                           data={"year": 2023})
    planning.submit_self_assessment(access=school, key=draft["key"])
    graph.write(assessments.upsert_assessment, tenant=tenant.slug, alliance="a-own",
                year=2015, component="partnerships",
                props={"stage": "planning", "benchmarks": []})   # before the alliance began

    html = home(app, tenant, "coordinator")
    assert 'id="no-alerts"' not in html
    overdue = html[html.index('id="alert-overdue"'):html.index('id="alert-reviews"')]
    assert "1 overdue plan action" in overdue and "Museum visits" in overdue
    assert "Not due yet" not in overdue
    reviews = html[html.index('id="alert-reviews"'):html.index('id="alert-problems"')]
    assert f"/self-assessments/{draft['key']}\"" in reviews
    problems = html[html.index('id="alert-problems"'):]
    assert "1 record breaks the data rules" in problems and "/check\"" in problems


def count_reads(app, tenant, role: str, monkeypatch) -> int:
    client = page_client(app, tenant, role)
    calls = []
    real = graph.read
    monkeypatch.setattr(graph, "read", lambda fn, /, **kw: calls.append(fn) or real(fn, **kw))
    assert client.get(f"/t/{tenant.slug}/").status_code == 200
    monkeypatch.undo()
    return len(calls)


@pytest.mark.parametrize("role", ["partner", "school", "municipality", "evaluator"])
def test_a_home_reads_no_more_when_the_rest_of_the_programme_grows(app, tenant, world, role,
                                                                   monkeypatch):
    before = count_reads(app, tenant, role, monkeypatch)
    for n in range(3, 6):   # more schools, alliances, plans and figures elsewhere
        network.create_school(access=world, data={"key": f"s-{n}", "name": f"School {n}",
                                                  "level": "primary", "zone": "z-other"})
        network.create_alliance(access=world, data={
            "key": f"a-{n}", "school": f"s-{n}", "partner": "p-other", "theme": "art",
            "start_year": 2022})
        plan_with(world, f"a-{n}", [action("duty", f"Duty {n}")])
        figures(tenant.slug, f"s-{n}", year=2023, total=50, disadvantaged=10, places=10,
                first_choice=10)
    assert count_reads(app, tenant, role, monkeypatch) == before
    # each indicator answer also reads the programme's counts once, for the disclosure
    # decisions (domain.disclosure decides on the whole programme)
    assert before <= 18


def test_open_actions_keep_to_the_alliances_the_caller_may_read(tenant, world):
    partner = access_for(tenant, "partner")
    found = open_actions(access=partner, alliances=["a-own"], owner="partner")
    assert [a["title"] for a in found] == ["Museum visits"] and found[0]["overdue"]
    with pytest.raises(Forbidden):
        open_actions(access=partner, alliances=["a-other"])
    with pytest.raises(Forbidden):
        open_actions(access=partner)              # the whole programme: coordinators only
    titles = {a["title"] for a in open_actions(access=world)}
    assert titles == {"Museum visits", "Open days", "Other partner duty"}


def school_year_label(year: int) -> str:
    from domain.vocabulary import school_year_label as label
    return label(year)
