"""The HTML forms refuse records dated outside their alliance's years, naming the range."""
from __future__ import annotations

from app.network import service
from tests.conftest import csrf_token


def test_the_assessment_form_refuses_a_year_before_the_planning_year(world, as_user, tenant):
    client = as_user("coordinator")
    base = f"/t/{tenant.slug}"
    token = csrf_token(client, f"{base}/assessments/new?alliance=a-own")
    response = client.post(f"{base}/assessments/new", data={
        "csrf_token": token, "alliance": "a-own", "year": "2020",
        "component": "family_engagement", "stage": "planning"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2020 is outside the alliance&#39;s years 2021-22 to" in html
    keys = {a["key"] for a in service.list_assessments(access=world, alliance="a-own").items}
    assert "a-own:2020:family_engagement" not in keys


def test_the_contribution_form_refuses_a_date_before_the_alliance(world, as_user, tenant):
    client = as_user("coordinator")
    base = f"/t/{tenant.slug}"
    token = csrf_token(client, f"{base}/contributions/new")
    response = client.post(f"{base}/contributions/new", data={
        "csrf_token": token, "alliance": "a-own", "date": "2015-03-01", "kind": "workshop"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2015-03-01 is outside the alliance&#39;s life, 2022-09-01 to" in html
    dates = {c["date"] for c in service.list_contributions(access=world,
                                                           alliance="a-own").items}
    assert "2015-03-01" not in dates
