"""A small network worked by hand, written to the real graph through graph.indicators.seed_network.

Municipality m-a ("Alfa") has zones z-a1 (s1, s2, s3) and z-a2 (s4, s5);
m-b ("Beta") has zone z-b1 with one school (s6); m-c ("Gamma") has zone z-c1
with no school. Years:

- 2022: no figures; family enrolments in z-a1 only (FAMILIES_2022) and rank-1
  applications (s1: 3, s2: 1; rank 2 ignored);
- 2023: figures for every school (FIGURES_2023);
- 2024: figures for s1 and s2, family enrolments only for s3 (a mix).
"""
from __future__ import annotations

from app.extensions import graph
from graph.indicators import seed_network

MUNICIPALITIES = [{"key": "m-a", "name": "Alfa"}, {"key": "m-b", "name": "Beta"},
                  {"key": "m-c", "name": "Gamma"}]
ZONES = [{"key": "z-a1", "name": "Alfa north", "municipality": "m-a"},
         {"key": "z-a2", "name": "Alfa south", "municipality": "m-a"},
         {"key": "z-b1", "name": "Beta", "municipality": "m-b"},
         {"key": "z-c1", "name": "Gamma", "municipality": "m-c"}]
SCHOOLS = [{"key": "s1", "name": "Escola Una", "zone": "z-a1", "entry_places": 4},
           {"key": "s2", "name": "Escola Dos", "zone": "z-a1", "entry_places": 2},
           {"key": "s3", "name": "Escola Tres", "zone": "z-a1", "entry_places": None},
           {"key": "s4", "name": "Escola Quatre", "zone": "z-a2", "entry_places": 25},
           {"key": "s5", "name": "Escola Cinc", "zone": "z-a2", "entry_places": 25},
           {"key": "s6", "name": "Escola Sis", "zone": "z-b1", "entry_places": 25}]

# school: (total, disadvantaged, migrant, nese, places_offered, first_choice_applications)
FIGURES_2023 = {"s1": (100, 40, 30, 10, 25, 50), "s2": (80, 8, 10, 3, 20, 10),
                "s3": (60, 30, 20, 6, 0, 5), "s4": (50, 10, 5, 2, 25, 20),
                "s5": (70, 35, 30, 7, 25, 30), "s6": (40, 10, 8, 4, 20, 20)}
FIGURES_2024 = {"s1": (90, 30, 25, 9, 25, 60), "s2": (85, 10, 12, 4, 20, 15)}

# (school, disadvantaged, migrant, nese, how many families like that)
FAMILIES_2022 = [("s1", True, True, False, 2), ("s1", True, False, False, 3),
                 ("s1", False, False, True, 1), ("s1", False, False, False, 4),
                 ("s2", False, True, False, 1), ("s2", False, False, False, 6),
                 ("s3", True, False, False, 5), ("s3", True, True, True, 1),
                 ("s3", False, False, False, 1)]
FAMILIES_2024 = [("s3", True, False, False, 6), ("s3", False, False, False, 4)]
APPLICATIONS_2022 = [("s1", 1, 3), ("s2", 1, 1), ("s2", 2, 4)]  # (school, rank, how many)

ALLIANCES = [{"key": "a1", "school": "s1", "partner": "p-museu", "partner_name": "Museu",
              "partner_kind": "museum", "theme": "Science <& art>", "start_year": 2023,
              "status": "active", "training_share": 0.85},
             {"key": "a6", "school": "s6", "partner": "p-uni", "partner_name": "Universitat",
              "partner_kind": "university", "theme": "Maths", "start_year": 2022,
              "status": "active", "training_share": None}]
CONTRIBUTIONS = [
    {"key": "c1", "alliance": "a1", "date": "2023-10-05", "year": 2023, "kind": "training",
     "hours": 3.0, "teachers": 12, "students": 0, "families": 0},
    {"key": "c2", "alliance": "a1", "date": "2024-02-10", "year": None, "kind": "workshop",
     "hours": 2.5, "teachers": 2, "students": 40, "families": 3},
    {"key": "c3", "alliance": "a1", "date": "2024-09-15", "year": 2024, "kind": "training",
     "hours": 4.0, "teachers": 10, "students": 0, "families": 0},
]
MEASURES = [
    {"key": "me1", "municipality": "m-a", "kind": "enrolment_office", "start": "2020-09-01",
     "end": None, "description": "Single office", "schools": ["s1", "s2", "s3"]},
    {"key": "me2", "municipality": "m-a", "kind": "place_reservation", "start": "2023-06-01",
     "end": "2023-08-31", "description": "Ended before 2023-24", "schools": ["s1"]},
    {"key": "me3", "municipality": "m-a", "kind": "place_reservation", "start": "2024-08-31",
     "end": "2025-06-30", "description": "Starts 31 Aug 2024", "schools": ["s4"]},
    {"key": "me4", "municipality": "m-b", "kind": "ratio_reduction", "start": "2021-09-01",
     "end": None, "description": "Beta", "schools": ["s6"]},
]


def _figure_rows(year: int, figures: dict) -> list[dict]:
    return [{"school": s, "year": year, "figures": {
        "enrolled_total": t, "enrolled_disadvantaged": d, "enrolled_migrant": m,
        "enrolled_nese": n, "places_offered": p, "first_choice_applications": f}}
        for s, (t, d, m, n, p, f) in figures.items()]


def _family_rows(year: int, spec: list[tuple]) -> list[dict]:
    rows = []
    for school, dis, mig, nese, n in spec:
        for i in range(n):
            key = f"f{year}-{school}-{int(dis)}{int(mig)}{int(nese)}-{i}"
            rows.append({"key": key, "school": school, "year": year, "disadvantaged": dis,
                         "migrant": mig, "nese": nese})
    return rows


def _application_rows(year: int, spec: list[tuple]) -> list[dict]:
    return [{"family": f"a{year}-{school}-{rank}-{i}", "school": school, "year": year,
             "rank": rank} for school, rank, n in spec for i in range(n)]


def seed(tenant: str) -> None:
    """Write the whole network for `tenant`."""
    graph.write(seed_network, tenant=tenant, municipalities=MUNICIPALITIES, zones=ZONES,
                schools=SCHOOLS,
                school_years=_figure_rows(2023, FIGURES_2023) + _figure_rows(2024, FIGURES_2024),
                enrolments=_family_rows(2022, FAMILIES_2022) + _family_rows(2024, FAMILIES_2024),
                applications=_application_rows(2022, APPLICATIONS_2022),
                alliances=ALLIANCES, contributions=CONTRIBUTIONS, measures=MEASURES)


def family_counts(year: int, school: str) -> dict[str, int]:
    """Counts of the families seeded for a school and year, by flag."""
    spec = FAMILIES_2022 if year == 2022 else FAMILIES_2024
    out = {"total": 0, "disadvantaged": 0, "migrant": 0, "nese": 0}
    for s, dis, mig, nese, n in spec:
        if s == school:
            out["total"] += n
            out["disadvantaged"] += n * dis
            out["migrant"] += n * mig
            out["nese"] += n * nese
    return out
