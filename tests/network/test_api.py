"""The network's JSON API: round trips, error statuses with field errors, the OpenAPI document."""
from __future__ import annotations

import csv
import io
import re

import pytest

from app.api.openapi import document

SCHOOL = {"key": "s-new", "name": "Escola Nova", "code": "08099", "level": "secondary",
          "zone": "z-own", "entry_places": 60}


@pytest.mark.both_sql
def test_create_read_update_archive_delete_a_school(world, api_as):
    api = api_as("coordinator")
    made = api.post("/schools", json=SCHOOL)
    assert made.status_code == 201, made.get_json()
    assert made.headers["Location"].endswith("/schools/s-new")
    assert made.get_json()["municipality"] == "m-own"
    assert api.get("/schools/s-new").get_json()["entry_places"] == 60
    changed = api.patch("/schools/s-new", json={"zone": "z-other", "code": None})
    assert changed.status_code == 200
    assert (changed.get_json()["municipality"], changed.get_json()["code"]) == ("m-other", None)
    assert api.patch("/schools/s-new", json={"archived": True}).get_json()["archived"] is True
    listed = api.get("/schools").get_json()
    assert listed["total"] == 2 and "s-new" not in {s["key"] for s in listed["items"]}
    assert api.get("/schools?archived=1").get_json()["total"] == 3
    assert api.delete("/schools/s-new").status_code == 204
    assert api.get("/schools/s-new").status_code == 404


def test_pagination_and_filters_over_http(world, api_as):
    api = api_as("partner")
    body = api.get("/schools?per_page=1&page=2&municipality=m-other").get_json()
    assert (body["total"], body["page"], body["per_page"]) == (1, 2, 1)
    assert body["items"] == []
    assert api.get("/partners?kind=museum&q=partner 2").get_json()["items"][0]["key"] == "p-other"
    assert api.get("/alliances?school=s-own").get_json()["items"][0]["key"] == "a-own"


@pytest.mark.parametrize(("path", "payload", "fields"), [
    ("/schools", {"name": "", "level": "tertiary", "zone": "Z 1", "entry_places": -1},
     {"name", "level", "zone", "entry_places"}),
    ("/schools", {"name": "A", "level": "primary", "zone": "z-own", "colour": "red"},
     {"colour"}),
    ("/partners", {"name": "A" * 201, "kind": "bank"}, {"name", "kind"}),
    ("/alliances", {"school": "s-own", "partner": "p-own", "theme": "x",
                    "start_year": "soon", "training_share": 2}, {"start_year", "training_share"}),
    ("/contributions", {"alliance": "a-own", "date": "2024-02-30", "kind": "party",
                        "hours": -2, "teachers": 1.5}, {"date", "kind", "hours", "teachers"}),
    ("/measures", {"municipality": "m-own", "kind": "other", "start": "2024-05-01",
                   "end": "2024-01-01"}, {"end"}),
    ("/measures", {"municipality": "m-own", "kind": "other", "start": "2024-05-01",
                   "schools": ["s-other"]}, {"schools"}),
    ("/assessments", {"alliance": "a-own", "year": 2024, "component": "partnerships",
                      "stage": "planning", "benchmarks": ["champions"]}, {"benchmarks"}),
    ("/zones", {"name": "Z", "municipality": "nowhere"}, {"municipality"}),
    ("/zones", [1, 2], {"(body)"}),
])
def test_invalid_payloads_answer_422_naming_the_fields(world, api_as, path, payload, fields):
    response = api_as("coordinator").post(path, json=payload)
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert {e["field"] for e in body["errors"]} == fields
    assert all("reason" in e for e in body["errors"])


def test_malformed_json_is_400(world, api_as):
    response = api_as("coordinator").post("/schools", data="{not json",
                                          content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "Bad Request"


def test_invalid_query_parameters_are_422(world, api_as):
    response = api_as("coordinator").get("/schools?page=0&per_page=1000&level=x")
    assert response.status_code == 422
    assert {e["field"] for e in response.get_json()["errors"]} == {"page", "per_page", "level"}


def test_duplicates_are_409_and_dependants_409_by_name(world, api_as):
    api = api_as("coordinator")
    dup = api.post("/municipalities", json={"key": "m-own", "name": "Again"})
    assert dup.status_code == 409 and dup.get_json()["errors"][0]["field"] == "key"
    refused = api.delete("/partners/p-own")
    assert refused.status_code == 409
    assert "Partner p-own has 1 alliance: a-own" in refused.get_json()["message"]
    busy = api.post("/alliances", json={"school": "s-own", "partner": "p-other",
                                        "theme": "arts", "start_year": 2024})
    assert busy.status_code == 409 and "a-own" in busy.get_json()["message"]


def test_unknown_keys_are_404(world, api_as):
    api = api_as("coordinator")
    for path in ("/schools/nope", "/zones/nope", "/municipalities/nope", "/partners/nope",
                 "/alliances/nope", "/contributions/nope", "/measures/nope",
                 "/assessments/nope:2024:partnerships", "/schools/NOT A KEY"):
        assert api.get(path).status_code == 404, path
    assert api.patch("/partners/nope", json={"name": "x"}).status_code == 404
    assert api.delete("/measures/nope").status_code == 404
    assert api.post("/alliances/nope/end").status_code == 404


def test_alliance_end_and_change_partner(world, api_as):
    api = api_as("coordinator")
    changed = api.post("/alliances/a-own/change-partner",
                       json={"partner": "p-other", "start_year": 2024})
    assert changed.status_code == 201
    started = changed.get_json()["started"]
    assert changed.headers["Location"].endswith(f"/alliances/{started['key']}")
    ended = api.post(f"/alliances/{started['key']}/end", json={"end_year": 2025})
    assert ended.get_json()["status"] == "ended"
    again = api.post(f"/alliances/{started['key']}/end")
    assert again.status_code == 409
    history = api.get("/alliances?school=s-own").get_json()["items"]
    assert [a["partner"] for a in history] == ["p-own", "p-other"]


@pytest.mark.both_sql
def test_partner_logs_and_exports_its_contributions(world, api_as):
    api = api_as("partner")
    made = api.post("/contributions", json={"alliance": "a-own", "date": "2024-03-03",
                                            "kind": "co_design", "hours": 6, "teachers": 9})
    assert made.status_code == 201 and made.get_json()["logged_by"].endswith(".example")
    body = api.get("/contributions?from=2024-01-01&to=2024-12-31").get_json()
    assert [c["key"] for c in body["items"]] == [made.get_json()["key"]]
    assert body["totals"]["by_kind"]["co_design"]["hours"] == 6
    export = api.get("/contributions.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    assert "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True))))
    assert {r["partner"] for r in rows} == {"p-own"} and len(rows) == 2
    foreign = api.post("/contributions", json={"alliance": "a-other", "date": "2024-03-03",
                                               "kind": "event"})
    assert foreign.status_code == 403


def test_municipality_records_and_ends_a_measure(world, api_as):
    api = api_as("municipality")
    made = api.post("/measures", json={"kind": "grants_meals", "start": "2024-09-01",
                                       "schools": ["s-own"], "description": "Free meals"})
    assert made.status_code == 201 and made.get_json()["municipality"] == "m-own"
    key = made.get_json()["key"]
    assert api.post(f"/measures/{key}/end", json={"end": "2025-06-30"}).status_code == 200
    assert api.get("/measures?year=2025").get_json()["total"] == 1
    assert api.get("/measures/ms-other").status_code == 403


def test_assessment_upsert_answers_201_then_200(world, api_as):
    api = api_as("school")
    payload = {"alliance": "a-own", "year": 2024, "component": "curriculum_instruction",
               "stage": "planning", "benchmarks": ["logic_model"]}
    first = api.post("/assessments", json=payload)
    assert first.status_code == 201
    assert first.headers["Location"].endswith("/assessments/a-own:2024:curriculum_instruction")
    second = api.post("/assessments", json={**payload, "benchmarks": ["logic_model", "funding"]})
    assert second.status_code == 200 and second.get_json()["benchmarks"] == [
        "logic_model", "funding"]


def test_every_network_route_is_in_the_openapi_document(app):
    paths = document()["paths"]
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = [(converted.sub(r"{\1}", rule.rule).removeprefix("/api/v1"), method.lower())
              for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("api.network.") and "/tenants/<slug>/" in rule.rule
              for method in rule.methods - {"HEAD", "OPTIONS"}]
    network = [r for r in routes if r[0].split("/")[3].split(".")[0] in {
        "municipalities", "zones", "schools", "partners", "alliances", "contributions",
        "measures", "assessments"}]
    assert len(network) == 44
    for path, method in network:
        operation = paths[path][method]
        assert operation["summary"], (path, method)
        assert {"200", "201", "204"} & set(operation["responses"]), (path, method)
        assert {"401", "403", "404"} <= set(operation["responses"]), (path, method)
        if method in ("post", "patch"):
            assert operation["requestBody"]["content"]["application/json"]["schema"]
            assert {"400", "422"} <= set(operation["responses"]), (path, method)

