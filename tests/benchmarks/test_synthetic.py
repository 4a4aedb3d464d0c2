"""The synthetic programme: Catalonia's counts, scaled; files in the import's columns."""
from __future__ import annotations

import csv
import io

from app.benchmarks.synthetic import CATALONIA, HEADERS, SPAIN, Programme, files, shape_from
from app.imports.kinds import KINDS


def test_scaling_shrinks_every_count():
    small = CATALONIA.scaled(0.05)
    assert (small.municipalities, small.zones, small.schools, small.years, small.families) == (
        48, 50, 195, 7, 65_000)
    tiny = CATALONIA.scaled(0.0001)
    assert (tiny.municipalities, tiny.zones, tiny.schools, tiny.families) == (1, 1, 1, 130)


def test_the_rows_are_complete_deterministic_and_in_the_import_columns():
    shape = CATALONIA.scaled(0.01)
    programme = Programme(shape, seed=4)
    rows = programme.territory()
    assert [len(rows[k]) for k in ("municipalities", "zones", "schools", "school_years")] == [
        shape.municipalities, shape.zones, shape.schools, shape.schools * 7]
    zones = {z[0] for z in rows["zones"]}
    assert {s[4] for s in rows["schools"]} == zones  # every zone has a school
    assert all(KINDS[kind].required_header == header for kind, header in HEADERS.items())
    chunks = list(programme.family_chunks(rows=5_000))
    assert [len(c["families"]) for c in chunks] == [5_000, 5_000, 3_000]
    assert all(len(c["applications"]) == len(c["enrolments"]) == len(c["families"])
               for c in chunks)
    assert Programme(shape, seed=4).territory() == rows


def test_files_are_cut_at_the_row_cap():
    rows = [(f"m{i}", f"M {i}", "") for i in range(5)]
    cut = list(files("municipalities", rows, max_rows=2))
    parsed = [list(csv.reader(io.StringIO(data.decode()))) for data in cut]
    assert [len(p) - 1 for p in parsed] == [2, 2, 1]
    assert all(p[0] == list(HEADERS["municipalities"]) for p in parsed)


def test_given_counts_override_the_scaled_ones():
    assert shape_from(scale=1.0, families=None, schools=29_000, base=SPAIN) == SPAIN
    small = shape_from(scale=0.001, families=300, schools=12, base=SPAIN)
    assert (small.municipalities, small.zones, small.schools, small.families) == (8, 8, 12, 300)
    few = shape_from(scale=0.001, families=None, schools=3, base=SPAIN)
    assert (few.municipalities, few.zones, few.schools, few.families) == (3, 3, 3, 8_300)
