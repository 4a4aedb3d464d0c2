"""The current tenant and membership, and every role check: one place, used by every route.

Tenant routes carry a `slug` view argument. It is resolved once per request
into `g.tenant` and `g.membership`; a tenant the user does not belong to
answers 404, so its existence is not revealed. Roles grant permissions; routes
ask for a permission, never for a role by name. Which entities a role reaches (its
scope) is stated in each feature's policy module (network/, indicators/, reports/
`policy.py`), which the services enforce and the pages ask.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, g
from flask_login import current_user

from app.extensions import db, login_manager
from app.models import Membership, Role, Tenant
from graph.errors import Forbidden

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.COORDINATOR: frozenset({
        "tenant.view", "network.view", "network.edit", "network.import", "export",
        "contribution.view", "contribution.log", "measure.view", "measure.edit",
        "assessment.view", "assessment.edit", "indicators.view", "territory.view",
        "reports.view", "reports.run", "bundles.view", "users.manage", "audit.view",
        "plan.view", "plan.edit", "plan.review", "scenario.view", "scenario.edit",
    }),
    Role.PARTNER: frozenset({
        "tenant.view", "network.view", "contribution.view", "contribution.log",
        "assessment.view", "indicators.view", "reports.view", "export.own",
        "plan.view", "plan.edit", "partner.own",
    }),
    Role.MUNICIPALITY: frozenset({
        "tenant.view", "network.view", "measure.view", "measure.edit", "assessment.view",
        "indicators.view", "territory.view", "reports.view", "plan.view",
        "scenario.view", "scenario.edit", "municipality.own",
    }),
    Role.SCHOOL: frozenset({
        "tenant.view", "network.view", "assessment.view", "assessment.edit",
        "contribution.view", "indicators.view", "reports.view", "plan.view", "plan.edit",
        "school.own",
    }),
    Role.EVALUATOR: frozenset({"tenant.view", "bundles.view", "indicators.view"}),
}


@dataclass(frozen=True)
class Access:
    """Who is asking inside a tenant: role plus the entity key the role is bound to."""

    tenant: Tenant
    role: Role
    scope_key: str | None
    user_id: int | None

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise Forbidden(f"Your role ({self.role}) may not do this ({permission}).")

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.COORDINATOR

    def owns(self, role: Role, key: str | None) -> bool:
        """True if the caller is a coordinator or is bound to exactly this entity."""
        return self.is_coordinator or (self.role is role and key is not None
                                       and self.scope_key == key)


def resolve_access(*, user: Any, slug: str) -> Access | None:
    """The caller's access to the tenant `slug`, or None (unknown tenant or no membership)."""
    if user is None or not user.is_authenticated:
        return None
    tenant = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    if tenant is None or (tenant.archived and not user.is_platform_admin):
        return None  # an archived programme is hidden from its members until restored
    membership: Membership | None = user.membership_in(tenant)
    if membership is not None:
        return Access(tenant, membership.role_enum, membership.scope_key, user.id)
    if user.is_platform_admin:
        return Access(tenant, Role.COORDINATOR, None, user.id)
    return None


def current_access() -> Access:
    """The access resolved for this request (tenant routes only)."""
    return g.access


def tenant_route(permission: str = "tenant.view") -> Callable:
    """Decorate a view taking `slug`: resolve tenant and membership, check one permission.

    Anonymous → login (401 for the API), not a member → 404, wrong role → 403.
    """
    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            access = resolve_access(user=current_user, slug=kwargs["slug"])
            if access is None:
                abort(404)
            g.access = access
            g.tenant = access.tenant
            access.require(permission)
            return view(*args, **kwargs)
        wrapped.permission = permission  # read by the permission-matrix test
        return wrapped
    return decorator


def tenants_of(user: Any) -> list[Tenant]:
    """The tenants a user may enter (all of them for a platform admin, archived ones too)."""
    if user.is_platform_admin:
        return list(db.session.execute(db.select(Tenant).order_by(Tenant.name)).scalars())
    return sorted((m.tenant for m in user.memberships if not m.tenant.archived),
                  key=lambda t: t.name)
