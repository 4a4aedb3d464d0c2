"""Percentiles and the per-endpoint table, on numbers worked out by hand."""
from __future__ import annotations

import random

import numpy as np
import pytest

from app.benchmarks import load
from app.benchmarks.serve_cli import report
from app.benchmarks.stats import Tally, percentile, summary


def test_percentiles_interpolate_between_closest_ranks():
    values = [4.0, 1.0, 3.0, 2.0]  # sorted 1 2 3 4, positions 0..3
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 2.5  # position 1.5
    assert percentile(values, 95) == pytest.approx(3.85)  # position 2.85
    assert percentile(values, 99) == pytest.approx(3.97)  # position 2.97
    assert percentile(values, 100) == 4.0
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_percentiles_agree_with_numpy():
    rng = random.Random(5)
    values = [rng.expovariate(3) for _ in range(1001)]
    for q in (50, 95, 99):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_summary_counts_errors_as_requests_but_not_in_latencies():
    tally = Tally(latencies=[0.1, 0.2, 0.3, 0.4])
    tally.error("HTTP 500")
    got = summary(tally, seconds=2.0, reference_p95=0.0385)
    assert got["requests"] == 5 and got["errors"] == 1
    assert got["p50_ms"] == pytest.approx(250.0)
    assert got["p95_ms"] == pytest.approx(385.0)
    assert got["p99_ms"] == pytest.approx(397.0)
    assert got["rps"] == pytest.approx(2.5)
    assert got["ratio"] == pytest.approx(10.0)
    assert summary(Tally(), seconds=1.0, reference_p95=None)["ratio"] is None


def test_the_report_prints_every_column_per_endpoint_and_the_total():
    health = Tally(latencies=[0.010, 0.020, 0.030, 0.040])
    slow = Tally(latencies=[0.1, 0.2, 0.3, 0.4])
    slow.error("timeout")
    result = load.Result(tallies={"healthz": health, "api seg programme": slow},
                         body_bytes={"healthz": 4 * 1024, "api seg programme": 8 * 1024},
                         seconds=2.0)
    lines = report(result)
    assert lines[0].split() == ["endpoint", "requests", "errors", "p50", "ms", "p95", "ms",
                                "p99", "ms", "req/s", "p95/healthz"]
    assert lines[1].split() == ["healthz", "4", "0", "25.0", "38.5", "39.7", "2.0", "1.00"]
    assert lines[2].split() == ["api", "seg", "programme", "5", "1", "250.0", "385.0",
                                "397.0", "2.5", "10.00"]
    # the total: 8 answered latencies (10..40 ms, 100..400 ms), 9 requests in 2 s; p50 at
    # position 3.5 = 40 + (100 − 40)/2, p95 at 6.65 = 300 + 0.65 × 100, ratio 365 ÷ 38.5
    assert lines[3].split() == ["total", "9", "1", "70.0", "365.0", "393.0", "4.5", "9.48"]
    assert "mean answer size, KiB: healthz 1.0, api seg programme 2.0" in lines
    assert "errors of api seg programme: timeout × 1" in lines
