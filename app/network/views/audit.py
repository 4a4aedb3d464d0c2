"""The audit log of a programme: every recorded change, newest first, filtered by action,
user and date (coordinators: audit.view)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import render_template, request

from app.extensions import db
from app.models import AuditEvent, User
from app.network.parsers import Day, Integer, Text, parse_args
from app.network.service_check import list_problems
from app.network.views import bp
from app.tenancy import current_access, tenant_route

PER_PAGE = 50
FILTERS = {"action": Text(64), "user": Text(254), "from": Day(), "to": Day(),
           "page": Integer(1, 100_000)}


def parse_filters(args: Any) -> dict[str, Any]:
    """The audit filters from the query string (Invalid names each bad one)."""
    return parse_args(args, FILTERS, what="filter")


def _start_of(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.min, tzinfo=UTC)


def events_query(*, tenant_id: int, filters: dict[str, Any]):
    """The tenant's audit events matching the filters, newest first."""
    query = db.select(AuditEvent).where(AuditEvent.tenant_id == tenant_id)
    if filters.get("action"):
        query = query.where(AuditEvent.action == filters["action"])
    if filters.get("user"):
        query = query.join(User, User.id == AuditEvent.user_id).where(
            User.email == filters["user"])
    if filters.get("from"):
        query = query.where(AuditEvent.at >= _start_of(filters["from"]))
    if filters.get("to"):
        query = query.where(AuditEvent.at < _start_of(filters["to"]) + timedelta(days=1))
    return query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def changes(event: AuditEvent) -> list[dict[str, Any]]:
    """What an event changed: each field with its value before and after."""
    before, after = event.before or {}, event.after or {}
    names = sorted(set(before) | set(after))
    if before and after:
        names = [n for n in names if before.get(n) != after.get(n)]
    return [{"field": n, "before": before.get(n), "after": after.get(n)} for n in names]


def filter_options(tenant_id: int) -> tuple[list[str], list[str]]:
    """The actions and the users' emails that occur in this tenant's log."""
    actions = db.session.execute(
        db.select(AuditEvent.action).where(AuditEvent.tenant_id == tenant_id)
        .distinct().order_by(AuditEvent.action)).scalars().all()
    users = db.session.execute(
        db.select(User.email).join(AuditEvent, AuditEvent.user_id == User.id)
        .where(AuditEvent.tenant_id == tenant_id).distinct().order_by(User.email)
    ).scalars().all()
    return list(actions), list(users)


@bp.route("/t/<slug>/audit")
@tenant_route("audit.view")
def audit_log(slug: str):
    tenant = current_access().tenant
    filters = parse_filters(request.args)
    page = db.paginate(events_query(tenant_id=tenant.id, filters=filters),
                       page=filters.get("page", 1), per_page=PER_PAGE, error_out=False)
    ids = {e.user_id for e in page.items if e.user_id is not None}
    emails = {row.id: row.email for row in db.session.execute(
        db.select(User.id, User.email).where(User.id.in_(ids)))} if ids else {}
    actions, users = filter_options(tenant.id)
    return render_template("network/audit.html", page=page, emails=emails, changes=changes,
                           filters=filters, actions=actions, users=users)


@bp.route("/t/<slug>/check")
@tenant_route("audit.view")
def data_check(slug: str):
    """Stored records that break the integrity rules (what `imant check` lists)."""
    return render_template("network/check.html",
                           problems=list_problems(access=current_access()))
