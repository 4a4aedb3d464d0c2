"""axe-core's WCAG 2.1 A/AA rules over every page each role reaches, in Chromium.

Any serious or critical violation fails, and so does a colour contrast axe cannot decide
(see tests/browser/axe.py); the failure names the page, the rule and the elements.
"""
from __future__ import annotations

import time

import pytest

from app.demo import demo_email
from app.extensions import db
from app.models import Role, Tenant
from tests.browser.axe import audit
from tests.browser.crawl import Crawl, crawl, submit_empty

pytestmark = pytest.mark.browser
TENANT = "catalunya"
REPORT_SCHOOL = "s-bcn-01"  # the demo school user's own school
USERS = [demo_email(TENANT, role) for role in Role] + ["admin@imant.example"]
START = ["/", f"/t/{TENANT}/", "/account/password", "/account/tokens"]


@pytest.fixture(scope="module")
def annual_report(live_server) -> None:
    """One school's annual report on file, so that the report pages list it."""
    from app.indicators.figures import available_years
    from jobs.annual import run_annual
    with live_server.app.app_context():
        tenant = db.session.execute(db.select(Tenant).filter_by(slug=TENANT)).scalar_one()
        run = run_annual(tenant=tenant, year=available_years(tenant=TENANT)[-1],
                         school=REPORT_SCHOOL)
        assert run.status == "succeeded", run.error
        db.session.remove()


# the login page's markup under the style sheet's rules before they were fixed: the submit
# input's white background outranked .primary, under white text
INVISIBLE_BUTTON = """<!doctype html><html lang="en"><head><title>Log in</title><style>
button, input[type=submit] { background: #fff; border: 1px solid #d9dde5; }
.primary { background: #b3261e; color: #fff; }
</style></head><body><main><h1>Log in</h1><form>
<label>Email <input name="email"></label><input type="submit" class="primary" value="Log in">
</form><figure><svg width="200" height="40"><text x="5" y="20" style="fill: #999">2024-25</text>
</svg></figure></main></body></html>"""


def test_the_audit_catches_a_white_on_white_button_and_a_faint_chart_label(page):
    page.set_content(INVISIBLE_BUTTON)
    found = {f.rule: f for f in audit(page, page_name="invisible button")}
    assert found["color-contrast"].kind == "incomplete"  # axe alone would let it pass
    assert found["color-contrast"].targets == (
        ".primary (Element has a 1:1 contrast ratio with the background)",)
    assert found["chart-text-contrast"].targets == (
        '"2024-25" rgb(153, 153, 153) on white: 2.85:1',)


def test_the_login_page_its_errors_and_the_error_page_pass_axe(page):
    page.goto("/login")
    found = audit(page, page_name="/login")
    assert submit_empty(page), "the empty login form came back without an error"
    found += audit(page, page_name="/login (submitted empty)")
    assert page.goto("/no-such-page").status == 404
    found += audit(page, page_name="/no-such-page (404)")
    assert not found, "\n".join(map(str, found))


def test_the_evaluation_bundle_summary_passes_axe(page, live_server):
    """summary.html as the evaluation bundle writes it (it is read from the zip, not served)."""
    from app.extensions import graph
    from jobs.kinds import cycle_bounds
    from reports import bundle
    from reports.snapshot import load_network
    with live_server.app.app_context():
        tenant = db.session.execute(db.select(Tenant).filter_by(slug=TENANT)).scalar_one()
        first, last = cycle_bounds(tenant, tenant.start_year)
        resources = bundle.build_resources(load_network(client=graph, tenant=TENANT),
                                           first_year=first, last_year=last, threshold=5)
        html = bundle.summary_html(resources, title="Evaluation bundle", tenant=tenant.name,
                                   first_year=first, last_year=last, threshold=5)
        db.session.remove()
    page.set_content(html.decode("utf-8"))
    assert page.locator("table").count() > 1
    found = audit(page, page_name="evaluation bundle summary.html")
    assert not found, "\n".join(map(str, found))


def test_every_page_of_every_role_passes_axe(browser, live_server, login, annual_report,
                                             capsys):
    started, found, silent_forms, visited = time.perf_counter(), [], [], {}
    for email in USERS:
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        login(page, email)
        state = Crawl(origin=live_server.url, allowed=(f"/t/{TENANT}/", "/account/"))

        def check(name: str, page=page, email=email) -> None:
            found.extend(audit(page, page_name=f"{email} {name}"))

        silent_forms += [f"{email} {p}" for p in crawl(page, state, start=START, check=check)]
        visited[email] = state.visited
        context.close()
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\naxe: {sum(map(len, visited.values()))} pages of {len(USERS)} users "
              f"in {seconds:.0f} s")
    # an annual report, inside the site (its standalone file: tests/browser/test_report_layout)
    assert any("/reports/view/" in p for p in visited[USERS[0]]), "no HTML report reached"
    assert not silent_forms, f"forms that took an empty submission: {silent_forms}"
    assert not found, f"{len(found)} failing axe results:\n" + "\n".join(map(str, found))
