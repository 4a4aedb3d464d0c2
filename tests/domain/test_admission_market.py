"""A market as the graph returns it, turned into the simulator's arrays, and run end to end
into the stored record; then what disclosure control lets out of that record."""
from __future__ import annotations

import numpy as np
import pytest

from domain.admission import market as mk
from domain.admission.market import ELSEWHERE, build
from domain.admission.summary import run
from domain.disclosure.composition import SMALL_NUMBERS
from domain.disclosure.simulation import published

SCHOOLS = [{"key": "s-a", "name": "A", "zone": "z-1", "places": 2},
           {"key": "s-b", "name": "B", "zone": "z-2", "places": 1},
           {"key": "s-c", "name": "C", "zone": "z-2", "places": None}]
ZONES = [{"key": "z-1", "name": "One"}, {"key": "z-2", "name": "Two"}]


def applicant(zone, *apps, nese=False, disadvantaged=False, migrant=False):
    return {"zone": zone, "nese": nese, "disadvantaged": disadvantaged, "migrant": migrant,
            "applications": list(apps)}


def test_rows_become_arrays_in_rank_order_with_zones_points_and_siblings():
    rows = [applicant("z-1", [2, "s-b", None, None], [1, "s-a", 45.0, True], nese=True),
            applicant("z-9", [1, "s-b", None, False]),
            applicant(None, [1, "s-c", None, None], disadvantaged=True, migrant=None)]
    m = build(schools=SCHOOLS, zones=ZONES, applicants=rows,
              enrolments=[{"school": "s-a", "total": 2, "nese": 1, "disadvantaged": 0,
                           "migrant": 0}, {"school": "s-x", "total": 9}])
    assert m.zone_keys == ("z-1", "z-2", ELSEWHERE)
    assert m.applicants.choices.tolist() == [[0, 1], [1, -1], [2, -1]]
    assert m.applicants.home_zone.tolist() == [0, 2, 2]  # outside or unknown: elsewhere
    assert m.applicants.nese.tolist() == [True, False, False]
    assert m.applicants.migrant.tolist() == [False, False, False]  # None is not a flag
    assert np.isnan(m.applicants.points[0, 1]) and m.applicants.points[0, 0] == 45.0
    assert m.applicants.sibling.tolist() == [[True, False], [False, False], [False, False]]
    assert m.schools.places.tolist() == [2, 1, 0]
    assert m.schools.serves.tolist() == [[True, False, False], [False, True, False],
                                         [False, True, False]]
    assert m.recorded["total"].tolist() == [2, 0, 0]  # a school outside the market is left out


def test_no_points_or_sibling_anywhere_leaves_the_arrays_out():
    m = build(schools=SCHOOLS, zones=ZONES, applicants=[applicant("z-1", [1, "s-a", None, None])],
              enrolments=[])
    assert m.applicants.points is None and m.applicants.sibling is None


def test_measures_by_key_become_rows_and_unknown_keys_are_named():
    m = build(schools=SCHOOLS, zones=ZONES, applicants=[], enrolments=[])
    s = mk.scenario(m, {"mechanism": "deferred_acceptance",
                        "reserve": {"group": "nese", "places": 1, "schools": ["s-b"]},
                        "zones_add": [["s-a", "z-2"]], "places": {"s-c": 3}})
    assert s.mechanism == "deferred_acceptance"
    assert s.reserve.places == {1: 1} and s.zones.add == ((0, 1),)
    assert s.places.delta == {2: 3}
    assert mk.scenario(m, {}).reserve is None
    with pytest.raises(ValueError, match="reserve.schools names school 's-z'"):
        mk.scenario(m, {"reserve": {"group": "nese", "places": 1, "schools": ["s-z"]}})
    with pytest.raises(ValueError, match="zones_add names zone 'z-9'"):
        mk.scenario(m, {"zones_add": [["s-a", "z-9"]]})
    with pytest.raises(ValueError, match="zones_remove names zone"):
        mk.scenario(m, {"zones_remove": [["s-a", ELSEWHERE]]})


def city(n=200, seed=1):
    """Two schools in a poor and a rich zone: NESE families live in the poor one."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        poor = i % 2 == 0
        first, second = ("s-a", "s-b") if rng.random() < (0.3 if poor else 0.8) else ("s-b", "s-a")
        rows.append(applicant("z-1" if poor else "z-2", [1, first, None, None],
                              [2, second, None, None], nese=poor and rng.random() < 0.3,
                              disadvantaged=poor, migrant=poor and rng.random() < 0.5))
    schools = [{"key": "s-a", "name": "A", "zone": "z-2", "places": n // 2},
               {"key": "s-b", "name": "B", "zone": "z-1", "places": n // 2}]
    return build(schools=schools, zones=ZONES, applicants=rows,
                 enrolments=[{"school": "s-a", "total": n // 2, "nese": n // 40,
                              "disadvantaged": n * 3 // 20, "migrant": n * 6 // 100},
                             {"school": "s-b", "total": n // 2, "nese": n // 10,
                              "disadvantaged": n * 7 // 20, "migrant": n * 19 // 100}])


def test_a_run_keeps_baseline_scenario_and_calibration_as_aggregates():
    steps = []
    record = run(city(), measures={"reserve": {"group": "nese", "places": 15,
                                               "schools": ["s-a"]}},
                 draws=20, seed=4, progress=lambda done, total: steps.append((done, total)))
    assert steps == [(1, 2), (2, 2)]
    base, scen = record["baseline"], record["scenario"]
    assert base["draws"] == scen["draws"] == 20 and base["point_source"] == "derived"
    assert [s["reserved"] for s in scen["schools"]] == [15, 0]
    assert [s["reserved"] for s in base["schools"]] == [0, 0]
    # places are full either way; the reserve moves NESE pupils into the rich zone's school
    assert scen["segregation"]["nese"]["D"]["mean"] < base["segregation"]["nese"]["D"]["mean"]
    assert sum(s["intake"]["total"][0] for s in base["schools"]) == 200
    cal = record["calibration"]
    assert set(cal["mean_error"]) == {"total", "nese", "disadvantaged", "migrant"}
    assert cal["recorded"]["nese"] == 25 and cal["schools_with_pupils"] == 2
    assert cal["D_simulated"]["nese"] == base["segregation"]["nese"]["D"]
    assert "family" not in repr(record)


def test_published_withholds_small_intakes_and_what_gives_them_away():
    record = run(city(n=40, seed=2), measures={}, draws=5, seed=1)
    base = record["baseline"]
    small = [(s["key"], col) for s in base["schools"] for col, v in s["intake"].items()
             if 0 < v[0] < 5]
    assert small, "the case needs a small intake"
    out = published(record, threshold=5)
    shown = {s["key"]: s for s in out["baseline"]["schools"]}
    for key, col in small:
        assert shown[key]["intake"][col] is None and col in shown[key]["withheld"]
    # two schools: a withheld intake would be the group's admitted minus the other school's
    for key, col in small:
        other = next(k for k in shown if k != key)
        group = next(g for g, c in (("all", "total"), ("nese", "nese"),
                                    ("disadvantaged", "disadvantaged"),
                                    ("migrant", "migrant")) if c == col)
        assert shown[other]["intake"][col] is None or \
            out["baseline"]["any_choice"][group]["mean"] is None
    assert record["baseline"]["schools"][0]["intake"]["total"] is not None  # a copy
    assert "recorded" not in out["calibration"] and "partition" not in out["baseline"]


def test_indices_and_actual_d_are_withheld_below_the_threshold():
    record = run(city(n=200), measures={}, draws=5, seed=1)
    loose = published(record, threshold=5)
    assert loose["baseline"]["segregation"]["nese"]["D"]["mean"] is not None
    assert loose["calibration"]["D_actual"]["nese"]["value"] is not None
    assert loose["baseline"]["M"]["mean"] is not None
    strict = published(record, threshold=40)  # 25 NESE pupils recorded, about 30 simulated
    assert strict["calibration"]["D_actual"]["nese"] == {"value": None,
                                                         "reason": SMALL_NUMBERS}
    assert strict["baseline"]["segregation"]["nese"]["D"]["reason"] == SMALL_NUMBERS
    assert strict["calibration"]["D_simulated"]["nese"]["mean"] is None
    assert strict["baseline"]["segregation"]["disadvantaged"]["D"]["mean"] is not None
    # about 50 migrant pupils admitted: M's partition has a part below 60
    assert published(record, threshold=60)["baseline"]["M"]["reason"] == SMALL_NUMBERS
