"""The server-drawn trend line and the contribution comparison of the partner's home."""
from __future__ import annotations

from app.main.dashboard import overdue_by_plan
from app.main.dashboard_scoped import contribution_rows
from app.main.sparkline import sparkline


def test_a_sparkline_scales_values_into_its_box_and_skips_missing_ones():
    line = sparkline([1.0, None, 3.0, 2.0], width=100, height=20, pad=0)
    assert line["points"] == "0.0,20.0 66.7,0.0 100.0,10.0"
    assert line["last"] == (100.0, 10.0)
    assert sparkline([None, 2.0]) is None and sparkline([]) is None
    flat = sparkline([5, 5], width=10, height=10, pad=0)
    assert flat["points"] == "0.0,10.0 10.0,10.0"


def test_contribution_rows_compare_years_and_leave_out_empty_kinds():
    def totals(**by_kind):
        every = {m: sum(k.get(m, 0) for k in by_kind.values())
                 for m in ("count", "hours", "teachers", "students", "families")}
        return {"by_kind": by_kind, "all": every}
    rows = contribution_rows({2025: totals(workshop={"count": 2, "hours": 3, "students": 10}),
                              2026: totals(event={"count": 1, "hours": 1, "families": 4,
                                                  "teachers": 2})}, year=2026)
    assert [r["kind"] for r in rows] == ["workshop", "event", "all"]
    assert rows[0]["now"] == {"count": 0, "hours": 0, "people": 0}
    assert rows[1]["now"] == {"count": 1, "hours": 1, "people": 6}
    assert rows[2]["before"] == {"count": 2, "hours": 3, "people": 10}


def test_overdue_actions_are_grouped_by_plan_most_first():
    rows = [{"plan": "p1", "alliance": "a1", "last_year": 2022, "title": "x"},
            {"plan": "p2", "alliance": "a2", "last_year": 2021, "title": "y"},
            {"plan": "p2", "alliance": "a2", "last_year": 2023, "title": "z"}]
    grouped = overdue_by_plan(rows)
    assert [(g["plan"], g["count"], g["oldest"]) for g in grouped] == [("p2", 2, 2021),
                                                                       ("p1", 1, 2022)]
    assert grouped[0]["titles"] == ["y", "z"]
