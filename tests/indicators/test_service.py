"""Graph-fed indicators equal the measures computed in memory from the same counts."""
from __future__ import annotations

import json

import numpy as np
import pytest

from app.extensions import db, graph
from app.indicators import activity
from app.indicators import figures as computed
from domain import disclosure
from domain import indices as m
from graph.indicators import seed_network

from . import seed as net

TOL = 1e-12


@pytest.fixture
def slug(tenant) -> str:
    """The seeded network, with no count withheld: these tests check the arithmetic, and
    the seed's small counts would otherwise withhold most of it (tests/disclosure)."""
    net.seed(tenant.slug)
    tenant.settings = {"suppression_threshold": 1}
    db.session.commit()
    return tenant.slug


@pytest.fixture
def guarded_slug(tenant) -> str:
    """The seeded network under the default threshold (5)."""
    net.seed(tenant.slug)
    return tenant.slug


def figures(year: int, schools: list[str], group: str) -> tuple[list[int], list[int]]:
    """(a, b) of a group for some schools from the seeded figures."""
    table = net.FIGURES_2023 if year == 2023 else net.FIGURES_2024
    column = {"disadvantaged": 1, "migrant": 2, "nese": 3}[group]
    a = [table[s][column] for s in schools]
    return a, [table[s][0] - x for s, x in zip(schools, a, strict=True)]


def assert_indices(result: dict, expected: m.Segregation) -> None:
    for name in ("D", "xPx", "xPy", "H"):
        value, want = result[name], getattr(expected, name)
        assert (value is None) == (want is None), name
        if want is not None:
            assert value == pytest.approx(want, abs=TOL), name
    assert result["schools"] == expected.schools


@pytest.mark.parametrize("territory, schools", [
    ("z-a1", ["s1", "s2", "s3"]), ("m-a", ["s1", "s2", "s3", "s4", "s5"]),
    ("programme", ["s1", "s2", "s3", "s4", "s5", "s6"]),
])
@pytest.mark.parametrize("group", ["disadvantaged", "migrant", "nese"])
def test_graph_fed_indices_equal_in_memory(slug, territory, schools, group):
    result = computed.territory_segregation(tenant=slug, territory=territory, year=2023,
                                           group=group)
    a, b = figures(2023, schools, group)
    assert result["source"] == "figures"
    assert_indices(result, m.segregation(a=a, b=b))
    mi = m.mutual_information(counts=np.column_stack((a, b)))
    assert result["M"] == pytest.approx(mi.M, abs=TOL)
    assert sum(r["contribution"] for r in result["M_by_school"]) == pytest.approx(mi.M, abs=TOL)
    assert {r["school"] for r in result["gaps"]} == set(schools)
    assert result["undefined"] == {}
    json.dumps(result)  # plain JSON values only


def test_territory_names_and_levels(slug):
    zone = computed.territory_segregation(tenant=slug, territory="z-a1", year=2023,
                                         group="migrant")
    assert (zone["territory"], zone["territory_name"], zone["level"], zone["municipality"]) \
        == ("z-a1", "Alfa north", "zone", "m-a")
    whole = computed.territory_segregation(tenant=slug, territory="programme", year=2023,
                                          group="migrant")
    assert (whole["territory"], whole["level"], whole["territory_name"]) \
        == ("programme", "programme", "Test programme")


def test_school_gap_equals_composition_gap(slug):
    result = computed.school_indicators(tenant=slug, school="s2", year=2023)
    a, b = figures(2023, ["s1", "s2", "s3"], "disadvantaged")
    expected = m.composition_gap(a_i=8, t_i=80, A=sum(a), T=sum(a) + sum(b))
    dis = result["composition"]["disadvantaged"]
    assert dis["gap_pp"] == pytest.approx(expected.value, abs=TOL)
    assert dis["share"] == pytest.approx(10.0)
    assert dis["territory_share"] == pytest.approx(100 * 78 / 240)
    assert result["territory"] == {"key": "z-a1", "name": "Alfa north", "level": "zone",
                                   "municipality": "m-a"}
    by_municipality = computed.school_indicators(tenant=slug, school="s2", year=2023,
                                                level="municipality")
    assert by_municipality["territory"]["key"] == "m-a"
    assert by_municipality["composition"]["disadvantaged"]["territory_share"] == \
        pytest.approx(100 * 123 / 360)


def test_source_falls_back_to_families(slug):
    result = computed.territory_segregation(tenant=slug, territory="z-a1", year=2022,
                                           group="disadvantaged")
    counts = [net.family_counts(2022, s) for s in ("s1", "s2", "s3")]
    a = [c["disadvantaged"] for c in counts]
    b = [c["total"] - c["disadvantaged"] for c in counts]
    assert result["source"] == "families"
    assert a == [5, 0, 6] and b == [5, 7, 1]
    assert_indices(result, m.segregation(a=a, b=b))


def test_multigroup_partition_from_families(slug):
    result = computed.territory_segregation(tenant=slug, territory="z-a1", year=2022,
                                           group="migrant")
    # migrant / disadvantaged not migrant / neither, per school s1, s2, s3
    matrix = [[2, 3, 5], [1, 0, 6], [1, 5, 1]]
    expected = m.mutual_information(counts=matrix)
    multi = result["multigroup"]
    assert multi["groups"] == ["migrant", "disadvantaged_not_migrant", "neither"]
    assert multi["source"] == "families"
    assert multi["M"] == pytest.approx(expected.M, abs=TOL)
    assert sum(r["contribution"] for r in multi["by_school"]) == pytest.approx(expected.M,
                                                                                abs=TOL)


def test_multigroup_undefined_without_families(slug):
    result = computed.territory_segregation(tenant=slug, territory="z-a2", year=2023,
                                           group="migrant")
    assert result["source"] == "figures"
    assert result["multigroup"]["M"] is None
    assert "marginal counts" in result["multigroup"]["reason"]


def test_a_mix_of_sources_counts_every_school_from_families(slug):
    # 2024: s1 and s2 have figures, s3 only family enrolments.
    result = computed.territory_segregation(tenant=slug, territory="z-a1", year=2024,
                                           group="disadvantaged")
    assert result["source"] == "families"
    assert result["schools_without_figures"] == ["s3"]
    assert result["schools"] == 1
    assert result["D"] is None and result["undefined"]["D"] == m.ONE_SCHOOL
    # one school: its isolation (0.6) would be its own share, so it is withheld
    assert result["xPx"] is None and result["undefined"]["xPx"] == disclosure.SMALL_NUMBERS


def test_one_school_territory(slug):
    result = computed.territory_segregation(tenant=slug, territory="z-b1", year=2023,
                                           group="disadvantaged")
    assert result["schools"] == 1
    assert result["undefined"] == {"D": m.ONE_SCHOOL, "H": m.ONE_SCHOOL, "M": m.ONE_SCHOOL,
                                   "xPx": disclosure.SMALL_NUMBERS,
                                   "xPy": disclosure.SMALL_NUMBERS}
    assert result["xPx"] is None and result["xPy"] is None  # they would be 0.25 and 0.75
    assert result["share"] == pytest.approx(25.0)  # the same figure, shown as the share


def test_empty_territory_is_undefined_not_zero(slug):
    result = computed.territory_segregation(tenant=slug, territory="z-c1", year=2023,
                                           group="nese")
    assert result["source"] is None and result["schools"] == 0
    assert all(result[k] is None for k in ("D", "xPx", "xPy", "H", "M"))
    assert set(result["undefined"]) == {"D", "xPx", "xPy", "H", "M"}


def test_series_has_one_entry_per_year_with_data(slug):
    series = computed.territory_series(tenant=slug, territory="z-a1", group="disadvantaged")
    assert [(r["year"], r["source"]) for r in series] == \
        [(2022, "families"), (2023, "figures"), (2024, "families")]
    a, b = figures(2023, ["s1", "s2", "s3"], "disadvantaged")
    assert series[1]["D"] == pytest.approx(m.segregation(a=a, b=b).D, abs=TOL)
    assert computed.available_years(tenant=slug) == [2022, 2023, 2024]


def test_all_municipalities_at_once_equal_one_by_one(slug):
    rows = computed.territories_segregation(tenant=slug, year=2023, group="migrant")
    assert [r["territory"] for r in rows] == ["m-a", "m-b"]
    for row in rows:
        one = computed.territory_segregation(tenant=slug, territory=row["territory"], year=2023,
                                            group="migrant")
        for name in ("D", "xPx", "xPy", "H", "M", "schools", "source", "undefined"):
            assert row[name] == pytest.approx(one[name], abs=TOL) if isinstance(
                row[name], float) else row[name] == one[name], name
    zones = computed.territories_segregation(tenant=slug, year=2022, group="migrant",
                                            level="zone")
    assert [(r["territory"], r["source"]) for r in zones] == [
        ("z-a1", "families"), ("z-a2", None), ("z-b1", None)]


def test_demand_from_figures_families_and_no_places(slug):
    now = computed.territory_demand(tenant=slug, territory="z-a1", year=2023)
    ratios = {r["school"]: r for r in now["schools"]}
    assert ratios["s1"]["ratio"] == 2.0 and ratios["s1"]["source"] == "figures"
    assert ratios["s3"]["ratio"] is None and ratios["s3"]["reason"] == m.NO_PLACES
    before = {r["school"]: r for r in computed.territory_demand(
        tenant=slug, territory="z-a1", year=2022)["schools"]}
    assert before["s1"]["ratio"] == 0.75 and before["s1"]["source"] == "families"
    assert before["s2"]["ratio"] == 0.5 and before["s2"]["applications"] == 1
    assert before["s3"]["ratio"] is None and before["s3"]["reason"] == "no places recorded"
    later = computed.territory_demand(tenant=slug, territory="z-a2", year=2022)
    assert all(r["reason"] == "no application data for the year" for r in later["schools"])


def test_small_counts_are_withheld_with_what_would_give_them_back(guarded_slug):
    slug = guarded_slug
    nese = computed.school_indicators(tenant=slug, school="s2", year=2023)["composition"]["nese"]
    assert nese["members"] is None and nese["others"] is None and nese["suppressed"]
    assert nese["share"] is None and nese["gap_pp"] is None  # 3 of 80 would come back
    assert nese["students"] == 80  # the school's total, as every other group shows it
    dis = computed.school_indicators(tenant=slug, school="s2", year=2023)["composition"][
        "disadvantaged"]
    assert (dis["members"], dis["others"], dis["students"]) == (8, 72, 80)
    zone = computed.territory_segregation(tenant=slug, territory="z-a1", year=2023,
                                          group="nese")
    withheld = [r["school"] for r in zone["gaps"] if r["members"] is None]
    assert "s2" in withheld
    # the zone's total minus the schools shown never isolates s2's count
    assert zone["members"] is None or len(withheld) >= 2
    before = {r["school"]: r for r in computed.territory_demand(
        tenant=slug, territory="z-a1", year=2022)["schools"]}
    # 1 first choice for 2 places: the ratio would give the count back
    assert before["s2"]["applications"] is None and before["s2"]["ratio"] is None


def test_tenant_setting_changes_the_threshold(guarded_slug, tenant):
    slug = guarded_slug
    tenant.settings = {"suppression_threshold": 3}
    db.session.commit()
    nese = computed.school_indicators(tenant=slug, school="s2", year=2023)["composition"]["nese"]
    assert nese["members"] == 3
    assert computed.suppression_threshold(tenant=slug) == 3


def test_before_and_after_the_alliance(slug):
    result = computed.school_indicators(tenant=slug, school="s1")
    assert result["year"] == 2024
    assert result["alliance"]["key"] == "a1" and result["alliance"]["start_year"] == 2023
    rows = {(r["indicator"], r["group"]): r for r in result["before_after"]}
    share = rows[("share", "disadvantaged")]
    assert (share["before_year"], share["start_year"], share["current_year"]) == \
        (2022, 2023, 2024)
    # 2022 from families (5 of 10); 2023 figures (40 of 100); 2024 families for the zone: s1
    # has no family enrolment then, so its share is undefined.
    assert share["before"] == pytest.approx(50.0) and share["start"] == pytest.approx(40.0)
    assert share["current"] is None and share["change_since_start"] is None
    assert result["source"] == "families" and result["schools_without_figures"] == 1
    demand = rows[("demand_ratio", None)]
    assert (demand["before"], demand["start"], demand["current"]) == (0.75, 2.0, 2.4)
    assert demand["change_since_start"] == pytest.approx(0.4)


def test_school_series_lists_years_with_data(slug):
    series = computed.school_series(tenant=slug, school="s3")
    assert [r["year"] for r in series] == [2022, 2023, 2024]
    assert series[0]["composition"]["disadvantaged"]["share"] == pytest.approx(600 / 7)
    assert computed.school_series(tenant=slug, school="s6")[0]["year"] == 2023


def test_commitment_counts_measures_active_in_the_school_year(slug):
    y2023 = activity.commitment(tenant=slug, municipality="m-a", year=2023)
    assert y2023["measures"] == 2  # me1 ongoing; me3 starts 31 Aug 2024, the last day of 2023-24
    assert y2023["by_kind"] == {"enrolment_office": 1, "place_reservation": 1}
    assert [s["key"] for s in y2023["schools_covered"]] == ["s1", "s2", "s3", "s4"]
    y2022 = activity.commitment(tenant=slug, municipality="m-a", year=2022)
    assert y2022["measures"] == 2  # me1 and me2 (June–August 2023 is in 2022-23)
    assert activity.commitment(tenant=slug, municipality="m-c", year=2023)["measures"] == 0


def test_alliance_activity_per_year_and_kind(slug):
    result = activity.alliance_activity(tenant=slug, alliance="a1")
    years = {r["year"]: r for r in result["by_year"]}
    assert set(years) == {2023, 2024}
    assert years[2023]["activities"] == 2  # c2 dated February 2024 belongs to 2023-24
    assert years[2023]["hours"] == 5.5 and years[2023]["people"] == 57
    assert years[2023]["by_kind"]["workshop"]["people"] == 45
    assert years[2024]["alliance_year"] == 2
    assert result["totals"]["hours"] == 9.5
    assert result["training"] == {"share": 0.85, "target": 0.8, "met": True, "reason": None}
    assert result["school"] == {"key": "s1", "name": "Escola Una"}
    assert [p["key"] for p in result["partners"]] == ["p-museu"]
    none = activity.alliance_activity(tenant=slug, alliance="a6")
    assert none["by_year"] == [] and none["training"]["met"] is None


def test_latest_school_indicators(slug):
    rows = {r["school"]: r for r in computed.latest_school_indicators(tenant=slug)}
    assert set(rows) == {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert rows["s4"]["year"] == 2023 and rows["s3"]["year"] == 2024
    one = computed.school_indicators(tenant=slug, school="s5")
    assert rows["s5"]["composition"] == one["composition"]
    assert rows["s1"]["demand"]["ratio"] == 2.4


def test_unknown_names_raise_domain_errors(slug):
    from graph.errors import Invalid, NotFound
    with pytest.raises(NotFound):
        computed.territory_segregation(tenant=slug, territory="nowhere", year=2023, group="nese")
    with pytest.raises(Invalid) as err:
        computed.territory_segregation(tenant=slug, territory="z-a1", year=2023, group="poor")
    assert err.value.errors[0]["field"] == "group"
    with pytest.raises(NotFound):
        computed.school_indicators(tenant=slug, school="nope")
    with pytest.raises(NotFound):
        activity.commitment(tenant=slug, municipality="z-a1", year=2023)
    with pytest.raises(NotFound):
        activity.alliance_activity(tenant=slug, alliance="nope")


def test_a_school_in_two_zones_of_a_municipality_counts_once(slug):
    graph.write(seed_network, tenant=slug, schools=[{**net.SCHOOLS[0], "zone": "z-a2"}])
    result = computed.territory_segregation(tenant=slug, territory="m-a", year=2022,
                                           group="disadvantaged")
    assert result["source"] == "families"
    assert_indices(result, m.segregation(a=[5, 0, 6], b=[5, 7, 1]))
    demand = {r["school"]: r for r in computed.territory_demand(
        tenant=slug, territory="m-a", year=2022)["schools"]}
    assert demand["s1"]["ratio"] == 0.75
