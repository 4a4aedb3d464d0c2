"""Composition, demand and segregation indicators as pure, vectorised functions.

Notation (DESIGN.md, "Indicators"): in a territory, school ``i`` has ``a_i``
students of the focus group and ``b_i`` others, ``t_i = a_i + b_i``,
``A = Σa_i``, ``B = Σb_i``, ``T = A + B``.

An undefined value is never reported as 0.  Single results carry ``None``
plus a ``reason``; the grouped (per territory) functions return arrays with
NaN plus a parallel array of reason codes (``REASONS[code]``), turned into
``None`` + reason by ``result()`` at the edge.

What is undefined, index by index:

- every index: a territory with no students (``T = 0``);
- D, xPx, xPy, H: a focus group with no members (``A = 0``) or no students
  outside it (``B = 0``), i.e. a one-group territory;
- D and H: fewer than two schools *holding students* (schools with
  ``t_i = 0`` are skipped from every sum).  With one school D and H would be
  0, which would read as "no segregation" where there is nothing to compare.
  xPx and xPy stay defined there: they then equal the group's share of the
  territory and of the others, which is what a group member meets;
- M: fewer than two groups present, or fewer than two schools holding
  students; the local ``L_i`` of a school without students is undefined;
- composition gap: no students in the school or in the territory (a gap of 0
  when both shares are equal, even both 0, is a true 0);
- demand ratio: no places offered.

When several apply, the reason is the first in the order listed above
(territory, group, schools), so it explains every None of the result.
Small counts: ``suppress`` hides 1 to ``threshold - 1`` and shows 0, as in
common statistical practice.

Schools and groups with no students are skipped (``0·ln 0 = 0``).  Rounding
can push a value a few ulps past the bounds of its index; D and H are clipped
to [0, 1] and M and ``L_i`` to ``[0, ∞)``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from numbers import Integral

import numpy as np
from numpy.typing import ArrayLike, NDArray

NO_STUDENTS = "no students in territory"
NO_MEMBERS = "no members of group"
NO_OTHERS = "no students outside group"
ONE_GROUP = "only one group present"
ONE_SCHOOL = "only one school"
NO_SCHOOL_STUDENTS = "no students in school"
NO_PLACES = "no places offered"

#: Reason codes of the grouped arrays; code 0 means "defined".
REASONS: tuple[str | None, ...] = (None, NO_STUDENTS, NO_MEMBERS, NO_OTHERS, ONE_GROUP, ONE_SCHOOL)
_CODE = {reason: code for code, reason in enumerate(REASONS)}

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Value:
    """A single indicator value, or None with the reason it is undefined."""

    value: float | None
    reason: str | None = None


@dataclass(frozen=True)
class Segregation:
    """Two-group indices of one territory; ``schools`` counts schools with students."""

    D: float | None
    xPx: float | None
    xPy: float | None
    H: float | None
    schools: int
    reason: str | None


@dataclass(frozen=True)
class MutualInformation:
    """Mutual information M of one territory with local ``L_i`` and weights ``p_i`` per school."""

    M: float | None
    local: tuple[float | None, ...]
    weights: tuple[float | None, ...]
    schools: int
    reason: str | None


class _ReadOnlyArrays:
    """Make every array field read-only so a frozen table stays frozen."""

    def __post_init__(self) -> None:
        for field in fields(self):  # type: ignore[arg-type]
            getattr(self, field.name).setflags(write=False)


@dataclass(frozen=True, eq=False)
class SegregationTable(_ReadOnlyArrays):
    """Two-group indices of many territories, one row per sorted territory id."""

    territories: NDArray[np.generic]
    D: Floats
    xPx: Floats
    xPy: Floats
    H: Floats
    schools: NDArray[np.int64]
    reason: NDArray[np.int8]

    def result(self, index: int) -> Segregation:
        """Row ``index`` with NaN turned into None."""
        return Segregation(
            D=_maybe(self.D[index]),
            xPx=_maybe(self.xPx[index]),
            xPy=_maybe(self.xPy[index]),
            H=_maybe(self.H[index]),
            schools=int(self.schools[index]),
            reason=REASONS[self.reason[index]],
        )

    def results(self) -> dict[object, Segregation]:
        """Every row, keyed by territory id."""
        return {tid.item(): self.result(k) for k, tid in enumerate(self.territories)}


@dataclass(frozen=True, eq=False)
class MutualInformationTable(_ReadOnlyArrays):
    """M of many territories; ``local``, ``weights`` and ``school_territory`` follow input rows."""

    territories: NDArray[np.generic]
    M: Floats
    schools: NDArray[np.int64]
    reason: NDArray[np.int8]
    school_territory: NDArray[np.intp]
    local: Floats
    weights: Floats

    def result(self, index: int, *, rows: NDArray[np.intp] | None = None) -> MutualInformation:
        """Territory ``index`` with its schools (``rows``) in input order, NaN turned into None."""
        if rows is None:
            rows = np.flatnonzero(self.school_territory == index)
        return MutualInformation(
            M=_maybe(self.M[index]),
            local=tuple(_maybe(x) for x in self.local[rows]),
            weights=tuple(_maybe(x) for x in self.weights[rows]),
            schools=int(self.schools[index]),
            reason=REASONS[self.reason[index]],
        )

    def results(self) -> dict[object, MutualInformation]:
        """Every territory, keyed by territory id."""
        # One stable sort instead of a scan of all schools per territory.
        order = np.argsort(self.school_territory, kind="stable")
        k = self.territories.size
        bounds = np.searchsorted(self.school_territory[order], np.arange(k + 1))
        return {
            self.territories[i].item(): self.result(i, rows=order[bounds[i] : bounds[i + 1]])
            for i in range(k)
        }


def reason_for(code: int) -> str | None:
    """The reason string of a grouped reason code (None for a defined value)."""
    return REASONS[code]


def segregation(*, a: ArrayLike, b: ArrayLike) -> Segregation:
    """D, xPx, xPy and H of one territory from per-school counts of the group and the others."""
    av, bv = _count_pair(a=a, b=b)
    table = _segregation_table(
        territories=np.zeros(1, dtype=np.int64),
        inverse=np.zeros(av.size, dtype=np.intp),
        a=av,
        b=bv,
    )
    return table.result(0)


def segregation_by_territory(
    *, territory_ids: ArrayLike, a: ArrayLike, b: ArrayLike
) -> SegregationTable:
    """D, xPx, xPy and H of every territory at once; one input row per school."""
    av, bv = _count_pair(a=a, b=b)
    territories, inverse = _territory_index(territory_ids=territory_ids, size=av.size)
    return _segregation_table(territories=territories, inverse=inverse, a=av, b=bv)


def mutual_information(*, counts: ArrayLike) -> MutualInformation:
    """Multigroup mutual information M of one territory from a schools × groups count matrix."""
    n = _counts(counts, name="counts", ndim=2)
    table = _mutual_information_table(
        territories=np.zeros(1, dtype=np.int64),
        inverse=np.zeros(n.shape[0], dtype=np.intp),
        n=n,
    )
    return table.result(0)


def mutual_information_by_territory(
    *, territory_ids: ArrayLike, counts: ArrayLike
) -> MutualInformationTable:
    """M of every territory at once from a schools × groups count matrix."""
    n = _counts(counts, name="counts", ndim=2)
    territories, inverse = _territory_index(territory_ids=territory_ids, size=n.shape[0])
    return _mutual_information_table(territories=territories, inverse=inverse, n=n)


def composition_gap(*, a_i: int, t_i: int, A: int, T: int) -> Value:  # noqa: N803
    """Group share of school i minus that of its territory, in percentage points."""
    for name, count in (("a_i", a_i), ("t_i", t_i), ("A", A), ("T", T)):
        _check_count(count, name=name)
    if a_i > t_i or A > T or t_i > T:
        raise ValueError("need a_i <= t_i <= T and A <= T")
    if T == 0:
        return Value(None, NO_STUDENTS)
    if t_i == 0:
        return Value(None, NO_SCHOOL_STUDENTS)
    # One division of exact integers: equal shares give exactly 0.
    return Value(100.0 * (a_i * T - A * t_i) / (t_i * T))


def demand_ratio(*, applications: int, places: int) -> Value:
    """First-choice applications divided by places offered at the entry grade."""
    _check_count(applications, name="applications")
    _check_count(places, name="places")
    if places == 0:
        return Value(None, NO_PLACES)
    return Value(applications / places)


def suppress(count: int, *, threshold: int = 5) -> int | None:
    """Hide a count from 1 to ``threshold - 1`` (None); 0 and larger counts are shown."""
    # 0 is shown, as in common statistical practice; only 1..threshold-1 are hidden.
    _check_count(count, name="count")
    if isinstance(threshold, bool) or not isinstance(threshold, Integral) or threshold < 1:
        raise ValueError("threshold must be a positive integer")
    return None if 0 < count < threshold else int(count)


def _segregation_table(
    *, territories: NDArray[np.generic], inverse: NDArray[np.intp], a: Floats, b: Floats
) -> SegregationTable:
    """Grouped two-group indices; ``inverse[i]`` is the territory row of school i."""
    k = territories.size
    t = a + b
    A = _sum_by(inverse, a, k)
    B = _sum_by(inverse, b, k)
    A_i, B_i = A[inverse], B[inverse]
    sA, sB = _nonzero(A), _nonzero(B)
    # |a_i/A − b_i/B| = |a_i B − b_i A| / (A B): integer-valued products, exact evenness.
    d = 0.5 * _sum_by(inverse, np.abs(a * B_i - b * A_i), k) / (sA * sB)
    t_safe = _nonzero(t)
    xpx = _sum_by(inverse, a * a / t_safe, k) / sA
    xpy = _sum_by(inverse, a * b / t_safe, k) / sA
    h = 1.0 - _sum_by(inverse, np.sqrt(a * b), k) / np.sqrt(sA * sB)
    schools = _sum_by(inverse, t > 0, k).astype(np.int64)
    reason = _code_array(
        k,
        (A + B == 0, NO_STUDENTS),
        (A == 0, NO_MEMBERS),
        (B == 0, NO_OTHERS),
        (schools < 2, ONE_SCHOOL),
    )
    exposure_ok = (reason == 0) | (reason == _CODE[ONE_SCHOOL])
    return SegregationTable(
        territories=territories,
        D=np.where(reason == 0, np.clip(d, 0.0, 1.0), np.nan),
        xPx=np.where(exposure_ok, xpx, np.nan),
        xPy=np.where(exposure_ok, xpy, np.nan),
        H=np.where(reason == 0, np.clip(h, 0.0, 1.0), np.nan),
        schools=schools,
        reason=reason,
    )


def _mutual_information_table(
    *, territories: NDArray[np.generic], inverse: NDArray[np.intp], n: Floats
) -> MutualInformationTable:
    """Grouped M = Σ_i p_i L_i; ``n`` is schools × groups."""
    k, groups = territories.size, n.shape[1]
    # One bincount over (territory, group) cells instead of a loop over groups.
    cells = (inverse[:, None] * groups + np.arange(groups)).ravel()
    N = np.bincount(cells, weights=n.ravel(), minlength=k * groups).reshape(k, groups)
    T = N.sum(axis=1)
    t = n.sum(axis=1)
    T_i = T[inverse]
    # ln(p_g|i / p_g) = ln(n_ig T / (t_i N_g)); cells with n_ig = 0 contribute 0.
    ratio = np.divide(n * T_i[:, None], t[:, None] * N[inverse], out=np.ones_like(n), where=n > 0)
    local = np.maximum((n / _nonzero(t)[:, None] * np.log(ratio)).sum(axis=1), 0.0)
    weights = t / _nonzero(T_i)
    schools = _sum_by(inverse, t > 0, k).astype(np.int64)
    reason = _code_array(
        k,
        (T == 0, NO_STUDENTS),
        ((N > 0).sum(axis=1) < 2, ONE_GROUP),
        (schools < 2, ONE_SCHOOL),
    )
    defined_i = (reason[inverse] == 0) & (t > 0)
    return MutualInformationTable(
        territories=territories,
        M=np.where(reason == 0, _sum_by(inverse, weights * local, k), np.nan),
        schools=schools,
        reason=reason,
        school_territory=inverse,
        local=np.where(defined_i, local, np.nan),
        weights=np.where(T_i > 0, weights, np.nan),
    )


def _sum_by(inverse: NDArray[np.intp], values: ArrayLike, k: int) -> Floats:
    """Sum of ``values`` per territory row (float sums of integers are exact below 2**53)."""
    return np.bincount(inverse, weights=values, minlength=k)


def _nonzero(values: Floats) -> Floats:
    """Denominators with 0 replaced by 1; results on those rows are masked afterwards."""
    return np.where(values == 0, 1.0, values)


def _code_array(k: int, *rules: tuple[NDArray[np.bool_], str]) -> NDArray[np.int8]:
    """Reason code per territory: the first matching rule wins, 0 where none matches."""
    codes = np.select([mask for mask, _ in rules], [_CODE[reason] for _, reason in rules], 0)
    return np.asarray(codes, dtype=np.int8).reshape(k)


def _territory_index(
    *, territory_ids: ArrayLike, size: int
) -> tuple[NDArray[np.generic], NDArray[np.intp]]:
    """Sorted distinct territory ids and, per school, the row of its territory."""
    ids = np.asarray(territory_ids)
    if ids.ndim != 1 or ids.size != size:
        raise ValueError("territory_ids must be one id per school")
    territories, inverse = np.unique(ids, return_inverse=True)
    return territories, inverse.reshape(-1).astype(np.intp)


def _count_pair(*, a: ArrayLike, b: ArrayLike) -> tuple[Floats, Floats]:
    """Validated per-school counts of the group and of the others."""
    av, bv = _counts(a, name="a", ndim=1), _counts(b, name="b", ndim=1)
    if av.shape != bv.shape:
        raise ValueError("a and b must have one count per school each")
    return av, bv


def _counts(values: ArrayLike, *, name: str, ndim: int) -> Floats:
    """Non-negative whole counts as integer-valued floats of the given dimension."""
    arr = np.asarray(values)
    if arr.size == 0:
        arr = arr.reshape((0,) * ndim) if arr.ndim != ndim else arr
        return arr.astype(np.float64)
    if arr.ndim != ndim or arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must be a {ndim}-D array of counts")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(arr != np.floor(arr)):
        raise ValueError(f"{name} must hold non-negative whole numbers")
    return arr.astype(np.float64)


def _check_count(value: object, *, name: str) -> None:
    """Raise ValueError unless ``value`` is a non-negative integer."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer")


def _maybe(value: float) -> float | None:
    """None for NaN, a plain float otherwise."""
    return None if np.isnan(value) else float(value)
