"""Screenshots of the home page of each demo role, for the README and reviews.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--tenant catalunya]

Seeds the demo programmes in a temporary instance (its own SQLite and embedded graph
server, both removed afterwards), builds one school's annual report so its home links it,
serves the platform on a free loopback port, logs in as each role of the programme and
saves `<role>-1366.png` and `<role>-390.png` (full page, 1366x768 and 390x844 viewports)
with Playwright driving Debian's Chromium (/usr/bin/chromium; no browser is downloaded).
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORTS = ((1366, 768), (390, 844))
PASSWORD = "screenshots-demo-password"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--tenant", default="catalunya")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="imant-screenshots-"))
    # the temporary instance is chosen before config.py reads the environment
    os.environ.update({"IMANT_INSTANCE": str(tmp), "IMANT_ENV": "development",
                       "IMANT_GRAPH_HEAP": os.environ.get("IMANT_GRAPH_HEAP", "512m"),
                       "IMANT_LOGIN_RATE_LIMIT": "1000 per minute"})
    for name in ("GRAPH_URI", "DATABASE_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    try:
        return _run(out=args.out, tenant=args.tenant)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(*, out: Path, tenant: str) -> int:
    from werkzeug.serving import make_server

    from app import create_app
    from app.extensions import graph
    app = create_app()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    graph.set_embedded_start("attached")  # the graph server stops with this process
    try:
        with app.app_context():
            _seed(tenant)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            saved = _shoot(f"http://127.0.0.1:{server.server_port}", tenant=tenant, out=out)
        finally:
            server.shutdown()
            thread.join(timeout=10)
    finally:
        graph.close()
        if graph.embedded is not None:
            graph.embedded.stop()
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


def _seed(tenant: str) -> None:
    from app.demo import DEMO_SCOPES, seed_demo
    from app.extensions import db, graph
    from app.indicators.figures import available_years
    from app.models import Role, Tenant
    from graph.schema import apply_schema
    from jobs.annual import run_annual
    db.create_all()
    apply_schema(client=graph)
    seed_demo(password=PASSWORD)
    row = db.session.execute(db.select(Tenant).filter_by(slug=tenant)).scalar_one()
    school = DEMO_SCOPES[tenant][Role.SCHOOL]
    run = run_annual(tenant=row, year=available_years(tenant=tenant)[-1], school=school)
    if run.status != "succeeded":
        raise SystemExit(f"the annual report of {school} failed: {run.error}")
    db.session.remove()


def _shoot(base: str, *, tenant: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from app.demo import demo_email
    from app.models import Role
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for role in Role:
                for width, height in VIEWPORTS:
                    context = browser.new_context(base_url=base,
                                                  viewport={"width": width, "height": height})
                    page = context.new_page()
                    _login(page, demo_email(tenant, role))
                    page.goto(f"/t/{tenant}/")
                    path = out / f"{role.value}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    saved.append(path)
                    context.close()
        finally:
            browser.close()
    return saved


def _login(page, email: str) -> None:  # noqa: ANN001 - a Playwright page
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


if __name__ == "__main__":
    sys.exit(main())
