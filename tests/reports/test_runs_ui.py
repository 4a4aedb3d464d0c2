"""Starting runs from the page, the API and the command line; following their progress."""
from __future__ import annotations

import time

from app.auth.service import create_token
from app.extensions import db
from tests.conftest import csrf_token
from tests.reports.helpers import YEAR, artifacts_of, runs_of, seed


def _wait_done(client, path: str, run_id: int, *, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = client.get(path).get_json()
        runs = runs["runs"] if isinstance(runs, dict) else runs
        run = next(r for r in runs if r["id"] == run_id)
        if run["status"] in ("succeeded", "failed"):
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} did not finish")


def test_a_coordinator_starts_a_run_from_the_page(client, login_as, tenant, worker):
    seed(tenant)
    login_as("coordinator")
    page = client.get(f"/t/{tenant.slug}/reports/runs")
    assert page.status_code == 200 and b"Run annual reports" in page.data
    token = csrf_token(client, f"/t/{tenant.slug}/reports/runs")
    started = time.monotonic()
    response = client.post(f"/t/{tenant.slug}/reports/runs",
                           data={"csrf_token": token, "kind": "annual", "year": str(YEAR)})
    assert response.status_code == 302 and time.monotonic() - started < 3  # returns at once
    [run] = runs_of(tenant)
    again = client.post(f"/t/{tenant.slug}/reports/runs",
                        data={"csrf_token": token, "kind": "annual", "year": str(YEAR)},
                        follow_redirects=True)
    assert f"run #{run.id} is already".encode() in again.data
    done = _wait_done(client, f"/t/{tenant.slug}/reports/runs.json", run.id)
    assert done["status"] == "succeeded" and done["done"] == done["total"] == 6
    assert len(runs_of(tenant)) == 1
    listing = client.get(f"/t/{tenant.slug}/reports/?year={YEAR}").get_data(as_text=True)
    assert all(f"s-{i:04d}" in listing for i in range(6))


def test_the_api_starts_a_run_once_and_reports_progress(app, client, tenant, worker):
    seed(tenant)
    from tests.conftest import make_user
    user = make_user(tenant=tenant, role="coordinator")
    headers = {"Authorization": f"Bearer {create_token(user=user, name='t')}"}
    path = f"/api/v1/tenants/{tenant.slug}/report-runs"
    first = client.post(path, json={"kind": "annual", "year": YEAR}, headers=headers)
    second = client.post(path, json={"kind": "annual", "year": YEAR}, headers=headers)
    assert first.status_code == 202
    assert second.status_code == 200 and second.get_json()["id"] == first.get_json()["id"]
    bad = client.post(path, json={"kind": "evaluation", "cycle": 2021}, headers=headers)
    assert bad.status_code == 422 and "2020, 2024" in bad.get_json()["message"]
    for body in ({"kind": "annual", "year": "soon"}, {"kind": "annual", "year": True},
                 {"kind": "annual", "year": 2023.5}, {"kind": "annual", "year": 1e300},
                 {"kind": "weekly", "year": 2023}, {"kind": "annual", "year": 2022,
                                                     "school": ["s-0001"]}, [], "x"):
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 422, body
    run_id = first.get_json()["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = client.get(f"{path}/{run_id}", headers=headers).get_json()
        if done["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert done["status"] == "succeeded"
    assert done["details"]["written"] == 6
    db.session.expire_all()
    assert len(artifacts_of(tenant)) == 18


def test_the_command_line_runs_with_a_progress_bar(app, runner, tenant):
    seed(tenant)
    result = runner.invoke(args=["reports", "annual", "--tenant", tenant.slug,
                                 "--year", str(YEAR), "--school", "s-0003"])
    assert result.exit_code == 0, result.output
    assert "succeeded (1/1)" in result.output
    assert f"annual reports {YEAR}" in result.output  # the progress bar's label
    assert {a.subject_key for a in artifacts_of(tenant)} == {"s-0003"}
    wrong = runner.invoke(args=["reports", "evaluation", "--tenant", tenant.slug,
                                "--cycle", "2022"])
    assert wrong.exit_code == 1 and "Cycles of this programme start in 2020" in wrong.output
    missing = runner.invoke(args=["reports", "annual", "--tenant", tenant.slug,
                                  "--year", str(YEAR), "--school", "nope"])
    assert missing.exit_code == 1 and "No school 'nope'" in missing.output
