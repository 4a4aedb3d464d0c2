"""One market as the platform holds it (rows keyed by school and zone keys) turned into the
simulator's arrays, and a scenario's measures from keys into rows.

Rules the code follows:

- Schools are rows in the order given (by key); zones are the municipality's zones by key,
  plus one last zone, "elsewhere", for families living outside the municipality or with no
  zone: no school serves it unless a measure says so.
- A school serves the zone it stands in.  A school with no places figure offers 0 places.
- An applicant's applications are ordered by rank; repeated ranks keep the school order.
  Points and the sibling flag are per application: an application without points is NaN
  (derived by the simulator), one without a sibling flag counts as no sibling.  When no
  application carries points (or sibling flags) the arrays are left out.
- The recorded enrolments are counted per school (same rows) for total, nese,
  disadvantaged and migrant; a school with none has zeros.
- A measure naming a school or zone the market does not hold raises ``ValueError`` naming
  the field and the key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from domain.admission.measures import PlacesChange, Reserve, Scenario, ZoneChange
from domain.admission.problem import Applicants, Schools, make_applicants, make_schools
from domain.admission.results import INTAKE

ELSEWHERE = "(elsewhere)"
FLAGS = ("nese", "disadvantaged", "migrant")


@dataclass(frozen=True, eq=False)
class Market:
    """The arrays of one market and the keys of its rows."""

    school_keys: tuple[str, ...]
    school_names: tuple[str, ...]
    zone_keys: tuple[str, ...]
    applicants: Applicants
    schools: Schools
    recorded: dict[str, NDArray[np.int64]]


def build(*, schools: Sequence[Mapping[str, Any]], zones: Sequence[Mapping[str, Any]],
          applicants: Sequence[Mapping[str, Any]],
          enrolments: Sequence[Mapping[str, Any]]) -> Market:
    """The market's arrays from the rows graph.admission.read_market returns."""
    school_keys = tuple(s["key"] for s in schools)
    zone_keys = (*(z["key"] for z in zones), ELSEWHERE)
    s_row = {k: i for i, k in enumerate(school_keys)}
    z_row = {k: i for i, k in enumerate(zone_keys)}
    serves = np.zeros((len(school_keys), len(zone_keys)), dtype=bool)
    for i, s in enumerate(schools):
        serves[i, z_row.get(s.get("zone"), len(zone_keys) - 1)] = True
    places = np.array([int(s.get("places") or 0) for s in schools], dtype=np.intp)
    return Market(school_keys=school_keys,
                  school_names=tuple(s.get("name") or s["key"] for s in schools),
                  zone_keys=zone_keys, applicants=_applicants(applicants, s_row, z_row),
                  schools=make_schools(places=places, serves=serves),
                  recorded=_recorded(enrolments, s_row))


def _applicants(rows: Sequence[Mapping[str, Any]], s_row: Mapping[str, int],
                z_row: Mapping[str, int]) -> Applicants:
    width = max((len(r["applications"]) for r in rows), default=1)
    n = len(rows)
    choices = np.full((n, width), -1, dtype=np.intp)
    points = np.full((n, width), np.nan)
    sibling = np.zeros((n, width), dtype=bool)
    any_points = any_sibling = False
    for i, row in enumerate(rows):
        ordered = sorted(row["applications"], key=lambda a: (a[0] if a[0] is not None else 0,
                                                             s_row[a[1]]))
        for k, (_rank, school, given, has_sibling) in enumerate(ordered):
            choices[i, k] = s_row[school]
            if given is not None:
                points[i, k], any_points = float(given), True
            if has_sibling is not None:
                sibling[i, k], any_sibling = bool(has_sibling), True
    elsewhere = len(z_row) - 1
    return make_applicants(
        choices=choices,
        home_zone=np.array([z_row.get(r.get("zone"), elsewhere) for r in rows], dtype=np.intp),
        **{flag: np.array([r.get(flag) is True for r in rows], dtype=bool) for flag in FLAGS},
        points=points if any_points else None, sibling=sibling if any_sibling else None)


def _recorded(rows: Sequence[Mapping[str, Any]],
              s_row: Mapping[str, int]) -> dict[str, NDArray[np.int64]]:
    out = {col: np.zeros(len(s_row), dtype=np.int64) for col in INTAKE}
    for row in rows:
        i = s_row.get(row["school"])
        if i is not None:
            for col in INTAKE:
                out[col][i] = int(row.get(col) or 0)
    return out


def scenario(market: Market, measures: Mapping[str, Any]) -> Scenario:
    """The simulator's scenario of measures stated with keys.

    ``measures``: ``mechanism``; ``reserve`` ``{"group", "places", "schools"}`` (no
    schools: every school); ``zones_add`` / ``zones_remove`` lists of ``[school, zone]``;
    ``places`` ``{school: change}``.  Missing entries are no measure.
    """
    s_row = {k: i for i, k in enumerate(market.school_keys)}
    z_row = {k: i for i, k in enumerate(market.zone_keys)}
    reserve = measures.get("reserve")
    zones_add = _pairs(measures.get("zones_add") or (), s_row, z_row, field="zones_add")
    zones_remove = _pairs(measures.get("zones_remove") or (), s_row, z_row,
                          field="zones_remove")
    places = measures.get("places") or {}
    return Scenario(
        mechanism=measures.get("mechanism") or Scenario().mechanism,
        reserve=_reserve(reserve, s_row) if reserve else None,
        zones=ZoneChange(add=zones_add, remove=zones_remove)
        if zones_add or zones_remove else None,
        places=PlacesChange(delta={_school(k, s_row, field="places"): int(v)
                                   for k, v in places.items()}) if places else None)


def _reserve(reserve: Mapping[str, Any], s_row: Mapping[str, int]) -> Reserve:
    count = reserve.get("places")
    named = reserve.get("schools")
    if not named:
        return Reserve(group=reserve.get("group"), places=count)
    return Reserve(group=reserve.get("group"),
                   places={_school(k, s_row, field="reserve.schools"): count for k in named})


def _pairs(pairs: Sequence[Sequence[str]], s_row: Mapping[str, int], z_row: Mapping[str, int],
           *, field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for school, zone in pairs:
        if zone not in z_row or zone == ELSEWHERE:
            raise ValueError(f"{field} names zone {zone!r}, which is not in this municipality")
        out.append((_school(school, s_row, field=field), z_row[zone]))
    return tuple(out)


def _school(key: str, s_row: Mapping[str, int], *, field: str) -> int:
    if key not in s_row:
        raise ValueError(f"{field} names school {key!r}, which is not in this market")
    return s_row[key]
