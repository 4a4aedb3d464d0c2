"""Small admission markets written by hand, and the assignment of one draw."""
from __future__ import annotations

import numpy as np

from domain.admission import points as pt
from domain.admission.measures import Scenario
from domain.admission.mechanisms import Market, assign
from domain.admission.problem import make_applicants, make_schools
from domain.admission.simulate import prepare


def padded(lists: list[list[int]], width: int | None = None) -> np.ndarray:
    """A choice matrix padded with -1 from ragged lists."""
    width = width or max((len(row) for row in lists), default=1) or 1
    out = np.full((len(lists), width), -1, dtype=np.intp)
    for i, row in enumerate(lists):
        out[i, :len(row)] = row
    return out


def applicants(prefs: list[list[int]], *, points: list[list[float]] | None = None,
               nese: list[bool] | None = None, disadvantaged: list[bool] | None = None,
               migrant: list[bool] | None = None, zone: list[int] | None = None,
               sibling: list[list[bool]] | None = None):
    n = len(prefs)
    choices = padded(prefs)
    flags = {name: np.array(value if value is not None else [False] * n, dtype=bool)
             for name, value in (("nese", nese), ("disadvantaged", disadvantaged),
                                 ("migrant", migrant))}
    pts = None if points is None else padded_float(points, choices.shape[1])
    sib = None if sibling is None else padded(
        [[int(x) for x in row] for row in sibling], choices.shape[1]) == 1
    return make_applicants(choices=choices, home_zone=np.array(zone or [0] * n), points=pts,
                           sibling=sib, **flags)


def padded_float(rows: list[list[float]], width: int) -> np.ndarray:
    out = np.full((len(rows), width), np.nan)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


def schools(places: list[int], *, zones: int = 1, serves: list[list[int]] | None = None):
    grid = np.zeros((len(places), zones), dtype=bool)
    for s, served in enumerate(serves or [[] for _ in places]):
        grid[s, served] = True
    return make_schools(places=np.array(places), serves=grid)


def market(people, places, *, scenario: Scenario | None = None, seed: int = 0,
           rules: pt.PointRules | None = None) -> Market:
    """The market of one draw, built exactly as the simulator builds it."""
    prepared = prepare(applicants=people, schools=places, scenario=scenario or Scenario(),
                       rules=rules or pt.PointRules())
    lottery = pt.lottery_order(applicants=people.size, rng=np.random.default_rng(seed))
    key = pt.priority_keys(levels=prepared.levels, student=prepared.flat.student,
                           lottery=lottery)
    return Market(flat=prepared.flat, key=key, group=prepared.group,
                  places=prepared.setting.places, reserved=prepared.setting.reserved)


def schools_of(m: Market, admitted: np.ndarray) -> list[int]:
    """School per applicant, -1 for unassigned."""
    return [int(m.flat.school[a]) if a >= 0 else -1 for a in admitted]


def assignment(people, places, *, mechanism: str, scenario: Scenario | None = None,
               seed: int = 0) -> list[int]:
    scenario = scenario or Scenario(mechanism=mechanism)
    m = market(people, places, scenario=scenario, seed=seed)
    return schools_of(m, assign(m, mechanism=mechanism))
