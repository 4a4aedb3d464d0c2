"""The planning pages as each role uses them: the school team and the partner write the plan,
the school team fills the rubric for all five components, the coordinator returns and
accepts it; refusals come back on the page naming the field, and nothing is saved."""
from __future__ import annotations

import re
from datetime import date

from werkzeug.datastructures import MultiDict

from app.planning import service
from domain.rubric import component_items
from graph.model import Component, school_year_of
from tests.conftest import csrf_token

YEAR = school_year_of(date.today())


def post(client, path: str, data: dict | list, **kw):
    token = csrf_token(client, kw.pop("form_on", path))
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    return client.post(path, data=MultiDict([("csrf_token", token), *pairs]), **kw)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def test_every_role_in_scope_reads_the_planning_page(world, as_user, tenant):
    path = f"/t/{tenant.slug}/alliances/a-own/planning"
    for role in ("coordinator", "partner", "municipality", "school"):
        html = page(as_user(role), path)
        assert "Plan and objectives" in html and "Where the alliance stands" in html
    assert as_user("school", "s-other").get(path).status_code == 403
    assert as_user("evaluator").get(path).status_code == 403
    school_html = page(as_user("school"), path)
    assert "Add an objective" in school_html and "Self-assess the five components" in school_html
    assert "Add an objective" not in page(as_user("municipality"), path)


def test_an_objective_added_on_the_page_shows_its_status(world, as_user, tenant):
    partner = as_user("partner")
    path = f"/t/{tenant.slug}/alliances/a-own/objectives/new"
    bad = post(partner, path, {"title": "Hours", "metric": "contribution_hours",
                               "direction": "increase", "target": "10", "target_year": "2019"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "must be after the baseline year" in text
    done = post(partner, path, {"title": "Ten hours a year", "metric": "contribution_hours",
                                "direction": "increase", "target": "10",
                                "target_year": str(YEAR + 2)}, follow_redirects=True)
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "Ten hours a year" in html
    assert re.search(r'class="badge objective-(met|on_track|at_risk|missed|no_data)"', html)


def test_the_plan_is_started_edited_and_refusals_name_the_row(world, as_user, tenant):
    school = as_user("school")
    base = f"/t/{tenant.slug}/alliances/a-own"
    started = post(school, f"{base}/plans", {}, form_on=f"{base}/planning")
    assert started.status_code == 303 and "/edit" in started.headers["Location"]
    edit = started.headers["Location"]
    row = {"a-0-title": "Museum training", "a-0-component": "curriculum_instruction",
           "a-0-stage": "planning", "a-0-first_year": "2022", "a-0-last_year": "2022",
           "a-0-owner": "partner", "a-0-status": "planned",
           "a-0-elements": "professional_development", "base_revision": "0"}
    bad = post(school, edit, {**row, "a-0-last_year": "2031"})
    assert bad.status_code == 422 and "actions[0].last_year" in bad.get_data(as_text=True)
    assert service.list_plans(access=_coordinator(world), alliance="a-own")[0]["revision"] == 0
    ok = post(school, edit, row, follow_redirects=True)
    html = ok.get_data(as_text=True)
    assert "Museum training" in html and "overdue" in html and "no action serves it" in html


def _coordinator(world):
    return world


def _all_ratings(value: str) -> dict:
    return {f"rating-{item.key}": value
            for component in Component for item in component_items(component=component)}


def test_rubric_submitted_returned_accepted_sets_the_stage(world, as_user, tenant):
    school, boss = as_user("school"), as_user("coordinator")
    base = f"/t/{tenant.slug}/alliances/a-own"
    opened = post(school, f"{base}/self-assessments", {"year": "2023"}, form_on=f"{base}/planning")
    assert opened.status_code == 303
    rubric = opened.headers["Location"]
    html = page(school, rubric)
    assert all(f'id="component-{c.value}"' in html for c in Component)   # one page, five parts
    sent = post(school, rubric, {**_all_ratings("in_place"), "do": "submit",
                                 "benchmark": "leadership_team"})
    assert sent.status_code == 303
    assert "Return to the school team" not in page(school, rubric)
    returned = post(boss, f"{rubric}/return", {"comment": "Add the evidence"}, form_on=rubric)
    assert returned.status_code == 303
    assert "Add the evidence" in page(school, rubric)
    again = post(school, f"{base}/self-assessments", {"year": "2023"}, form_on=rubric)
    second = again.headers["Location"]
    assert second != rubric and second.endswith(":2")
    post(school, second, {**_all_ratings("in_place"), "do": "submit"})
    accepted = post(boss, f"{second}/accept", {"stage-partnerships": "full_implementation"},
                    form_on=second)
    assert accepted.status_code == 303
    assert 'id="assessment-status">Accepted' in page(boss, second)
    overview = page(boss, f"/t/{tenant.slug}/alliances/a-own")
    assert "Full implementation" in overview
