"""Priority points of an application and the lottery that breaks ties.

The default values follow the scheme of Catalonia's admission decree
(Decree 11/2021 on the programming of the educational offer and the
admission procedure, as applied in the yearly pre-registration rules),
summarised here in our own words:

- **siblings or a parent at the school** — a brother or sister already
  enrolled there, or a parent or legal guardian working there: 50 points;
- **proximity** — the family's usual home lies in an area the school
  serves: 30 points.  (The decree also gives 20 points when a parent's
  workplace lies in the area; Imant holds no workplace, so that criterion
  is not modelled);
- **socio-economic criterion** — the family receives the guaranteed
  citizen income or the minimum living income: 15 points.  Imant's
  ``disadvantaged`` flag stands for it.

The decree's complementary criteria (large or single-parent family,
disability, twins, foster care, victims of gender violence) only order
applications with equal priority points; Imant does not hold them, so the
lottery alone breaks ties.  NESE pupils get no points: the decree serves
them through reserved places (see ``mechanisms``).

Rules the code follows:

- Points are counted per application (one applicant, one school): the
  sibling flag is per application, proximity depends on the school, the
  socio-economic points on the family.
- When the administration supplied an application's points they are used
  as they are; a missing value (NaN) is derived as above.  The answer says
  which source was used: ``applications`` (all supplied), ``derived``
  (none) or ``mixed``.
- A zone change also moves supplied points: an application whose school
  gains (loses) the family's zone gains (loses) the proximity points.
- Lottery: one uniform random order of the applicants per draw, the same
  at every school (single tie-breaking, as in the Catalan public draw of a
  number that orders tied applications everywhere).  An application's
  ``key`` sorts by points (more first), then by that order; a lower key is
  a higher priority, and keys are unique.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

APPLICATIONS = "applications"
DERIVED = "derived"
MIXED = "mixed"


@dataclass(frozen=True)
class PointRules:
    """Points per criterion; defaults from the Catalan admission decree (module docstring)."""

    sibling: int = 50
    proximity: int = 30
    socioeconomic: int = 15

    def __post_init__(self) -> None:
        for name in ("sibling", "proximity", "socioeconomic"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"PointRules.{name} must be a non-negative integer, got {value!r}")


def derived_points(
    *, rules: PointRules, sibling: NDArray[np.bool_], proximity: NDArray[np.bool_],
    disadvantaged: NDArray[np.bool_],
) -> NDArray[np.float64]:
    """Points of each application from its sibling, proximity and socio-economic flags."""
    return (rules.sibling * sibling + rules.proximity * proximity
            + rules.socioeconomic * disadvantaged).astype(np.float64)


def application_points(
    *, supplied: NDArray[np.float64] | None, derived: NDArray[np.float64],
    proximity_shift: NDArray[np.float64],
) -> tuple[NDArray[np.float64], str]:
    """Supplied points where given (moved by a zone change), derived elsewhere, and the source."""
    if supplied is None:
        return derived, DERIVED
    given = ~np.isnan(supplied)
    points = np.where(given, supplied + proximity_shift, derived)
    if given.all():
        return points, APPLICATIONS
    return points, (MIXED if given.any() else DERIVED)


def priority_levels(*, points: NDArray[np.float64]) -> NDArray[np.int64]:
    """Dense rank of each application's points: 0 for the most points, equal points equal level."""
    _, level = np.unique(-points, return_inverse=True)
    return level.reshape(-1).astype(np.int64)


def priority_keys(
    *, levels: NDArray[np.int64], student: NDArray[np.intp], lottery: NDArray[np.intp],
) -> NDArray[np.int64]:
    """Unique int keys per application: more points first, then the applicant's lottery rank."""
    return levels * lottery.size + lottery[student]


def lottery_order(*, applicants: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """Each applicant's position in one uniform random order (0 is drawn first)."""
    rank = np.empty(applicants, dtype=np.intp)
    rank[rng.permutation(applicants)] = np.arange(applicants)
    return rank
