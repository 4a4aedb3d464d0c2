"""Token and account endpoints of the JSON API: a user's own tokens, and a coordinator's
view of the programme's tokens and members."""
from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from app.api.openapi import SLUG, documented, json_body, schema
from app.auth import lifecycle
from app.tenancy import current_access, tenant_route

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
