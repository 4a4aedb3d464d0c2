"""Formula injection and control characters (issue 10, failure 7): every CSV Imant writes
neutralises cells a spreadsheet would run, through one helper; control characters other
than tab and newline are refused at every input, with the field (and line) named."""
from __future__ import annotations

import csv
import io

import pytest

from app.auth.service import create_token
from app.network import service
from domain.csv_safety import find_control_character, neutralise
from graph.errors import Invalid
from reports.bundle import to_csv
from reports.bundle_tables import Field, Resource
from tests.conftest import make_user
from tests.imports.conftest import graph_counts, load
from tests.network.conftest import build_world

ATTACKS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "=1+1", "=cmd|' /C calc'!A0",
           "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_the_helper_neutralises_text_a_spreadsheet_would_run(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Museu", "a=b", "", 5, -3, 2.5, None, True])
def test_the_helper_leaves_other_values_alone(value):
    assert neutralise(value) == value


def test_the_bundle_csv_neutralises_names():
    attacks = [text for text in ATTACKS if "\r" not in text]  # the bundle's lines end in \n
    resource = Resource(name="partners", title="Partners", description="",
                        fields=[Field("key", "string", "k"), Field("name", "string", "n"),
                                Field("hours", "number", "h")],
                        primary_key=["key"], rows=[["p-1", text, -2.5] for text in attacks])
    rows = list(csv.reader(io.StringIO(to_csv(resource).decode(), newline="")))
    assert [r[1] for r in rows[1:]] == ["'" + text for text in attacks]
    assert {r[2] for r in rows[1:]} == {"-2.5"}  # numbers stay numbers


def test_the_contributions_export_uses_the_same_helper(tenant):
    boss = build_world(tenant)
    service.update_contribution(access=boss, key="c-own",
                                data={"description": "=HYPERLINK(\"http://x\")"})
    text = service.export_contributions_csv(access=boss, alliance="a-own")
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["description"] == "'=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("text, found", [
    ("ok\ttab and\nnewline\r\n", None), ("nul\x00", (3, "\x00")), ("\x1b[31m", (0, "\x1b")),
    ("del\x7f", (3, "\x7f")), ("bell\x07", (4, "\x07")), ("vt\x0b", (2, "\x0b"))])
def test_control_characters_are_found(text, found):
    assert find_control_character(text) == found


@pytest.mark.parametrize("char", ["\x00", "\x1b"])
def test_the_csv_import_refuses_control_characters_naming_line_and_column(tenant, char):
    with pytest.raises(Invalid) as caught:
        load(tenant, "partners", f"key,name,kind\np-1,Fine,museum\np-2,Bad{char}name,museum\n")
    [problem] = caught.value.errors
    assert (problem["line"], problem["field"]) == (3, "name")
    assert "control character" in problem["reason"] and f"U+{ord(char):04X}" in problem["reason"]
    assert graph_counts(tenant.slug) == (0, 0)


@pytest.mark.parametrize("body, field", [
    ({"kind": "annual", "year": 2024, "school": "s\x00"}, "school"),
    ({"kind": "annual", "year": 2024, "note": {"lines": ["a", "b\x1b"]}}, "note.lines[1]"),
])
def test_any_json_body_with_control_characters_is_refused(client, tenant, body, field):
    token = create_token(user=make_user(tenant=tenant, role="coordinator"))
    response = client.post(f"/api/v1/tenants/{tenant.slug}/report-runs", json=body,
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    [problem] = response.get_json()["errors"]
    assert problem["field"] == field and "control character" in problem["reason"]


def test_a_form_with_control_characters_is_refused_naming_the_field(client, tenant, login_as):
    login_as("coordinator")
    response = client.post("/account/password", data={
        "current": "x\x00", "new": "long-enough-password", "confirm": "long-enough-password"})
    assert response.status_code == 422
    assert "current" in response.get_data(as_text=True)
    assert "control character" in response.get_data(as_text=True)
