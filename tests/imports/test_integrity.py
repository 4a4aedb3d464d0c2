"""Imports refuse records dated outside their alliance's years and figures for future years,
naming line, column and the allowed range; nothing is written."""
from __future__ import annotations

from datetime import date

import pytest

from app.imports import service
from graph.errors import Conflict, Invalid
from tests.imports.conftest import graph_counts, load, load_programme

NEXT = date.today().year + 1  # always after the current school year
ASSESSMENTS = "alliance_key,year,component,stage,benchmarks\n"
CONTRIBUTIONS = "key,alliance_key,date,kind,hours,teachers,students,families,description\n"
SY = ("school_key,year,places_offered,first_choice_applications,enrolled_total,"
      "enrolled_disadvantaged,enrolled_migrant,enrolled_nese\n")

# (case, kind, file, [(line, column, reason fragment)]); a-1 ran 2019-2021, a-2 from 2022
CASES = [
    ("assessment before the planning year", "assessments",
     ASSESSMENTS + "a-2,2021,partnerships,planning,\na-2,2020,partnerships,planning,\n",
     [(3, "year", "2020 is outside the alliance's years 2021-22 to ")]),
    ("assessment after an ended alliance", "assessments",
     ASSESSMENTS + "a-1,2022,partnerships,planning,\n",
     [(2, "year", "2022 is outside the alliance's years 2018-19 to 2021-22")]),
    ("contribution before the alliance", "contributions",
     CONTRIBUTIONS + "c-9,a-2,2015-03-01,workshop,1,,,,\n",
     [(2, "date", "2015-03-01 is outside the alliance's life, 2022-09-01 to ")]),
    ("contribution after the alliance ended", "contributions",
     CONTRIBUTIONS + "c-9,a-1,2021-10-01,workshop,1,,,,\nc-8,a-1,2022-10-01,workshop,1,,,,\n",
     [(3, "date", "2022-10-01 is outside the alliance's life, 2019-09-01 to 2022-08-31")]),
    ("figures for a future school year", "school_years",
     SY + f"s-1,{NEXT},50,40,20,3,2,1\n", [(2, "year", f"{NEXT} is after the current school "
                                                      "year")]),
]


@pytest.mark.parametrize(("case", "kind", "text", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_a_file_dated_outside_the_rules_is_refused_whole(tenant, case, kind, text, expected):
    load_programme(tenant, until=kind)
    before = graph_counts(tenant.slug)
    with pytest.raises(Invalid) as refused:
        load(tenant, kind, text)
    found = [(e["line"], e["field"], e["reason"]) for e in refused.value.errors]
    assert len(found) == len(expected), found
    for (line, field, reason), (want_line, want_field, fragment) in zip(found, expected,
                                                                        strict=True):
        assert (line, field) == (want_line, want_field) and fragment in reason, found
    assert graph_counts(tenant.slug) == before


def test_the_write_transaction_checks_the_alliance_years_again(tenant, monkeypatch):
    """An alliance changed between the file's check and its write: the transaction's own
    check (on the years it reads) refuses the whole file."""
    load_programme(tenant, until="assessments")
    before = graph_counts(tenant.slug)
    monkeypatch.setattr(service, "_within_alliance_years", lambda *a, **kw: None)
    with pytest.raises(Conflict, match="An alliance's years changed while the file was "
                                       "imported: nothing was imported"):
        load(tenant, "assessments", ASSESSMENTS + "a-2,2023,partnerships,planning,\n"
                                                  "a-2,2020,partnerships,planning,\n")
    assert graph_counts(tenant.slug) == before
