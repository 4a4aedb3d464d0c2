"""`imant bench indicators` on the real graph, and the shared chart helpers."""
from __future__ import annotations

import uuid

from app import charts
from app.extensions import graph
from graph.indicators import bench_size


def test_bench_indicators_prints_figures_and_cleans_up(runner):
    slug = f"bench-{uuid.uuid4().hex[:8]}"
    result = runner.invoke(args=["bench", "indicators", "--schools", "40",
                                 "--municipalities", "6", "--tenant", slug])
    assert result.exit_code == 0, result.output
    assert f"created bench tenant {slug!r}: 40 schools" in result.output
    for label in ("graph read:", "to arrays:", "in memory:", "whole:"):
        assert label in result.output
    assert "6 municipalities × 3 focus groups" in result.output
    assert graph.read(bench_size, tenant=slug, year=2024) == {"school_years": 0,
                                                              "municipalities": 0}


def test_bench_refuses_a_real_programme(runner, tenant):
    result = runner.invoke(args=["bench", "indicators", "--tenant", tenant.slug])
    assert result.exit_code != 0 and "must start with 'bench-'" in result.output


def test_line_chart_svg_is_inline_and_escaped():
    series = {"<b>school</b>": {2022: 0.5, 2023: None, 2024: 0.4}, "zone": {2022: 0.3}}
    svg = charts.line_chart_svg(series=series, title="Cost $5", marker_year=2023)
    assert svg.startswith("<svg")
    assert "<b>" not in svg and "&lt;b&gt;school" in svg
    assert "2023-24" in svg and "alliance starts" in svg and "Cost $5" in svg
    assert svg == charts.line_chart_svg(series=series, title="Cost $5", marker_year=2023)


def test_a_chart_without_data_says_so():
    assert "no data" in charts.bar_chart_svg(values={})
    assert "no data" in charts.line_chart_svg(series={})
