"""Layout: on a 390 px phone no page scrolls sideways (wide tables scroll in their box), and
the grouped navigation fits one line at 1366 px and is worked by keyboard alone."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.demo import demo_email
from app.models import Role

pytestmark = pytest.mark.browser
TENANT = "catalunya"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
# pages each role reaches that are not in its navigation, some with the widest tables
DETAILS = {
    Role.COORDINATOR: ["schools/s-bcn-01", "alliances/a-bcn-01", "partners/p-icm",
                       "municipalities/m-barcelona", "territories/programme",
                       "schools/s-bcn-01/indicators", "alliances/a-bcn-01/planning"],
    Role.PARTNER: ["alliances/a-bcn-01", "alliances/a-bcn-01/planning"],
    Role.MUNICIPALITY: ["territories/m-barcelona", "schools/s-bcn-01/indicators"],
    Role.SCHOOL: ["schools/s-bcn-01/indicators", "alliances/a-bcn-01/planning"],
    Role.EVALUATOR: [],  # the navigation holds all an evaluator reads
}
NAV_LINKS = "() => Array.from(document.querySelectorAll('header a[href]'), a => a.href)"
# the page's width, and the widest elements that stick out of a 390 px screen
OVERFLOW = """() => {
  const out = Array.from(document.querySelectorAll('body *'))
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                  && !el.closest('.table-scroll, .scroll, #network-graph'))
    .slice(0, 3).map(el => el.outerHTML.slice(0, 80));
  return [document.scrollingElement.scrollWidth, out]; }"""


def _pages(page, role: Role) -> list[str]:
    """The role's home, every page of its navigation (menus included) and some details."""
    page.goto(f"/t/{TENANT}/")
    links = [link for link in page.evaluate(NAV_LINKS) if f"/t/{TENANT}/" in link
             or "/account/" in link]
    return list(dict.fromkeys(links)) + [f"/t/{TENANT}/{path}" for path in DETAILS[role]]


@pytest.mark.parametrize("role", list(Role))
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, login, role):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        login(page, demo_email(TENANT, role))
        wide = {}
        pages = _pages(page, role)
        for path in pages:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            width, culprits = page.evaluate(OVERFLOW)
            if width > PHONE["width"] + 1:
                wide[path] = (width, culprits)
        assert len(pages) >= 4, pages
        assert not wide, f"pages wider than {PHONE['width']} px: {wide}"
    finally:
        context.close()


def test_the_contribution_history_scrolls_in_its_box_on_a_phone(browser, live_server, login):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    try:
        login(page, demo_email(TENANT, Role.PARTNER))
        page.goto(f"/t/{TENANT}/my/contributions")
        box = page.locator(".table-scroll").filter(has=page.locator("table")).first
        expect(box).to_be_visible()
        inner, outer = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert outer <= PHONE["width"] and inner > outer  # the table, not the page, scrolls
        # and its box takes keyboard focus, named after its heading, to scroll by keyboard
        assert (box.get_attribute("tabindex"), box.get_attribute("role")) == ("0", "region")
        assert box.get_attribute("aria-label")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"] + 1
    finally:
        context.close()


def test_the_coordinators_navigation_fits_one_line_at_1366(browser, live_server, login):
    context = browser.new_context(base_url=live_server.url, viewport=LAPTOP)
    page = context.new_page()
    try:
        login(page, demo_email(TENANT, Role.COORDINATOR))
        tops = page.eval_on_selector_all("ul.nav-groups > li",
                                         "items => items.map(li => li.offsetTop)")
        assert len(tops) >= 5 and len(set(tops)) == 1, tops
        header = page.locator("header.top").bounding_box()
        assert header is not None and header["height"] < 70  # one line, not four
        summaries = page.locator("header details.menu > summary")
        expect(summaries.first).to_be_visible()
        assert {"Network", "Indicators", "Reports", "Admin"} <= set(
            summaries.all_inner_texts()) | {t.strip() for t in summaries.all_inner_texts()}
    finally:
        context.close()


def _tab_to(page, text: str, *, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_a_menu_is_worked_by_keyboard_alone(browser, live_server, login, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    try:
        login(page, demo_email(TENANT, Role.COORDINATOR))
        menu = page.locator("header details.menu").filter(
            has=page.locator("summary", has_text="Reports"))
        runs = menu.get_by_role("link", name="Report runs")
        expect(runs).to_be_hidden()
        _tab_to(page, "Reports")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), "the focused summary shows no focus ring"
        page.keyboard.press("Enter")
        expect(runs).to_be_visible()
        right = runs.evaluate("el => el.getBoundingClientRect().right")
        assert right <= viewport["width"], "the open menu runs past the screen's edge"
        _tab_to(page, "Report runs", limit=5)
        page.keyboard.press("Escape")
        expect(runs).to_be_hidden()
        assert page.evaluate("document.activeElement.textContent.trim()") == "Reports"
        page.keyboard.press("Space")
        expect(runs).to_be_visible()
        _tab_to(page, "Report runs", limit=5)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"/t/{TENANT}/reports/runs")
        current = page.locator("header summary.current")
        expect(current).to_have_text("Reports")
        expect(page.locator('header a[aria-current="page"]')).to_have_text("Report runs")
    finally:
        context.close()
