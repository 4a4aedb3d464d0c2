"""Each demo role's home page, on a desktop and a phone screen: its dashboard shows, nothing
spills sideways out of it, and axe finds nothing serious in it (the whole page on a desktop;
on a phone, the page's main part: the shared header is another page part's concern)."""
from __future__ import annotations

import pytest

from app.demo import demo_email
from app.models import Role
from tests.browser.axe import RUN, WCAG_TAGS, audit, failing, inject

pytestmark = pytest.mark.browser

TENANT = "catalunya"
IN_MAIN = RUN.replace("axe.run(document,", "axe.run(document.querySelector('main'),")
assert IN_MAIN != RUN, "axe.py no longer runs axe on `document`: update IN_MAIN"
SECTIONS = {Role.COORDINATOR: "#dash-alerts", Role.PARTNER: "#dash-contributions",
            Role.SCHOOL: "#dash-trend", Role.MUNICIPALITY: "#dash-ranking",
            Role.EVALUATOR: "#dash-bundles"}


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_every_roles_home_shows_its_dashboard_and_passes_axe(browser, live_server, login,
                                                             width, height):
    found = []
    for role, section in SECTIONS.items():
        context = browser.new_context(base_url=live_server.url,
                                      viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        page = context.new_page()
        login(page, demo_email(TENANT, role))
        page.goto(f"/t/{TENANT}/")
        assert page.locator(section).is_visible(), (role, section)
        spilled = page.evaluate("""() => [...document.querySelectorAll('.dash *')]
            .filter(e => !e.closest('.table-scroll'))
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className)""")
        assert spilled == [], (role, width, spilled)
        name = f"{role.value} home at {width}px"
        if width >= 1024:
            found += audit(page, page_name=name)
        else:
            inject(page)
            found += failing(page.evaluate(IN_MAIN, WCAG_TAGS), page_name=name)
        context.close()
    assert not found, "\n".join(map(str, found))
