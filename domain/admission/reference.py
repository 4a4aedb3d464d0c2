"""Deferred acceptance by the PyPI package ``matching``, as a reference for ours.

Its hospital–resident game (resident-optimal) is student-proposing
deferred acceptance with strict priorities: residents are applicants,
hospitals are schools ranking those who applied to them by key.  It has
no reserved places, and it leaves out schools without places and
applicants without choices (they stay unassigned).  The players are built
here and handed to the package's algorithm function, the one its game's
``solve`` calls: the game's constructor deep-copies the players, which
recurses past Python's limit at the size of a city.  ``matching`` is a test
dependency: importing this module without it raises ImportError.
"""

from __future__ import annotations

import numpy as np
from matching import Player
from matching.algorithms import hospital_resident
from matching.players import Hospital
from numpy.typing import NDArray

from domain.admission.mechanisms import Market


def solve_with_matching(market: Market) -> NDArray[np.intp]:
    """The admitted application per applicant (-1 if none), found by ``matching``."""
    if market.reserved.any():
        raise ValueError("the matching package has no reserved places; reserved must be 0")
    flat = market.flat
    open_schools = market.places > 0
    keep = np.flatnonzero(open_schools[flat.school])
    residents: dict[int, list[int]] = {}
    for app in keep:
        residents.setdefault(int(flat.student[app]), []).append(int(flat.school[app]))
    by_school = keep[np.lexsort((market.key[keep], flat.school[keep]))]
    hospitals: dict[int, list[int]] = {int(s): [] for s in np.flatnonzero(open_schools)}
    for app in by_school:
        hospitals[int(flat.school[app])].append(int(flat.student[app]))
    hospitals = {s: students for s, students in hospitals.items() if students}
    matched = _solve(residents, hospitals, capacities=market.places)
    # The school an applicant lists once gives back the application's index.
    lookup = {(int(flat.student[a]), int(flat.school[a])): int(a) for a in keep}
    admitted = np.full(flat.length.size, -1, dtype=np.intp)
    for hospital, chosen in matched.items():
        for resident in chosen:
            admitted[resident.name] = lookup[(resident.name, hospital.name)]
    return admitted


def _solve(residents: dict[int, list[int]], hospitals: dict[int, list[int]], *,
           capacities: NDArray[np.intp]) -> dict:
    """Resident-optimal matching of ``matching``: hospital player → resident players."""
    people = {name: Player(name=name) for name in residents}
    schools = {name: Hospital(name=name, capacity=int(capacities[name])) for name in hospitals}
    for name, prefs in residents.items():
        people[name].set_prefs([schools[s] for s in prefs])
    for name, prefs in hospitals.items():
        schools[name].set_prefs([people[r] for r in prefs])
    return hospital_resident(list(people.values()), list(schools.values()), optimal="resident")
