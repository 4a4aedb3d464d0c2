"""From a territory read to the count arrays the measures take: which source, which schools.

Source rule (per territory, year and focus group): the administration's
`SchoolYear` figures are used when every school *with data that year* has
usable figures for the group (an `enrolled_total` and an `enrolled_<group>`
between 0 and the total). Otherwise the family enrolments recorded on the
platform are used for *every* school of the territory, because official totals
and platform-recorded families are not comparable counts and one index must
compare like with like. A school "has data" in a year when it has an
`enrolled_total` figure or at least one family enrolment that year; schools
with neither hold no students that year (e.g. not yet open) and count as empty.
When there is no data at all the source is None and every index is undefined.

Multigroup M needs a true partition of the students. Figures only give
marginal counts (a student may be both disadvantaged and migrant), so M over
several groups is computed from family enrolments only, on the partition
migrant (of any background) / disadvantaged but not migrant / neither. The
two-group M of a focus group ({group, others}) is computed from the same
source as D, xPx, xPy and H.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from domain import indices

FOCUS_GROUPS = ("disadvantaged", "migrant", "nese")
PARTITION = ("migrant", "disadvantaged_not_migrant", "neither")
FIGURES, FAMILIES = "figures", "families"
NO_DATA = "no enrolment data for the year"
NO_FAMILIES = ("no family enrolments recorded: the figures give only marginal counts, "
               "so the groups cannot be crossed")
NO_PLACES_RECORDED = "no places recorded"
NO_DEMAND_DATA = "no application data for the year"


@dataclass(frozen=True)
class GroupCounts:
    """Counts of one focus group in every school of a territory for one year."""

    year: int
    group: str
    source: str | None
    schools: tuple[str, ...]
    a: np.ndarray
    t: np.ndarray
    without_figures: tuple[str, ...]

    @property
    def b(self) -> np.ndarray:
        return self.t - self.a

    @property
    def totals(self) -> tuple[int, int]:
        """(A, T): members of the group and all students in the territory."""
        return int(self.a.sum()), int(self.t.sum())

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {key: i for i, key in enumerate(self.schools)}

    def school(self, key: str) -> tuple[int, int]:
        """(a_i, t_i) of one school (0, 0 if it is not in the territory)."""
        i = self._rows.get(key)
        if i is None:
            return 0, 0
        return int(self.a[i]), int(self.t[i])


def usable_figure(fig: dict | None, group: str) -> bool:
    """A figure row with a total and a group count between 0 and the total."""
    if not fig:
        return False
    total, members = fig.get("enrolled_total"), fig.get(f"enrolled_{group}")
    return total is not None and members is not None and 0 <= int(members) <= int(total)


def group_counts(data: dict[str, Any], *, year: int, group: str) -> GroupCounts:
    """The counts of `group` in `year` for the schools of a territory read, by the source rule."""
    keys = tuple(s["school"] for s in data["schools"])
    figures, enrolments = data["figures"], data["enrolments"]
    with_data = [k for k in keys if (figures.get((k, year)) or {}).get("enrolled_total")
                 is not None or enrolments.get((k, year), {}).get("total", 0) > 0]
    missing = tuple(k for k in with_data if not usable_figure(figures.get((k, year)), group))
    if with_data and not missing:
        rows = [figures.get((k, year)) for k in keys]
        a = [int(r[f"enrolled_{group}"]) if r and usable_figure(r, group) else 0 for r in rows]
        t = [int(r["enrolled_total"]) if r and usable_figure(r, group) else 0 for r in rows]
        source = FIGURES
    elif any(enrolments.get((k, year), {}).get("total", 0) > 0 for k in keys):
        rows = [enrolments.get((k, year), {}) for k in keys]
        a = [r.get(group, 0) for r in rows]
        t = [r.get("total", 0) for r in rows]
        source = FAMILIES
    else:
        a = t = [0] * len(keys)
        source = None
    return GroupCounts(year=year, group=group, source=source, schools=keys,
                       a=np.asarray(a, dtype=np.int64), t=np.asarray(t, dtype=np.int64),
                       without_figures=missing)


def partition_counts(data: dict[str, Any], *, year: int) -> np.ndarray | None:
    """Schools × PARTITION counts from family enrolments, or None when none are recorded."""
    rows = [data["enrolments"].get((s["school"], year), {}) for s in data["schools"]]
    if not any(r.get("total", 0) for r in rows):
        return None
    migrant = np.array([r.get("migrant", 0) for r in rows], dtype=np.int64)
    dnm = np.array([r.get("disadvantaged_not_migrant", 0) for r in rows], dtype=np.int64)
    total = np.array([r.get("total", 0) for r in rows], dtype=np.int64)
    return np.column_stack((migrant, dnm, total - migrant - dnm))


def demand(data: dict[str, Any], *, school: dict, year: int) -> dict[str, Any]:
    """Demand ratio of one school in one year: figures, else rank-1 applications ÷ entry places.

    Family applications are used when the territory has any rank-1 application
    recorded that year (then a school without one truly has 0); otherwise the
    ratio is undefined for lack of data rather than 0.
    """
    key = school["school"]
    fig = data["figures"].get((key, year)) or {}
    apps, places = fig.get("first_choice_applications"), fig.get("places_offered")
    if apps is not None and places is not None:
        source = FIGURES
    elif any(y == year for (_, y) in data["first_choices"]):
        apps, places = data["first_choices"].get((key, year), 0), school.get("entry_places")
        source = FAMILIES
    else:
        return {"ratio": None, "reason": NO_DEMAND_DATA, "applications": None,
                "places": None, "source": None}
    if places is None:
        return {"ratio": None, "reason": NO_PLACES_RECORDED, "applications": int(apps),
                "places": None, "source": source}
    value = indices.demand_ratio(applications=int(apps), places=int(places))
    return {"ratio": value.value, "reason": value.reason, "applications": int(apps),
            "places": int(places), "source": source}


def has_school_data(data: dict[str, Any], *, school: str, year: int) -> bool:
    """True if the school has figures, family enrolments or applications in `year`."""
    return ((school, year) in data["figures"] or (school, year) in data["enrolments"]
            or (school, year) in data["first_choices"])


def restrict(data: dict[str, Any], *, schools: list[dict]) -> dict[str, Any]:
    """The same read limited to some of its schools (e.g. one zone of a programme read)."""
    return {**data, "schools": schools}


@dataclass(frozen=True)
class TerritoryArrays:
    """Counts of one focus group for many territories at once, one row per school.

    `inverse[i]` is the row in `territories` of school i's territory; `source`
    holds the source used per territory ("figures", "families" or None).
    """

    territories: np.ndarray
    inverse: np.ndarray
    schools: tuple[str, ...]
    a: np.ndarray
    t: np.ndarray
    source: np.ndarray


def territory_arrays(data: dict[str, Any], *, year: int, group: str,
                     by: str = "municipality") -> TerritoryArrays:
    """The source rule of `group_counts`, applied to every territory (`by` = "zone" or
    "municipality") of a programme read at once; schools outside any territory are left out."""
    schools = [s for s in data["schools"] if s.get(by) is not None]
    keys = tuple(s["school"] for s in schools)
    figs = [data["figures"].get((k, year)) or {} for k in keys]
    fams = [data["enrolments"].get((k, year)) or {} for k in keys]
    usable = np.array([usable_figure(f, group) for f in figs], dtype=bool)
    has_figure = np.array([f.get("enrolled_total") is not None for f in figs], dtype=bool)
    fam_t = np.array([r.get("total", 0) for r in fams], dtype=np.int64)
    fam_a = np.array([r.get(group, 0) for r in fams], dtype=np.int64)
    fig_t = np.array([int(f["enrolled_total"]) if u else 0 for f, u in zip(figs, usable,
                                                                            strict=True)],
                     dtype=np.int64)
    fig_a = np.array([int(f[f"enrolled_{group}"]) if u else 0 for f, u in zip(figs, usable,
                                                                               strict=True)],
                     dtype=np.int64)
    territories, inverse = np.unique(np.array([s[by] for s in schools], dtype=object),
                                     return_inverse=True)
    inverse = inverse.reshape(-1).astype(np.intp)
    k = territories.size
    has_data = has_figure | (fam_t > 0)
    missing = np.bincount(inverse, weights=has_data & ~usable, minlength=k) > 0
    any_data = np.bincount(inverse, weights=has_data, minlength=k) > 0
    any_family = np.bincount(inverse, weights=fam_t > 0, minlength=k) > 0
    use_figures = any_data & ~missing
    use_families = ~use_figures & any_family
    pick_fig, pick_fam = use_figures[inverse], use_families[inverse]
    return TerritoryArrays(
        territories=territories, inverse=inverse, schools=keys,
        a=np.where(pick_fig, fig_a, np.where(pick_fam, fam_a, 0)),
        t=np.where(pick_fig, fig_t, np.where(pick_fam, fam_t, 0)),
        source=np.where(use_figures, FIGURES, np.where(use_families, FAMILIES, None)))
