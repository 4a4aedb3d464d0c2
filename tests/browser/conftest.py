"""Browser fixtures: the platform served on a loopback port, and Debian's Chromium driving it.

`live_server` is one server for the whole run (demo programmes seeded, file SQLite,
the session's real graph server); `page` is a fresh browser context per test.
`login(page, email)` logs in through the form. Chromium is the system one
(/usr/bin/chromium); no browser is ever downloaded.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.demo import DEMO_TENANTS, seed_demo
from app.extensions import db, graph
from tests.conftest import _delete_tenant, make_config

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
DEMO_PASSWORD = "browser-demo-password"


@dataclass
class LiveServer:
    url: str
    app: Flask
    password: str

    def at(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, graph_server: dict
                ) -> Iterator[LiveServer]:
    """The platform on http://127.0.0.1:<free port>, seeded with the demo programmes."""
    tmp: Path = tmp_path_factory.mktemp("live")
    config = make_config(tmp, graph_server, {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'live.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "LOGIN_RATE_LIMIT": "1000 per minute",  # every browser test logs in from 127.0.0.1
    })
    app = create_app(config)
    with app.app_context():
        db.create_all()
        seed_demo(password=DEMO_PASSWORD)
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, DEMO_PASSWORD)
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with app.app_context():
        for spec in DEMO_TENANTS:
            graph.write(_delete_tenant, tenant=spec["slug"])
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server: LiveServer) -> Iterator:
    """A fresh browser context (no cookies) and page; times out after 15 s per step."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_server: LiveServer) -> Callable:
    """login(page, email, password=None): log in through the form and wait for the next page."""
    def do(page, email: str, password: str | None = None) -> None:
        page.goto("/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password or live_server.password)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
    return do
