"""The open actions of alliances' current plans, for the home pages: what each owner still
has to do (planned or in progress) and which of it is overdue.

Like the rest of the planning service it takes the caller's access first and applies
app.planning.policy before it reads an alliance's plan: a coordinator's answer is read in
one go for the programme; anyone else's alliance by alliance, each checked first.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.extensions import graph
from app.network import service as network
from app.planning import policy
from app.tenancy import Access
from domain.planning import is_overdue
from graph import planning
from graph.model import ActionStatus, school_year_of

OPEN = (ActionStatus.PLANNED.value, ActionStatus.IN_PROGRESS.value)


def open_actions(*, access: Access, alliances: Iterable[str] | None = None,
                 owner: str | None = None, today: date | None = None) -> list[dict]:
    """Planned and in-progress actions of the current plans of `alliances` (keys; None: the
    whole programme, coordinators only), optionally of one owner (school, partner, …), each
    with `overdue` (its last school year has passed). Refused (403) for an alliance whose
    plan the caller may not read."""
    access.require("plan.view")
    tenant = access.tenant.slug
    if alliances is None:
        policy.require_reviews(access)  # the programme's plans: its coordinators
        rows = graph.read(planning.list_current_actions, tenant=tenant)
    else:
        rows = []
        for key in dict.fromkeys(alliances):
            policy.require_reads(access, network.get_alliance(access=access, key=key))
            rows += graph.read(planning.list_current_actions, tenant=tenant, alliance=key)
    year = school_year_of(today or date.today())
    return [{**row, "overdue": is_overdue(status=row["status"], last_year=row["last_year"],
                                          year=year)}
            for row in rows if row["status"] in OPEN and owner in (None, row.get("owner"))]
