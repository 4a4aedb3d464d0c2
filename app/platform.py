"""Platform operations: tenants (programmes), from the command line or, for platform
admins, the browser.

An archived programme is closed, not deleted: its members no longer reach it (its pages
and API answer 404 to them, and it leaves their list of programmes), its data is kept
as it was, and a platform admin, who still enters it, restores it by unarchiving."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _

from app import audit
from app.auth import policy
from app.extensions import db
from app.i18n import LOCALES
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
                  settings: dict[str, Any] | None = None,
                  by_user_id: int | None = None) -> Tenant:
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
    audit.record(action="tenant.create", target=slug, tenant_id=tenant.id, user_id=by_user_id,
                 after={"name": tenant.name, "start_year": start_year,
                        "language": tenant.language})
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


def list_programmes(*, actor: Any) -> list[dict[str, Any]]:
    """Every programme, archived ones included (platform admins)."""
    policy.require_platform_admin(actor)
    tenants = db.session.execute(db.select(Tenant).order_by(Tenant.name)).scalars()
    return [{"slug": t.slug, "name": t.name, "start_year": t.start_year,
             "language": t.language, "archived": t.archived} for t in tenants]


def create_programme(*, actor: Any, slug: str, name: str, start_year: int | str | None,
                     language: str | None = None) -> Tenant:
    """A platform admin creates a programme with its default language (or none)."""
    policy.require_platform_admin(actor)
    try:
        year = int(start_year)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise Invalid(_("The start year must be a year, such as 2024."),
                      errors=[{"field": "start_year", "value": start_year}]) from exc
    if language and language not in LOCALES:
        raise Invalid(_("Unknown language %(code)r; choose one of %(codes)s.",
                        code=language, codes=", ".join(LOCALES)),
                      errors=[{"field": "language", "value": language}])
    return create_tenant(slug=(slug or "").strip(), name=name or "", start_year=year,
                         settings={"language": language} if language else None,
                         by_user_id=actor.id)


def set_archived(*, actor: Any, slug: str, archived: bool) -> Tenant:
    """Archive a programme (its members lose access, its data is kept) or restore it."""
    policy.require_platform_admin(actor)
    tenant = get_tenant(slug=slug)
    before = tenant.archived
    if before != archived:
        tenant.archived_at = datetime.now(UTC) if archived else None
        audit.record(action="tenant.archive" if archived else "tenant.unarchive",
                     target=slug, tenant_id=tenant.id, user_id=actor.id,
                     before={"archived": before}, after={"archived": archived})
        db.session.commit()
    return tenant
