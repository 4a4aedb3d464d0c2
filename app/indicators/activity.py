"""Municipal commitment (measures active in a school year) and alliance activity.

The arithmetic only: the indicator service (service.py) checks access first and calls these.
People reached go through domain.disclosure.reach, as in the reports: teachers are staff
and always shown; students and families reached, and the people totals that would give
them away, are None when withheld (with the field named in "withheld")."""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from app.cache import per_data_version
from app.extensions import graph
from app.platform import get_tenant
from domain import disclosure
from domain.vocabulary import active_in, measure_label
from graph import indicators as gi
from graph.errors import Invalid, NotFound
from graph.model import TRAINING_SHARE_TARGET, school_year_of

NO_TRAINING_SHARE = "training share not recorded"
UNDATED = "contribution without year or date"


@per_data_version
def commitment(*, tenant: str, municipality: str, year: int) -> dict[str, Any]:
    """Measures a municipality has active in a school year, counted by kind, and the schools
    they cover."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise Invalid("year must be a school year such as 2024.",
                      errors=[{"field": "year", "value": year, "reason": "not a year"}])
    found = graph.read(gi.find_territory, tenant=tenant, key=municipality)
    if not found.get("municipality"):
        raise NotFound(f"No municipality {municipality!r} in this programme.")
    rows = graph.read(gi.list_measures, tenant=tenant, municipality=municipality)
    return _commitment(rows, municipality=municipality, name=found["municipality_name"],
                       year=year)


def _commitment(rows: list[dict], *, municipality: str | None, name: str | None,
                year: int) -> dict[str, Any]:
    active = [r for r in rows if active_in(year, r.get("start"), r.get("end"))]
    by_kind = Counter(str(r["kind"]) for r in active)
    covered: dict[str, dict] = {}
    for r in active:
        for s in r["schools"]:
            covered.setdefault(s["key"], {"key": s["key"], "name": s.get("name")})
    return {
        "municipality": municipality, "name": name, "year": year, "measures": len(active),
        "by_kind": dict(sorted(by_kind.items())),
        "by_kind_labels": {measure_label(k): n for k, n in sorted(by_kind.items())},
        "schools_covered": sorted(covered.values(), key=lambda s: s["key"]),
        "items": [{"key": r["key"], "kind": r["kind"], "label": measure_label(r["kind"]),
                   "start": r["start"], "end": r["end"], "description": r["description"],
                   "schools": [s["key"] for s in r["schools"]]} for r in active],
    }


@per_data_version
def measures_by_year(*, tenant: str, municipality: str | None,
                     years: list[int]) -> dict[int, dict[str, Any]]:
    """Active measures per year (of one municipality, or of the whole programme if None)."""
    rows = graph.read(gi.list_measures, tenant=tenant, municipality=municipality)
    return {y: _commitment(rows, municipality=municipality, name=None, year=y) for y in years}


@per_data_version
def alliance_activity(*, tenant: str, alliance: str) -> dict[str, Any]:
    """Contribution hours, activities and people reached per year and kind; training share."""
    found = graph.read(gi.get_alliance, tenant=tenant, key=alliance)
    if found is None:
        raise NotFound(f"No alliance {alliance!r} in this programme.")
    rows = graph.read(gi.list_alliance_contributions, tenant=tenant, key=alliance)
    info = found["alliance"]
    start = info.get("start_year")
    start = start if isinstance(start, int) else None
    by_year = _by_year(rows, start=start)
    totals = _totals(by_year)
    shown = disclosure.reach([{**r, "year": _year_of(r)} for r in rows], start=start,
                             threshold=get_tenant(slug=tenant).suppression_threshold)
    for entry in by_year:
        _disclose(entry, shown, ("year", entry["year"]))
        for kind, item in entry["by_kind"].items():
            _disclose(item, shown, ("kind", entry["year"], kind))
    _disclose(totals, shown, ("all",))
    return {
        "alliance": alliance, "theme": info.get("theme"), "start_year": start,
        "end_year": info.get("end_year"), "status": info.get("status"),
        "school": {"key": found["school"], "name": found["school_name"]}
        if found["school"] else None,
        "partners": found["partners"], "by_year": by_year,
        "totals": totals, "training": training(info.get("training_share")),
    }


def _disclose(entry: dict[str, Any], shown: disclosure.Reach, prefix: tuple) -> None:
    withheld = [name for name, value in shown.row(prefix).items() if value is None]
    for name in withheld:
        entry[name] = None
    if withheld:
        entry["withheld"] = withheld


def training(share: Any) -> dict[str, Any]:
    """Teachers in training against the programme's 80% target."""
    if share is None:
        return {"share": None, "target": TRAINING_SHARE_TARGET, "met": None,
                "reason": NO_TRAINING_SHARE}
    value = float(share)
    return {"share": value, "target": TRAINING_SHARE_TARGET,
            "met": value >= TRAINING_SHARE_TARGET, "reason": None}


def _year_of(row: dict) -> int | None:
    if isinstance(row.get("year"), int):
        return row["year"]
    try:
        return school_year_of(date.fromisoformat(str(row.get("date"))[:10]))
    except ValueError:
        return None


def _empty() -> dict[str, Any]:
    return {"hours": 0.0, "activities": 0, "teachers": 0, "students": 0, "families": 0,
            "people": 0}


def _add(into: dict[str, Any], row: dict) -> None:
    into["hours"] += float(row.get("hours") or 0)
    into["activities"] += 1
    for field in ("teachers", "students", "families"):
        into[field] += int(row.get(field) or 0)
        into["people"] += int(row.get(field) or 0)


def _by_year(rows: list[dict], *, start: int | None) -> list[dict]:
    """One entry per school year (undated contributions last, year None), each split by kind."""
    years: dict[int | None, dict] = {}
    for row in rows:
        year = _year_of(row)
        entry = years.setdefault(year, {"year": year, **_empty(), "by_kind": {}})
        _add(entry, row)
        _add(entry["by_kind"].setdefault(str(row.get("kind") or "other"), _empty()), row)
    out = sorted(years.values(), key=lambda e: (e["year"] is None, e["year"] or 0))
    for entry in out:
        entry["by_kind"] = dict(sorted(entry["by_kind"].items()))
        entry["alliance_year"] = (entry["year"] - start + 1
                                  if entry["year"] is not None and start is not None else None)
        if entry["year"] is None:
            entry["note"] = UNDATED
    return out


def _totals(by_year: list[dict]) -> dict[str, Any]:
    total = _empty()
    for entry in by_year:
        for field in total:
            total[field] += entry[field]
    return total
