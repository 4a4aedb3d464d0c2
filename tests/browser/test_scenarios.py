"""What-if in Chromium: the demo's municipality user builds a scenario for Barcelona's P3
admissions, runs it (the worker carries the run out; the page updates itself), reads the
calibration and compares the scenario with the baseline and a shipped Ciutat Vella one."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jobs import worker
from tests.browser.axe import audit

pytestmark = pytest.mark.browser
OFFICER = "municipality@catalunya.example"


def carry_out_queued(app) -> None:
    """What the scheduler process does every few seconds."""
    for thread in worker.dispatch(app):
        thread.join(timeout=120)


def test_a_municipality_officer_builds_runs_and_compares_a_scenario(page, login, live_server):
    login(page, OFFICER)
    page.goto("/t/catalunya/scenarios")
    expect(page.get_by_role("heading", name="What-if scenarios", level=1)).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="New scenario").click()
    expect(page.locator("select[name=market]")).to_contain_text("Barcelona")
    page.get_by_label("Name", exact=True).fill("Six NESE places everywhere")
    page.get_by_label("Reserved for").select_option("nese")
    page.get_by_label("Places reserved per school").fill("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and run").click()
    expect(page.get_by_role("heading", name="Six NESE places everywhere")).to_be_visible()
    expect(page.locator("#run-status")).to_contain_text("Running")

    carry_out_queued(live_server.app)  # this run and the demo's queued ones
    expect(page.get_by_role("heading", name="How far to trust the model")).to_be_visible(
        timeout=20_000)   # the page polls the run and reloads when it is done
    expect(page.locator(".calibration")).to_contain_text("of pupils at another school")
    expect(page.get_by_role("table", name="Segregation of the simulated intake")).to_contain_text(
        "Baseline")
    found = audit(page, page_name="scenario page")
    assert not found, "\n".join(map(str, found))

    page.get_by_label("Ciutat Vella: 3 places NESE reservades a cada escola").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.get_by_role("heading", name="Compare scenarios", level=1)).to_be_visible()
    header = page.get_by_role("table", name="Segregation of the simulated intake").locator(
        "thead")
    for column in ("Baseline", "Six NESE places everywhere", "Ciutat Vella: 3 places NESE"):
        expect(header).to_contain_text(column)
    found = audit(page, page_name="compare page")
    assert not found, "\n".join(map(str, found))
