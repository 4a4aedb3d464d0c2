"""Domain words live once (domain/vocabulary.py) and every user imports them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.vocabulary import (
    GROUP_LABELS,
    active_in,
    contribution_label,
    group_label,
    measure_label,
    school_year_label,
)

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "domain" / "vocabulary.py"
# Each pattern is how one word is written out; it may appear only in its home.
WRITTEN_OUT = {
    "school-year label": re.compile(r"\+ 1\)\s*%\s*100"),
    "active-in-year rule": re.compile(r"-08-31"),
    "group labels": re.compile(r'"Socio-economically disadvantaged"'),
    "contribution kind labels": re.compile(r"Co-design of teaching units"),
    "measure label fallback": re.compile(r"MEASURE_LABELS\[MeasureKind\("),
    "clashing KIND_LABELS": re.compile(r"\bKIND_LABELS\b"),
}


def _sources() -> list[Path]:
    return [p for pkg in ("app", "jobs", "reports", "domain", "graph")
            for p in (ROOT / pkg).rglob("*") if p.suffix in (".py", ".html")]


@pytest.mark.parametrize("word", sorted(WRITTEN_OUT))
def test_each_word_is_written_in_one_place(word):
    pattern = WRITTEN_OUT[word]
    places = sorted(str(p.relative_to(ROOT)) for p in _sources()
                    if p != HOME and pattern.search(p.read_text()))
    assert places == []


def test_school_year_labels():
    assert school_year_label(2024) == "2024-25"
    assert school_year_label(1999) == "1999-00"
    assert school_year_label(None) == school_year_label("2024") == school_year_label(True) == "—"


def test_active_in_a_school_year():
    assert active_in(2023, "2023-09-01", "2023-09-01")
    assert active_in(2023, None, None)
    assert active_in(2023, "2024-08-31T10:00:00", None)  # a time on the last day still counts
    assert not active_in(2023, "2024-09-01", None)
    assert not active_in(2023, None, "2023-08-31")


def test_labels_and_their_fallbacks():
    assert group_label("nese") == GROUP_LABELS["nese"] == "Special educational needs (NESE)"
    assert group_label("new_group") == "New group"
    assert measure_label("zoning_change") == "Zoning change"
    assert measure_label("street_party") == "Street party"
    assert measure_label(None) == "Other"
    assert contribution_label("co_design") == "Co-design of teaching units"
    assert contribution_label("field_trip") == "Field trip"


def test_the_tenant_reads_its_settings_typed(app, tenant):
    app.config["SUPPRESSION_THRESHOLD"] = 7
    assert tenant.suppression_threshold == 7
    tenant.settings = {"suppression_threshold": "3", "annual_run_date": "07-15"}
    assert tenant.suppression_threshold == 3
    assert tenant.annual_run_date == "07-15"
    tenant.settings = {}
    assert tenant.annual_run_date is None
