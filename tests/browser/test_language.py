"""A coordinator switches to Catalan on the account page; pages and messages follow."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from app.auth.service import create_user, grant
from app.extensions import db
from app.models import ReportArtifact, Tenant

pytestmark = pytest.mark.browser
PASSWORD = "a-catalan-coordinator"


@pytest.fixture
def coordinator(live_server) -> str:
    """A coordinator of the catalunya demo of their own: the demo users keep English."""
    email = f"ca-{uuid.uuid4().hex[:8]}@catalunya.example"
    with live_server.app.app_context():
        user = create_user(email=email, password=PASSWORD)
        tenant = db.session.execute(db.select(Tenant).filter_by(slug="catalunya")).scalar_one()
        grant(user=user, tenant=tenant, role="coordinator")
        db.session.remove()
    return email


def test_a_coordinator_switches_to_catalan(page, login, coordinator):
    login(page, coordinator, PASSWORD)
    page.goto("/account/tokens")
    page.locator("select[name=language]").select_option("ca")
    with page.expect_navigation():
        page.get_by_role("button", name="Save language").click()
    expect(page.get_by_text("S'ha desat la vostra llengua.")).to_be_visible()
    expect(page.get_by_role("heading", name="Llengua")).to_be_visible()
    expect(page.locator("select[name=language]")).to_have_value("ca")

    page.goto("/t/catalunya/zones")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zones")
    expect(page.get_by_text("Territoris de referència: la composició d'un centre es compara "
                            "amb la de la seva zona.")).to_be_visible()
    page.get_by_role("link", name="Nova zona").click()
    page.wait_for_url(re.compile(r".*/t/catalunya/zones/new"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nova zona")
    name = f"Zona de prova {uuid.uuid4().hex[:6]}"
    page.get_by_label("Nom", exact=True).fill(name)
    page.locator("select[name=municipality]").select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Desa").click()
    expect(page.get_by_text(re.compile(r"^S'ha creat la zona .+\.$"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def test_a_generated_report_is_in_the_programmes_language(live_server, page, login,
                                                          coordinator):
    """The programme's language (Catalan) makes the annual report Catalan; the coordinator
    who chose Catalan reads it inside the site, in Catalan too."""
    from app.extensions import graph
    from jobs import annual
    from reports.data import report_subjects
    from reports.snapshot import load_network

    app = live_server.app
    with app.app_context():
        tenant = db.session.execute(db.select(Tenant).filter_by(slug="catalunya")).scalar_one()
        before = dict(tenant.settings or {})
        tenant.settings = {**before, "language": "ca"}
        db.session.commit()
        try:
            net = load_network(client=graph, tenant="catalunya")
            year = max(y for y in net.years if report_subjects(net, year=y))
            school = report_subjects(net, year=year)[0]
            run = annual.run_annual(tenant=tenant, year=year, school=school)
            assert run.status == "succeeded", run.error
        finally:
            tenant.settings = before
            db.session.commit()
        artifact_id = db.session.execute(db.select(ReportArtifact.id).filter_by(
            tenant_id=tenant.id, kind="annual", period=str(year), subject_key=school,
            fmt="html")).scalar_one()
        db.session.remove()
    login(page, coordinator, PASSWORD)
    page.goto("/account/tokens")
    page.locator("select[name=language]").select_option("ca")
    with page.expect_navigation():
        page.get_by_role("button", name="Save language").click()
    page.goto(f"/t/catalunya/reports/view/{artifact_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("informe anual")
    expect(page.get_by_role("heading", name="Centre educatiu i aliança")).to_be_visible()
    expect(page.get_by_role("link", name="Pàgina per imprimir")).to_be_visible()
