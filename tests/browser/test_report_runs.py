"""In Chromium: a coordinator starts the annual reports and watches the run finish live."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_run_started_on_the_page_shows_live_progress(page, login):
    login(page, "coordinator@euskadi.example")
    page.goto("/t/euskadi/reports/runs")
    with page.expect_navigation():
        page.get_by_role("button", name="Run annual reports").click()
    expect(page.get_by_role("status")).to_contain_text("started")
    page.evaluate("window.notReloaded = true")
    row = page.locator("#runs tbody tr").first
    expect(row.locator(".badge")).to_have_text("succeeded", timeout=120_000)
    assert page.evaluate("window.notReloaded") is True  # updated by polling, not a reload
    done, total = re.match(r"(\d+)/(\d+)", row.locator(".progress span").inner_text()).groups()
    assert done == total and int(total) > 0
    page.get_by_role("link", name="Annual reports").last.click()
    page.wait_for_url("**/t/euskadi/reports/")
    expect(page.get_by_role("link", name="PDF").first).to_be_visible()
