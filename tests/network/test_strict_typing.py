"""Strict typing of the JSON API (issue 10, failure 6): JSON numbers must be JSON numbers,
booleans JSON booleans and lists JSON arrays. HTML forms post text, which is read as
numbers only when it is made of ASCII digits."""
from __future__ import annotations

import pytest

from app.api.openapi import document
from app.network import service
from app.network.forms import ServiceForm
from app.network.parsers import FormInput
from graph.errors import Invalid

NEW_SCHOOL = {"key": "s-typed", "name": "Typed", "level": "primary", "zone": "z-own"}
NEW_ALLIANCE = {"key": "a-typed", "school": "s-own", "partner": "p-other", "theme": "Typed"}


@pytest.mark.parametrize(("path", "body", "field", "reason"), [
    ("/schools", {**NEW_SCHOOL, "entry_places": "25"}, "entry_places", "must be a JSON integer"),
    ("/schools", {**NEW_SCHOOL, "entry_places": "２５"}, "entry_places",
     "must be a JSON integer"),
    ("/alliances", {**NEW_ALLIANCE, "start_year": "2024"}, "start_year",
     "must be a JSON integer"),
    ("/alliances", {**NEW_ALLIANCE, "start_year": 2024, "training_share": "0.9"},
     "training_share", "must be a JSON number"),
    ("/measures", {"municipality": "m-own", "kind": "ratio_reduction", "start": "2024-09-01",
                   "schools": "s-own"}, "schools", "must be a JSON array"),
    ("/partners", {"name": "P", "kind": "museum", "archived": "true"}, "archived",
     "must be a JSON boolean"),
    ("/schools", {**NEW_SCHOOL, "entry_places": True}, "entry_places",
     "must be a JSON integer"),
])
def test_the_api_refuses_values_of_the_wrong_json_type(world, api_as, path, body, field,
                                                       reason):
    response = api_as("coordinator").post(path, json=body)
    assert response.status_code == 422, response.get_json()
    errors = {e["field"]: e["reason"] for e in response.get_json()["errors"]}
    assert errors[field].startswith(reason)


def test_the_api_accepts_values_of_the_right_json_type(world, api_as):
    api = api_as("coordinator")
    school = api.post("/schools", json={**NEW_SCHOOL, "entry_places": 25})
    assert school.status_code == 201 and school.get_json()["entry_places"] == 25
    measure = api.post("/measures", json={"municipality": "m-own", "kind": "ratio_reduction",
                                          "start": "2024-09-01", "schools": ["s-own"]})
    assert measure.status_code == 201 and measure.get_json()["schools"] == ["s-own"]


def test_services_are_strict_unless_given_form_input(world):
    with pytest.raises(Invalid, match="entry_places: must be a JSON integer"):
        service.create_school(access=world, data={**NEW_SCHOOL, "entry_places": "25"})
    made = service.create_school(access=world, data=FormInput(
        {**NEW_SCHOOL, "entry_places": "25"}))
    assert made["entry_places"] == 25


@pytest.mark.parametrize("text", ["２５", "٢٥", "25\u00a0"])
def test_forms_read_only_ascii_digits_as_numbers(world, text):
    with pytest.raises(Invalid, match="entry_places: must be a whole number"):
        service.create_school(access=world, data=FormInput({**NEW_SCHOOL, "entry_places": text}))


@pytest.mark.parametrize("text", ["０.５", "1e-1"])
def test_forms_read_only_plain_decimals_as_numbers(world, text):
    with pytest.raises(Invalid, match="training_share: must be a number"):
        service.create_alliance(access=world, data=FormInput(
            {**NEW_ALLIANCE, "start_year": "2024", "training_share": text}))


def test_a_form_hands_its_values_over_as_form_input(app):
    with app.test_request_context(method="POST", data={"name": "X"}):
        assert isinstance(ServiceForm(meta={"csrf": False}).payload(), FormInput)


def test_the_openapi_document_states_the_typing_rule():
    doc = document()
    assert "Strict typing" in doc["info"]["description"]
    body = doc["components"]["schemas"]["SchoolCreate"]["properties"]["entry_places"]
    assert body["type"] == "integer"
