"""A tenant's network read once and indexed, with its indicators for every school and year.

Reports and bundles are built from this one snapshot: one read transaction
(a handful of whole-tenant statements), then dictionary look-ups only. The
enrolment and application counts come from the indicators' own programme read
(graph.indicators.read_territory_counts) and go through the indicators' source
rule (domain.counts: official figures where complete, else family
enrolments), so a report shows the numbers the indicator pages show.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from domain import counts as ic
from domain.indices import mutual_information_by_territory, segregation_by_territory
from graph.driver import GraphClient
from graph.reports import read_snapshot

FOCUS_GROUPS = ic.FOCUS_GROUPS
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
    years: list[int] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)
    # (level, territory key, year, group) -> indices and totals
    territory: dict[tuple[str, str, int, str], dict] = field(default_factory=dict)
    # (school, year, group) -> (members, students) by the source of the school's zone
    composition: dict[tuple[str, int, str], tuple[int, int]] = field(default_factory=dict)
    # (school, year, group) -> the source of those counts ("figures" or "families")
    sources: dict[tuple[str, int, str], str | None] = field(default_factory=dict)
    # alliance key -> why its recorded data cannot be used (its reports fail, others go on)
    invalid: dict[str, str] = field(default_factory=dict)
    # planning records by kind ("objectives", "actions", ...), each a list of rows
    planning: dict[str, list[dict]] = field(default_factory=dict)

    def planning_of(self, kind: str, alliance: str) -> list[dict]:
        """One alliance's planning rows of `kind`, in the order read."""
        index = self.__dict__.setdefault("_planning_index", {})
        if kind not in index:
            grouped: dict[str, list[dict]] = defaultdict(list)
            for row in self.planning.get(kind, []):
                grouped[row["alliance"]].append(row)
            index[kind] = grouped
        return index[kind].get(alliance, [])

    def municipality_of(self, school_key: str) -> str | None:
        zone = self.zones.get(self.schools[school_key].get("zone") or "")
        return zone.get("municipality") if zone else None

    def territory_of(self, school_key: str, level: str) -> str | None:
        if level == "zone":
            return self.schools[school_key].get("zone")
        return self.municipality_of(school_key)

    def has_data(self, school_key: str, year: int) -> bool:
        return ic.has_school_data(self.counts, school=school_key, year=year)

    def figures(self, school_key: str, year: int) -> dict:
        return self.counts["figures"].get((school_key, year)) or {}

    def demand(self, school_key: str, year: int) -> dict[str, Any]:
        row = self._count_rows.get(school_key, {"school": school_key})
        return ic.demand(self.counts, school=row, year=year)

    @property
    def _count_rows(self) -> dict[str, dict]:
        rows = self.__dict__.get("_rows")
        if rows is None:
            rows = self.__dict__["_rows"] = {s["school"]: s for s in self.counts["schools"]}
        return rows


def load_network(*, client: GraphClient, tenant: str) -> Network:
    """Read the tenant's network and counts in one read transaction and index them."""
    return build_network(tenant=tenant, snapshot=client.read(read_snapshot, tenant=tenant))


def build_network(*, tenant: str, snapshot: dict[str, Any]) -> Network:
    """Index a read_snapshot() result and compute every territory's indicators."""
    raw = snapshot["network"]
    net = Network(tenant=tenant, years=list(snapshot["years"]), counts=snapshot["counts"],
                  planning=snapshot.get("planning") or {})
    for name in ("municipalities", "zones", "partners", "schools", "measures"):
        setattr(net, name, {row["key"]: dict(row) for row in raw[name]})
    _index_alliances(net, raw)
    _index_activity(net, raw)
    for measure in net.measures.values():
        measure["schools"] = []
    for row in raw["measure_coverage"]:
        net.measures[row["measure"]]["schools"].append(row["school"])
    _indicators(net)
    return net


PEOPLE = ("teachers", "students", "families")


def sum_contributions(alliance: str, items: list[list]) -> list[dict]:
    """Contributions summed per school year and kind: activities, hours, people reached."""
    sums: dict[tuple[int, str], dict] = {}
    for year, kind, hours, *people in items:
        if year is None:
            continue
        key = (int(year), kind or "other")
        row = sums.setdefault(key, {"alliance": alliance, "year": key[0], "kind": key[1],
                                    "activities": 0, "hours": 0.0,
                                    **dict.fromkeys(PEOPLE, 0)})
        row["activities"] += 1
        row["hours"] += float(hours or 0)
        for name, value in zip(PEOPLE, people, strict=True):
            row[name] += int(value or 0)
    return [sums[k] for k in sorted(sums)]


def _index_activity(net: Network, raw: dict[str, list[dict]]) -> None:
    for row in raw["contributions"]:
        key = row["alliance"]
        try:
            net.contributions[key] = sum_contributions(key, row["items"])
        except (TypeError, ValueError) as exc:
            net.invalid[key] = f"a contribution of alliance {key} is unreadable: {exc}"
    for row in raw["assessments"]:
        net.assessments[row["alliance"]] = [
            {"key": key, "alliance": row["alliance"], "year": year, "component": component,
             "stage": stage, "benchmarks": benchmarks}
            for key, year, component, stage, benchmarks in row["items"]]


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


def _indicators(net: Network) -> None:
    """Indices of every zone and municipality, and each school's counts, for every year."""
    for year in net.years:
        for group in FOCUS_GROUPS:
            for level in LEVELS:
                arrays = ic.territory_arrays(net.counts, year=year, group=group, by=level)
                if arrays.territories.size:
                    net.territory.update(_grouped(level, year, group, arrays))
                if level == "zone":
                    for key, a, t, row in zip(arrays.schools, arrays.a.tolist(),
                                              arrays.t.tolist(), arrays.inverse.tolist(),
                                              strict=True):
                        net.composition[(key, year, group)] = (a, t)
                        net.sources[(key, year, group)] = arrays.source[row]
            _without_zone(net, year, group)


def _without_zone(net: Network, year: int, group: str) -> None:
    """A school outside any zone: its own counts by the same source rule."""
    for row in net.counts["schools"]:
        if row.get("zone") is None:
            counts = ic.group_counts(ic.restrict(net.counts, schools=[row]), year=year,
                                     group=group)
            net.composition[(row["school"], year, group)] = counts.school(row["school"])
            net.sources[(row["school"], year, group)] = counts.source


def _grouped(level: str, year: int, group: str,
             arrays: ic.TerritoryArrays) -> dict[tuple[str, str, int, str], dict]:
    a, b = arrays.a, arrays.t - arrays.a
    seg = segregation_by_territory(territory_ids=arrays.inverse, a=a, b=b)
    mi = mutual_information_by_territory(territory_ids=arrays.inverse,
                                         counts=np.column_stack((a, b)))
    k = arrays.territories.size
    focus = np.bincount(arrays.inverse, weights=a, minlength=k)
    others = np.bincount(arrays.inverse, weights=b, minlength=k)
    out = {}
    for row, key in enumerate(arrays.territories.tolist()):
        result = seg.result(row)
        source = arrays.source[row]
        out[(level, key, year, group)] = {
            "schools": result.schools, "focus": int(focus[row]), "others": int(others[row]),
            "D": result.D, "xPx": result.xPx, "xPy": result.xPy, "H": result.H,
            "M": None if np.isnan(mi.M[row]) else float(mi.M[row]),
            "reason": result.reason if source is not None else ic.NO_DATA, "source": source,
        }
    return out
