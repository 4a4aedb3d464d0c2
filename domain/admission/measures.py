"""A scenario: the mechanism and the measures, alone or combined, applied to the schools.

Rules the code follows:

- ``Scenario()`` with no measure is the baseline: Boston, today's areas and
  places, no reserve.
- ``Reserve(group=..., places=...)``: reserved places for NESE pupils or
  for socio-economically disadvantaged ones; ``places`` is one number for
  every school or a ``{school: places}`` mapping (other schools reserve
  none).  A reserve larger than a school's places is capped at its places.
  How reserved places are filled and released: ``mechanisms``.
- ``ZoneChange(add=..., remove=...)``: ``(school, zone)`` pairs that start
  or stop counting as proximity.  Removals apply after additions.
- ``PlacesChange(delta={school: change})``: places added (an extra group)
  or taken away (a lower ratio); a school cannot end below 0 places.
- ``mechanism``: ``boston`` or ``deferred_acceptance``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from domain.admission.mechanisms import BOSTON, MECHANISMS
from domain.admission.problem import Schools

RESERVE_GROUPS = ("nese", "disadvantaged")


@dataclass(frozen=True)
class Reserve:
    """Places kept at each school for one group until the end of the process."""

    group: str
    places: int | Mapping[int, int]

    def __post_init__(self) -> None:
        if self.group not in RESERVE_GROUPS:
            raise ValueError(f"Reserve.group must be one of {RESERVE_GROUPS}, got {self.group!r}")
        values = self.places.values() if isinstance(self.places, Mapping) else [self.places]
        for value in values:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Reserve.places must be non-negative integers, got {value!r}")


@dataclass(frozen=True)
class ZoneChange:
    """``(school, zone)`` pairs that start (``add``) or stop (``remove``) being proximity."""

    add: tuple[tuple[int, int], ...] = ()
    remove: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PlacesChange:
    """Change of places per school: positive for an extra group, negative for a lower ratio."""

    delta: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """The mechanism and the measures of one simulation."""

    mechanism: str = BOSTON
    reserve: Reserve | None = None
    zones: ZoneChange | None = None
    places: PlacesChange | None = None

    def __post_init__(self) -> None:
        if self.mechanism not in MECHANISMS:
            raise ValueError(f"Scenario.mechanism must be one of {MECHANISMS}, "
                             f"got {self.mechanism!r}")


@dataclass(frozen=True, eq=False)
class Setting:
    """The schools as the scenario leaves them."""

    places: NDArray[np.intp]
    reserved: NDArray[np.intp]
    serves: NDArray[np.bool_]


def apply(scenario: Scenario, *, schools: Schools) -> Setting:
    """Places, reserved places and proximity areas after the scenario's measures."""
    places = _changed_places(scenario.places, schools.places)
    return Setting(places=places, reserved=_reserved(scenario.reserve, places),
                   serves=_changed_zones(scenario.zones, schools.serves))


def _changed_places(change: PlacesChange | None, places: NDArray[np.intp]) -> NDArray[np.intp]:
    out = places.copy()
    if change is None:
        return out
    for school, delta in change.delta.items():
        _check_school(school, out.size, name="PlacesChange.delta")
        out[school] += delta
        if out[school] < 0:
            raise ValueError(f"PlacesChange.delta leaves school {school} with {out[school]} places")
    return out


def _reserved(reserve: Reserve | None, places: NDArray[np.intp]) -> NDArray[np.intp]:
    if reserve is None:
        return np.zeros_like(places)
    if not isinstance(reserve.places, Mapping):
        return np.minimum(reserve.places, places)
    wanted = np.zeros_like(places)
    for school, count in reserve.places.items():
        _check_school(school, places.size, name="Reserve.places")
        wanted[school] = count
    return np.minimum(wanted, places)


def _changed_zones(change: ZoneChange | None, serves: NDArray[np.bool_]) -> NDArray[np.bool_]:
    out = serves.copy()
    if change is None:
        return out
    for pairs, value in ((change.add, True), (change.remove, False)):
        for school, zone in pairs:
            _check_school(school, out.shape[0], name="ZoneChange")
            if not 0 <= zone < out.shape[1]:
                raise ValueError(f"ZoneChange names zone {zone}, but there are {out.shape[1]}")
            out[school, zone] = value
    return out


def _check_school(school: int, size: int, *, name: str) -> None:
    if isinstance(school, bool) or not isinstance(school, int | np.integer) or \
            not 0 <= school < size:
        raise ValueError(f"{name} names school {school!r}, but there are {size} schools")
