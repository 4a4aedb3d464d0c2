"""The demo programmes: tenants, one user per role, then each feature's demo data."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app

from app.auth import service as accounts
from app.extensions import db
from app.models import Role, Tenant, User
from app.platform import create_tenant
from config import kept_secret

DEMO_TENANTS = (
    {"slug": "catalunya", "name": "Magnet Catalunya", "start_year": 2019},
    # the Basque pilot accompanies its alliances for three years, not four
    {"slug": "euskadi", "name": "Magnet Euskadi pilot", "start_year": 2022,
     "settings": {"accompaniment_years": 3}},
)

# The entity each scoped demo user is bound to; the network demo creates them.
DEMO_SCOPES = {
    "catalunya": {Role.PARTNER: "p-icm", Role.MUNICIPALITY: "m-barcelona",
                  Role.SCHOOL: "s-bcn-01"},
    "euskadi": {Role.PARTNER: "p-eu-aquarium", Role.MUNICIPALITY: "m-donostia",
                Role.SCHOOL: "s-eu-01"},
}

SEED_STEPS = "imant.demo_seed_steps"  # app.extensions[SEED_STEPS]: features' seed steps


def add_seed_step(app: Flask, step: Callable[[Tenant], None]) -> None:
    """A feature's function (tenant) -> None that seeds its demo data idempotently."""
    steps = app.extensions.setdefault(SEED_STEPS, [])
    if step not in steps:
        steps.append(step)


def demo_password(*, configured: str | None, instance: Path) -> tuple[str, bool]:
    """The demo password: configured, or generated once and kept; True if just generated."""
    if configured:
        return configured, False
    path = instance / "demo.password"
    generated = not path.exists()
    return kept_secret(path, nbytes=12), generated


def demo_email(slug: str, role: Role) -> str:
    return f"{role.value}@{slug}.example"


def _ensure_user(email: str, password: str) -> User:
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    if user is None:
        return accounts.create_user(email=email, password=password, name=email.split("@")[0])
    if not user.check_password(password):
        user.set_password(password)
        db.session.commit()
    return user


def seed_demo(*, password: str) -> list[tuple[str, str, str]]:
    """Create (or bring up to date) the demo programmes; returns (tenant, role, email) rows."""
    logins = []
    for spec in DEMO_TENANTS:
        tenant = db.session.execute(
            db.select(Tenant).filter_by(slug=spec["slug"])).scalar_one_or_none()
        if tenant is None:
            tenant = create_tenant(**spec)
        for role in Role:
            email = demo_email(tenant.slug, role)
            user = _ensure_user(email, password)
            accounts.grant(user=user, tenant=tenant, role=role.value,
                           scope_key=DEMO_SCOPES[tenant.slug].get(role))
            logins.append((tenant.slug, role.value, email))
        for step in current_app.extensions.get(SEED_STEPS, []):
            step(tenant)
    admin = _ensure_user("admin@imant.example", password)
    if not admin.is_platform_admin:
        admin.is_platform_admin = True
        db.session.commit()
    logins.append(("*", "platform admin", admin.email))
    return logins
