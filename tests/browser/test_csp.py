"""The pages under the Content Security Policy in Chromium: the scripts that draw the network
view and drive the assessment form still run, and no page reports a violation."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
# a function, not an expression: Playwright evaluates a bare expression with eval, which the
# page's Content Security Policy forbids
READY = "() => document.getElementById('network-graph').dataset.ready === 'true'"
WATCH = ("window.__violations = [];"
         "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
         "e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));")


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_the_network_view_draws_without_violations(page, login):
    page.add_init_script(WATCH)
    login(page, "coordinator@catalunya.example")
    page.goto("/t/catalunya/network")
    page.wait_for_function(READY)
    assert page.evaluate("window.imantNetwork.nodes().length") > 0
    assert violations(page) == []
    for path in ("/t/catalunya/users", "/account/tokens", "/t/catalunya/reports/"):
        page.goto(path)
        assert violations(page) == [], path


def test_the_assessment_script_runs_from_its_static_file(page, login):
    page.add_init_script(WATCH)
    login(page, "school@catalunya.example")
    page.goto("/t/catalunya/my/school")
    page.get_by_role("link", name="Assess a component").click()
    page.get_by_label("Stage").select_option("planning")
    expect(page.get_by_label("Funding is secured")).to_be_visible()
    expect(page.locator("fieldset[data-stage=full_implementation]")).to_be_hidden()
    assert violations(page) == []


def test_an_inline_script_would_be_blocked(page, login):
    """The policy is really in force: a script injected into the page does not run."""
    page.add_init_script(WATCH)
    page.goto("/login")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in violations(page))


def test_the_indicator_charts_keep_their_styles(page, login):
    """The charts are SVG inlined in the page, drawn with style attributes: the policy lets
    them through (no violation), so a line is a stroke, not a black filled shape."""
    page.add_init_script(WATCH)
    login(page, "coordinator@catalunya.example")
    page.goto("/t/catalunya/schools/s-bcn-01/indicators")
    lines = page.locator("figure.chart svg path[style*='fill: none']")
    assert lines.count() > 0
    assert lines.first.evaluate("p => getComputedStyle(p).fill") == "none"
    assert violations(page) == []
