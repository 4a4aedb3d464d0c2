"""Records dated outside their alliance's years are refused by the services and the API,
with the field and the allowed range named, and nothing is written."""
from __future__ import annotations

from datetime import date

import pytest

from app.models import AuditEvent
from app.network import service
from graph.errors import Invalid, NotFound

TODAY = date(2026, 12, 1)  # school year 2026-27


def _audited(tenant, action: str) -> int:
    from app.extensions import db
    db.session.expire_all()
    return len(db.session.execute(db.select(AuditEvent).filter_by(
        tenant_id=tenant.id, action=action)).scalars().all())


def test_an_assessment_before_the_planning_year_is_refused_and_nothing_written(world, tenant):
    before = _audited(tenant, "assessment.upsert")
    with pytest.raises(Invalid) as refused:
        service.upsert_assessment(access=world, today=TODAY, data={
            "alliance": "a-own", "year": 2020, "component": "partnerships",
            "stage": "planning"})
    assert "year: 2020 is outside the alliance's years 2021-22 to 2026-27" in str(refused.value)
    assert refused.value.errors[0]["field"] == "year"
    with pytest.raises(NotFound):
        service.get_assessment(access=world, key="a-own:2020:partnerships")
    assert _audited(tenant, "assessment.upsert") == before


def test_the_planning_year_may_be_assessed_but_not_a_future_year(world):
    made, created = service.upsert_assessment(access=world, today=TODAY, data={
        "alliance": "a-own", "year": 2021, "component": "partnerships", "stage": "planning"})
    assert created and made["year"] == 2021
    with pytest.raises(Invalid, match="2027 is outside the alliance's years 2021-22 to 2026-27"):
        service.upsert_assessment(access=world, today=TODAY, data={
            "alliance": "a-own", "year": 2027, "component": "partnerships",
            "stage": "planning"})


def test_an_ended_alliance_is_assessed_up_to_its_end_year(world):
    service.end_alliance(access=world, key="a-own", data={"end_year": 2024})
    with pytest.raises(Invalid, match="2025 is outside the alliance's years 2021-22 to 2024-25"):
        service.upsert_assessment(access=world, today=TODAY, data={
            "alliance": "a-own", "year": 2025, "component": "partnerships",
            "stage": "planning"})


def test_a_contribution_before_the_alliance_began_is_refused(world, tenant):
    before = _audited(tenant, "contribution.log")
    with pytest.raises(Invalid) as refused:
        service.create_contribution(access=world, today=TODAY, data={
            "key": "c-2015", "alliance": "a-own", "date": "2015-03-01", "kind": "workshop"})
    assert ("date: 2015-03-01 is outside the alliance's life, 2022-09-01 to 2026-12-01"
            in str(refused.value))
    with pytest.raises(NotFound):
        service.get_contribution(access=world, key="c-2015")
    assert _audited(tenant, "contribution.log") == before


def test_moving_a_contribution_out_of_the_alliance_life_is_refused(world):
    with pytest.raises(Invalid, match="date: 2021-10-01 is outside the alliance's life"):
        service.update_contribution(access=world, key="c-own", today=TODAY,
                                    data={"date": "2021-10-01"})
    assert service.get_contribution(access=world, key="c-own")["date"] == "2023-10-05"


def test_a_partner_change_moves_the_window(world):
    changed = service.change_partner(access=world, key="a-own", today=TODAY, data={
        "partner": "p-other", "start_year": 2024, "key": "a-new"})
    assert changed["ended"]["end_year"] == 2023
    with pytest.raises(Invalid, match="2024-10-01 is outside the alliance's life, "
                                      "2022-09-01 to 2024-08-31"):
        service.create_contribution(access=world, today=TODAY, data={
            "alliance": "a-own", "date": "2024-10-01", "kind": "workshop"})
    with pytest.raises(Invalid, match="2024-03-01 is outside the alliance's life, "
                                      "2024-09-01 to 2026-12-01"):
        service.create_contribution(access=world, today=TODAY, data={
            "alliance": "a-new", "date": "2024-03-01", "kind": "workshop"})
    old = service.create_contribution(access=world, today=TODAY, data={
        "alliance": "a-own", "date": "2024-03-01", "kind": "workshop"})
    new = service.create_contribution(access=world, today=TODAY, data={
        "alliance": "a-new", "date": "2024-10-01", "kind": "workshop"})
    assert (old["partner"], new["partner"]) == ("p-own", "p-other")


def test_the_api_refuses_with_the_field_and_range(world, api_as):
    api = api_as("coordinator")
    assessment = api.post("/assessments", json={
        "alliance": "a-own", "year": 2019, "component": "partnerships", "stage": "planning"})
    assert assessment.status_code == 422
    body = assessment.get_json()
    assert "2019 is outside the alliance's years 2021-22 to" in str(body)
    assert any(e["field"] == "year" for e in body["errors"])
    contribution = api.post("/contributions", json={
        "alliance": "a-own", "date": "2015-05-05", "kind": "workshop"})
    assert contribution.status_code == 422
    assert "2015-05-05 is outside the alliance's life, 2022-09-01 to" in str(
        contribution.get_json())
    assert api.get("/assessments/a-own:2019:partnerships").status_code == 404
