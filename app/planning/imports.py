"""CSV imports of existing plans: objectives, plan actions and budget lines, all or nothing.

`check` adds a problem (line, column, value, reason) for every row that breaks a planning
rule, before anything is written: an archived alliance, a target year before the baseline,
an action outside its plan's seven years, an objective of another alliance, spent above
planned without a reason. `write` then writes the whole file in one graph transaction with
its audit event; a refusal inside it (a change made meanwhile) rolls everything back and
names the line.

- **objectives**: one row per objective (by key); an empty baseline is read from the
  figures, as on the objective form.
- **plan_actions**: the rows of one (alliance, plan_first_year) are that plan's complete
  list of actions: they are saved as the plan's next revision (the plan is started when it
  does not exist yet), so the history shows what the file changed.
- **budget_lines**: one row per line (by key).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

import neo4j

from app import audit
from app.extensions import graph
from app.imports.parse import ParsedFile
from app.models import Role, Tenant
from app.network import service as network
from app.planning import service
from app.tenancy import Access
from domain.objectives import validate_objective
from domain.planning import validate_action, validate_live_alliance, validate_new_plan
from graph import budget, objectives, planning
from graph.errors import Conflict, Invalid, NotFound
from graph.imports import existing_keys

OBJECTIVE_DEFINITION = objectives.DEFINITION


def _problems(parsed: ParsedFile, line: int, exc: Invalid) -> None:
    names = parsed.kind.names
    for e in exc.errors or [{"field": None, "value": None, "reason": exc.message}]:
        column = str(e.get("field") or "").split(".")[-1]
        column = {"objectives": "objective_keys", "alliance": "alliance_key"}.get(column, column)
        parsed.problems.add(line, column if column in names else e.get("field"), e.get("value"),
                            e.get("reason") or exc.message,
                            names.index(column) if column in names else 0)


def _rows(parsed: ParsedFile) -> Iterable[tuple[dict, int]]:
    return zip(parsed.rows, parsed.lines, strict=True)


class Alliances:
    """The alliances a file names, read once each (None for an unknown key, which the
    reference check has already reported)."""

    def __init__(self, access: Access) -> None:
        self.access, self.found, self.sources = access, {}, {}

    def get(self, key: str) -> dict | None:
        if key not in self.found:
            try:
                self.found[key] = network.get_alliance(access=self.access, key=key)
            except NotFound:
                self.found[key] = None
        return self.found[key]

    def sources_of(self, alliance: dict, today: date) -> Any:
        if alliance["key"] not in self.sources:
            self.sources[alliance["key"]] = service.objective_sources(self.access, alliance,
                                                                      today)
        return self.sources[alliance["key"]]


def _live(parsed: ParsedFile, line: int, alliance: dict) -> bool:
    try:
        validate_live_alliance(alliance=alliance["key"], alliance_status=alliance["status"])
    except Invalid as exc:
        _problems(parsed, line, exc)
        return False
    return True


def _check_objectives(parsed: ParsedFile, access: Access, today: date) -> list[tuple]:
    alliances, prepared = Alliances(access), []
    owners = graph.read(planning.objective_owners, tenant=access.tenant.slug,
                        keys=[row["key"] for row in parsed.rows])
    for row, line in _rows(parsed):
        alliance = alliances.get(row["alliance_key"])
        if alliance is None or not _live(parsed, line, alliance):
            continue
        if owners.get(row["key"]) not in (None, alliance["key"]):
            parsed.problems.add(line, "key", row["key"], f"the objective belongs to alliance "
                                f"{owners[row['key']]}", 0)
            continue
        values = {name: row.get(name) for name in objectives.OBJECTIVE_FIELDS}
        try:
            values = service.with_baseline(values, alliance,
                                           alliances.sources_of(alliance, today))
            validate_objective(**{name: values.get(name) for name in OBJECTIVE_DEFINITION})
        except Invalid as exc:
            _problems(parsed, line, exc)
            continue
        prepared.append((line, alliance["key"], row["key"], values))
    return prepared


def _check_budget(parsed: ParsedFile, access: Access) -> list[tuple]:
    alliances, prepared = Alliances(access), []
    for row, line in _rows(parsed):
        alliance = alliances.get(row["alliance_key"])
        if alliance is None or not _live(parsed, line, alliance):
            continue
        props = {name: row.get(name) for name in budget.BUDGET_FIELDS}
        try:
            budget.checked_props(props)
        except Invalid as exc:
            _problems(parsed, line, exc)
            continue
        prepared.append((line, alliance["key"], row["key"], props))
    return prepared


def _check_actions(parsed: ParsedFile, access: Access) -> list[tuple]:
    """One (first line, alliance, plan first year, exists, actions) per plan in the file."""
    alliances = Alliances(access)
    plans: dict[tuple[str, int], dict] = {}
    owners = graph.read(planning.objective_owners, tenant=access.tenant.slug,
                        keys=[k for row in parsed.rows for k in row["objective_keys"]])
    for row, line in _rows(parsed):
        alliance = alliances.get(row["alliance_key"])
        if alliance is None or not _live(parsed, line, alliance):
            continue
        first = row["plan_first_year"]
        group = plans.setdefault((alliance["key"], first), {"line": line, "actions": []})
        action = {name: row.get(name) for name in (
            "action", "title", "component", "elements", "stage", "first_year", "last_year",
            "owner", "status", "drop_reason", "budget_planned", "budget_spent")}
        action["objectives"] = row["objective_keys"]
        try:
            validate_action(action=action, plan_first_year=first)
        except Invalid as exc:
            _problems(parsed, line, exc)
            continue
        for key in row["objective_keys"]:
            if owners.get(key) not in (None, alliance["key"]):
                parsed.problems.add(line, "objective_keys", key, "the objective belongs to "
                                    f"another alliance ({owners[key]})",
                                    parsed.kind.names.index("objective_keys"))
        group["actions"].append(action)
    prepared = []
    for (alliance, first), group in plans.items():
        existing = {p["first_year"]: p for p in service.list_plans(access=access,
                                                                  alliance=alliance)}
        if first not in existing:
            state = alliances.get(alliance)
            try:
                validate_new_plan(alliance=alliance, alliance_status=state["status"],
                                  first_year=first, previous_first_year=max(existing)
                                  if existing else None)
            except Invalid as exc:
                _problems(parsed, group["line"], exc)
                continue
        prepared.append((group["line"], alliance, first, first in existing, group["actions"]))
    return prepared


CHECKS: dict[str, Callable[..., list[tuple]]] = {
    "objectives": lambda parsed, access, today: _check_objectives(parsed, access, today),
    "budget_lines": lambda parsed, access, today: _check_budget(parsed, access),
    "plan_actions": lambda parsed, access, today: _check_actions(parsed, access),
}


def check(parsed: ParsedFile, *, tenant: Tenant, user_id: int | None,
          today: date | None = None) -> list[tuple]:
    """Add every planning-rule problem to `parsed`; returns the rows ready to write."""
    access = Access(tenant, Role.COORDINATOR, None, user_id)
    return CHECKS[parsed.kind.name](parsed, access, today or date.today())


def _on_line(line: int, write: Callable[[], Any]) -> Any:
    try:
        return write()
    except (Invalid, Conflict) as exc:
        raise type(exc)(f"Nothing was imported: line {line}: {exc.message}", errors=[
            {**e, "line": line} for e in exc.errors]) from exc


def _write(tx: neo4j.ManagedTransaction, *, tenant: str, kind: str, prepared: list[tuple],
           by: str, at: str, note: str) -> dict[str, int]:
    if kind == "plan_actions":
        created = 0
        for line, alliance, first, exists, actions in prepared:
            key = planning.plan_key(alliance=alliance, first_year=first)

            def save(alliance=alliance, first=first, exists=exists, actions=actions,
                     key=key) -> int:
                if not exists:
                    planning.start_plan(tx, tenant=tenant, alliance=alliance,
                                        first_year=first, by=by, at=at)
                latest = next(p for p in planning.list_plans(tx, tenant=tenant,
                                                             alliance=alliance)
                              if p["key"] == key)["revision"]
                before = planning.get_plan(tx, tenant=tenant, plan=key) if latest else None
                planning.save_plan(tx, tenant=tenant, plan=key, base_revision=latest,
                                   actions=actions, by=by, at=at, note=note)
                old = {a["action"] for a in (before or {}).get("actions") or []}
                return sum(a["action"] not in old for a in actions)
            created += _on_line(line, save)
        return {"created": created}
    label = "Objective" if kind == "objectives" else "BudgetLine"
    upsert = objectives.upsert_objective if kind == "objectives" else budget.upsert_budget_line
    had = existing_keys(tx, tenant=tenant, label=label, keys=[row[2] for row in prepared])
    for line, alliance, key, props in prepared:
        _on_line(line, lambda alliance=alliance, key=key, props=props: upsert(
            tx, tenant=tenant, alliance=alliance, key=key, props=props))
    return {"created": sum(row[2] not in had for row in prepared)}


def write(parsed: ParsedFile, prepared: list[tuple], *, tenant: Tenant, user_id: int | None,
          actor: str, file_name: str) -> int:
    """Write the checked rows in one audited graph transaction; returns how many are new."""
    kind = parsed.kind.name

    def describe(result: dict) -> tuple[None, dict]:
        return None, {"kind": kind, "rows": len(parsed.rows), "file": file_name,
                      "created": result["created"]}
    result = audit.audited_write(
        _write, tenant=tenant, user_id=user_id, action="planning.import",
        target=f"import:{kind}", describe=describe, kind=kind, prepared=prepared, by=actor,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        note=f"imported from {file_name}" if file_name else "imported")
    return result["created"]
