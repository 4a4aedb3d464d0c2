"""Rules of the 7-year implementation plan and the budget, and the validators every planning
write goes through: each refusal is a `graph.errors.Invalid` naming the field, the value and
the reason, raised before anything is changed."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import Invalid
from graph.model import (
    PLAN_YEARS,
    ActionStatus,
    AllianceStatus,
    Component,
    Element,
    Owner,
    Stage,
)


def invalid(field: str, value: Any, reason: str) -> Invalid:
    """An Invalid naming one field, shaped like the rest of Imant's refusals."""
    return Invalid(f"{field}: {reason} (got {value!r}).",
                   errors=[{"field": field, "value": value, "reason": reason}])


def is_choice(value: Any, choices: type) -> bool:
    """Whether `value` is one of an enum's values (a list or a number never is)."""
    return isinstance(value, str) and value in choices._value2member_map_


def require_school_year(field: str, value: Any) -> int:
    """A school year is given by its starting calendar year, a whole number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, value, "must be a school year (its starting calendar year)")
    return value


# --- the plan's years and actions ---------------------------------------------------------


def plan_years(*, first_year: int, years: int = PLAN_YEARS) -> range:
    """The school years a plan covers: seven from its first (the alliance's planning year)."""
    return range(first_year, first_year + years)


def validate_action_years(*, first_year: int, last_year: int, plan_first_year: int,
                          years: int = PLAN_YEARS) -> None:
    """An action runs within its plan's seven school years, and starts before it ends."""
    covered = plan_years(first_year=plan_first_year, years=years)
    span = f"the plan runs {covered[0]}–{covered[-1]}"
    require_school_year("first_year", first_year)
    require_school_year("last_year", last_year)
    if first_year not in covered:
        raise invalid("first_year", first_year, f"outside the plan's years: {span}")
    if last_year not in covered:
        raise invalid("last_year", last_year, f"outside the plan's years: {span}")
    if last_year < first_year:
        raise invalid("last_year", last_year, f"before the first year {first_year}")


def validate_action_status(*, status: str, drop_reason: str | None) -> None:
    """A dropped action says why."""
    if not is_choice(status, ActionStatus):
        raise invalid("status", status, f"not one of {', '.join(ActionStatus)}")
    if status == ActionStatus.DROPPED and not (drop_reason or "").strip():
        raise invalid("drop_reason", drop_reason, "a dropped action needs a reason")


ACTION_FIELDS = ("action", "title", "component", "elements", "stage", "first_year", "last_year",
                 "owner", "status", "drop_reason", "budget_planned", "budget_spent",
                 "objectives")


def _choice(field: str, value: Any, choices: type) -> None:
    if not is_choice(value, choices):
        raise invalid(field, value, f"not one of {', '.join(choices)}")


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise invalid(field, value, "must be a non-empty text")
    return value.strip()


def _amount(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise invalid(field, value, "must be a non-negative amount")
    return float(value)


def validate_action(*, action: Mapping[str, Any], plan_first_year: int,
                    years: int = PLAN_YEARS) -> dict[str, Any]:
    """One plan action, checked and normalised: a stable id (`action`, no colon), a title, a
    core component, one or more of the six elements, a stage, first and last school years
    within the plan, an owner, a status (dropped with a reason), planned and spent budget
    (default 0) and the keys of the objectives it serves. Returns the action's properties."""
    unknown = sorted(set(action) - set(ACTION_FIELDS))
    if unknown:
        raise invalid(unknown[0], action[unknown[0]], "not a field of a plan action")
    ident = _text("action", action.get("action"))
    if ":" in ident:
        raise invalid("action", ident, "must not contain ':'")
    _choice("component", action.get("component"), Component)
    elements = action.get("elements")
    if not isinstance(elements, list | tuple) or not elements:
        raise invalid("elements", elements, "name at least one of the six elements")
    for element in elements:
        _choice("elements", element, Element)
    _choice("stage", action.get("stage"), Stage)
    _choice("owner", action.get("owner"), Owner)
    validate_action_years(first_year=action.get("first_year"),
                          last_year=action.get("last_year"),
                          plan_first_year=plan_first_year, years=years)
    validate_action_status(status=action.get("status"), drop_reason=action.get("drop_reason"))
    objectives = action.get("objectives") or []
    if not all(isinstance(key, str) and key for key in objectives):
        raise invalid("objectives", objectives, "must be a list of objective keys")
    return {"action": ident, "title": _text("title", action.get("title")),
            "component": action["component"], "elements": sorted(set(elements)),
            "stage": action["stage"], "first_year": action["first_year"],
            "last_year": action["last_year"], "owner": action["owner"],
            "status": action["status"], "drop_reason": action.get("drop_reason"),
            "budget_planned": _amount("budget_planned", action.get("budget_planned", 0)),
            "budget_spent": _amount("budget_spent", action.get("budget_spent", 0)),
            "objectives": sorted(set(objectives))}


def is_overdue(*, status: str, last_year: int, year: int) -> bool:
    """Rule: an action is overdue in school year `year` when it is still planned or in
    progress and its last school year is before `year`."""
    return status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) and last_year < year


def validate_new_plan(*, alliance: str, alliance_status: str, first_year: int,
                      previous_first_year: int | None = None, next_plan_met: bool = False,
                      years: int = PLAN_YEARS) -> None:
    """A plan is for a live alliance; a new one starts after the previous plan's seven years,
    or earlier (but after its first year) once the optimization benchmark "a new plan for the
    next cycle" is met. The previous plan stays readable."""
    validate_live_alliance(alliance=alliance, alliance_status=alliance_status)
    require_school_year("first_year", first_year)
    if previous_first_year is None:
        return
    previous_last = previous_first_year + years - 1
    if first_year > previous_last:
        return
    if next_plan_met and first_year > previous_first_year:
        return
    raise invalid("first_year", first_year,
                  f"the current plan runs to {previous_last}; a new plan starts after it, or "
                  "earlier once the benchmark 'a new plan for the next cycle' is met")


def validate_live_alliance(*, alliance: str, alliance_status: str) -> None:
    """No plan, logic model, objective, self-assessment or budget is written for an archived
    alliance."""
    if alliance_status == AllianceStatus.ARCHIVED:
        raise invalid("alliance", alliance, "the alliance is archived")


# --- objectives ---------------------------------------------------------------------------


def validate_objective_years(*, baseline_year: int, target_year: int) -> None:
    """The target year comes after the baseline year (a straight line needs two years)."""
    if target_year <= baseline_year:
        raise invalid("target_year", target_year,
                      f"must be after the baseline year {baseline_year}")


def validate_own_objectives(*, alliance: str, owners: Mapping[str, str | None],
                            field: str = "objectives") -> None:
    """Every objective a logic-model outcome or a plan action points to belongs to the same
    alliance. `owners` maps each objective key to its alliance (None: no such objective)."""
    for key, owner in owners.items():
        if owner is None:
            raise invalid(field, key, "no such objective")
        if owner != alliance:
            raise invalid(field, key, f"the objective belongs to another alliance ({owner})")


# --- budget -------------------------------------------------------------------------------


def validate_budget_line(*, planned: float, secured: float, spent: float,
                         overspend: bool = False, overspend_reason: str | None = None) -> None:
    """Amounts are not negative; spent above planned needs the line marked as an overspend
    with a reason."""
    for name, value in (("planned", planned), ("secured", secured), ("spent", spent)):
        if value is None or value < 0:
            raise invalid(name, value, "must be a non-negative amount")
    if spent > planned and not (overspend and (overspend_reason or "").strip()):
        raise invalid("spent", spent, f"more than planned ({planned}): mark the line as an "
                      "overspend and give the reason")


@dataclass(frozen=True)
class SustainabilityShare:
    year: int
    planned: float
    secured: float          # counted up to each line's planned amount
    share: float | None     # secured ÷ planned; None when nothing is planned
    reason: str | None


def sustainability_share(*, lines: Iterable[Mapping[str, Any]],
                         year: int) -> SustainabilityShare:
    """Of the budget planned for school year `year` (usually next year), the share secured.

    Rule: over the alliance's budget lines of that year, Σ min(secured, planned) ÷ Σ planned.
    A line secured beyond its plan does not make up for another source's gap. With nothing
    planned for that year the share is undefined (None, with the reason), never 0 or 100%.
    """
    rows = [row for row in lines if row["year"] == year]
    planned = sum(float(row["planned"]) for row in rows)
    secured = sum(min(float(row["secured"]), float(row["planned"])) for row in rows)
    if planned <= 0:
        return SustainabilityShare(year=year, planned=planned, secured=secured, share=None,
                                   reason=f"no budget planned for {year}")
    return SustainabilityShare(year=year, planned=planned, secured=secured,
                               share=secured / planned, reason=None)
