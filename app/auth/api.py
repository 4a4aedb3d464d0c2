"""Token and account endpoints of the JSON API: a user's own tokens, and a coordinator's
view of the programme's tokens and members: invitations, role changes, revocations and
password-reset links, as on the Users page."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user, login_required

from app.api.openapi import SLUG, documented, json_body, schema
from app.auth import lifecycle, service, service_invitations, service_members
from app.models import Role
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid

bp = Blueprint("auth", __name__)  # registered under the API blueprint by app.api
_TEXT = {"type": "string", "nullable": True}
TOKEN_PROPS = {"id": {"type": "integer"}, "name": {"type": "string"},
               "prefix": {"type": "string"}, "created_at": _TEXT, "last_used_at": _TEXT,
               "expires_at": {"type": "string", "format": "date-time"},
               "revoked": {"type": "boolean"}}
TOKEN = schema("ApiToken", {"type": "object", "properties": TOKEN_PROPS,
                            "required": ["id", "prefix", "expires_at", "revoked"]})
MEMBER_TOKEN = schema("MemberApiToken", {
    "type": "object", "properties": {**TOKEN_PROPS, "email": {"type": "string"}},
    "required": ["id", "prefix", "expires_at", "revoked", "email"]})
TOKEN_ID = {"name": "token_id", "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 0}}
USER_ID = {"name": "user_id", "in": "path", "required": True,
           "schema": {"type": "integer", "minimum": 0}}
NO_CONTENT = {"204": {"description": "Done"}}


@bp.route("/me/tokens")
@login_required
@documented("/me/tokens", "get", summary="The caller's API tokens, with their expiry",
            responses={"200": json_body({"type": "array", "items": TOKEN})}, tag="tokens")
def my_tokens():
    return jsonify(lifecycle.list_own_tokens(user=current_user))


@bp.route("/me/tokens/<int:token_id>", methods=["DELETE"])
@login_required
@documented("/me/tokens/{token_id}", "delete", summary="Revoke one of the caller's tokens",
            parameters=[TOKEN_ID], responses=NO_CONTENT, tag="tokens")
def revoke_my_token(token_id: int):
    lifecycle.revoke_own_token(user=current_user, token_id=token_id)
    return "", 204


@bp.route("/tenants/<slug>/tokens")
@tenant_route("users.manage")
@documented("/tenants/{slug}/tokens", "get", tag="tokens", parameters=[SLUG],
            summary="The API tokens of the programme's members (coordinators)",
            responses={"200": json_body({"type": "array", "items": MEMBER_TOKEN})})
def tenant_tokens(slug: str):
    return jsonify(lifecycle.list_tenant_tokens(access=current_access()))


@bp.route("/tenants/<slug>/tokens/<int:token_id>", methods=["DELETE"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/tokens/{token_id}", "delete", tag="tokens",
            summary="Revoke a token of one of the programme's members (coordinators)",
            parameters=[SLUG, TOKEN_ID], responses=NO_CONTENT)
def revoke_tenant_token(slug: str, token_id: int):
    lifecycle.revoke_tenant_token(access=current_access(), token_id=token_id)
    return "", 204


@bp.route("/tenants/<slug>/users/<int:user_id>/deactivate", methods=["POST"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/users/{user_id}/deactivate", "post", tag="tokens",
            summary="Deactivate a member of this programme only: sessions and tokens end",
            parameters=[SLUG, USER_ID], responses=NO_CONTENT)
def deactivate_member(slug: str, user_id: int):
    lifecycle.deactivate_member(access=current_access(), user_id=user_id)
    return "", 204


# ---- a user's new tokens, and the programme's members (coordinators) ---------------------

NEW_TOKEN = schema("NewApiToken", {
    "type": "object", "required": ["token", "prefix", "expires_at"],
    "properties": {"token": {"type": "string", "description": "Shown once, never again"},
                   "prefix": {"type": "string"},
                   "expires_at": {"type": "string", "format": "date-time"}}})
MEMBER = schema("Member", {
    "type": "object", "required": ["id", "email", "role"],
    "properties": {"id": {"type": "integer"}, "email": {"type": "string"},
                   "name": {"type": "string"}, "role": {"type": "string"},
                   "scope_key": _TEXT, "active": {"type": "boolean"},
                   "since": {"type": "string"}}})
LINK = schema("SingleUseLink", {
    "type": "object", "required": ["email", "url", "expires_at"],
    "properties": {"email": {"type": "string"}, "role": _TEXT, "scope_key": _TEXT,
                   "url": {"type": "string", "description": "To send yourself: no mail"},
                   "expires_at": {"type": "string", "format": "date-time"}}})
_ROLE = {"type": "string", "enum": [r.value for r in Role]}
MEMBER_CHANGE = {"type": "object", "required": ["role"], "properties": {
    "role": _ROLE, "scope_key": {**_TEXT, "description": "Partner, municipality or school key"}}}
INVITE = {"type": "object", "required": ["email", "role"], "properties": {
    "email": {"type": "string"}, **MEMBER_CHANGE["properties"]}}
TOKEN_REQUEST = {"type": "object", "properties": {
    "name": {"type": "string"}, "days": {"type": "integer", "minimum": 1, "maximum": 365}}}
BODY_ERRORS = {"422": json_body({"$ref": "#/components/schemas/Error"},
                                "Invalid input, with field errors")}


def _fields(*names: str, typed: dict[str, type] | None = None) -> dict[str, Any]:
    """The JSON object's fields: text unless `typed` says otherwise; a 422 names the field."""
    data = request.get_json(silent=True) if request.get_data() else {}
    if not isinstance(data, dict):
        raise Invalid("The body must be a JSON object.", errors=[{"field": "body"}])
    out = {}
    for name in names:
        value, kind = data.get(name), (typed or {}).get(name, str)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise Invalid(f"{name} must be a {kind.__name__}.",
                          errors=[{"field": name, "value": str(value)[:80]}])
        out[name] = value
    return out


def _link(link: Any, clear: str, endpoint: str) -> dict[str, Any]:
    return {**{k: v for k, v in service_invitations.describe(link).items()
               if k in ("email", "role", "scope_key", "expires_at")},
            "url": url_for(endpoint, token=clear, _external=True)}


@bp.route("/me/tokens", methods=["POST"])
@login_required
@documented("/me/tokens", "post", summary="Issue the caller a token, shown once",
            body=TOKEN_REQUEST, tag="tokens",
            responses={"201": json_body(NEW_TOKEN, "Created"), **BODY_ERRORS})
def create_my_token():
    data = _fields("name", "days", typed={"days": int})
    clear, expires = service.create_own_token(user=current_user, name=data["name"],
                                              days=data["days"])
    return jsonify({"token": clear, "prefix": clear[:12],
                    "expires_at": lifecycle.iso_moment(expires)}), 201


@bp.route("/tenants/<slug>/users")
@tenant_route("users.manage")
@documented("/tenants/{slug}/users", "get", tag="members", parameters=[SLUG],
            summary="The programme's members and their roles (coordinators)",
            responses={"200": json_body({"type": "array", "items": MEMBER})})
def members(slug: str):
    return jsonify(service_members.list_members(access=current_access()))


@bp.route("/tenants/<slug>/invitations", methods=["POST"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/invitations", "post", tag="members", parameters=[SLUG],
            summary="Invite someone with a role: a single-use link to send them",
            body=INVITE, responses={"201": json_body(LINK, "Created"), **BODY_ERRORS})
def invite(slug: str):
    data = _fields("email", "role", "scope_key")
    link, clear = service_invitations.create_invitation(access=current_access(), **data)
    return jsonify(_link(link, clear, "auth.accept_invitation")), 201


@bp.route("/tenants/<slug>/invitations/<int:invitation_id>", methods=["DELETE"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/invitations/{invitation_id}", "delete", tag="members",
            parameters=[SLUG, {**USER_ID, "name": "invitation_id"}], responses=NO_CONTENT,
            summary="Withdraw an invitation not used yet: its link stops working")
def cancel_invitation(slug: str, invitation_id: int):
    service_invitations.cancel_invitation(access=current_access(), invitation_id=invitation_id)
    return "", 204


@bp.route("/tenants/<slug>/users/<int:user_id>", methods=["PATCH"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/users/{user_id}", "patch", tag="members",
            parameters=[SLUG, USER_ID], body=MEMBER_CHANGE,
            summary="Change a member's role or scope (effective at their next request)",
            responses={"200": json_body(MEMBER), **BODY_ERRORS})
def change_member(slug: str, user_id: int):
    data = _fields("role", "scope_key")
    service_members.change_member(access=current_access(), user_id=user_id, **data)
    return jsonify(next(m for m in service_members.list_members(access=current_access())
                        if m["id"] == user_id))


@bp.route("/tenants/<slug>/users/<int:user_id>", methods=["DELETE"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/users/{user_id}", "delete", tag="members",
            parameters=[SLUG, USER_ID], responses=NO_CONTENT,
            summary="Revoke a membership (effective at the member's next request)")
def revoke_member(slug: str, user_id: int):
    service_members.revoke_member(access=current_access(), user_id=user_id)
    return "", 204


@bp.route("/tenants/<slug>/users/<int:user_id>/password-reset", methods=["POST"])
@tenant_route("users.manage")
@documented("/tenants/{slug}/users/{user_id}/password-reset", "post", tag="members",
            parameters=[SLUG, USER_ID], summary="A single-use link to set a new password",
            responses={"201": json_body(LINK, "Created")})
def reset_link(slug: str, user_id: int):
    link, clear = service_invitations.create_reset_link(access=current_access(),
                                                        user_id=user_id)
    return jsonify(_link(link, clear, "auth.reset_password")), 201
