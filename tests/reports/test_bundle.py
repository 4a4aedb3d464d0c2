"""The evaluation bundle: a valid Frictionless data package, a matching manifest, RO-Crate
metadata, the cycle's annual reports, summary and codebook; aggregated data only."""
from __future__ import annotations

import csv
import hashlib
import json
import re

import frictionless
import pytest

from graph.errors import Invalid
from jobs import evaluation, kinds
from tests.reports.helpers import artifacts_of, extract, file_of, runs_of, seed


def build(app, tenant, tmp_path):
    seed(tenant)
    run = evaluation.run_evaluation(tenant=tenant, cycle=2020)
    assert run.status == "succeeded", run.error
    [artifact] = artifacts_of(tenant, "evaluation")
    content = file_of(app, artifact).read_bytes()
    assert artifact.sha256 == hashlib.sha256(content).hexdigest()
    assert artifact.period == "2020-2023" and artifact.fmt == "zip"
    return extract(content, tmp_path / "bundle")


def check_package_is_valid(bundle):
    report = frictionless.validate(str(bundle / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((bundle / "datapackage.json").read_text())
    names = {r["name"] for r in package["resources"]}
    assert {"schools", "alliances", "partners", "municipalities", "zones", "contributions",
            "measures", "assessments", "school_years", "zone_indicators",
            "municipality_indicators", "summary_programme", "summary_municipality",
            "summary_school"} <= names
    for resource in package["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"], resource["name"]
        assert all(f["type"] and f["description"] for f in schema["fields"])
    keys = {r["name"]: r["schema"]["foreignKeys"] for r in package["resources"]}
    assert {"fields": ["school_key"], "reference": {"resource": "schools",
                                                    "fields": ["key"]}} in keys["alliances"]


def check_broken_reference_fails(bundle):
    with open(bundle / "data" / "contributions.csv", "a") as fh:
        fh.write("no-such-alliance,2021,training,1,1.0,0,0,0,0\n")
    report = frictionless.validate(str(bundle / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {e[2] for e in report.flatten(["rowNumber", "fieldName", "type"])}


def check_manifest(bundle):
    lines = (bundle / "manifest-sha256.txt").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, path = line.split("  ", 1)
        listed[path] = digest
    on_disk = {str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest-sha256.txt"}
    for path, digest in listed.items():
        assert hashlib.sha256((bundle / path).read_bytes()).hexdigest() == digest, path


def check_contents(bundle, tenant):
    years = sorted(p.name for p in (bundle / "reports" / "annual").iterdir())
    assert years == ["2020", "2021", "2022", "2023"]
    assert sorted(p.name for p in (bundle / "reports" / "annual" / "2023").iterdir())[:2] == [
        "s-0000.json", "s-0000.pdf"]
    codebook = (bundle / "codebook.md").read_text()
    package = json.loads((bundle / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert f"`{resource['name']}`" in codebook
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in codebook
    summary = (bundle / "summary.html").read_text()
    assert "Programme summary by year" in summary and tenant.name in summary
    check_summary_reads_well(summary)
    kinds = {r.kind for r in runs_of(tenant)}
    assert kinds == {"evaluation", "annual"}  # the missing annual reports were made first


def check_summary_reads_well(summary: str) -> None:
    """Names, labels and school years instead of keys and snake_case; charts per level;
    every table scrolls inside its own focusable box."""
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", summary)
    assert "Disadvantaged students, %" in headers and "School year" in headers
    assert not [h for h in headers if "_" in h], headers
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", summary)
    assert "School s-0000" in cells and "Municipality 0" in cells and "2021-22" in cells
    assert not [c for c in cells if re.fullmatch(r"(s|m|a)-\S+", c)]  # no keys left
    assert summary.count('<svg class="chart" role="img"') == 5  # 2 + 2 + 1 levels
    assert "<title id=\"chart-programme-hours-t\">" in summary
    assert summary.count('<div class="scroll" tabindex="0" role="region"') == 3


def check_ro_crate(bundle):
    crate = json.loads((bundle / "ro-crate-metadata.json").read_text())
    assert crate["@context"] == "https://w3id.org/ro/crate/1.1/context"
    entities = {e["@id"]: e for e in crate["@graph"]}
    descriptor = entities["ro-crate-metadata.json"]
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.1"}
    assert descriptor["about"] == {"@id": "./"}
    root = entities["./"]
    assert root["@type"] == "Dataset" and root["name"] and root["datePublished"]
    assert root["license"]["@id"] in entities
    for part in root["hasPart"]:
        assert part["@id"] in entities
        path = bundle / part["@id"]
        assert path.exists(), part
    csv_entity = entities["data/schools.csv"]
    assert csv_entity["contentSize"] == str((bundle / "data/schools.csv").stat().st_size)


def check_aggregated_only(bundle):
    for path in (bundle / "data").glob("*.csv"):
        header = path.read_text().splitlines()[0].split(",")
        assert not any("family" in name and name.endswith("key") for name in header), path
    text = (bundle / "data" / "contributions.csv").read_text().splitlines()
    rows = list(csv.DictReader(text))
    assert rows and all(r["families"] == "<5" or r["families"] == "suppressed"
                        or int(r["families"]) == 0 or int(r["families"]) >= 5 for r in rows)
    assert any(r["families"] == "<5" for r in rows)  # the synthetic data has small counts


def test_the_evaluation_bundle(app, tenant, tmp_path):
    """One build (it is the slow part), every property checked on it; tampering last."""
    bundle = build(app, tenant, tmp_path)
    check_package_is_valid(bundle)
    check_manifest(bundle)
    check_contents(bundle, tenant)
    check_ro_crate(bundle)
    check_aggregated_only(bundle)
    check_broken_reference_fails(bundle)


def test_a_cycle_must_start_on_the_programme_rhythm(app, tenant):
    with pytest.raises(Invalid, match="2020, 2024"):
        kinds.period_of(tenant, 2021)
    assert kinds.period_of(tenant, 2024) == "2024-2027"
    assert kinds.last_full_cycle(tenant, last_ended_year=2022) is None
    assert kinds.last_full_cycle(tenant, last_ended_year=2023) == 2020
    assert kinds.last_full_cycle(tenant, last_ended_year=2028) == 2024
