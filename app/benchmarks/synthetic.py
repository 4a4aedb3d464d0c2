"""A synthetic programme of any size, as the CSV files an administration would hand over.

Territory: municipalities, zones (one per municipality, the extra ones as districts of the
largest municipalities) and schools spread over zones by a Zipf-like weight, so a few
zones are large, as a capital city is. Figures: one SchoolYear row per school and year,
with compositions that differ by zone and by school (so indices are not trivial).
Families: each lives in a zone, applies first to one school of it and enrols in one
school of it, in the last year. Files are cut at `max_rows` rows: one import each.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from app.imports.bench import _csv as csv_bytes

TERRITORY_KINDS = ("municipalities", "zones", "schools", "school_years")
FAMILY_KINDS = ("families", "applications", "enrolments")


@dataclass(frozen=True)
class Shape:
    """How big the programme is."""

    municipalities: int
    zones: int
    schools: int
    years: int
    families: int
    last_year: int = 2025

    def scaled(self, factor: float) -> Shape:
        """Every count times `factor` (at least one of each territory; families may be 0)."""
        def times(n: int) -> int:
            return max(1, round(n * factor))
        municipalities = times(self.municipalities)
        return replace(self, municipalities=municipalities,
                       zones=max(municipalities, times(self.zones)),
                       schools=times(self.schools), families=round(self.families * factor))

    def describe(self) -> str:
        return (f"{self.municipalities:,} municipalities, {self.zones:,} zones, "
                f"{self.schools:,} schools, {self.years} years of figures "
                f"({self.last_year - self.years + 1}–{self.last_year}), "
                f"{self.families:,} families with one application and one enrolment each")


def shape_from(*, scale: float, families: int | None, schools: int | None,
               base: Shape) -> Shape:
    """`base` scaled, with --families and --schools (when given) taken as they are."""
    shape = base.scaled(scale)
    if schools is not None:
        shape = replace(shape, municipalities=min(shape.municipalities, schools),
                        zones=min(shape.zones, schools), schools=schools)
    if families is not None:
        shape = replace(shape, families=families)
    return shape


CATALONIA = Shape(municipalities=950, zones=1010, schools=3900, years=7, families=1_300_000)
SPAIN = Shape(municipalities=8000, zones=8500, schools=29000, years=7, families=8_300_000)


def municipality_key(i: int) -> str:
    return f"m{i:05d}"


def municipality_row(i: int) -> tuple[str, str, str]:
    return municipality_key(i), f"Municipality {i}", f"{8000 + i:05d}"


def school_key(i: int) -> str:
    return f"s{i:06d}"


class Programme:
    """The rows of one synthetic programme, generated deterministically from a seed."""

    def __init__(self, shape: Shape, *, seed: int = 1) -> None:
        self.shape = shape
        self.seed = seed
        rng = random.Random(seed)
        self.zone_owner = [i if i < shape.municipalities else (i - shape.municipalities) % min(
            10, shape.municipalities) for i in range(shape.zones)]
        self.zone_weight = [1 / (i + 1) ** 0.9 for i in range(shape.zones)]
        self.zone_share = [rng.uniform(0.1, 0.6) for _ in range(shape.zones)]
        first = list(range(min(shape.zones, shape.schools)))  # every zone gets a school
        extra = rng.choices(range(shape.zones), weights=self.zone_weight,
                            k=shape.schools - len(first))
        self.school_zone = first + extra
        self.schools_in: dict[int, list[int]] = {}
        for school, zone in enumerate(self.school_zone):
            self.schools_in.setdefault(zone, []).append(school)
        self.lived_zones = sorted(self.schools_in)

    def territory(self) -> dict[str, list[tuple]]:
        """Rows of municipalities, zones, schools and school_years."""
        s = self.shape
        rows: dict[str, list[tuple]] = {
            "municipalities": [municipality_row(i) for i in range(s.municipalities)],
            "zones": [(f"z{i:05d}", f"Zone {i}", municipality_key(owner))
                      for i, owner in enumerate(self.zone_owner)],
            "schools": [(school_key(i), f"School {i}", f"{8_000_000 + i}",
                         "primary" if i % 3 else "secondary", f"z{zone:05d}", 50)
                        for i, zone in enumerate(self.school_zone)],
        }
        rows["school_years"] = list(self._figures())
        return rows

    def _figures(self) -> Iterator[tuple]:
        rng = random.Random(self.seed + 1)
        years = range(self.shape.last_year - self.shape.years + 1, self.shape.last_year + 1)
        for i, zone in enumerate(self.school_zone):
            share = min(0.95, max(0.0, self.zone_share[zone] + rng.gauss(0, 0.12)))
            size = rng.randint(150, 900)
            places = rng.choice((25, 50, 75, 100))
            for year in years:
                total = max(1, round(size * rng.uniform(0.95, 1.05)))
                poor = round(total * min(1.0, max(0.0, share + rng.uniform(-0.03, 0.03))))
                yield (school_key(i), year, places, rng.randint(0, 2 * places), total, poor,
                       round(poor * rng.uniform(0.3, 0.8)), rng.randint(0, total // 20))

    def family_chunks(self, *, rows: int) -> Iterator[dict[str, list[tuple]]]:
        """Families, their applications and enrolments, `rows` families at a time."""
        rng = random.Random(self.seed + 2)
        weights = [self.zone_weight[z] for z in self.lived_zones]
        year = self.shape.last_year
        for start in range(0, self.shape.families, rows):
            count = min(rows, self.shape.families - start)
            zones = rng.choices(self.lived_zones, weights=weights, k=count)
            chunk: dict[str, list[tuple]] = {kind: [] for kind in FAMILY_KINDS}
            for n, zone in enumerate(zones):
                key = f"f{start + n:08d}"
                poor = rng.random() < self.zone_share[zone]
                schools = self.schools_in[zone]
                chunk["families"].append((key, f"z{zone:05d}", int(poor),
                                          int(rng.random() < 0.2), int(rng.random() < 0.06)))
                chunk["applications"].append((key, school_key(rng.choice(schools)), year, 1))
                chunk["enrolments"].append((key, school_key(rng.choice(schools)), year))
            yield chunk


HEADERS = {
    "municipalities": ("key", "name", "code"),
    "zones": ("key", "name", "municipality_key"),
    "schools": ("key", "name", "code", "level", "zone_key", "entry_places"),
    "school_years": ("school_key", "year", "places_offered", "first_choice_applications",
                     "enrolled_total", "enrolled_disadvantaged", "enrolled_migrant",
                     "enrolled_nese"),
    "families": ("key", "zone_key", "disadvantaged", "migrant", "nese"),
    "applications": ("family_key", "school_key", "year", "rank"),
    "enrolments": ("family_key", "school_key", "year"),
}


def files(kind: str, rows: list[tuple], *, max_rows: int) -> Iterator[bytes]:
    """The CSV files of `rows`, each of at most `max_rows` rows."""
    for start in range(0, len(rows), max_rows):
        yield csv_bytes(HEADERS[kind], rows[start:start + max_rows])
