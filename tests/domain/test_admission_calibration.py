"""Calibration of a simulated baseline, and the benchmark's data and report."""
from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from domain import indices
from domain.admission import bench
from domain.admission.calibration import calibrate
from domain.admission.mechanisms import BOSTON, DEFERRED_ACCEPTANCE
from domain.admission.simulate import simulate
from tests.domain.helpers import applicants, schools


def baseline():
    # Four pupils with points that decide everything: NESE pupils 0 and 1 go to school 0.
    people = applicants([[0, 1]] * 4, points=[[9, 0], [9, 0], [0, 0], [0, 0]],
                        nese=[True, True, False, False], disadvantaged=[True, False, True, False])
    return simulate(applicants=people, schools=schools([2, 2]), draws=3)


def test_a_perfect_record_calibrates_with_no_error():
    recorded = {"total": np.array([2, 2]), "nese": np.array([2, 0]),
                "disadvantaged": np.array([1, 1]), "migrant": np.array([0, 0])}
    cal = calibrate(result=baseline(), recorded=recorded)
    assert all(e.tolist() == [0.0, 0.0] for e in cal.error.values())
    assert cal.share_misplaced == 0.0
    assert cal.D_actual["nese"].value == cal.D_simulated["nese"].mean == 1.0
    assert cal.D_actual["migrant"].value is None
    assert cal.D_actual["migrant"].reason == indices.NO_MEMBERS


def test_errors_per_school_and_group_and_d_against_d():
    recorded = {"total": np.array([3, 1]), "nese": np.array([1, 1]),
                "disadvantaged": np.array([1, 1]), "migrant": np.array([0, 0])}
    cal = calibrate(result=baseline(), recorded=recorded)
    assert cal.error["total"].tolist() == [1.0, 1.0]
    assert cal.error["nese"].tolist() == [1.0, 1.0]
    assert cal.mean_error == {"total": 1.0, "nese": 1.0, "disadvantaged": 0.0, "migrant": 0.0}
    assert cal.share_misplaced == pytest.approx(2 / 8)
    actual = indices.segregation(a=[1, 1], b=[2, 0]).D
    assert cal.D_actual["nese"].value == pytest.approx(actual)
    assert cal.D_simulated["nese"].mean == 1.0


def test_bad_records_name_the_column():
    good = {"total": np.array([2, 2]), "nese": np.array([2, 0]),
            "disadvantaged": np.array([1, 1]), "migrant": np.array([0, 0])}
    with pytest.raises(ValueError, match=r"missing the columns \['migrant'\]"):
        calibrate(result=baseline(), recorded={k: v for k, v in good.items() if k != "migrant"})
    with pytest.raises(ValueError, match=r"recorded\['total'\] must hold"):
        calibrate(result=baseline(), recorded=good | {"total": np.array([2, 2, 2])})
    with pytest.raises(ValueError, match=r"recorded\['nese'\] exceeds the total at school 1"):
        calibrate(result=baseline(), recorded=good | {"nese": np.array([0, 3])})


def test_the_synthetic_city_is_seeded_and_offers_a_few_more_places_than_applicants():
    a1, s1 = bench.synthetic(applicants=2000, schools=30, seed=4)
    a2, s2 = bench.synthetic(applicants=2000, schools=30, seed=4)
    assert np.array_equal(a1.choices, a2.choices) and np.array_equal(s1.places, s2.places)
    assert 1.0 < s1.places.sum() / 2000 < 1.25
    assert (s1.places % bench.GROUP_SIZE == 0).all()
    assert 0.1 < a1.disadvantaged.mean() < 0.5
    assert (a1.choices[:, 0] >= 0).all()


def test_the_report_prints_both_mechanisms_and_the_matching_ratio():
    figures = {"places": 100, BOSTON: 2.0, DEFERRED_ACCEPTANCE: 4.0, "matching": (2.0, True)}
    lines = bench.report(figures, draws=100)
    assert lines[1] == "boston               0.0200 s per draw, 2.00 s for 100 draws"
    assert lines[2].startswith("deferred_acceptance  0.0400 s per draw, 4.00 s")
    assert "same matching as ours: yes" in lines[3]
    assert lines[4] == "speed ratio: ours is 50× faster per draw"
    missing = bench.report(figures | {"matching": None}, draws=100)
    assert missing[-1].startswith("matching package: not installed")


def test_the_bench_command_runs_on_a_small_city():
    out = CliRunner().invoke(bench.simulate_command,
                             ["--applicants", "300", "--schools", "12", "--draws", "2"])
    assert out.exit_code == 0, out.output
    assert "s per draw" in out.output
    assert "same matching as ours: yes" in out.output

