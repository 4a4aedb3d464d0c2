"""Before and after: a saved run read back and printed beside a new one."""
from __future__ import annotations

import pytest

from app.benchmarks import compare

BEFORE = [("healthz", {"p95_ms": 50.0, "ratio": 1.0, "rps": 0.5, "errors": 0}),
          ("page overview", {"p95_ms": 12_300.0, "ratio": 246.0, "rps": 0.4, "errors": 3})]
ABOUT = {"when": "2026-12-01T16:00:00+00:00", "clients": 20, "server": "gunicorn -w 4",
         "load_average": "2.10 2.00 1.90 → 3.50 2.40 2.00"}


def test_a_saved_run_prints_beside_the_new_one(tmp_path):
    path = tmp_path / "before.json"
    compare.save(path, rows=BEFORE, about=ABOUT)
    before = compare.read(path)
    after = [("healthz", {"p95_ms": 40.0, "ratio": 1.0, "rps": 20.0, "errors": 0}),
             ("page overview", {"p95_ms": 120.0, "ratio": 3.0, "rps": 19.5, "errors": 0}),
             ("page school", {"p95_ms": 90.0, "ratio": 2.25, "rps": 19.0, "errors": 0})]
    lines = compare.table(before, after)
    assert lines[0].split() == ["endpoint", "p95", "ms", "before", "after", "p95/healthz",
                                "before", "after", "req/s", "before", "after", "errors",
                                "before", "after"]
    assert lines[1].split() == ["healthz", "50.0", "40.0", "1.00", "1.00", "0.5", "20.0",
                                "0", "0"]
    assert lines[2].split() == ["page", "overview", "12,300.0", "120.0", "246.00", "3.00",
                                "0.4", "19.5", "3", "0"]
    assert lines[3].split() == ["page", "school", "n/a", "90.0", "n/a", "2.25", "n/a", "19.0",
                                "n/a", "0"]
    assert lines[4] == ("before: 2026-12-01T16:00:00+00:00, 20 clients, gunicorn -w 4, "
                        "load average 2.10 2.00 1.90 → 3.50 2.40 2.00")


def test_a_file_that_is_not_a_saved_run_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"rows": []}')
    with pytest.raises(ValueError, match="not a saved"):
        compare.read(path)
    path.write_text("not json")
    with pytest.raises(ValueError):
        compare.read(path)
