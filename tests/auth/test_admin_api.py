"""The members API (as the Users page): each endpoint x each role, the own programme and a
foreign one (hidden), nobody (401); invitations with field-named errors; a token issued to
oneself, shown once."""
from __future__ import annotations

import pytest

from app.auth.service import create_token
from app.extensions import db
from app.models import AuditEvent, Invitation
from tests.auth.conftest import PARTNER
from tests.conftest import make_user

pytestmark = pytest.mark.both_sql
ROLES = ("coordinator", "partner", "municipality", "school", "evaluator")


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user=user)}"}


def calls(slug: str, member_id: int) -> list[tuple[str, str, dict | None]]:
    base = f"/api/v1/tenants/{slug}"
    return [("GET", f"{base}/users", None),
            ("POST", f"{base}/invitations", {"email": "new@x.org", "role": "evaluator"}),
            ("PATCH", f"{base}/users/{member_id}", {"role": "evaluator"}),
            ("POST", f"{base}/users/{member_id}/password-reset", None),
            ("DELETE", f"{base}/users/{member_id}", None)]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programmes_coordinators_manage_its_members(client, tenant, other_tenant,
                                                             role):
    scope = f"{role}-key" if role in ("partner", "municipality", "school") else None
    headers = bearer(make_user(tenant=tenant, role=role, scope_key=scope))
    outsider = bearer(make_user(tenant=other_tenant, role="coordinator"))
    want = {"coordinator": (200, 201, 200, 201, 204)}.get(role, (403,) * 5)
    for (method, path, body), status in zip(
            calls(tenant.slug, make_user(tenant=tenant, role="school", scope_key="s").id),
            want, strict=True):
        assert client.open(path, method=method, json=body, headers=outsider
                           ).status_code == 404, (path, "foreign")
        assert client.open(path, method=method, json=body).status_code == 401, path
        response = client.open(path, method=method, json=body, headers=headers)
        assert response.status_code == status, (method, path, role, response.get_json())


def test_an_invitation_by_api_names_the_wrong_field(client, tenant, network_entities):
    headers = bearer(make_user(tenant=tenant, role="coordinator"))
    path = f"/api/v1/tenants/{tenant.slug}/invitations"
    for body, field in (({"email": "a@x.org", "role": "partner", "scope_key": "p-no"},
                         "scope_key"),
                        ({"email": "a@x.org", "role": "partner", "scope_key": 7}, "scope_key"),
                        ({"email": "nope", "role": "evaluator"}, "email"),
                        ({"email": "a@x.org", "role": "king"}, "role"),
                        (["a list"], "body")):
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.get_json()["errors"][0]["field"] == field
    made = client.post(path, json={"email": "a@x.org", "role": "partner",
                                   "scope_key": PARTNER}, headers=headers)
    assert made.status_code == 201
    answer = made.get_json()
    assert answer["url"].startswith("http://localhost/invite/")
    assert (answer["email"], answer["role"], answer["scope_key"]) == ("a@x.org", "partner",
                                                                      PARTNER)
    assert db.session.execute(db.select(Invitation)).scalar_one().used_at is None
    assert client.get(answer["url"].removeprefix("http://localhost")).status_code == 200
    pending = db.session.execute(db.select(Invitation)).scalar_one().id
    withdrawn = client.delete(f"/api/v1/tenants/{tenant.slug}/invitations/{pending}",
                              headers=headers)
    assert withdrawn.status_code == 204
    assert client.get(answer["url"].removeprefix("http://localhost")).status_code == 404


def test_a_user_issues_a_token_by_api(client, tenant):
    user = make_user(tenant=tenant, role="evaluator")
    headers = bearer(user)
    bad = client.post("/api/v1/me/tokens", json={"days": "30"}, headers=headers)
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "days"
    made = client.post("/api/v1/me/tokens", json={"name": "ci", "days": 7}, headers=headers)
    assert made.status_code == 201
    token = made.get_json()["token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}
                      ).status_code == 200
    listed = client.get("/api/v1/me/tokens", headers=headers).get_json()
    assert [t["name"] for t in listed].count("ci") == 1 and token not in str(listed)
    assert any(e.target.startswith(user.email) for e in db.session.execute(
        db.select(AuditEvent).filter_by(action="token.create")).scalars())
