"""`imant bench import` prints rows per second and leaves nothing behind."""
from __future__ import annotations

import re

from app.imports.bench import synthetic_files
from app.imports.kinds import KINDS
from tests.imports.conftest import graph_counts


def test_the_bench_prints_rates_and_removes_its_tenant(runner):
    result = runner.invoke(args=["bench", "import", "--families", "400", "--zones", "6",
                                 "--batch-size", "150", "--rounds", "2"])
    assert result.exit_code == 0, result.output
    for label in ("families (new)", "families (update)", "applications", "enrolments"):
        assert re.search(rf"{re.escape(label)}\s+400 rows\s+[\d,]+ rows/s", result.output), \
            result.output
    assert "400 new, 0 updated" in result.output
    assert "0 new, 400 updated" in result.output
    assert "round 1 (warm-up" in result.output and "\nround 2\n" in result.output
    slugs = re.findall(r"deleted bench tenant (bench-import-\w+): [\d,]+ nodes", result.output)
    assert len(set(slugs)) == 2
    assert all(graph_counts(slug) == (0, 0) for slug in slugs)


def test_the_synthetic_files_have_the_import_columns():
    files = synthetic_files(families=50, zones=4, seed=3)
    for kind, data in files.items():
        header = data.decode().split("\n", 1)[0].split(",")
        assert tuple(header) == KINDS[kind].required_header
    assert files["families"].count(b"\n") == 51
    assert synthetic_files(families=50, zones=4, seed=3) == files
