"""The what-if pages and API: build, run, read, compare and export, by role."""
from __future__ import annotations

import csv
import io
import re

import pytest

from app.models import Scenario
from tests.conftest import CSRF_RE
from tests.network.conftest import api_client
from tests.scenarios.conftest import SCENARIO, carry_out_queued


def token(client, path):
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, path
    return match.group(1)


def build_and_run(client, slug, **extra):
    path = f"/t/{slug}/scenarios/new?market=m-a|2024|primary"
    form = {"csrf_token": token(client, path), "name": "NESE places", "municipality": "m-a",
            "year": "2024", "level": "primary", "mechanism": "boston", "draws": "20",
            "reserve_group": "nese", "reserve_places": "4", "reserve_schools": "s-rich",
            "zones_add": "s-rich|z-poor", "places-s-poor": "-5", "run": "1", **extra}
    return client.post(path, data=form)


def test_a_municipality_user_builds_runs_reads_and_exports(page, market):
    client = page("municipality", "m-a")
    listing = client.get(f"/t/{market.slug}/scenarios")
    assert listing.status_code == 200 and "What-if scenarios" in listing.get_data(as_text=True)
    first = client.get(f"/t/{market.slug}/scenarios/new").get_data(as_text=True)
    # the latest admissions with applications come first; only the user's municipality
    assert 'value="m-a|2024|primary" selected' in first and "m-b|" not in first
    assert 'name="reserve_group"' in first
    form = client.get(f"/t/{market.slug}/scenarios/new?market=m-a|2024|primary")
    html = form.get_data(as_text=True)
    assert "Escola Riu" in html and "Escola Beta" not in html and "Institut Alpha" not in html
    saved = build_and_run(client, market.slug)
    assert saved.status_code == 303
    detail = saved.headers["Location"]
    assert "is running" in client.get(detail).get_data(as_text=True)
    carry_out_queued()
    page_html = client.get(detail).get_data(as_text=True)
    for text in ("How far to trust the model", "Baseline", "NESE places", "Escola Turó",
                 "4 places per school reserved for Special educational needs (NESE) at "
                 "Escola Turó", "Poor side becomes a proximity area of Escola Turó",
                 "Escola Riu offers -5 places", "first choice"):
        assert text in page_html, text
    as_json = client.get(detail, headers={"Accept": "application/json"}).get_json()
    assert as_json["run"]["status"] == "succeeded"
    exported = client.get(f"{detail}.csv")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert {r["figure"] for r in rows} >= {"applicants", "D", "first_choice", "intake"}
    assert not any(re.search(r"\bf-\d{3}\b", v) for r in rows for v in r.values())
    intake = [r for r in rows if r["figure"] == "intake" and r["group"] == "nese"]
    assert any(r["scenario_mean"] == "withheld" for r in intake)  # 10 NESE pupils, 2 schools


def test_bad_input_comes_back_on_the_form_naming_the_field(page, market):
    client = page()
    answer = build_and_run(client, market.slug, name="", **{"places-s-poor": "lots"})
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "required" in html and "lots" in html and "whole number" in html
    assert Scenario.query.count() == 0


@pytest.mark.parametrize("role", ["partner", "school", "evaluator"])
def test_other_roles_neither_see_nor_run_scenarios(page, market, role):
    client = page(role, None if role == "evaluator" else f"{role}-x")
    assert client.get(f"/t/{market.slug}/scenarios").status_code == 403
    assert client.get(f"/api/v1/tenants/{market.slug}/scenarios").status_code == 403


def test_another_municipality_user_gets_not_found(page, market):
    build_and_run(page("municipality", "m-a"), market.slug)
    scenario = Scenario.query.one()
    other = page("municipality", "m-b")
    assert other.get(f"/t/{market.slug}/scenarios/{scenario.id}").status_code == 404
    assert other.get(f"/t/{market.slug}/scenarios/{scenario.id}.csv").status_code == 404
    assert other.get(f"/t/{market.slug}/scenarios/new?market=m-a|2024|primary").status_code \
        == 403


def test_compare_shows_the_baseline_and_each_scenario(page, market):
    client = page()
    build_and_run(client, market.slug)
    build_and_run(client, market.slug, name="Deferred acceptance", reserve_group="",
                  mechanism="deferred_acceptance", zones_add="", **{"places-s-poor": ""})
    carry_out_queued()
    ids = [s.id for s in Scenario.query.order_by(Scenario.id)]
    html = client.get(f"/t/{market.slug}/scenarios/compare?ids={ids[0]}&ids={ids[1]}"
                      ).get_data(as_text=True)
    assert "Compare scenarios" in html and "Deferred acceptance" in html
    assert html.count("<caption>") == 4  # segregation, choices, schools, calibration


def test_the_api_creates_runs_reads_exports_and_deletes(app, market):
    client = api_client(app, market, "municipality", "m-a")
    base = f"/api/v1/tenants/{market.slug}/scenarios"
    bad = client.post(base, json={**SCENARIO, "level": "P5"})
    assert bad.status_code == 422
    assert bad.get_json()["errors"][0]["field"] == "level"
    made = client.post(base, json=SCENARIO)
    assert made.status_code == 201
    sid = made.get_json()["id"]
    assert client.get(f"{base}/{sid}/csv").status_code == 409  # not run yet
    queued = client.post(f"{base}/{sid}/runs")
    assert queued.status_code == 202 and queued.get_json()["status"] == "queued"
    carry_out_queued()
    item = client.get(f"{base}/{sid}").get_json()
    assert item["results"]["baseline"]["applicants"]["all"] == 60
    assert client.get(f"{base}/{sid}/csv").status_code == 200
    with client.get(f"{base}/{sid}/pdf") as pdf:
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    markets = client.get(f"{base}/markets").get_json()
    assert [m["key"] for m in markets] == ["m-a"]
    assert client.delete(f"{base}/{sid}").status_code == 204
    assert client.get(f"{base}/{sid}").status_code == 404
