"""Stored records that break the integrity rules (domain.integrity), for `imant check` and
the coordinator's page. Nothing is changed or dropped: the records are only listed."""
from __future__ import annotations

from datetime import date

from app import labels
from app.extensions import graph
from app.tenancy import Access
from domain.integrity import Finding, find_problems
from graph.integrity import records_to_check


def problems_of(*, tenant: str, today: date | None = None) -> list[Finding]:
    """Every record of programme `tenant` that breaks a rule (the command's view)."""
    records = graph.read(records_to_check, tenant=tenant)
    return find_problems(records, today=today or date.today())


def list_problems(*, access: Access, today: date | None = None) -> list[dict]:
    """The same list for the programme's coordinator, each rule in the reader's language."""
    access.require("audit.view")
    return [{"record": f.record, "key": f.key, "field": f.field, "value": f.value,
             "rule": labels.rule(f)}
            for f in problems_of(tenant=access.tenant.slug, today=today)]


def describe(*, tenant: str, finding: Finding) -> str:
    """One line of `imant check`: programme, record and key, field, value and rule."""
    return (f"{tenant}: {finding.record} {finding.key}: {finding.field}={finding.value!s}: "
            f"{finding.rule}")
