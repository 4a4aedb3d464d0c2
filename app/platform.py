"""Platform operations: tenants."""
from __future__ import annotations

import re
from typing import Any

from app import audit
from app.extensions import db
from app.models import Tenant
from domain.phases import DEFAULT_LENGTHS, validate_lengths
from graph.errors import Conflict, Invalid, NotFound

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,62}$")


def get_tenant(*, slug: str) -> Tenant:
    tenant = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    if tenant is None:
        raise NotFound(f"No programme with slug {slug!r}.")
    return tenant


def create_tenant(*, slug: str, name: str, start_year: int,
                  settings: dict[str, Any] | None = None) -> Tenant:
    """A new programme; slug is lowercase letters, digits and dashes."""
    if not SLUG_RE.match(slug):
        raise Invalid(f"Invalid slug {slug!r}: use 2–63 lowercase letters, digits or dashes, "
                      "starting with a letter.", errors=[{"field": "slug", "value": slug}])
    if not 1990 <= start_year <= 2100:
        raise Invalid(f"Invalid start year {start_year}.",
                      errors=[{"field": "start_year", "value": start_year}])
    if db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none():
        raise Conflict(f"A programme with slug {slug!r} already exists.")
    tenant = Tenant(slug=slug, name=name.strip() or slug, start_year=start_year,
                    settings=settings or {})
    db.session.add(tenant)
    db.session.flush()
    audit.record(action="tenant.create", target=slug, tenant_id=tenant.id, user_id=None,
                 after={"name": tenant.name, "start_year": start_year})
    db.session.commit()
    return tenant


def set_phase_lengths(*, tenant: Tenant, **lengths: int) -> dict[str, int]:
    """Change the programme's phase lengths (advice_years, training_years,
    accompaniment_years; those left out keep their value); audited."""
    unknown = sorted(set(lengths) - set(DEFAULT_LENGTHS))
    if unknown:
        raise Invalid(f"Not a phase length: {unknown[0]}.",
                      errors=[{"field": unknown[0], "value": lengths[unknown[0]],
                               "reason": f"use one of: {', '.join(DEFAULT_LENGTHS)}"}])
    before = tenant.phase_lengths
    after = {**before, **lengths}
    validate_lengths(**after)
    tenant.settings = {**(tenant.settings or {}), **after}
    audit.record(action="tenant.phases", target=tenant.slug, tenant_id=tenant.id,
                 user_id=None, before=before, after=after)
    db.session.commit()
    return after
