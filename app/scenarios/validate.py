"""A scenario's fields checked against its market: every error names the field and value.

The measures are kept with the graph's keys (schools, zones), so they are checked against
the market's schools and zones when the scenario is saved; the worker checks them again
when it runs (a school may have gone since).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from domain.admission.measures import RESERVE_GROUPS
from domain.admission.mechanisms import BOSTON, MECHANISMS
from domain.admission.simulate import DEFAULT_DRAWS
from graph.errors import Invalid
from graph.model import SchoolLevel

MAX_DRAWS = 1_000
MAX_RESERVE = 30  # places per school: more than a class
MAX_PLACES_CHANGE = 300
NAME_LENGTH = 200

Errors = list[dict[str, Any]]


def _error(errors: Errors, field: str, value: Any, reason: str) -> None:
    errors.append({"field": field, "value": value, "reason": reason})


def _integer(errors: Errors, data: Mapping[str, Any], field: str, *, low: int, high: int,
             default: int | None = None) -> int | None:
    raw = data.get(field)
    if raw is None or raw == "":
        if default is None:
            _error(errors, field, raw, _("required"))
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        _error(errors, field, raw, _("must be a whole number"))
        return None
    if not low <= value <= high:
        _error(errors, field, raw, _("must be from %(low)s to %(high)s", low=low, high=high))
        return None
    return value


def refuse(errors: Errors) -> None:
    """Invalid, naming every error, if there is any."""
    if errors:
        raise Invalid(_("The scenario was not saved: %(n)s problems.", n=len(errors)),
                      errors=errors)


def market_fields(data: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    """Name, municipality, year, level, mechanism, draws and seed; each error is added to
    `errors`."""
    name = str(data.get("name") or "").strip()
    if not name:
        _error(errors, "name", data.get("name"), _("required"))
    elif len(name) > NAME_LENGTH:
        _error(errors, "name", name[:40] + "…",
               _("at most %(n)s characters", n=NAME_LENGTH))
    municipality = str(data.get("municipality") or "").strip()
    if not municipality:
        _error(errors, "municipality", data.get("municipality"), _("required"))
    level = data.get("level")
    if level not in tuple(SchoolLevel):
        _error(errors, "level", level, _("choose primary (P3) or secondary (first of ESO)"))
    mechanism = data.get("mechanism") or BOSTON
    if mechanism not in MECHANISMS:
        _error(errors, "mechanism", mechanism,
               _("choose one of: %(values)s", values=", ".join(MECHANISMS)))
    out = {"name": name, "description": str(data.get("description") or "").strip() or None,
           "municipality": municipality, "level": level, "mechanism": mechanism,
           "year": _integer(errors, data, "year", low=1990, high=2100),
           "draws": _integer(errors, data, "draws", low=1, high=MAX_DRAWS,
                             default=DEFAULT_DRAWS),
           "seed": _integer(errors, data, "seed", low=0, high=2**31 - 1, default=0)}
    return out


def measures(data: Mapping[str, Any], errors: Errors, *, schools: set[str], zones: set[str],
             mechanism: str) -> dict[str, Any]:
    """The measures of a scenario, checked against the market's school and zone keys; each
    error is added to `errors`."""
    out: dict[str, Any] = {"mechanism": mechanism}
    reserve = data.get("reserve") or {}
    if reserve and reserve.get("group"):
        out["reserve"] = _reserve(errors, reserve, schools)
    for field in ("zones_add", "zones_remove"):
        pairs = data.get(field) or []
        checked = [_pair(errors, field, pair, schools, zones) for pair in pairs]
        if pairs:
            out[field] = [p for p in checked if p]
    changes = data.get("places") or {}
    if changes:
        out["places"] = _places(errors, changes, schools)
    return out


def _reserve(errors: Errors, reserve: Mapping[str, Any], schools: set[str]) -> dict[str, Any]:
    group = reserve.get("group")
    if group not in RESERVE_GROUPS:
        _error(errors, "reserve.group", group,
               _("choose one of: %(values)s", values=", ".join(RESERVE_GROUPS)))
    count = _integer(errors, reserve, "places", low=1, high=MAX_RESERVE)
    if errors and errors[-1]["field"] == "places":
        errors[-1]["field"] = "reserve.places"
    named = [str(k) for k in reserve.get("schools") or []]
    for key in named:
        if key not in schools:
            _error(errors, "reserve.schools", key, _("not a school of this market"))
    return {"group": group, "places": count, "schools": sorted(set(named))}


def _pair(errors: Errors, field: str, pair: Any, schools: set[str],
          zones: set[str]) -> list[str] | None:
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        _error(errors, field, pair, _("give a school and a zone"))
        return None
    school, zone = (str(x) for x in pair)
    if school not in schools:
        _error(errors, field, school, _("not a school of this market"))
    if zone not in zones:
        _error(errors, field, zone, _("not a zone of this municipality"))
    return [school, zone]


def _places(errors: Errors, changes: Mapping[str, Any], schools: set[str]) -> dict[str, int]:
    out = {}
    for key, raw in changes.items():
        if key not in schools:
            _error(errors, "places", key, _("not a school of this market"))
            continue
        value = _integer(errors, {"places": raw}, "places", low=-MAX_PLACES_CHANGE,
                         high=MAX_PLACES_CHANGE, default=0)
        if errors and errors[-1]["field"] == "places" and errors[-1]["value"] == raw:
            errors[-1]["field"] = f"places.{key}"
        if value:
            out[key] = value
    return out


def scenario_ids(raw: list[str]) -> list[int]:
    """The scenarios chosen to compare, by number; Invalid names what is not one."""
    try:
        return [int(i) for i in raw]
    except ValueError as exc:
        raise Invalid(_("Scenarios are chosen by number."),
                      errors=[{"field": "ids", "value": raw, "reason": _("not a number")}]) \
            from exc
