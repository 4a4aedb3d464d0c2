"""A synthetic, deterministic network for report tests and the reports benchmark."""
from __future__ import annotations

import random
from typing import Any

from domain.vocabulary import school_year_bounds
from graph.model import BENCHMARKS, Component, ContributionKind, MeasureKind, PartnerKind, Stage

THEMES = ("Marine science", "Contemporary art", "Robotics", "Astronomy", "Urban ecology",
          "Music and sound", "Architecture", "Health sciences")


def network(*, schools: int, start_year: int, last_year: int, seed: int = 7,
            comparison_per_zone: int = 2,
            municipalities: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows for graph.reports.seed_network: every school but the comparison ones in an alliance.

    Two zones per municipality; school i is in zone i mod zones, partner i mod partners.
    """
    rng = random.Random(seed)
    municipalities = municipalities or max(1, schools // 20)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in (
        "municipalities", "zones", "partners", "schools", "alliances", "contributions",
        "measures", "measure_coverage", "school_years", "assessments")}
    for m in range(municipalities):
        out["municipalities"].append({"key": f"m-{m:03d}", "name": f"Municipality {m}",
                                      "code": f"08{m:04d}"})
        for z in range(2):
            out["zones"].append({"key": f"z-{m:03d}-{z}", "name": f"Zone {m}.{z}",
                                 "municipality": f"m-{m:03d}"})
    kinds = list(PartnerKind)
    for p in range(max(1, schools // 3)):
        out["partners"].append({"key": f"p-{p:04d}", "name": f"Partner institution {p}",
                                "kind": kinds[p % len(kinds)].value})
    zones = [z["key"] for z in out["zones"]]
    for i in range(schools):
        _school(out, rng, f"s-{i:04d}", zones[i % len(zones)], start_year, last_year,
                partner=f"p-{i % len(out['partners']):04d}")
    for z, zone in enumerate(zones):
        for c in range(comparison_per_zone):
            _school(out, rng, f"c-{z:03d}-{c}", zone, start_year, last_year, partner=None)
    _measures(out, rng, start_year, last_year)
    return out


def _school(out: dict, rng: random.Random, key: str, zone: str, start_year: int,
            last_year: int, *, partner: str | None) -> None:
    places = rng.choice((25, 50, 75))
    out["schools"].append({"key": key, "name": f"School {key}", "code": key.upper(),
                           "level": rng.choice(("primary", "secondary")),
                           "entry_places": places, "zone": zone})
    base = rng.uniform(0.25, 0.7)
    for year in range(start_year - 2, last_year + 1):
        total = rng.randint(120, 480)
        share = min(0.95, max(0.0, base + rng.uniform(-0.05, 0.05)))
        out["school_years"].append({
            "key": f"{key}:{year}", "school": key, "year": year, "places_offered": places,
            "first_choice_applications": rng.randint(2, places * 2),
            "enrolled_total": total, "enrolled_disadvantaged": int(total * share),
            "enrolled_migrant": int(total * share * rng.uniform(0.3, 0.8)),
            "enrolled_nese": rng.randint(0, 12)})
    if partner is not None:
        _alliance(out, rng, key, partner, start_year + rng.randint(0, 1), last_year)


def _alliance(out: dict, rng: random.Random, school: str, partner: str, start: int,
              last_year: int) -> None:
    key = f"a-{school}"
    out["alliances"].append({"key": key, "school": school, "partner": partner,
                             "theme": rng.choice(THEMES), "start_year": start, "end_year": None,
                             "status": "active", "training_share": round(rng.uniform(0.5, 1), 2),
                             "advisory_hours": 15.0})
    kinds = list(ContributionKind)
    for year in range(start, last_year + 1):
        for n in range(rng.randint(3, 8)):
            out["contributions"].append({
                "key": f"{key}:{year}:{n}", "alliance": key, "year": year,
                "date": f"{year}-{rng.randint(9, 12)}-{rng.randint(10, 28)}",
                "kind": kinds[(n + year) % len(kinds)].value,
                "hours": float(rng.choice((1.5, 2, 3, 4, 6))), "teachers": rng.randint(0, 20),
                "students": rng.randint(0, 60), "families": rng.randint(0, 3),
                "description": "Session"})
        stages = list(Stage)
        for c, component in enumerate(Component):
            stage = stages[min(3, (year - start + c) // 2)]
            met = list(BENCHMARKS[stage][: rng.randint(0, len(BENCHMARKS[stage]))])
            out["assessments"].append({"key": f"{key}:{year}:{component.value}",
                                       "alliance": key, "year": year,
                                       "component": component.value, "stage": stage.value,
                                       "benchmarks": met})


def _measures(out: dict, rng: random.Random, start_year: int, last_year: int) -> None:
    kinds = list(MeasureKind)
    by_zone: dict[str, list[str]] = {}
    for school in out["schools"]:
        by_zone.setdefault(school["zone"], []).append(school["key"])
    for m, muni in enumerate(out["municipalities"]):
        for n in range(rng.randint(1, 4)):
            key = f"me-{m:03d}-{n}"
            first = rng.randint(start_year - 1, last_year)
            end = (None if rng.random() < 0.6
                   else school_year_bounds(first + rng.randint(1, 3) - 1)[1])
            out["measures"].append({"key": key, "municipality": muni["key"],
                                    "kind": kinds[(m + n) % len(kinds)].value,
                                    "start": f"{first}-09-01", "end": end,
                                    "description": "Balanced-schooling measure"})
            zone = f"z-{m:03d}-{n % 2}"
            for school in by_zone.get(zone, [])[:3]:
                out["measure_coverage"].append({"measure": key, "school": school})
