"""A bundle is checked before it is published: one whose data package fails (the issue's
case: a 2020 assessment of an alliance starting in 2026, written by an older version) is
not published and its run fails naming table, row and field. That a clean bundle's zip
validates as written is test_bundle.py's check_package_is_valid."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.extensions import graph
from graph import alliances, assessments
from graph.errors import Invalid
from jobs import evaluation
from reports import bundle_check
from tests.reports.helpers import artifacts_of, seed


def test_a_bundle_with_an_assessment_outside_its_alliance_is_not_published(app, tenant):
    seed(tenant)
    graph.write(alliances.create_alliance, tenant=tenant.slug, key="a-late", school="s-0001",
                partner="p-0000", props={"theme": "Late", "start_year": 2026,
                                         "end_year": 2027, "status": "ended"})
    graph.write(assessments.upsert_assessment, tenant=tenant.slug, alliance="a-late",
                year=2020, component="partnerships",
                props={"stage": "planning", "benchmarks": []})
    run = evaluation.run_evaluation(tenant=tenant, cycle=2020)
    assert run.status == "failed"
    assert "The bundle does not validate and was not published" in run.error
    assert "table assessments, row " in run.error and "field alliance_key" in run.error
    assert "foreign-key" in run.error
    assert artifacts_of(tenant, "evaluation") == []
    folder = Path(app.config["REPORTS_DIR"])
    assert not [p for p in folder.rglob("*.zip") if "evaluation" in p.name]


def test_the_check_names_a_manifest_that_misses_a_file():
    documents = {"datapackage.json": b'{"resources": []}'}
    files = {"datapackage.json": (17, "0" * 64), "summary.html": (3, "1" * 64)}
    with pytest.raises(Invalid, match="table manifest-sha256.txt, field summary.html: "
                                      "missing from the manifest"):
        bundle_check.check_bundle(documents=documents, files=files,
                                  manifest=f"{'0' * 64}  datapackage.json\n".encode())
