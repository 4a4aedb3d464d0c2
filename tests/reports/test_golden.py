"""The same inputs give the same reports: JSON, PDF text and bundle tables match files
taken from the code before the report engine left the web package."""
from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader

from jobs import annual, evaluation
from tests.reports.helpers import YEAR, artifacts_of, extract, file_of, seed

GOLDEN = Path(__file__).parent / "golden"
TABLES = ("schools.csv", "alliances.csv", "contributions.csv", "zone_indicators.csv",
          "municipality_indicators.csv", "summary_programme.csv", "summary_school.csv")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def plain(text: str, tenant) -> str:
    """The text with the test tenant's random slug replaced by a fixed word."""
    return text.replace(tenant.slug, "TENANT")


def test_annual_reports_match_the_golden_files(app, tenant):
    seed(tenant)
    run = annual.run_annual(tenant=tenant, year=YEAR)
    assert run.status == "succeeded", run.error
    files = {(a.subject_key, a.fmt): file_of(app, a) for a in artifacts_of(tenant)}
    reports = {key: json.loads(plain(path.read_text(), tenant))
               for (key, fmt), path in files.items() if fmt == "json"}
    assert len(reports) == 6
    assert reports == json.loads((GOLDEN / "annual.json").read_text())
    assert plain(files["s-0001", "json"].read_text(), tenant) == (
        GOLDEN / "s-0001.json").read_text()
    text = plain(pdf_text(files["s-0001", "pdf"].read_bytes()), tenant)
    assert text == (GOLDEN / "s-0001.pdf.txt").read_text()


def test_bundle_tables_match_the_golden_files(app, tenant, tmp_path):
    seed(tenant)
    run = evaluation.run_evaluation(tenant=tenant, cycle=2020)
    assert run.status == "succeeded", run.error
    [artifact] = artifacts_of(tenant, "evaluation")
    bundle = extract(file_of(app, artifact).read_bytes(), tmp_path / "bundle")
    for name in TABLES:
        got = plain((bundle / "data" / name).read_text(), tenant)
        assert got == (GOLDEN / name).read_text(), name
