"""Every kind round-trips; re-imports are idempotent; upserts move single relationships."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.imports.kinds import ORDER
from app.imports.service import read_rows
from app.models import AuditEvent
from tests.imports.conftest import EXPECTED, PROGRAMME, graph_counts, load, load_programme


def test_the_programme_covers_every_kind():
    assert list(PROGRAMME) == list(ORDER)


@pytest.mark.parametrize("kind", ORDER)
def test_each_kind_round_trips(tenant, kind):
    load_programme(tenant, until=kind)
    result = load(tenant, kind, PROGRAMME[kind])
    rows = read_rows(tenant=tenant.slug, kind=kind)
    expected_rows = PROGRAMME[kind].strip().count("\n")
    assert result.rows == result.created == len(rows) == expected_rows
    assert result.updated == 0
    if kind in EXPECTED:
        assert rows == EXPECTED[kind]


def test_derived_keys_and_years(programme):
    zones = read_rows(tenant=programme.slug, kind="zones")
    assert [(z["key"], z["municipality_key"]) for z in zones] == [
        ("z-a1", "m-a"), ("z-a2", "m-a"), ("z-b1", "m-b")]
    years = read_rows(tenant=programme.slug, kind="school_years")
    assert [(y["school_key"], y["year"], y["enrolled_disadvantaged"]) for y in years] == [
        ("s-1", 2023, 20), ("s-1", 2024, 15), ("s-2", 2024, 0)]
    enrolments = read_rows(tenant=programme.slug, kind="enrolments")
    assert enrolments == [{"family_key": "f-1", "school_key": "s-1", "year": 2024},
                          {"family_key": "f-2", "school_key": "s-2", "year": 2024}]


def test_school_year_and_assessment_keys_and_contribution_year(programme):
    from app.extensions import graph

    def keys(tx, *, tenant):
        return tx.run("MATCH (n {tenant: $tenant}) WHERE n:SchoolYear OR n:StageAssessment "
                      "OR n:Contribution RETURN n.key AS key, n.year AS year ORDER BY key",
                      tenant=tenant).data()
    found = {r["key"]: r["year"] for r in graph.read(keys, tenant=programme.slug)}
    assert found["s-1:2023"] == 2023
    assert found["a-2:2023:partnerships"] == 2023
    assert found["c-1"] == 2023  # 2023-10-05 falls in school year 2023-24
    assert found["c-2"] == 2023  # 2024-03-01 too


def test_reimport_is_idempotent(programme):
    before = graph_counts(programme.slug)
    for kind, text in PROGRAMME.items():
        result = load(programme, kind, text)
        assert (result.created, result.updated) == (0, result.rows), kind
    assert graph_counts(programme.slug) == before


def test_upserts_move_zone_municipality_and_family_and_replace_covers(programme):
    before = graph_counts(programme.slug)
    load(programme, "zones", "key,name,municipality_key\nz-b1,Beta,m-a\n")
    load(programme, "schools", "key,name,code,level,zone_key,entry_places\n"
                               "s-1,Escola Una,08000001,primary,z-a2,75\n")
    load(programme, "families", "key,zone_key,disadvantaged,migrant,nese\nf-1,z-a2,0,0,0\n")
    load(programme, "measures", "key,municipality_key,kind,start,end,school_keys,description\n"
                                "ms-1,m-a,enrolment_office,2020-02-01,,s-2,\n")
    assert graph_counts(programme.slug) == (before[0], before[1] - 1)  # ms-1 lost s-1
    zones = {z["key"]: z["municipality_key"]
             for z in read_rows(tenant=programme.slug, kind="zones")}
    assert zones == {"z-a1": "m-a", "z-a2": "m-a", "z-b1": "m-a"}
    schools = [s for s in read_rows(tenant=programme.slug, kind="schools") if s["key"] == "s-1"]
    assert schools == [{"key": "s-1", "name": "Escola Una", "code": "08000001",
                        "level": "primary", "zone_key": "z-a2", "entry_places": 75}]
    families = [f for f in read_rows(tenant=programme.slug, kind="families")
                if f["key"] == "f-1"]
    assert families == [{"key": "f-1", "zone_key": "z-a2", "disadvantaged": False,
                         "migrant": False, "nese": False}]
    measure = read_rows(tenant=programme.slug, kind="measures")[0]
    assert (measure["key"], measure["school_keys"], measure["description"]) == (
        "ms-1", ["s-2"], None)


def test_an_update_changes_values_and_reports_what_is_new(programme):
    result = load(programme, "partners", "key,name,kind\np-lab,The lab,university\n"
                                         "p-new,New partner,company\n")
    assert (result.rows, result.created, result.updated) == (2, 1, 1)
    partners = read_rows(tenant=programme.slug, kind="partners")
    assert {p["key"]: (p["name"], p["kind"]) for p in partners} == {
        "p-museum": ("A museum", "museum"), "p-lab": ("The lab", "university"),
        "p-new": ("New partner", "company")}


def test_bom_semicolons_crlf_blank_lines_and_header_case_are_accepted(tenant):
    data = ("\ufeffKey;Name;CODE\r\nm-x;Xàtiva;46145\r\n\r\n;;\r\nm-y;\"Y; y\";\r\n"
            ).encode("utf-8")
    result = load(tenant, "municipalities", data)
    assert result.rows == 2
    assert read_rows(tenant=tenant.slug, kind="municipalities") == [
        {"key": "m-x", "name": "Xàtiva", "code": "46145"},
        {"key": "m-y", "name": "Y; y", "code": None}]


def test_one_audit_event_per_import(tenant):
    load(tenant, "municipalities", PROGRAMME["municipalities"], user_id=None)
    events = db.session.execute(db.select(AuditEvent).filter_by(
        tenant_id=tenant.id, action="network.import")).scalars().all()
    assert len(events) == 1
    assert events[0].target == "import:municipalities"
    assert events[0].after == {"kind": "municipalities", "rows": 2,
                               "file": "municipalities.csv", "created": 2, "updated": 0}


def test_imported_contributions_and_assessments_name_who_loaded_them(tenant):
    load_programme(tenant, until="contributions")
    load(tenant, "contributions", PROGRAMME["contributions"], actor="coord@example.org")
    load(tenant, "assessments", PROGRAMME["assessments"], actor="coord@example.org")
    from app.extensions import graph

    def who(tx, *, tenant):
        return tx.run("MATCH (c:Contribution {tenant: $tenant}) RETURN c.logged_by AS who "
                      "UNION MATCH (s:StageAssessment {tenant: $tenant}) "
                      "RETURN s.assessed_by AS who", tenant=tenant).value()
    assert graph.read(who, tenant=tenant.slug) == ["coord@example.org"]


def test_the_network_layer_reads_imported_data(programme):
    from app.extensions import graph
    from graph.schools import get_school
    school = graph.read(get_school, tenant=programme.slug, key="s-1")
    assert school["zone"] == "z-a1"
    assert school["municipality"] == "m-a"
    assert school["alliance"] == "a-2"
