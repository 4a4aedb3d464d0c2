"""The inputs of one admission: applicants with ranked choices, schools with places and areas.

Rules the code follows:

- One territory and entry year.  Applicants are rows ``0..n-1``, schools
  ``0..S-1``, zones ``0..Z-1``.
- ``choices`` is an ``n × K`` int matrix of school rows, most wanted
  first, padded at the end with ``-1``.  A school appears at most once in a
  row; a ``-1`` is never followed by a school.  An applicant with no choice
  is allowed: they stay unassigned.
- ``points`` (optional) has the shape of ``choices``: the points the
  administration gave each application, NaN where it gave none.
  ``sibling`` (optional, same shape) flags a sibling or a parent at the
  school of that application.
- ``serves`` is an ``S × Z`` boolean matrix: school ``s`` counts as near
  for families living in zone ``z`` when ``serves[s, z]``.
- Bad input raises ``ValueError`` naming the field and the value.

Internally the applications are flattened row by row (``Flat``): the
applicant, school and rank of each, with ``start[i]`` the first application
of applicant ``i``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Bools = NDArray[np.bool_]
Ints = NDArray[np.intp]


@dataclass(frozen=True, eq=False)
class Applicants:
    """The applicants of one territory and entry year (see the module docstring)."""

    choices: Ints
    home_zone: Ints
    nese: Bools
    disadvantaged: Bools
    migrant: Bools
    points: NDArray[np.float64] | None = None
    sibling: Bools | None = None

    @property
    def size(self) -> int:
        return int(self.choices.shape[0])


@dataclass(frozen=True, eq=False)
class Schools:
    """Places at the entry grade per school and the zones each school serves."""

    places: Ints
    serves: Bools

    @property
    def size(self) -> int:
        return int(self.places.size)


@dataclass(frozen=True, eq=False)
class Flat:
    """Applications flattened applicant by applicant, in rank order."""

    student: Ints
    school: Ints
    rank: Ints
    start: Ints
    length: Ints

    @property
    def size(self) -> int:
        return int(self.student.size)


def make_applicants(
    *, choices: ArrayLike, home_zone: ArrayLike, nese: ArrayLike, disadvantaged: ArrayLike,
    migrant: ArrayLike, points: ArrayLike | None = None, sibling: ArrayLike | None = None,
) -> Applicants:
    """Validated applicants; every array has one row per applicant."""
    ch = _int_array(choices, name="choices", ndim=2)
    n = ch.shape[0]
    if np.any(ch < -1):
        raise ValueError(f"choices must hold school rows or -1, got {int(ch.min())}")
    _check_padding(ch)
    flags = {name: _bool_array(value, name=name, size=n) for name, value in
             (("nese", nese), ("disadvantaged", disadvantaged), ("migrant", migrant))}
    zone = _int_array(home_zone, name="home_zone", ndim=1)
    _check_rows(zone, name="home_zone", n=n)
    if zone.size and zone.min() < 0:
        raise ValueError(f"home_zone must be a zone row (>= 0), got {int(zone.min())}")
    return Applicants(choices=ch, home_zone=zone, **flags,
                      points=_per_choice_points(points, ch),
                      sibling=None if sibling is None else _per_choice_sibling(sibling, ch))


def make_schools(*, places: ArrayLike, serves: ArrayLike) -> Schools:
    """Validated schools: places per school and the ``S × Z`` proximity matrix."""
    p = _int_array(places, name="places", ndim=1)
    if p.size and p.min() < 0:
        raise ValueError(f"places must be >= 0, got {int(p.min())}")
    sv = np.asarray(serves)
    if sv.ndim != 2 or sv.shape[0] != p.size or sv.dtype != np.bool_:
        raise ValueError(f"serves must be a boolean matrix with one row per school ({p.size}), "
                         f"got shape {sv.shape} of {sv.dtype}")
    return Schools(places=p, serves=sv)


def serves_from_pairs(*, school: ArrayLike, zone: ArrayLike, schools: int, zones: int) -> Bools:
    """The ``S × Z`` proximity matrix from (school, zone) pairs."""
    s = _int_array(school, name="school", ndim=1)
    z = _int_array(zone, name="zone", ndim=1)
    _check_rows(z, name="zone", n=s.size)
    _check_range(s, name="school", bound=schools)
    _check_range(z, name="zone", bound=zones)
    serves = np.zeros((schools, zones), dtype=bool)
    serves[s, z] = True
    return serves


def check_fit(applicants: Applicants, schools: Schools) -> None:
    """Raise unless every chosen school and every home zone exists."""
    _check_range(applicants.choices[applicants.choices >= 0], name="choices", bound=schools.size)
    _check_range(applicants.home_zone, name="home_zone", bound=schools.serves.shape[1])


def flatten(choices: Ints) -> Flat:
    """The applications of a padded choice matrix, applicant by applicant."""
    valid = choices >= 0
    student, rank = np.nonzero(valid)
    length = valid.sum(axis=1).astype(np.intp)
    start = np.concatenate(([0], np.cumsum(length)[:-1])).astype(np.intp)
    return Flat(student=student.astype(np.intp), school=choices[valid].astype(np.intp),
                rank=rank.astype(np.intp), start=start, length=length)


def _check_padding(choices: Ints) -> None:
    valid = choices >= 0
    gap = ~valid[:, :-1] & valid[:, 1:]
    if gap.any():
        row = int(np.nonzero(gap.any(axis=1))[0][0])
        raise ValueError(f"choices row {row} has a school after a -1: {choices[row].tolist()}")
    ordered = np.sort(np.where(valid, choices, -1 - np.arange(choices.shape[1])), axis=1)
    repeated = (ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] >= 0)
    if repeated.any():
        row = int(np.nonzero(repeated.any(axis=1))[0][0])
        raise ValueError(f"choices row {row} names a school twice: {choices[row].tolist()}")


def _per_choice_points(points: ArrayLike | None, choices: Ints) -> NDArray[np.float64] | None:
    if points is None:
        return None
    p = np.asarray(points, dtype=np.float64)
    if p.shape != choices.shape:
        raise ValueError(f"points must have the shape of choices {choices.shape}, got {p.shape}")
    if np.isinf(p).any():
        raise ValueError("points must be finite numbers or NaN (not supplied)")
    return np.where(choices >= 0, p, np.nan)


def _per_choice_sibling(sibling: ArrayLike, choices: Ints) -> Bools:
    sb = np.asarray(sibling)
    if sb.shape != choices.shape or sb.dtype != np.bool_:
        raise ValueError(f"sibling must be a boolean matrix of shape {choices.shape}, "
                         f"got shape {sb.shape} of {sb.dtype}")
    return sb & (choices >= 0)


def _int_array(values: ArrayLike, *, name: str, ndim: int) -> Ints:
    arr = np.asarray(values)
    if arr.size == 0 and arr.ndim <= ndim:
        return arr.reshape((0,) * ndim).astype(np.intp)
    if arr.ndim != ndim or arr.dtype.kind not in "iu":
        raise ValueError(f"{name} must be a {ndim}-D integer array, got {arr.ndim}-D {arr.dtype}")
    return arr.astype(np.intp)


def _bool_array(values: ArrayLike, *, name: str, size: int) -> Bools:
    arr = np.asarray(values)
    if arr.dtype != np.bool_ or arr.shape != (size,):
        raise ValueError(f"{name} must be a boolean array of one flag per applicant ({size}), "
                         f"got shape {arr.shape} of {arr.dtype}")
    return arr


def _check_rows(arr: Ints, *, name: str, n: int) -> None:
    if arr.size != n:
        raise ValueError(f"{name} must have one value per row ({n}), got {arr.size}")


def _check_range(arr: Ints, *, name: str, bound: int) -> None:
    if arr.size and arr.max() >= bound:
        raise ValueError(f"{name} names row {int(arr.max())}, but there are only {bound}")
