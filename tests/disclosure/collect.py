"""Every figure a programme publishes, read into an Audit: the indicator API answers of every
territory, school, year and group, every annual report (JSON) of every school and year, and
every table of the evaluation bundle."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reports.snapshot import Network
from tests.disclosure.audit import Audit

GROUPS = ("disadvantaged", "migrant", "nese")
PEOPLE = ("teachers", "students", "families", "people")


def place_of(level: str, key: str | None) -> tuple[str, str]:
    return ("programme", "") if level == "programme" or key is None else (level, key)


class Reader:
    """Names the quantities and writes the relations every reader knows."""

    def __init__(self, audit: Audit, net: Network) -> None:
        self.audit, self.net = audit, net
        self.zone_of = {k: s.get("zone") for k, s in net.schools.items()}
        self.muni_of = {k: net.municipality_of(k) for k in net.schools}
        self._structured: set = set()

    # --- enrolment composition ---------------------------------------------------------
    def counts(self, place: tuple, year: int, source: str | None, group: str,
               row: dict, where: str) -> None:
        """members / others / students of a place, with the share (and gap) shown."""
        if source is None:
            return
        a, b, t = (("a", place, year, source, group), ("b", place, year, source, group),
                   ("t", place, year, source))
        self.audit.count(a, row.get("members"), where=where)
        self.audit.count(b, row.get("others"), where=where)
        self.audit.count(t, row.get("students"), where=where)
        self.structure(place, year, source, group)
        share = row.get("share")
        if share is not None:
            self.audit.value({a: 1.0, t: -float(share) / 100.0}, 0.0)

    def share(self, place: tuple, year: int, source: str | None, group: str,
              share: Any) -> None:
        if source is not None and isinstance(share, int | float):
            self.structure(place, year, source, group)
            self.audit.value({("a", place, year, source, group): 1.0,
                              ("t", place, year, source): -float(share) / 100.0}, 0.0)

    def gap(self, school: str, around: tuple, year: int, source: str | None, group: str,
            gap: Any) -> None:
        """gap = 100 a/t − 100 A/T, linear when both totals are known."""
        if source is None or not isinstance(gap, int | float):
            return
        t = self.audit.known.get(("t", ("school", school), year, source))
        big_t = self.audit.known.get(("t", around, year, source))
        if t and big_t:
            self.audit.value({("a", ("school", school), year, source, group): 100.0 / t,
                              ("a", around, year, source, group): -100.0 / big_t}, gap)

    def structure(self, place: tuple, year: int, source: str, group: str) -> None:
        """t = a + b, and a territory's counts are the sums of its schools'."""
        key = (place, year, source, group)
        if key in self._structured:
            return
        self._structured.add(key)
        a, b, t = (("a", place, year, source, group), ("b", place, year, source, group),
                   ("t", place, year, source))
        self.audit.relation({a: 1.0, b: 1.0, t: -1.0})
        if place[0] == "school":
            return
        schools = [k for k in self.net.schools if self._inside(k, place)]
        for name in ("a", "b"):
            terms = {(name, ("school", k), year, source, group): -1.0 for k in schools}
            self.audit.relation({(name, place, year, source, group): 1.0, **terms})
        self.audit.relation({t: 1.0, **{("t", ("school", k), year, source): -1.0
                                        for k in schools}})

    def _inside(self, school: str, place: tuple) -> bool:
        level, key = place
        return (level == "programme" or (level == "zone" and self.zone_of[school] == key)
                or (level == "municipality" and self.muni_of[school] == key))

    # --- demand -------------------------------------------------------------------------
    def demand(self, school: str, year: int, applications: Any, places: Any, ratio: Any,
               where: str) -> None:
        apps = ("apps", school, year)
        self.audit.count(apps, applications, where=where)
        if isinstance(ratio, int | float) and isinstance(places, int) and places:
            self.audit.value({apps: 1.0}, float(ratio) * places)

    # --- people reached -----------------------------------------------------------------
    def reach(self, alliance: str, prefix: tuple, row: dict, where: str) -> None:
        cells = {f: ("reach", alliance, *prefix, f) for f in PEOPLE}
        for f in PEOPLE:
            if f in row:
                self.audit.count(cells[f], row[f], where=where, controlled=f != "teachers",
                                 small_allowed=f == "people")
        self.audit.relation({cells["people"]: 1.0, **{cells[f]: -1.0 for f in PEOPLE[:3]}})

    def reach_structure(self, alliance: str, start: int, kinds: dict[int, set[str]]) -> None:
        """A year is the sum of its kinds; "since the start" is the running sum."""
        years = sorted(kinds)
        for f in PEOPLE:
            for y, ks in kinds.items():
                self.audit.relation({("reach", alliance, "year", y, f): 1.0, **{
                    ("reach", alliance, "kind", y, k, f): -1.0 for k in ks}})
            last = years[-1] if years else start
            for y in range(start, last + 1):
                terms = {("reach", alliance, "since", y, f): 1.0}
                if y > start:
                    terms[("reach", alliance, "since", y - 1, f)] = -1.0
                if y in kinds:
                    terms[("reach", alliance, "year", y, f)] = -1.0
                self.audit.relation(terms)


def read_api(get: Callable[[str, dict], Any], reader: Reader, years: list[int]) -> None:
    """Every indicator answer of the programme, as the coordinator reads them."""
    net = reader.net
    places = [("programme", None)] + [("zone", k) for k in net.zones] + [
        ("municipality", k) for k in net.municipalities]
    for year in years:
        for level, key in places:
            _territory_answers(get, reader, year, level, key)
    for school in net.schools:
        for year in years:  # against its zone (the page's default); the municipality's
            # counts of the school are those of the municipality's segregation answer
            body = get(f"/schools/{school}", {"year": year})
            _school_answer(reader, school, year, body, f"API school {school} {year}")
    for alliance in net.alliances:
        body = get(f"/alliances/{alliance}/activity", {})
        _activity_answer(reader, alliance, body)


def _territory_answers(get: Callable[[str, dict], Any], reader: Reader, year: int,
                       level: str, key: str | None) -> None:
    territory = "programme" if key is None else f"{level}:{key}"
    place = place_of(level, key)
    for group in GROUPS:
        body = get("/segregation", {"territory": territory, "year": year, "group": group})
        where = f"API segregation {territory} {year} {group}"
        reader.counts(place, year, body["source"], group, body, where)
        for row in body["gaps"]:
            reader.counts(("school", row["school"]), year, body["source"], group, row, where)
        for row in body["gaps"]:
            reader.gap(row["school"], place, year, body["source"], group, row["gap_pp"])
    if level == "municipality":  # every school once
        for row in get("/demand", {"territory": territory, "year": year})["schools"]:
            reader.demand(row["school"], year, row["applications"], row["places"],
                          row["ratio"], f"API demand {territory} {year}")


def _school_answer(reader: Reader, school: str, year: int, body: dict, where: str) -> None:
    around = place_of(body["territory"]["level"], None if body["territory"]["level"] ==
                      "programme" else body["territory"]["key"])
    for group, row in body["composition"].items():
        reader.counts(("school", school), year, row["source"], group, row, where)
        reader.share(around, year, row["source"], group, row.get("territory_share"))
        reader.gap(school, around, year, row["source"], group, row["gap_pp"])
    demand = body["demand"]
    reader.demand(school, year, demand["applications"], demand["places"], demand["ratio"],
                  where)


def _activity_answer(reader: Reader, alliance: str, body: dict) -> None:
    where = f"API activity {alliance}"
    kinds: dict[int, set[str]] = {}
    for entry in body["by_year"]:
        if entry["year"] is None:
            continue
        reader.reach(alliance, ("year", entry["year"]), entry, where)
        kinds[entry["year"]] = set(entry["by_kind"])
        for kind, item in entry["by_kind"].items():
            reader.reach(alliance, ("kind", entry["year"], kind), item, where)
    if body["start_year"] is not None:
        reader.reach_structure(alliance, body["start_year"], kinds)


def read_report(reader: Reader, report: dict) -> None:
    """One annual report's JSON."""
    net, school = reader.net, report["school"]["key"]
    where = f"report {school} {report['year']}"
    for row in report["demand"]["series"]:
        year = row["year"]
        source = net.sources.get((school, year, "disadvantaged"))
        reader.audit.count(("t", ("school", school), year, source), row["enrolled_total"],
                           where=where)
        for group in GROUPS:
            reader.share(("school", school), year, net.sources.get((school, year, group)),
                         group, row[f"share_{group}"])
        zone = net.schools[school].get("zone")
        zone_source = (net.territory.get(("zone", zone, year, "disadvantaged")) or {}).get(
            "source")
        reader.share(("zone", zone), year, zone_source, "disadvantaged",
                     row["zone_share_disadvantaged"])
        reader.gap(school, ("zone", zone), year, source, "disadvantaged",
                   row["composition_gap_pp"])
        reader.demand(school, year, row["first_choice_applications"], row["places_offered"],
                      row["demand_ratio"], where)
    for item in report["segregation"]:
        for row in item["series"]:
            terr = net.territory.get((item["level"], item["key"], row["year"], row["group"]))
            reader.share((item["level"], item["key"]), row["year"],
                         (terr or {}).get("source"), row["group"], row["share"])
    alliance = report["alliance"]
    if alliance is None:
        return
    key, year, c = alliance["key"], report["year"], report["contributions"]
    for row in c["by_kind"]:
        reader.reach(key, ("kind", year, row["kind"]), row, where)
    reader.reach(key, ("year", year), c["year_total"], where)
    for row in c["trend"]:
        reader.reach(key, ("year", row["year"]), row, where)
    reader.reach(key, ("since", year), c["since_start"], where)
    reader.audit.count(("reach", key, "year", year, "teachers-training"),
                       report["training"]["teachers_reached"], where=where, controlled=False)


def read_bundle(reader: Reader, resources: list) -> None:
    """The bundle's tables (CSV rows as written)."""
    tables = {r.name: r for r in resources}

    def rows(name: str) -> list[dict]:
        table = tables[name]
        return [dict(zip([f.name for f in table.fields], row, strict=True))
                for row in table.rows]
    net = reader.net
    for row in rows("contributions"):
        reader.reach(row["alliance_key"], ("kind", row["year"], row["kind"]),
                     {**row, "people": row["people_reached"]}, "bundle contributions")
    for row in rows("school_years"):
        school, year = row["school_key"], row["year"]
        where = "bundle school_years"
        reader.audit.count(("t", ("school", school), year,
                            net.sources.get((school, year, "disadvantaged"))),
                           row["enrolled_total"], where=where)
        for group in GROUPS:
            reader.share(("school", school), year, net.sources.get((school, year, group)),
                         group, row[f"share_{group}"])
        reader.demand(school, year, row["first_choice_applications"], row["places_offered"],
                      row["demand_ratio"], where)
    _summary(reader, rows("summary_school"), rows("summary_municipality"),
             rows("summary_programme"))


def _summary(reader: Reader, schools: list[dict], munis: list[dict],
             programme: list[dict]) -> None:
    where = "bundle summary"
    for row in schools:
        if row["alliance_key"]:
            reader.audit.count(("reach", row["alliance_key"], "year", row["year"], "people"),
                               row["people_reached"], where=where, small_allowed=True)
    for row in munis:
        muni, year = row["municipality_key"], row["year"]
        reader.audit.count(("summary", muni, year), row["people_reached"], where=where,
                           small_allowed=True)
        reader.audit.relation({("summary", muni, year): 1.0, **{
            ("reach", s["alliance_key"], "year", year, "people"): -1.0 for s in schools
            if s["year"] == year and reader.muni_of.get(s["school_key"]) == muni
            and s["alliance_key"]}})
    for row in programme:
        year = row["year"]
        reader.audit.count(("summary", "programme", year), row["people_reached"], where=where,
                           small_allowed=True)
        reader.audit.relation({("summary", "programme", year): 1.0, **{
            ("summary", m["municipality_key"], year): -1.0 for m in munis
            if m["year"] == year}})
