"""Transaction functions for an alliance's logic model and 7-year plans, and the checks every
planning write shares.

Both are kept as revisions: saving writes a new, complete revision (who, when, a note) and
never changes an earlier one, so the history reads by comparing consecutive revisions. A save
names the revision it was based on and is refused when another was saved since.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import neo4j

from domain.planning import (
    invalid,
    plan_years,
    validate_action,
    validate_live_alliance,
    validate_new_plan,
    validate_own_objectives,
)
from graph.errors import Conflict, Invalid
from graph.model import OUTCOME_PARTS, LogicModelPart
from graph.network_tx import item, require_item, require_referenced
from graph.queries import planning as cypher

# --- shared checks ------------------------------------------------------------------------


def live_alliance(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str) -> dict:
    """The alliance's key, status and start year; refused when unknown or archived."""
    record = tx.run(cypher.GET_ALLIANCE_STATE, tenant=tenant, alliance=alliance).single()
    state = require_referenced(None if record is None else record.data(), what="alliance",
                               key=alliance, field="alliance")
    validate_live_alliance(alliance=alliance, alliance_status=state["status"])
    return state


def objective_owners(tx: neo4j.ManagedTransaction, *, tenant: str,
                     keys: Iterable[str]) -> dict[str, str | None]:
    """{objective key: the alliance it belongs to, or None when there is no such objective}."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    return {r["key"]: r["alliance"]
            for r in tx.run(cypher.OBJECTIVE_OWNERS, tenant=tenant, keys=wanted)}


@contextmanager
def field_prefix(prefix: str) -> Iterator[None]:
    """Refusals raised inside name their field under `prefix` (e.g. `actions[2].last_year`)."""
    try:
        yield
    except Invalid as exc:
        errors = [{**error, "field": f"{prefix}.{error['field']}"} for error in exc.errors]
        raise Invalid(f"{prefix}.{exc.message}", errors=errors) from exc


def require_base(*, latest: int, base: int, what: str) -> None:
    """A new revision is written on top of the latest one only."""
    if base != latest:
        raise Conflict(
            f"The {what} was saved as revision {latest} since you opened revision {base}; "
            "reload it and save again.",
            errors=[{"field": "base_revision", "value": base,
                     "reason": f"the latest revision is {latest}"}])


# --- logic models -------------------------------------------------------------------------


def _logic_model_lists(parts: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Every part as a list of non-empty texts (a part left out is empty)."""
    unknown = sorted(set(parts) - set(LogicModelPart))
    if unknown:
        raise invalid(unknown[0], parts[unknown[0]], "not a part of a logic model")
    lists = {}
    for part in LogicModelPart:
        values = parts.get(part, [])
        if isinstance(values, str) or not all(isinstance(v, str) and v.strip()
                                              for v in values):
            raise invalid(part.value, values, "must be a list of non-empty texts")
        lists[part.value] = [v.strip() for v in values]
    return lists


def _outcome_links(links: Iterable[Mapping[str, Any]],
                   lists: Mapping[str, list[str]]) -> list[dict]:
    """Each link names an outcome (part and 0-based position) and an objective key."""
    rows = []
    for n, link in enumerate(links):
        with field_prefix(f"links[{n}]"):
            part, position = link.get("part"), link.get("position")
            if part not in OUTCOME_PARTS:
                raise invalid("part", part, f"not one of {', '.join(OUTCOME_PARTS)}")
            if not isinstance(position, int) or not 0 <= position < len(lists[part]):
                raise invalid("position", position, f"no outcome {position} in {part}")
            objective = link.get("objective")
            if not isinstance(objective, str) or not objective:
                raise invalid("objective", objective, "name the objective by its key")
            rows.append({"part": part, "position": position, "objective": objective})
    return rows


def save_logic_model(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str,
                     base_revision: int, problem: str, parts: Mapping[str, Sequence[str]],
                     links: Iterable[Mapping[str, Any]] = (), by: str, at: str,
                     note: str | None = None) -> dict:
    """Write the logic model's next revision on top of `base_revision` (0 for the first).

    `parts` holds the ordered lists (inputs, activities, outputs, short/medium/long
    outcomes); `links` point outcomes, by part and position, to objectives of this alliance.
    """
    live_alliance(tx, tenant=tenant, alliance=alliance)
    latest = tx.run(cypher.LATEST_LOGIC_MODEL_REVISION, tenant=tenant,
                    alliance=alliance).single()["revision"]
    require_base(latest=latest, base=base_revision, what="logic model")
    if not isinstance(problem, str) or not problem.strip():
        raise invalid("problem", problem, "a logic model starts from a problem statement")
    lists = _logic_model_lists(parts)
    rows = _outcome_links(links, lists)
    validate_own_objectives(alliance=alliance, field="links", owners=objective_owners(
        tx, tenant=tenant, keys=[row["objective"] for row in rows]))
    revision = latest + 1
    key = f"{alliance}:{revision}"
    tx.run(cypher.CREATE_LOGIC_MODEL, tenant=tenant, alliance=alliance, key=key,
           props={"revision": revision, "problem": problem.strip(), **lists, "saved_by": by,
                  "saved_at": at, "note": note}).consume()
    if rows:
        tx.run(cypher.LINK_LOGIC_MODEL_OUTCOMES, tenant=tenant, key=key, links=rows).consume()
    return get_logic_model(tx, tenant=tenant, alliance=alliance, revision=revision)


def get_logic_model(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str,
                    revision: int | None = None, as_of: str | None = None) -> dict | None:
    """One revision of the alliance's logic model, or None: revision `revision`, else the
    latest saved at or before `as_of` (an ISO time), else the latest."""
    return item(tx, cypher.GET_LOGIC_MODEL, tenant=tenant, alliance=alliance,
                revision=revision, as_of=as_of)


def comment_logic_model(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str,
                        revision: int, comment: str, by: str, at: str) -> dict:
    """The coordinator's comment on one revision (a later comment replaces it; the content
    of the revision is never changed)."""
    if not isinstance(comment, str) or not comment.strip():
        raise invalid("comment", comment, "a comment needs a text")
    live_alliance(tx, tenant=tenant, alliance=alliance)
    require_item(get_logic_model(tx, tenant=tenant, alliance=alliance, revision=revision),
                 what="logic model revision", key=f"{alliance}:{revision}")
    tx.run(cypher.COMMENT_LOGIC_MODEL, tenant=tenant, alliance=alliance, revision=revision,
           props={"comment": comment.strip(), "commented_by": by,
                  "commented_at": at}).consume()
    return get_logic_model(tx, tenant=tenant, alliance=alliance, revision=revision)


def list_latest_logic_models(tx: neo4j.ManagedTransaction, *, tenant: str) -> list[dict]:
    """The latest revision of every alliance's logic model (for reports and the bundle)."""
    keys = [r["alliance"] for r in tx.run(cypher.ALLIANCES_WITH_LOGIC_MODELS, tenant=tenant)]
    return [get_logic_model(tx, tenant=tenant, alliance=key) for key in keys]


def list_logic_model_revisions(tx: neo4j.ManagedTransaction, *, tenant: str,
                               alliance: str) -> list[dict]:
    """The history: every revision's number, author, time and note, oldest first."""
    return [r.data() for r in tx.run(cypher.LIST_LOGIC_MODEL_REVISIONS, tenant=tenant,
                                     alliance=alliance)]


# --- plans --------------------------------------------------------------------------------


def plan_key(*, alliance: str, first_year: int) -> str:
    return f"{alliance}:{first_year}"


def list_plans(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str) -> list[dict]:
    """The alliance's plans, oldest first, each with its latest revision number."""
    return [r.data() for r in tx.run(cypher.LIST_PLANS, tenant=tenant, alliance=alliance)]


def start_plan(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str, first_year: int,
               by: str, at: str, next_plan_met: bool = False) -> dict:
    """Open a 7-year plan from `first_year` (see domain.planning.validate_new_plan)."""
    state = live_alliance(tx, tenant=tenant, alliance=alliance)
    plans = list_plans(tx, tenant=tenant, alliance=alliance)
    validate_new_plan(alliance=alliance, alliance_status=state["status"], first_year=first_year,
                      previous_first_year=plans[-1]["first_year"] if plans else None,
                      next_plan_met=next_plan_met)
    key = plan_key(alliance=alliance, first_year=first_year)
    tx.run(cypher.CREATE_PLAN, tenant=tenant, alliance=alliance, key=key,
           props={"first_year": first_year, "last_year": plan_years(first_year=first_year)[-1],
                  "started_by": by, "started_at": at}).consume()
    return next(p for p in list_plans(tx, tenant=tenant, alliance=alliance) if p["key"] == key)


def _plan_head(tx: neo4j.ManagedTransaction, *, tenant: str, plan: str) -> dict:
    record = tx.run(cypher.PLAN_EXISTS, tenant=tenant, key=plan).single()
    return require_item(None if record is None else record.data(), what="plan", key=plan)


def _checked_actions(actions: Sequence[Mapping[str, Any]], *,
                     first_year: int) -> list[dict[str, Any]]:
    checked, seen = [], set()
    for n, action in enumerate(actions):
        with field_prefix(f"actions[{n}]"):
            props = validate_action(action=action, plan_first_year=first_year)
            if props["action"] in seen:
                raise invalid("action", props["action"], "used twice in one plan")
        seen.add(props["action"])
        checked.append(props)
    return checked


def save_plan(tx: neo4j.ManagedTransaction, *, tenant: str, plan: str, base_revision: int,
              actions: Sequence[Mapping[str, Any]], by: str, at: str,
              note: str | None = None) -> dict:
    """Write the plan's next revision, with all its actions, on top of `base_revision`."""
    head = _plan_head(tx, tenant=tenant, plan=plan)
    validate_live_alliance(alliance=head["alliance"], alliance_status=head["alliance_status"])
    latest = tx.run(cypher.LATEST_PLAN_REVISION, tenant=tenant, plan=plan).single()["revision"]
    require_base(latest=latest, base=base_revision, what="plan")
    checked = _checked_actions(actions, first_year=head["first_year"])
    owners = objective_owners(tx, tenant=tenant,
                              keys=[key for props in checked for key in props["objectives"]])
    for n, props in enumerate(checked):
        with field_prefix(f"actions[{n}]"):
            validate_own_objectives(alliance=head["alliance"], owners={
                key: owners[key] for key in props["objectives"]})
    revision = latest + 1
    key = f"{plan}:{revision}"
    tx.run(cypher.CREATE_PLAN_REVISION, tenant=tenant, plan=plan, key=key,
           props={"revision": revision, "saved_by": by, "saved_at": at, "note": note}).consume()
    rows = [{"key": f"{key}:{p['action']}",
             "props": {k: v for k, v in p.items() if k != "objectives"}} for p in checked]
    if rows:
        tx.run(cypher.CREATE_PLAN_ACTIONS, tenant=tenant, key=key, rows=rows).consume()
    links = [{"action": f"{key}:{p['action']}", "objective": objective}
             for p in checked for objective in p["objectives"]]
    if links:
        tx.run(cypher.LINK_PLAN_ACTIONS, tenant=tenant, links=links).consume()
    return get_plan(tx, tenant=tenant, plan=plan, revision=revision)


def get_plan(tx: neo4j.ManagedTransaction, *, tenant: str, plan: str,
             revision: int | None = None, as_of: str | None = None) -> dict | None:
    """One revision of a plan with its actions, or None: revision `revision`, else the latest
    saved at or before `as_of` (an ISO time, e.g. the last annual report's), else the latest.
    """
    return item(tx, cypher.GET_PLAN_REVISION, tenant=tenant, plan=plan, revision=revision,
                as_of=as_of)


def list_current_actions(tx: neo4j.ManagedTransaction, *, tenant: str,
                         alliance: str | None = None) -> list[dict]:
    """The actions of every plan's latest revision (of one alliance, or the whole programme),
    each with its alliance, plan and revision: what reports and the bundle read."""
    return [dict(r["item"]) for r in tx.run(cypher.LIST_CURRENT_PLAN_ACTIONS, tenant=tenant,
                                            alliance=alliance)]


def list_plan_revisions(tx: neo4j.ManagedTransaction, *, tenant: str, plan: str) -> list[dict]:
    """The plan's history: every revision's number, author, time, note and action count."""
    return [r.data() for r in tx.run(cypher.LIST_PLAN_REVISIONS, tenant=tenant, plan=plan)]
