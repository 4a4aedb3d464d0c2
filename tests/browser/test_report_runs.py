"""In Chromium: a coordinator starts the annual reports and watches the worker finish them."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.reports.helpers import process_env

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def report_worker(live_server, graph_server: dict) -> Iterator[subprocess.Popen]:
    """`imant scheduler` beside the live server, as in production: it carries out the runs."""
    worker = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import cli; cli()", "scheduler"], cwd=ROOT,
        env=process_env(live_server.app, graph_server), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    yield worker
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)


def test_a_run_started_on_the_page_shows_live_progress(page, login, report_worker):
    login(page, "coordinator@euskadi.example")
    page.goto("/t/euskadi/reports/runs")
    with page.expect_navigation():
        page.get_by_role("button", name="Run annual reports").click()
    expect(page.get_by_role("status")).to_contain_text("queued")
    page.evaluate("window.notReloaded = true")
    row = page.locator("#runs tbody tr").first
    expect(row.locator(".badge")).to_have_text("succeeded", timeout=120_000)
    assert page.evaluate("window.notReloaded") is True  # updated by polling, not a reload
    done, total = re.match(r"(\d+)/(\d+)", row.locator(".progress span").inner_text()).groups()
    assert done == total and int(total) > 0
    page.get_by_role("link", name="Annual reports").last.click()
    page.wait_for_url("**/t/euskadi/reports/")
    expect(page.get_by_role("link", name="PDF").first).to_be_visible()
