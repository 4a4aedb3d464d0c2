"""Coordinator forms: posts with CSRF create and change entities (audited, shown on the
pages), posts without CSRF are refused, field errors come back on the form, text is
escaped, deletions blocked by dependants say which, and the audit log filters."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import AuditEvent, User
from app.network import service
from app.network.parsers import RESERVED_KEYS
from graph.errors import NotFound
from tests.conftest import csrf_token

SCRIPT = "<script>alert('x')</script>"


def events(tenant, action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.execute(db.select(AuditEvent).filter_by(
        tenant_id=tenant.id, action=action)).scalars())


@pytest.fixture
def boss(world, as_user, tenant):
    client = as_user("coordinator")
    return client, csrf_token(client, f"/t/{tenant.slug}/schools/new"), f"/t/{tenant.slug}"


@pytest.mark.both_sql
def test_a_school_created_through_the_form_shows_up_and_is_audited(boss, tenant, world):
    client, token, base = boss
    response = client.post(f"{base}/schools/new", data={
        "csrf_token": token, "key": "s-new", "name": "Escola Nova", "code": "0809",
        "level": "secondary", "zone": "z-own", "entry_places": "28"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"{base}/schools/s-new"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Escola Nova" in page and "School Escola Nova created." in page
    assert "Escola Nova" in client.get(f"{base}/schools?municipality=m-own").get_data(
        as_text=True)
    [event] = events(tenant, "school.create")[-1:]
    assert event.target == "school:s-new" and event.after["name"] == "Escola Nova"
    assert event.user_id is not None


def test_editing_changes_the_entity_and_the_audit_keeps_before_and_after(boss, tenant):
    client, token, base = boss
    response = client.post(f"{base}/municipalities/m-own/edit", data={
        "csrf_token": token, "name": "Vila Renamed", "code": "08999"})
    assert response.status_code == 303
    assert "Vila Renamed" in client.get(f"{base}/municipalities/m-own").get_data(as_text=True)
    event = events(tenant, "municipality.update")[-1]
    assert (event.before["name"], event.after["name"]) == ("Municipality 1", "Vila Renamed")
    audit = client.get(f"{base}/audit?action=municipality.update").get_data(as_text=True)
    assert "municipality:m-own" in audit and "Vila Renamed" in audit


def test_posts_without_a_csrf_token_are_refused(boss, world):
    client, _token, base = boss
    before = service.list_schools(access=world, per_page=1).total
    response = client.post(f"{base}/schools/new", data={
        "name": "No token", "level": "primary", "zone": "z-own"})
    assert response.status_code == 400
    assert client.post(f"{base}/schools/s-own/archive").status_code == 400
    assert client.post(f"{base}/contributions/c-own/delete",
                       data={"csrf_token": "forged"}).status_code == 400
    assert service.list_schools(access=world, per_page=1).total == before
    assert not service.get_school(access=world, key="s-own")["archived"]


def test_field_errors_from_the_service_come_back_on_the_form(boss):
    client, token, base = boss
    response = client.post(f"{base}/schools/new", data={
        "csrf_token": token, "name": "", "level": "primary", "zone": "z-nowhere",
        "entry_places": "-3"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="field-error">required' in html
    assert "must be between 0 and 10000" in html
    taken = client.post(f"{base}/partners/new", data={
        "csrf_token": token, "key": "p-own", "name": "Twin", "kind": "museum"})
    assert taken.status_code == 422 and "already exists" in taken.get_data(as_text=True)


def test_a_key_equal_to_a_page_word_is_refused_so_new_stays_the_creation_form(boss, world):
    client, token, base = boss
    response = client.post(f"{base}/schools/new", data={
        "csrf_token": token, "key": "new", "name": "Escola Nova", "level": "primary",
        "zone": "z-own"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "&#39;new&#39; is a reserved word" in html and 'class="field-error"' in html
    with pytest.raises(NotFound):
        service.get_school(access=world, key="new")
    form = client.get(f"{base}/schools/new")
    assert form.status_code == 200 and "<h1>New school</h1>" in form.get_data(as_text=True)


def test_every_fixed_word_beside_a_key_is_a_reserved_key(app):
    """A static path segment standing where an item's key stands (/t/<slug>/schools/new
    beside /t/<slug>/schools/<key>, in the pages and in the API) is refused as a key."""
    rules = [rule.rule.split("/") for rule in app.url_map.iter_rules()]
    keyed = {tuple(parts[:-1]) for parts in rules if parts[-1] == "<key>"}
    fixed = {parts[-1] for parts in rules if tuple(parts[:-1]) in keyed
             and parts[-1] and not parts[-1].startswith("<")}  # "": an index's trailing /
    assert fixed == {"new"}
    assert fixed <= RESERVED_KEYS


def test_names_are_escaped_everywhere(boss, tenant, world):
    client, token, base = boss
    assert client.post(f"{base}/partners/new", data={
        "csrf_token": token, "key": "p-script", "name": SCRIPT, "kind": "museum"}
    ).status_code == 303
    service.create_alliance(access=world, data={
        "key": "a-script", "school": service.create_school(access=world, data={
            "key": "s-script", "name": SCRIPT, "level": "primary", "zone": "z-own"})["key"],
        "partner": "p-script", "theme": SCRIPT, "start_year": 2023})
    for path in ("/partners", "/partners/p-script", "/schools", "/schools/s-script",
                 "/alliances", "/alliances/a-script", "/overview", "/contributions/new",
                 "/audit", "/municipalities/m-own"):
        html = client.get(base + path).get_data(as_text=True)
        assert "<script>alert" not in html, path
        assert "&lt;script&gt;alert(" in html, path
    graph = client.get(f"{base}/network.json").get_json()
    assert SCRIPT in {n["label"] for n in graph["nodes"]}  # data, drawn as text on a canvas


def test_deleting_with_dependants_names_them_and_deletes_nothing(boss, tenant):
    client, token, base = boss
    response = client.post(f"{base}/zones/z-own/delete", data={"csrf_token": token},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "1 school: s-own" in html and "archive it instead" in html
    assert client.get(f"{base}/zones/z-own").status_code == 200
    refused = client.post(f"{base}/partners/p-own/delete", data={"csrf_token": token},
                          follow_redirects=True).get_data(as_text=True)
    assert "1 alliance: a-own" in refused
    assert not events(tenant, "zone.delete")


def test_archive_restore_and_delete_of_a_free_entity(boss, tenant, world):
    client, token, base = boss
    service.create_partner(access=world, data={"key": "p-free", "name": "Free", "kind": "other"})
    client.post(f"{base}/partners/p-free/archive", data={"csrf_token": token})
    assert "Free" not in client.get(f"{base}/partners").get_data(as_text=True)
    assert "Free" in client.get(f"{base}/partners?archived=true").get_data(as_text=True)
    client.post(f"{base}/partners/p-free/unarchive", data={"csrf_token": token})
    assert "Free" in client.get(f"{base}/partners").get_data(as_text=True)
    response = client.post(f"{base}/partners/p-free/delete", data={"csrf_token": token})
    assert response.headers["Location"] == f"{base}/partners"
    assert client.get(f"{base}/partners/p-free").status_code == 404
    assert [e.action for e in events(tenant, "partner.archive")] == ["partner.archive"]
    assert events(tenant, "partner.unarchive") and events(tenant, "partner.delete")


def test_ending_an_alliance_and_changing_partner_keep_the_history(boss, world):
    client, token, base = boss
    response = client.post(f"{base}/alliances/a-own/change-partner", data={
        "csrf_token": token, "partner": "p-other", "start_year": "2024", "theme": "",
        "trainer": ""})
    assert response.status_code == 303
    new = response.headers["Location"].rsplit("/", 1)[1]
    page = client.get(f"{base}/alliances/{new}").get_data(as_text=True)
    assert "Partner 1" in page and "Partner 2" in page  # old and new in the history
    assert "2022-23 → 2023-24" in page and "2024-25 → now" in page
    old = service.get_alliance(access=world, key="a-own")
    assert (old["status"], old["end_year"]) == ("ended", 2023)
    again = client.post(f"{base}/alliances/a-own/end", data={"csrf_token": token,
                                                              "end_year": "2024"})
    assert again.status_code == 422 and "not active" in again.get_data(as_text=True)


def test_a_stage_assessment_keeps_only_the_chosen_stage_benchmarks(boss, world):
    client, token, base = boss
    form = client.get(f"{base}/assessments/new?alliance=a-own").get_data(as_text=True)
    assert form.count('class="benchmarks" data-stage=') == 4
    assert 'value="seven_year_plan"' in form and 'name="csrf_token"' in form
    response = client.post(f"{base}/assessments/new", data={
        "csrf_token": token, "alliance": "a-own", "year": "2024",
        "component": "family_engagement", "stage": "planning",
        "benchmarks": ["funding", "logic_model"]})
    assert response.status_code == 303
    key = "a-own:2024:family_engagement"
    assert sorted(service.get_assessment(access=world, key=key)["benchmarks"]) == [
        "funding", "logic_model"]
    wrong = client.post(f"{base}/assessments/{key}/edit", data={
        "csrf_token": token, "stage": "optimization", "benchmarks": ["funding"]})
    assert wrong.status_code == 422 and "not a benchmark of stage optimization" in \
        wrong.get_data(as_text=True)
    cleared = client.post(f"{base}/assessments/{key}/edit", data={
        "csrf_token": token, "stage": "planning"})
    assert cleared.status_code == 303
    assert service.get_assessment(access=world, key=key)["benchmarks"] == []


@pytest.mark.both_sql
def test_the_audit_log_filters_by_action_user_and_date(boss, tenant, world):
    client, token, base = boss
    for n in range(3):
        client.post(f"{base}/municipalities/new", data={"csrf_token": token,
                                                        "name": f"Filtered {n}"})
    html = client.get(f"{base}/audit?action=municipality.create").get_data(as_text=True)
    assert len(re.findall(r"<code>municipality\.create</code>", html)) == 5  # 2 + 3
    today = datetime.now(UTC).date()
    none = client.get(f"{base}/audit?to={today - timedelta(days=1)}").get_data(as_text=True)
    assert "No events." in none
    some = client.get(f"{base}/audit?from={today}&to={today}").get_data(as_text=True)
    assert "Filtered 2" in some
    nobody = client.get(f"{base}/audit?user=nobody@test.example").get_data(as_text=True)
    assert "No events." in nobody
    builder = db.session.get(User, world.user_id).email
    theirs = client.get(f"{base}/audit?user={builder}").get_data(as_text=True)
    assert "assessment.upsert" in theirs and "Filtered 2" not in theirs
    assert client.get(f"{base}/audit?from=yesterday").status_code == 422
    assert len(events(tenant, "municipality.create")) == 5


def test_the_audit_log_pages_through_many_events(boss, tenant):
    client, _token, base = boss
    db.session.add_all(AuditEvent(action="test.event", target=f"t:{n}", tenant_id=tenant.id,
                                  user_id=None) for n in range(60))
    db.session.commit()
    first = client.get(f"{base}/audit?action=test.event").get_data(as_text=True)
    assert "Page 1 of 2" in first and first.count("<code>test.event</code>") == 50
    second = client.get(f"{base}/audit?action=test.event&page=2").get_data(as_text=True)
    assert second.count("<code>test.event</code>") == 10
