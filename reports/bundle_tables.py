"""The evaluation bundle's tables: typed, described, keyed; aggregated and pseudonymised only.

Every table is built from the same network snapshot as the annual reports and
with the same rules (reports.data): counts of people from 1 to threshold-1
become "<threshold", values that would reveal them "suppressed", undefined
values stay empty. No table has a row per family or per person.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.vocabulary import active_in, school_year_bounds
from graph.model import BENCHMARKS, FocusGroup, Stage
from reports import data
from reports.data import Suppressor
from reports.snapshot import Network


@dataclass
class Field:
    name: str
    type: str
    description: str


@dataclass
class Resource:
    name: str
    title: str
    description: str
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)


def _f(spec: str) -> list[Field]:
    """Fields from lines of `name type description`."""
    out = []
    for line in spec.strip().splitlines():
        name, kind, description = line.strip().split(" ", 2)
        out.append(Field(name, kind, description))
    return out


COUNT = "integer"
KEY_FIELDS = "key string Stable key of the entity within the programme"


def _iso(value: Any) -> str | None:
    try:
        return date.fromisoformat(str(value)).isoformat() if value else None
    except ValueError:
        return None


def entity_tables(net: Network, *, last_year: int) -> list[Resource]:
    """Municipalities, zones, partners, schools, alliances and their partners, measures."""
    alliances = [a for a in net.alliances.values() if (a.get("start_year") or 9999) <= last_year]
    in_programme = {a["school"] for a in alliances if a.get("school")}
    cutoff = school_year_bounds(last_year)[1]
    measures = [m for m in net.measures.values() if (_iso(m.get("start")) or "") <= cutoff]
    return [_municipalities(net), _zones(net), _partners(net), _schools(net, in_programme),
            _alliances(alliances), _alliance_partners(alliances), _measures(measures),
            _measure_schools(measures)]


def _municipalities(net: Network) -> Resource:
    return Resource("municipalities", "Municipalities", "Municipalities of the programme.",
                    _f(f"{KEY_FIELDS}\nname string Name\ncode string Official code"), ["key"],
                    rows=[[m["key"], m.get("name"), m.get("code")]
                          for m in net.municipalities.values()])


def _zones(net: Network) -> Resource:
    return Resource("zones", "Zones", "Reference territories for composition comparisons "
                    "(a municipality or a district of it).",
                    _f(f"{KEY_FIELDS}\nname string Name\nmunicipality_key string Municipality "
                       "the zone is part of"), ["key"],
                    [(["municipality_key"], "municipalities", ["key"])],
                    [[z["key"], z.get("name"), z.get("municipality")]
                     for z in net.zones.values()])


def _partners(net: Network) -> Resource:
    return Resource("partners", "Partner institutions", "Institutions allied with schools.",
                    _f(f"{KEY_FIELDS}\nname string Name\nkind string Kind of institution "
                       "(museum, research, university, company, cultural, other)"), ["key"],
                    rows=[[p["key"], p.get("name"), p.get("kind")]
                          for p in net.partners.values()])


def _schools(net: Network, in_programme: set[str]) -> Resource:
    return Resource("schools", "Schools", "Schools of the programme and the other schools of "
                    "their zones (needed for composition and segregation comparisons).",
                    _f(f"{KEY_FIELDS}\nname string Name\ncode string Official code\n"
                       "level string primary or secondary\nentry_places integer Places at the "
                       "entry grade\nzone_key string Zone of the school\nin_programme boolean "
                       "True if the school had an alliance by the end of the cycle"), ["key"],
                    [(["zone_key"], "zones", ["key"])],
                    [[s["key"], s.get("name"), s.get("code"), s.get("level"),
                      s.get("entry_places"), s.get("zone"), s["key"] in in_programme]
                     for s in net.schools.values()])


def _alliances(alliances: list[dict]) -> Resource:
    return Resource("alliances", "Alliances", "School–institution alliances begun by the end "
                    "of the cycle.",
                    _f(f"{KEY_FIELDS}\nschool_key string School of the alliance\ntheme string "
                       "Theme (point of interest)\nstart_year integer First school year (by "
                       "its first calendar year)\nend_year integer Last school year, empty "
                       "while running\nstatus string active, ended or archived\n"
                       "training_share_percent number Teachers in training, % (target 80)\n"
                       "advisory_hours number Hours of advice in year 0"), ["key"],
                    [(["school_key"], "schools", ["key"])],
                    [[a["key"], a.get("school"), a.get("theme"), a.get("start_year"),
                      a.get("end_year"), a.get("status"),
                      None if a.get("training_share") is None
                      else round(100 * float(a["training_share"]), 1),
                      a.get("advisory_hours")] for a in alliances])


def _alliance_partners(alliances: list[dict]) -> Resource:
    return Resource("alliance_partners", "Alliance partners", "Which partner(s) each alliance "
                    "has.", _f("alliance_key string Alliance\npartner_key string Partner"),
                    ["alliance_key", "partner_key"],
                    [(["alliance_key"], "alliances", ["key"]),
                     (["partner_key"], "partners", ["key"])],
                    [[a["key"], p] for a in alliances for p in sorted(set(a["partners"]))])


def _measures(measures: list[dict]) -> Resource:
    return Resource("measures", "Municipal measures", "Balanced-schooling measures deployed "
                    "by municipalities, begun by the end of the cycle.",
                    _f(f"{KEY_FIELDS}\nmunicipality_key string Municipality deploying it\n"
                       "kind string Kind of measure\nstart date First day\nend date Last day, "
                       "empty while in force\ndescription string What the measure does\n"
                       "schools_covered integer Number of schools it names"), ["key"],
                    [(["municipality_key"], "municipalities", ["key"])],
                    [[m["key"], m.get("municipality"), m.get("kind"), _iso(m.get("start")),
                      _iso(m.get("end")), m.get("description"), len(set(m["schools"]))]
                     for m in measures])


def _measure_schools(measures: list[dict]) -> Resource:
    return Resource("measure_schools", "Schools covered by measures", "Which schools each "
                    "measure names.", _f("measure_key string Measure\nschool_key string School"),
                    ["measure_key", "school_key"],
                    [(["measure_key"], "measures", ["key"]),
                     (["school_key"], "schools", ["key"])],
                    [[m["key"], s] for m in measures for s in sorted(set(m["schools"]))])


PEOPLE_FIELDS = """activities integer Number of activities logged
hours number Hours of activity
teachers integer Teachers reached (sum over activities)
students integer Students reached
families integer Families reached
people_reached integer Teachers, students and families reached"""


def contributions_table(net: Network, *, last_year: int, sup: Suppressor) -> Resource:
    rows = []
    for alliance in net.alliances.values():
        by_key: dict[tuple[int, str], list[dict]] = {}
        for row in net.contributions.get(alliance["key"], []):
            if row.get("year") is not None and row["year"] <= last_year:
                by_key.setdefault((row["year"], row.get("kind") or "other"), []).append(row)
        reach = sup.reach(alliance)
        for (year, kind), parts in sorted(by_key.items()):
            shown = reach.row(("kind", year, kind), marker=data.SUPPRESSED)
            rows.append([alliance["key"], year, kind,
                         sum(int(p.get("activities") or 0) for p in parts),
                         round(sum(float(p.get("hours") or 0) for p in parts), 1),
                         *(shown[p] for p in ("teachers", "students", "families", "people"))])
    return Resource("contributions", "Contributions", "Partner contributions per alliance, "
                    "school year and kind, summed (no single activity is listed).",
                    _f("alliance_key string Alliance\nyear integer School year\n"
                       "kind string Kind of contribution\n" + PEOPLE_FIELDS),
                    ["alliance_key", "year", "kind"], [(["alliance_key"], "alliances", ["key"])],
                    rows)


def assessments_table(net: Network, *, last_year: int) -> Resource:
    rows = []
    for alliance_key, items in sorted(net.assessments.items()):
        for a in items:
            if a.get("year") is None or a["year"] > last_year:
                continue
            expected = BENCHMARKS.get(Stage(a["stage"]), ()) if a.get("stage") in set(Stage) \
                else ()
            met = [b for b in (a.get("benchmarks") or []) if b in expected]
            rows.append([a["key"], alliance_key, a["year"], a.get("component"), a.get("stage"),
                         ";".join(met), len(met), len(expected)])
    return Resource("assessments", "Stage assessments", "Stage of each core component of an "
                    "alliance per school year (MSAP framework) with the benchmarks met.",
                    _f(f"{KEY_FIELDS}\nalliance_key string Alliance\nyear integer School year\n"
                       "component string Core component\nstage string Stage reached\n"
                       "benchmarks_met string Benchmarks of that stage met (separated by ;)\n"
                       "benchmarks_met_count integer How many\nbenchmarks_total integer "
                       "Benchmarks the stage has"), ["key"],
                    [(["alliance_key"], "alliances", ["key"])], rows)


SCHOOL_YEAR_FIELDS = """school_key string School
year integer School year (by its first calendar year)
places_offered integer Places offered at the entry grade
first_choice_applications integer First-choice applications
demand_ratio number First-choice applications divided by places offered
enrolled_total integer Students enrolled
share_disadvantaged number Socio-economically disadvantaged students, %
share_migrant number Students of migrant origin, %
share_nese number Students with special educational needs, %
zone_share_disadvantaged number Disadvantaged students in the school's zone, %
composition_gap_pp number School share minus zone share of disadvantaged, percentage points
source string Counts used: figures (administration) or families (platform records)"""


def school_years_table(net: Network, *, last_year: int, sup: Suppressor) -> Resource:
    rows = []
    for school in sorted(net.schools):
        for year in net.years:
            if year > last_year or not net.has_data(school, year):
                continue
            r = data.demand_row(net, school, year, sup)
            rows.append([school, year, r["places_offered"], r["first_choice_applications"],
                         r["demand_ratio"], r["enrolled_total"], r["share_disadvantaged"],
                         r["share_migrant"], r["share_nese"], r["zone_share_disadvantaged"],
                         r["composition_gap_pp"], r["source"]])
    return Resource("school_years", "School-year figures", "Demand and composition per school "
                    "and school year, including years before the programme (baseline).",
                    _f(SCHOOL_YEAR_FIELDS), ["school_key", "year"],
                    [(["school_key"], "schools", ["key"])], rows)


INDEX_FIELDS = """year integer School year
focus_group string disadvantaged, migrant or nese
schools integer Schools with students in the territory
share_percent number Focus group share of the territory's students, %
D number Dissimilarity index
H number Hutchens square-root index
xPx number Isolation index
xPy number Exposure index
M number Mutual information (two groups, natural log)
undefined_reason string Why the indices are undefined, if they are
source string Counts used: figures (administration) or families (platform enrolments)"""


def territory_tables(net: Network, *, last_year: int, sup: Suppressor) -> list[Resource]:
    out = []
    for level, parent in (("zone", "zones"), ("municipality", "municipalities")):
        keys = sorted({k for (lv, k, _, _) in net.territory if lv == level})
        rows = []
        for key in keys:
            for year in net.years:
                if year > last_year:
                    continue
                for group in FocusGroup:
                    if (level, key, year, group.value) not in net.territory:
                        continue
                    t = data.territory_row(net, level, key, year, group.value, sup)
                    rows.append([key, year, group.value, t["schools"], t["share"], t["D"],
                                 t["H"], t["xPx"], t["xPy"], t["M"], t["reason"], t["source"]])
        out.append(Resource(
            f"{level}_indicators", f"{level.capitalize()} indicators",
            f"Segregation indices of each {level} per school year and focus group, from the "
            "enrolment figures of all its schools.",
            _f(f"{level}_key string {level.capitalize()}\n{INDEX_FIELDS}"),
            [f"{level}_key", "year", "focus_group"],
            [([f"{level}_key"], parent, ["key"])], rows))
    return out


def active_measures(net: Network, municipality: str | None, year: int) -> int:
    return sum(1 for m in net.measures.values() if m.get("municipality") == municipality
               and active_in(year, m.get("start"), m.get("end")))
