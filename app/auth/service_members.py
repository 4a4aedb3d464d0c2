"""A programme's members as its coordinators manage them: roles and scopes checked
against the programme's network, role changes and revocations. Every change is audited.

Access is resolved from the membership on every request (app.tenancy), so a changed role
or a revoked membership takes effect at the member's next request, session or token."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from app import audit
from app.auth import policy
from app.auth import service as accounts
from app.extensions import db
from app.models import Membership, Role, User
from app.network import service as network
from app.tenancy import Access
from graph.errors import Invalid, NotFound

# the network entity a scoped role is bound to, and how to find it in the programme
SCOPE_LOOKUP: dict[Role, Callable[..., dict]] = {
    Role.PARTNER: network.get_partner,
    Role.MUNICIPALITY: network.get_municipality,
    Role.SCHOOL: network.get_school,
}


def parse_role(role: str | None) -> Role:
    try:
        return Role((role or "").strip())
    except ValueError as exc:
        raise Invalid(_("Unknown role %(role)r; choose one of %(roles)s.", role=role,
                        roles=", ".join(r.value for r in Role)),
                      errors=[{"field": "role", "value": role}]) from exc


def check_scope(access: Access, *, role: str | None, scope_key: str | None
                ) -> tuple[Role, str | None]:
    """The role, and the key of the entity it is bound to, which must exist in the
    programme (partners, municipalities and schools); coordinators and evaluators get none."""
    role_enum = parse_role(role)
    if not role_enum.scoped:
        return role_enum, None
    key = (scope_key or "").strip()
    if not key:
        raise Invalid(_("A %(role)s membership needs the key of its %(role)s.",
                        role=role_enum.value),
                      errors=[{"field": "scope_key", "reason": "required"}])
    try:
        SCOPE_LOOKUP[role_enum](access=access, key=key)
    except NotFound as exc:
        raise Invalid(_("This programme has no %(role)s with key %(key)r.",
                        role=role_enum.value, key=key),
                      errors=[{"field": "scope_key", "value": key,
                               "reason": f"no such {role_enum.value}"}]) from exc
    return role_enum, key


def list_members(*, access: Access) -> list[dict]:
    """The programme's members, by role then email (coordinators)."""
    policy.require_manage_members(access)
    return accounts.list_members(tenant=access.tenant)


def get_member(access: Access, *, user_id: int) -> tuple[User, Membership]:
    user = db.session.get(User, user_id)
    membership = user.membership_in(access.tenant) if user is not None else None
    if user is None or membership is None:
        raise NotFound(_("No member with id %(id)s in this programme.", id=user_id))
    return user, membership


def change_member(*, access: Access, user_id: int, role: str | None,
                  scope_key: str | None) -> Membership:
    """Give a member another role or scope (effective at their next request)."""
    policy.require_change_member(access, user_id=user_id)
    user, _membership = get_member(access, user_id=user_id)
    role_enum, key = check_scope(access, role=role, scope_key=scope_key)
    return accounts.grant(user=user, tenant=access.tenant, role=role_enum.value,
                          scope_key=key, by_user_id=access.user_id)


def revoke_member(*, access: Access, user_id: int) -> User:
    """Remove a member from the programme (their account stays; other programmes too)."""
    policy.require_change_member(access, user_id=user_id)
    user, membership = get_member(access, user_id=user_id)
    audit.record(action="membership.revoke", target=user.email, tenant_id=access.tenant.id,
                 user_id=access.user_id,
                 before={"role": membership.role, "scope_key": membership.scope_key})
    user.memberships.remove(membership)
    db.session.commit()
    return user
