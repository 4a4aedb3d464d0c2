"""Transaction functions for alliances: at most one active alliance per school."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.errors import Conflict
from graph.model import AllianceStatus, Stage
from graph.network_tx import (
    Check,
    checked,
    delete_node,
    item,
    page,
    require_new,
    require_reference,
    run_and_get,
)
from graph.queries import alliances as cypher
from graph.queries import partners, schools

ACTIVE = AllianceStatus.ACTIVE.value
STAGE_ORDER = list(Stage)


def current_stages(assessed: list[dict]) -> dict:
    """The latest assessed year's stage per component, and the least advanced of them.

    Components may sit in different stages; the alliance as a whole is taken to be
    as far as its least advanced component.
    """
    if not assessed:
        return {"stage_year": None, "stages": {}, "stage": None}
    year = max(row["year"] for row in assessed)
    stages = {row["component"]: row["stage"] for row in assessed if row["year"] == year}
    known = [Stage(s) for s in stages.values() if s in Stage._value2member_map_]
    overall = min(known, key=STAGE_ORDER.index).value if known else None
    return {"stage_year": year, "stages": dict(sorted(stages.items())), "stage": overall}


def _shape(row: dict) -> dict:
    out = {k: v for k, v in row.items() if k != "assessed"}
    out.update(current_stages(row.get("assessed") or []))
    return out


def list_alliances(tx: neo4j.ManagedTransaction, *, tenant: str, school: str | None = None,
                   partner: str | None = None, municipality: str | None = None,
                   status: str | None = None, year: int | None = None, q: str | None = None,
                   archived: bool = False, skip: int = 0, limit: int = 50) -> dict:
    """One page of alliances ordered by school, then start year (each school's history)."""
    result = page(tx, cypher.LIST_ALLIANCES, tenant=tenant, school=school, partner=partner,
                  municipality=municipality, status=status, year=year, q=q,
                  archived=archived, archived_status=AllianceStatus.ARCHIVED.value,
                  skip=skip, limit=limit)
    result["items"] = [_shape(row) for row in result["items"]]
    return result


def get_alliance(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    """An alliance with its school, partner, municipality, current stages and contribution count."""
    row = item(tx, cypher.GET_ALLIANCE, tenant=tenant, key=key)
    return None if row is None else _shape(row)


def _require_no_other_active(tx: neo4j.ManagedTransaction, *, tenant: str, school: str,
                             key: str) -> None:
    others = [r["key"] for r in tx.run(cypher.ACTIVE_ALLIANCES_OF_SCHOOL, tenant=tenant,
                                       school=school, active=ACTIVE) if r["key"] != key]
    if others:
        raise Conflict(
            f"School {school} already has an active alliance ({', '.join(others)}); "
            "end it before starting another.",
            errors=[{"field": "school", "value": school,
                     "reason": f"active alliance {', '.join(others)}"}])


def create_alliance(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, school: str,
                    partner: str, props: dict[str, Any]) -> dict:
    require_new(tx, cypher.ALLIANCE_EXISTS, tenant=tenant, key=key, what="alliance")
    require_reference(tx, schools.SCHOOL_EXISTS, tenant=tenant, key=school, field="school",
                      what="school")
    require_reference(tx, partners.PARTNER_EXISTS, tenant=tenant, key=partner,
                      field="partner", what="partner")
    if props.get("status") == ACTIVE:
        _require_no_other_active(tx, tenant=tenant, school=school, key=key)
    return run_and_get(tx, get_alliance, cypher.CREATE_ALLIANCE, tenant=tenant, key=key,
                       school=school, partner=partner, props=props)


def update_alliance(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                    props: dict[str, Any], check: Check = None) -> dict:
    """Change an alliance's properties; becoming active again needs the school to be free."""
    current = checked(tx, get_alliance, tenant=tenant, key=key, what="alliance", check=check)
    if props.get("status") == ACTIVE and current["status"] != ACTIVE:
        _require_no_other_active(tx, tenant=tenant, school=current["school"], key=key)
    return run_and_get(tx, get_alliance, cypher.UPDATE_ALLIANCE, tenant=tenant, key=key,
                       props=props)


def change_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                   ended: dict[str, Any], new_key: str, partner: str, props: dict[str, Any],
                   check: Check = None) -> tuple[dict, dict]:
    """End alliance `key` with `ended` props and start `new_key` for the same school."""
    old = update_alliance(tx, tenant=tenant, key=key, props=ended, check=check)
    new = create_alliance(tx, tenant=tenant, key=new_key, school=old["school"],
                          partner=partner, props=props)
    return old, new


def delete_alliance(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete an alliance with no contributions, assessments or planning records."""
    return delete_node(tx, get_alliance, cypher.DELETE_ALLIANCE, tenant=tenant, key=key,
                       what="alliance", dependants=cypher.ALLIANCE_DEPENDANTS)
