"""Each role reads exactly the report files it may; others' files answer 404."""
from __future__ import annotations

import pytest

from jobs import annual, artifacts
from reports import files
from tests.reports.helpers import YEAR, seed

ALL = {f"s-{i:04d}" for i in range(6)}


def _fake_bundle(app, tenant) -> int:
    """A bundle artifact (its content does not matter to access rules)."""
    from pathlib import Path

    from app.extensions import db
    root = Path(app.config["REPORTS_DIR"])
    path = files.period_folder(root, tenant=tenant.slug, kind="evaluation",
                                   period="2020-2023") / "bundle.zip"
    size, sha = files.write_atomic(path, b"PK\x05\x06" + b"\0" * 18)
    row = artifacts.record(tenant_id=tenant.id, run_id=None, kind="evaluation",
                           period="2020-2023", subject_key="", fmt="zip",
                           path=str(path.relative_to(root)), size=size, sha256=sha)
    db.session.commit()
    return row.id


@pytest.fixture
def published(app, tenant, other_tenant):
    seed(tenant)
    run = annual.run_annual(tenant=tenant, year=YEAR)
    assert run.status == "succeeded", run.error
    return {"bundle": _fake_bundle(app, tenant), "other_bundle": _fake_bundle(app, other_tenant)}


def fetch(client, url: str) -> tuple[int, dict]:
    """Status and headers of a GET, with the (file) response closed."""
    with client.get(url) as response:
        return response.status_code, dict(response.headers)


def _listed(client, slug: str) -> tuple[set[str], list[dict]]:
    response = client.get(f"/api/v1/tenants/{slug}/report-artifacts")
    assert response.status_code == 200
    rows = response.get_json()
    return {r["subject"] for r in rows if r["kind"] == "annual"}, rows


@pytest.mark.parametrize("role, key, schools, bundles", [
    ("coordinator", None, ALL, True),
    ("school", "s-0001", {"s-0001"}, False),
    ("partner", "p-0001", {"s-0001", "s-0003", "s-0005"}, False),
    ("municipality", "m-001", {"s-0002", "s-0003"}, False),
    ("evaluator", None, set(), True),
])
def test_each_role_reads_exactly_its_artifacts(client, login_as, tenant, published, role, key,
                                               schools, bundles):
    login_as(role, key)
    subjects, rows = _listed(client, tenant.slug)
    assert subjects == schools
    assert any(r["kind"] == "evaluation" for r in rows) is bundles
    login_as("coordinator")
    _, every = _listed(client, tenant.slug)
    login_as(role, key)
    for row in every:
        allowed = (row["subject"] in schools if row["kind"] == "annual" else bundles)
        status, headers = fetch(client, f"/t/{tenant.slug}/reports/files/{row['id']}")
        assert status == (200 if allowed else 404), (role, row)
        api, _ = fetch(client, f"/api/v1/tenants/{tenant.slug}/report-artifacts/{row['id']}/file")
        assert api == (200 if allowed else 404), (role, row)
        if allowed and row["format"] == "html":
            assert "default-src 'none'" in headers["Content-Security-Policy"]
        if row["format"] == "html":  # the report inside the site's layout, same rule
            view = client.get(f"/t/{tenant.slug}/reports/view/{row['id']}").status_code
            assert view == (200 if allowed else 404), (role, row)


def test_an_evaluator_gets_404_on_another_tenants_bundle(client, login_as, tenant,
                                                         other_tenant, published):
    login_as("evaluator")
    status, headers = fetch(client, f"/t/{tenant.slug}/reports/files/{published['bundle']}")
    assert status == 200 and headers["Content-Type"] == "application/zip"
    foreign = published["other_bundle"]
    assert fetch(client, f"/t/{other_tenant.slug}/reports/files/{foreign}")[0] == 404
    assert fetch(client, f"/t/{tenant.slug}/reports/files/{foreign}")[0] == 404
    assert client.get(f"/api/v1/tenants/{other_tenant.slug}/report-artifacts").status_code == 404
    assert client.get(f"/t/{other_tenant.slug}/reports/bundles").status_code == 404


def test_pages_list_what_the_role_may_read(client, login_as, tenant, published):
    login_as("partner", "p-0001")
    page = client.get(f"/t/{tenant.slug}/reports/").get_data(as_text=True)
    assert "s-0001" in page and "s-0005" in page and "s-0002" not in page
    assert client.get(f"/t/{tenant.slug}/reports/bundles").status_code == 403
    assert client.get(f"/t/{tenant.slug}/reports/runs").status_code == 403
    login_as("evaluator")
    assert client.get(f"/t/{tenant.slug}/reports/").status_code == 403
    bundles = client.get(f"/t/{tenant.slug}/reports/bundles").get_data(as_text=True)
    assert "2020-2023" in bundles


def test_the_report_page_sits_in_the_site_with_the_way_back(client, login_as, tenant,
                                                            published):
    login_as("school", "s-0001")
    index = client.get(f"/t/{tenant.slug}/reports/?year={YEAR}").get_data(as_text=True)
    assert "School s-0001" in index  # listed by name
    _, rows = _listed(client, tenant.slug)
    ids = {r["format"]: r["id"] for r in rows if r["subject"] == "s-0001"}
    page = client.get(f"/t/{tenant.slug}/reports/view/{ids['html']}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f'href="/t/{tenant.slug}/reports/?year={YEAR}"' in text  # the way back
    assert "Log out" in text and 'class="imant-report"' in text  # site layout around the body
    assert "School s-0001 · annual report 2023-24" in text and text.count("<svg") >= 4
    assert f"/t/{tenant.slug}/reports/files/{ids['pdf']}" in text
    assert f'href="/t/{tenant.slug}/reports/view/{ids["html"]}"' in index
    # a PDF is not a page
    assert client.get(f"/t/{tenant.slug}/reports/view/{ids['pdf']}").status_code == 404


def test_files_download_under_programme_school_and_year(client, login_as, tenant, published):
    login_as("coordinator")
    _, rows = _listed(client, tenant.slug)
    row = next(r for r in rows if r["subject"] == "s-0001" and r["format"] == "pdf")
    _, headers = fetch(client, f"/t/{tenant.slug}/reports/files/{row['id']}?download=1")
    wanted = f"{tenant.slug}-school-s-0001-2023-24.pdf"
    assert headers["Content-Disposition"] == f"attachment; filename={wanted}"
    _, headers = fetch(client, f"/api/v1/tenants/{tenant.slug}/report-artifacts/{row['id']}/file")
    assert headers["Content-Disposition"] == f"attachment; filename={wanted}"
    _, headers = fetch(client, f"/t/{tenant.slug}/reports/files/{published['bundle']}")
    assert headers["Content-Disposition"] == (
        f"attachment; filename={tenant.slug}-evaluation-2020-21-to-2023-24.zip")
