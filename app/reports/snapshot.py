"""A tenant's network read once and indexed, with its territory indicators for every year.

Reports and bundles are built from this one snapshot: one batched graph read
per aggregate, then dictionary look-ups only. Territory indices come from the
pure functions of app.indicators.measures, computed for every zone and
municipality and every year in one grouped call per focus group.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.extensions import graph
from app.indicators.measures import mutual_information_by_territory, segregation_by_territory
from graph.model import FocusGroup
from graph.reports import read_network

FIGURES = ("places_offered", "first_choice_applications", "enrolled_total",
           "enrolled_disadvantaged", "enrolled_migrant", "enrolled_nese")
LEVELS = ("zone", "municipality")


@dataclass
class Network:
    """Rows of one tenant by key, plus the look-ups reports need."""

    tenant: str
    municipalities: dict[str, dict] = field(default_factory=dict)
    zones: dict[str, dict] = field(default_factory=dict)
    partners: dict[str, dict] = field(default_factory=dict)
    schools: dict[str, dict] = field(default_factory=dict)
    alliances: dict[str, dict] = field(default_factory=dict)
    alliances_by_school: dict[str, list[dict]] = field(default_factory=dict)
    contributions: dict[str, list[dict]] = field(default_factory=dict)
    assessments: dict[str, list[dict]] = field(default_factory=dict)
    measures: dict[str, dict] = field(default_factory=dict)
    school_years: dict[tuple[str, int], dict] = field(default_factory=dict)
    years_by_school: dict[str, list[int]] = field(default_factory=dict)
    # (level, territory key, year, focus group) -> raw indicator values
    territory: dict[tuple[str, str, int, str], dict] = field(default_factory=dict)

    def municipality_of(self, school_key: str) -> str | None:
        zone = self.zones.get(self.schools[school_key].get("zone") or "")
        return zone.get("municipality") if zone else None

    def territory_of(self, school_key: str, level: str) -> str | None:
        if level == "zone":
            return self.schools[school_key].get("zone")
        return self.municipality_of(school_key)

    @property
    def years(self) -> list[int]:
        return sorted({year for _, year in self.school_years})


def load_network(*, tenant: str) -> Network:
    """Read the tenant's network in one read transaction and index it."""
    return build_network(tenant=tenant, raw=graph.read(read_network, tenant=tenant))


def build_network(*, tenant: str, raw: dict[str, list[dict]]) -> Network:
    """Index raw rows (as read_network returns them) and compute territory indicators."""
    net = Network(tenant=tenant)
    for name in ("municipalities", "zones", "partners", "schools", "measures"):
        setattr(net, name, {row["key"]: dict(row) for row in raw[name]})
    _index_alliances(net, raw)
    for row in raw["contributions"]:
        net.contributions.setdefault(row["alliance"], []).append(row)
    for row in raw["assessments"]:
        net.assessments.setdefault(row["alliance"], []).append(row)
    for measure in net.measures.values():
        measure["schools"] = []
    for row in raw["measure_coverage"]:
        net.measures[row["measure"]]["schools"].append(row["school"])
    for row in raw["school_years"]:
        if row["year"] is None or row["school"] not in net.schools:
            continue
        net.school_years[(row["school"], int(row["year"]))] = row
        net.years_by_school.setdefault(row["school"], []).append(int(row["year"]))
    for years in net.years_by_school.values():
        years.sort()
    net.territory = territory_indicators(net)
    return net


def _index_alliances(net: Network, raw: dict[str, list[dict]]) -> None:
    for row in raw["alliances"]:
        net.alliances[row["key"]] = {**row, "partners": []}
    for row in raw["alliance_partners"]:
        if row["alliance"] in net.alliances:
            net.alliances[row["alliance"]]["partners"].append(row["partner"])
    by_school: dict[str, list[dict]] = defaultdict(list)
    for alliance in net.alliances.values():
        if alliance.get("school"):
            by_school[alliance["school"]].append(alliance)
    for rows in by_school.values():
        rows.sort(key=lambda a: (a.get("start_year") or 0, a["key"]))
    net.alliances_by_school = dict(by_school)


def _focus_count(row: dict, group: str) -> int | None:
    value = row.get(f"enrolled_{group}")
    total = row.get("enrolled_total")
    if value is None or total is None or value < 0 or value > total:
        return None
    return int(value)


def territory_indicators(net: Network) -> dict[tuple[str, str, int, str], dict]:
    """D, xPx, xPy, H and M of every zone and municipality, year and focus group."""
    out: dict[tuple[str, str, int, str], dict] = {}
    for level in LEVELS:
        for group in FocusGroup:
            ids, a, b = [], [], []
            for (school, year), row in net.school_years.items():
                territory = net.territory_of(school, level)
                focus = _focus_count(row, group.value)
                if territory is None or focus is None:
                    continue
                ids.append(f"{territory}\x1f{year}")
                a.append(focus)
                b.append(int(row["enrolled_total"]) - focus)
            if ids:
                out.update(_grouped(level, group.value, ids, a, b))
    return out


def _grouped(level: str, group: str, ids: list[str], a: list[int],
             b: list[int]) -> dict[tuple[str, str, int, str], dict]:
    seg = segregation_by_territory(territory_ids=ids, a=a, b=b)
    mi = mutual_information_by_territory(territory_ids=ids,
                                         counts=np.column_stack((a, b)))
    inverse = np.unique(ids, return_inverse=True)[1].ravel()
    focus, others = np.bincount(inverse, weights=a), np.bincount(inverse, weights=b)
    out = {}
    for k, territory_year in enumerate(seg.territories.tolist()):
        territory, year = territory_year.split("\x1f")
        row = seg.result(k)
        out[(level, territory, int(year), group)] = {
            "schools": row.schools, "focus": int(focus[k]), "others": int(others[k]),
            "D": row.D, "xPx": row.xPx, "xPy": row.xPy, "H": row.H,
            "M": _nan_none(mi.M[k]), "reason": row.reason,
        }
    return out


def _nan_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def active_in(year: int, start: Any, end: Any) -> bool:
    """True if a measure dated start..end (ISO dates, end optional) covers part of a school year."""
    first, last = f"{year}-09-01", f"{year + 1}-08-31"
    starts = str(start) if start else "0000"
    ends = str(end) if end else "9999"
    return starts <= last and ends >= first
