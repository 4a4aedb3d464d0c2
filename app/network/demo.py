"""Demo network data for the demo programmes, loaded through the CSV import service.

Everything is generated from app.network.demo_data with fixed random seeds, written as
CSV files in memory and imported kind by kind (app.imports.service), so seeding also
exercises the import. Re-seeding upserts the same keys: counts stay the same.

The school-year figures come from a small simulation of admissions: each year the
families of a municipality rank schools (allied schools gain appeal, and lose their
stigma among advantaged families, as their alliance matures), are admitted in lottery
order, and the figures count first choices and admissions. Each application carries the
priority points the Catalan rules give it (a quarter of families have a sibling at the
school they list first; proximity when they live in the school's zone; the socio-economic
criterion), as an administration's file would; the demo's own admissions do not follow
them, which is what the what-if simulator's calibration then shows. Families, applications
and enrolments of FAMILY_YEARS are imported too, so those years' figures equal what the
family-level data says. Contributions and assessments run up to today.
"""
from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import product

from app.imports.kinds import KINDS, ORDER
from app.imports.service import import_csv
from app.models import Tenant
from app.network.demo_data import PROGRAMMES, Alliance, Measure, Programme, School
from domain.admission.points import PointRules
from graph.model import BENCHMARKS, Component, ContributionKind, Stage, school_year_of

FIGURE_YEARS = range(2018, 2025)  # from the year before the first alliances
FAMILY_YEARS = (2023, 2024)
PLACES = {"primary": 25, "secondary": 30}
FILL = 0.9  # families per entry place
CHOICES = (1, 2, 2, 3)
# every family's dislike of schools in zones where disadvantage concentrates (a school's
# name follows its neighbourhood's): the popular schools fill up, as in real admissions
AVOIDANCE = 1.5
POINTS = PointRules()  # the Catalan defaults, as the simulator derives them
SIBLING_SHARE = 0.25  # families with a brother or sister at the school they list first
TRAINERS = ("Núria Soler", "Jordi Vidal", "Marta Puig", "Pau Ferrer", "Laia Serra",
            "Oriol Camps", "Anna Roca", "Xavier Mas")
STAGES = list(Stage)
COMPONENT_PACE = {Component.PARTNERSHIPS: 1, Component.CURRICULUM_INSTRUCTION: 0,
                  Component.DIVERSITY_EQUITY: 0, Component.FAMILY_ENGAGEMENT: -1,
                  Component.ENROLLMENT_MANAGEMENT: -1}


def seed_network(tenant: Tenant) -> None:
    """Seed step: the demo network of a demo programme (other tenants are left alone)."""
    programme = PROGRAMMES.get(tenant.slug)
    if programme is None:
        return
    for kind, data in demo_files(tenant.slug, programme, today=date.today()).items():
        import_csv(tenant=tenant, kind=kind, data=data, file_name=f"demo-{kind}.csv",
                   actor="demo")


def _csv(kind: str, rows: Iterable[dict]) -> bytes:
    names = KINDS[kind].names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return out.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(value)
    return str(value)


def demo_files(slug: str, programme: Programme, *, today: date) -> dict[str, bytes]:
    """The CSV file of every import kind, in the order their references need."""
    figures, families = simulate(slug, programme)
    rows = {
        "municipalities": [dict(zip(("key", "name", "code"), m, strict=True))
                           for m in programme.municipalities],
        "zones": [{"key": k, "name": n, "municipality_key": m}
                  for k, n, m, _ in programme.zones],
        "schools": [{"key": s.key, "name": s.name, "code": _code(programme, s, i), "level": s.level,
                     "zone_key": s.zone, "entry_places": places(s)}
                    for i, s in enumerate(programme.schools)],
        "partners": [dict(zip(("key", "name", "kind"), p, strict=True))
                     for p in programme.partners],
        "school_years": figures,
        "families": [f["row"] for f in families],
        "applications": [a for f in families for a in f["applications"]],
        "enrolments": [f["enrolment"] for f in families if f["enrolment"]],
        "alliances": [_alliance(a, i) for i, a in enumerate(programme.alliances)],
        "contributions": [c for a in programme.alliances
                          for c in contributions(slug, a, today=today)],
        "measures": [_measure(m, programme) for m in programme.measures],
        "assessments": [s for a in programme.alliances
                        for s in assessments(slug, a, today=today)],
    }
    return {kind: _csv(kind, rows[kind]) for kind in ORDER}


def places(school: School) -> int:
    return PLACES[school.level] * school.lines


def _code(programme: Programme, school: School, index: int) -> str:
    """An official-looking code: the province's two digits, then six."""
    municipality = next(m for k, _, m, _ in programme.zones if k == school.zone)
    province = next(code for k, _, code in programme.municipalities if k == municipality)[:2]
    return f"{province}{1_000 + index * 137:06d}"


def _alliance(a: Alliance, index: int) -> dict:
    rng = random.Random(a.key)
    return {"key": a.key, "school_key": a.school, "partner_key": a.partner, "theme": a.theme,
            "start_year": a.start, "end_year": a.end,
            "status": "ended" if a.end else "active", "trainer": TRAINERS[index % len(TRAINERS)],
            "advisory_hours": rng.choice((12, 14, 15, 15, 16, 18)),
            "training_share": round(rng.uniform(.72, .96), 2)}


def _measure(m: Measure, programme: Programme) -> dict:
    zones = {k for k, _, mun, _ in programme.zones if mun == m.municipality}
    schools = m.schools or tuple(s.key for s in programme.schools if s.zone in zones)
    return {"key": m.key, "municipality_key": m.municipality, "kind": m.kind,
            "start": m.start, "end": m.end, "school_keys": list(schools),
            "description": m.description}


# --- admissions ---------------------------------------------------------------------------

def _progress(first_alliance: int | None, year: int) -> float:
    """How far an allied school has come by the admissions of `year` (decided in the
    spring before): 0 up to its first year, 1 five years on."""
    if first_alliance is None or year <= first_alliance:
        return 0.0
    return min(1.0, (year - first_alliance) / 5)


def _appeal(school: School, progress: float, allied: bool, family: dict) -> float:
    """A family's liking for a school: size, nearness, its zone's disadvantage, and for
    allied schools (which start out segregated) a stigma among advantaged families that the
    alliance erodes."""
    score = (math.log(places(school)) + (0.7 if family["zone"] == school.zone else 0.0)
             - AVOIDANCE * family["shares"][school.zone])
    if allied:
        score += 0.5 * progress + (0.4 if family["disadvantaged"] else -2.0) * (1 - progress)
    return score


def simulate(slug: str, programme: Programme) -> tuple[list[dict], list[dict]]:
    """School-year figures for FIGURE_YEARS and the families of FAMILY_YEARS."""
    rng = random.Random(f"imant-demo-{slug}")
    first = {}
    for a in programme.alliances:
        first[a.school] = min(first.get(a.school, a.start), a.start)
    figures, families = [], []
    for (municipality, *_), level in product(programme.municipalities, PLACES):
        zones = [z for z in programme.zones if z[2] == municipality]
        schools = [s for s in programme.schools
                   if s.zone in {z[0] for z in zones} and s.level == level]
        for year in FIGURE_YEARS if schools else ():
            admitted = _admissions(rng, schools, zones, year, first, f"{slug[:3]}-{level[0]}")
            figures.extend(_figures(schools, admitted, year))
            if year in FAMILY_YEARS:
                families.extend(admitted)
    return figures, families


def _admissions(rng: random.Random, schools: list[School], zones: list, year: int,
                first: dict[str, int], prefix: str) -> list[dict]:
    count = round(sum(places(s) for s in schools) * FILL)
    shares = {z[0]: z[3] for z in zones}
    found = []
    for n in range(count):
        zone, _, _, share = rng.choice(zones)
        disadvantaged = rng.random() < share
        family = {"key": f"f-{prefix}-{year}-{zone[2:]}-{n:04d}", "zone": zone, "shares": shares,
                  "disadvantaged": disadvantaged,
                  "migrant": rng.random() < (0.55 if disadvantaged else 0.12),
                  # special needs concentrate where disadvantage does (the zone's share)
                  "nese": rng.random() < (0.05 + (0.4 * share if disadvantaged else 0.0))}
        scored = sorted(schools, key=lambda s: -(_appeal(
            s, _progress(first.get(s.key), year), s.key in first, family)
            - math.log(-math.log(rng.random() or 1e-12))))
        family["ranked"] = [s.key for s in scored[:rng.choice(CHOICES)]]
        found.append(family)
    rng.shuffle(found)  # the lottery
    zone_of = {s.key: s.zone for s in schools}
    for family in found:
        # a brother or sister at the first school the family lists (own stream: the rest of
        # the demo draws the same numbers as before siblings existed)
        family["sibling"] = random.Random(family["key"]).random() < SIBLING_SHARE
        family["points"] = [_points(family, k, rank, zone_of)
                            for rank, k in enumerate(family["ranked"])]
    free = {s.key: places(s) for s in schools}
    for family in found:
        choice = next((k for k in family["ranked"] if free[k] > 0), None)
        if choice is None:  # the office assigns the school with most places left
            choice = max(free, key=lambda k: (free[k], k))
        if free[choice] > 0:
            free[choice] -= 1
            family["school"] = choice
    return [_family_rows(f, year) for f in sorted(found, key=lambda f: f["key"])]


def _points(family: dict, school: str, rank: int, zone_of: dict[str, str]) -> int:
    """The Catalan priority points of one application (domain.admission.points)."""
    return (POINTS.sibling * (family["sibling"] and rank == 0)
            + POINTS.proximity * (family["zone"] == zone_of[school])
            + POINTS.socioeconomic * family["disadvantaged"])


def _family_rows(family: dict, year: int) -> dict:
    school = family.get("school")
    return {
        "row": {"key": family["key"], "zone_key": family["zone"],
                "disadvantaged": family["disadvantaged"], "migrant": family["migrant"],
                "nese": family["nese"]},
        "applications": [{"family_key": family["key"], "school_key": k, "year": year,
                          "rank": i, "points": family["points"][i - 1],
                          "sibling": family["sibling"] and i == 1}
                         for i, k in enumerate(family["ranked"], start=1)],
        "enrolment": ({"family_key": family["key"], "school_key": school, "year": year}
                      if school else None),
        "first": family["ranked"][0], "school": school, **{
            flag: family[flag] for flag in ("disadvantaged", "migrant", "nese")},
    }


def _figures(schools: list[School], admitted: list[dict], year: int) -> list[dict]:
    rows = []
    for s in schools:
        enrolled = [f for f in admitted if f["school"] == s.key]
        rows.append({
            "school_key": s.key, "year": year, "places_offered": places(s),
            "first_choice_applications": sum(1 for f in admitted if f["first"] == s.key),
            "enrolled_total": len(enrolled),
            "enrolled_disadvantaged": sum(1 for f in enrolled if f["disadvantaged"]),
            "enrolled_migrant": sum(1 for f in enrolled if f["migrant"]),
            "enrolled_nese": sum(1 for f in enrolled if f["nese"]),
        })
    return rows


# --- contributions and assessments ----------------------------------------------------------

def _last_year(a: Alliance, today: date) -> int:
    return a.end if a.end is not None else school_year_of(today)


def contributions(slug: str, a: Alliance, *, today: date) -> list[dict]:
    """Each school year of the alliance: training and co-design while teachers are
    trained (the first two years), then workshops, events and resources."""
    rows = []
    for year in range(a.start, _last_year(a, today) + 1):
        rng = random.Random(f"{slug}-{a.key}-{year}")
        phase = year - a.start
        kinds = ([ContributionKind.TRAINING] * rng.randint(3, 5) + [ContributionKind.CO_DESIGN]
                 + [ContributionKind.MENTORING] * rng.randint(0, 2) if phase < 2 else
                 [ContributionKind.WORKSHOP] * rng.randint(2, 4) + [ContributionKind.EVENT]
                 + [ContributionKind.RESOURCES] * rng.randint(0, 1)
                 + [ContributionKind.MENTORING] * rng.randint(0, 1))
        for n, kind in enumerate(kinds, start=1):
            day = date(year, 9, 15) + timedelta(days=rng.randint(0, 270))
            if day > today:
                continue
            rows.append({"key": f"c-{a.key}-{year}-{n:02d}", "alliance_key": a.key,
                         "date": day.isoformat(), "kind": kind.value, **_reach(rng, kind),
                         "description": f"{kind.value.replace('_', ' ').capitalize()}: "
                                        f"{a.theme.lower()}"})
    return rows


def _reach(rng: random.Random, kind: ContributionKind) -> dict:
    teachers = rng.randint(8, 24) if kind in (ContributionKind.TRAINING,
                                              ContributionKind.CO_DESIGN,
                                              ContributionKind.MENTORING) else rng.randint(2, 6)
    students = rng.randint(20, 75) if kind in (ContributionKind.WORKSHOP,
                                               ContributionKind.EVENT) else 0
    families = rng.randint(15, 80) if kind is ContributionKind.EVENT else 0
    return {"hours": rng.choice((1.5, 2, 3, 3, 4)), "teachers": teachers,
            "students": students, "families": families}


def assessments(slug: str, a: Alliance, *, today: date) -> list[dict]:
    """Per school year and core component: the stage reached and its benchmarks met."""
    rows = []
    for year in range(a.start, _last_year(a, today) + 1):
        for component, pace in COMPONENT_PACE.items():
            rng = random.Random(f"{slug}-{a.key}-{year}-{component}")
            step = max(0, year - a.start + pace)
            stage = STAGES[min(len(STAGES) - 1, step // 2)]
            listed = BENCHMARKS[stage]
            met = listed[:min(len(listed), 1 + step % 2 * 2 + rng.randint(0, 1))]
            rows.append({"alliance_key": a.key, "year": year, "component": component.value,
                         "stage": stage.value, "benchmarks": list(met)})
    return rows
