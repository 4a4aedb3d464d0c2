"""Each role's own pages: a partner logs and reads its contributions (its alliances only,
totals by kind and year, date range, CSV of its own), a municipality records, edits and
ends its measures, a school team keeps its profile and assessments; the navigation."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from app.network import service
from tests.conftest import csrf_token

NAV = {
    "coordinator": {"Overview", "Municipalities", "Schools", "Partners", "Alliances",
                    "Contributions", "Measures", "Assessments", "Network map", "Audit"},
    "partner": {"My alliances", "Log a contribution", "Contribution history", "Network map"},
    "municipality": {"My municipality", "Territory", "Measures", "Network map"},
    "school": {"My school", "Assessments", "Network map"},
    "evaluator": set(),
}
MINE = {label for labels in NAV.values() for label in labels}


@pytest.mark.parametrize("role", sorted(NAV))
def test_each_role_sees_its_own_pages_on_the_programme_home(world, as_user, tenant, role):
    html = as_user(role).get(f"/t/{tenant.slug}/").get_data(as_text=True)
    shown = {label for label in MINE if f"<strong>{label}</strong>" in html}
    assert shown == NAV[role]


@pytest.mark.parametrize(("path", "target"), [
    ("my/alliances", "/partners/p-own"), ("my/contributions", "/contributions"),
    ("my/municipality", "/municipalities/m-own"),
    ("my/territory", "/territories/m-own"), ("my/school", "/schools/s-own")])
def test_my_pages_lead_to_the_users_own_entity(world, as_user, tenant, path, target):
    role = {"alliances": "partner", "contributions": "partner", "municipality":
            "municipality", "territory":
            "municipality", "school": "school"}[path.split("/")[1]]
    response = as_user(role).get(f"/t/{tenant.slug}/{path}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/t/{tenant.slug}{target}"


def test_a_partner_logs_a_contribution_to_its_own_alliances_only(world, as_user, tenant):
    client, base = as_user("partner"), f"/t/{tenant.slug}"
    form = client.get(f"{base}/contributions/new").get_data(as_text=True)
    assert 'value="a-own"' in form and 'value="a-other"' not in form
    token = csrf_token(client, f"{base}/contributions/new")
    today = date.today().isoformat()
    response = client.post(f"{base}/contributions/new", data={
        "csrf_token": token, "alliance": "a-own", "date": today, "kind": "mentoring",
        "hours": "1.5", "teachers": "4", "students": "", "families": "",
        "description": "Mentoring <b>session</b>"})
    assert response.status_code == 303
    history = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mentoring &lt;b&gt;session&lt;/b&gt;" in history
    assert "Contribution of " + today + " logged." in history
    refused = client.post(f"{base}/contributions/new", data={
        "csrf_token": token, "alliance": "a-other", "date": today, "kind": "event"})
    assert refused.status_code == 403
    assert service.list_contributions(access=world, alliance="a-other").total == 1


def test_a_partners_history_has_totals_by_kind_and_year_and_a_date_range(world, as_user,
                                                                          tenant):
    for day, kind, hours in (("2022-10-01", "training", 2), ("2024-03-01", "workshop", 4),
                             ("2024-10-01", "workshop", 1)):
        service.create_contribution(access=world, data={
            "alliance": "a-own", "date": day, "kind": kind, "hours": hours})
    client, base = as_user("partner"), f"/t/{tenant.slug}"
    html = client.get(f"{base}/contributions").get_data(as_text=True)
    assert "Our contributions" in html and "Partner 2" not in html
    for year in ("2022-23", "2023-24", "2024-25"):
        assert f"<td>{year}</td>" in html
    assert "<td>Workshop</td><td class=\"num\">2</td><td class=\"num\">5.0</td>" in html
    ranged = client.get(f"{base}/contributions?from=2024-01-01&to=2024-06-30").get_data(
        as_text=True)
    assert "2024-03-01" in ranged and "2024-10-01" not in ranged and "2022-10-01" not in ranged
    assert "Export CSV" in ranged
    assert client.get(f"{base}/contributions?partner=p-other").status_code == 403


def test_a_partner_exports_only_its_own_contributions(world, as_user, tenant):
    client, base = as_user("partner"), f"/t/{tenant.slug}"
    response = client.get(f"{base}/contributions.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {r["partner"] for r in rows} == {"p-own"} and len(rows) == 1
    school = as_user("school")
    assert "Export CSV" not in school.get(f"{base}/contributions").get_data(as_text=True)
    assert school.get(f"{base}/contributions.csv").status_code == 403


def test_a_partner_sees_other_alliances_but_not_their_contributions(world, as_user, tenant):
    client, base = as_user("partner"), f"/t/{tenant.slug}"
    other = client.get(f"{base}/alliances/a-other").get_data(as_text=True)
    assert "School 2" in other and "Totals" not in other and "Contributions</h2>" not in other
    own = client.get(f"{base}/alliances/a-own").get_data(as_text=True)
    assert "Contributions</h2>" in own and "Log a contribution" in own


def test_a_municipality_records_edits_and_ends_its_measures(world, as_user, tenant):
    client, base = as_user("municipality"), f"/t/{tenant.slug}"
    form = client.get(f"{base}/measures/new").get_data(as_text=True)
    assert 'value="s-own"' in form and 'value="s-other"' not in form
    assert 'value="m-other"' not in form
    token = csrf_token(client, f"{base}/measures/new")
    response = client.post(f"{base}/measures/new", data={
        "csrf_token": token, "municipality": "m-own", "kind": "ratio_reduction",
        "start": "2024-09-01", "end": "", "schools": ["s-own"], "description": "Fewer pupils"})
    assert response.status_code == 303
    key = response.headers["Location"].rsplit("/", 1)[1]
    assert "Ratio reduction" in client.get(f"{base}/measures").get_data(as_text=True)
    edited = client.post(f"{base}/measures/{key}/edit", data={
        "csrf_token": token, "kind": "ratio_reduction", "start": "2024-09-01", "end": "",
        "description": "Fewer pupils per class"})  # no school ticked: covers none
    assert edited.status_code == 303
    measure = service.get_measure(access=world, key=key)
    assert measure["schools"] == [] and measure["description"] == "Fewer pupils per class"
    ended = client.post(f"{base}/measures/{key}/end", data={"csrf_token": token,
                                                            "end": "2025-06-30"})
    assert ended.status_code == 303
    assert service.get_measure(access=world, key=key)["end"] == "2025-06-30"
    assert client.get(f"{base}/measures/ms-other").status_code == 403
    page = client.get(f"{base}/municipalities/m-own").get_data(as_text=True)
    assert "Record a measure" in page and "Territory indicators" in page
    assert "Record a measure" not in client.get(f"{base}/municipalities/m-other").get_data(
        as_text=True)


def test_a_school_team_keeps_its_profile_and_assesses_its_alliance(world, as_user, tenant):
    client, base = as_user("school"), f"/t/{tenant.slug}"
    page = client.get(f"{base}/schools/s-own").get_data(as_text=True)
    assert "Edit profile" in page and "Assess a component" in page
    assert "Figures and indicators" in page
    edit = client.get(f"{base}/schools/s-own/edit").get_data(as_text=True)
    assert 'name="entry_places"' in edit and 'name="zone"' not in edit
    token = csrf_token(client, f"{base}/schools/s-own/edit")
    response = client.post(f"{base}/schools/s-own/edit", data={
        "csrf_token": token, "name": "Our school", "entry_places": "26", "zone": "z-other"})
    assert response.status_code == 303
    school = service.get_school(access=world, key="s-own")
    assert (school["name"], school["entry_places"], school["zone"]) == ("Our school", 26,
                                                                        "z-own")
    done = client.post(f"{base}/assessments/new", data={
        "csrf_token": token, "alliance": "a-own", "year": "2024", "component": "partnerships",
        "stage": "early_implementation", "benchmarks": ["shared_vision"]})
    assert done.status_code == 303
    grid = client.get(f"{base}/alliances/a-own").get_data(as_text=True)
    assert "Early implementation" in grid and "1/4 met" in grid
    other = client.get(f"{base}/schools/s-other").get_data(as_text=True)
    assert "Edit profile" not in other and "Stage assessments" not in other
