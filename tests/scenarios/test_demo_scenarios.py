"""The demo's two Ciutat Vella scenarios, on the demo's own Barcelona P3 applications: the
NESE reservation lowers the NESE dissimilarity of the intake, and the baseline calibrates
against the demo's recorded enrolments within the error the closing note states."""
from __future__ import annotations

import pytest

from app.network import demo
from app.network.demo_data import PROGRAMMES
from app.scenarios.demo import DEMO_SCENARIOS, YEAR
from domain.admission.market import build
from domain.admission.summary import run

MUNICIPALITY = "m-barcelona"


@pytest.fixture(scope="module")
def barcelona():
    """The market as graph.admission.read_market would read it after seeding the demo."""
    programme = PROGRAMMES["catalunya"]
    _figures, families = demo.simulate("catalunya", programme)
    zones = [{"key": k, "name": n} for k, n, m, _ in programme.zones if m == MUNICIPALITY]
    inside = {z["key"] for z in zones}
    schools = [{"key": s.key, "name": s.name, "zone": s.zone, "places": demo.places(s)}
               for s in programme.schools if s.level == "primary" and s.zone in inside]
    keys = {s["key"] for s in schools}
    applicants, enrolled = [], {}
    for family in families:
        apps = [a for a in family["applications"]
                if a["year"] == YEAR and a["school_key"] in keys]
        if not apps:
            continue
        flags = {k: family["row"][k] for k in ("nese", "disadvantaged", "migrant")}
        applicants.append({"zone": family["row"]["zone_key"], **flags, "applications": [
            [a["rank"], a["school_key"], a["points"], a["sibling"]] for a in apps]})
        school = family["school"]
        if school in keys:
            row = enrolled.setdefault(school, {"school": school, "total": 0, "nese": 0,
                                               "disadvantaged": 0, "migrant": 0})
            row["total"] += 1
            for k, v in flags.items():
                row[k] += v
    return build(schools=schools, zones=zones, applicants=applicants,
                 enrolments=list(enrolled.values()))


def scenario(name_part: str) -> dict:
    return next(s for s in DEMO_SCENARIOS["catalunya"] if name_part in s["name"])


@pytest.mark.parametrize("seed", [0, 1])
def test_the_nese_reservation_lowers_the_nese_dissimilarity(barcelona, seed):
    record = run(barcelona, measures=scenario("NESE")["measures"], draws=100, seed=seed)
    before = record["baseline"]["segregation"]["nese"]["D"]["mean"]
    after = record["scenario"]["segregation"]["nese"]["D"]["mean"]
    assert after < before
    assert record["scenario"]["first_choice"]["nese"]["mean"] >= \
        record["baseline"]["first_choice"]["nese"]["mean"]


def test_the_baseline_calibrates_within_the_stated_error(barcelona):
    record = run(barcelona, measures=scenario("proximitat")["measures"], draws=100, seed=0)
    calibration = record["calibration"]
    assert record["baseline"]["point_source"] == "applications"  # the demo's imported points
    assert calibration["share_misplaced"] < 0.05
    for group in ("nese", "disadvantaged", "migrant"):
        simulated = calibration["D_simulated"][group]["mean"]
        assert abs(simulated - calibration["D_actual"][group]["value"]) < 0.05
    assert [s["key"] for s in record["scenario"]["schools"]] == sorted(
        s["key"] for s in record["scenario"]["schools"])
