"""The self-assessment in Chromium: the school team rates the rubric of all five core
components on one page and submits it, the coordinator returns it with a comment, the team
revises and submits again, the coordinator accepts it, and the accepted stage appears on the
alliance page and in the overview's stage table."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ACTIVE_COLUMN = 1        # the stage table's columns: stage, active, ended, archived, all
SCHOOL, BOSS = "school@catalunya.example", "coordinator@catalunya.example"


def _logout(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()


def _active_count(page, stage: str) -> int:
    row = page.locator("#stage-table tbody tr", has_text=stage)
    text = row.locator("td").nth(ACTIVE_COLUMN).inner_text().strip()
    return 0 if text == "·" else int(text)


def test_rubric_submit_return_accept_sets_the_stage(page, login, live_server):
    login(page, BOSS)
    page.goto("/t/catalunya/overview")
    before = _active_count(page, "Early implementation")
    _logout(page)

    login(page, SCHOOL)
    page.get_by_role("link", name="My school").first.click()
    page.get_by_role("link", name="Plan and objectives").first.click()
    expect(page.get_by_role("heading", name="Plan and objectives", level=1)).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Self-assess the five components").click()
    expect(page.locator("#assessment-status")).to_have_text("Draft")
    for component in ("Diversity equity", "Enrollment management", "Curriculum instruction",
                      "Family engagement", "Partnerships"):
        expect(page.get_by_role("heading", name=component, level=2)).to_be_visible()
    radios = page.locator("input[type=radio][value=in_place]")
    assert radios.count() == 100
    for n in range(radios.count()):
        radios.nth(n).check()
    page.get_by_label("A diverse, representative leadership team guides the design").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit to the coordinator").click()
    expect(page.locator("#assessment-status")).to_have_text("Submitted")
    rubric = page.url
    _logout(page)

    login(page, BOSS)
    page.goto("/t/catalunya/overview")
    path = rubric.removeprefix(live_server.url)
    page.locator(f'#reviews a[href="{path}"]').click()   # in the queue, beside the demo's
    page.get_by_label("What to change").fill("Add the evidence for the family items.")
    with page.expect_navigation():
        page.get_by_role("button", name="Return to the school team").click()
    expect(page.locator("#assessment-status")).to_have_text("Returned")
    _logout(page)

    login(page, SCHOOL)
    page.goto(rubric)
    expect(page.locator("#review-comment")).to_contain_text("Add the evidence")
    with page.expect_navigation():
        page.get_by_role("button", name="Start a new revision from this one").click()
    expect(page.locator("#assessment-status")).to_have_text("Draft")
    expect(page.locator("input[type=radio][value=in_place]:checked")).to_have_count(100)
    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit to the coordinator").click()
    second = page.url
    assert second != rubric
    _logout(page)

    login(page, BOSS)
    page.goto(second)
    for component in ("diversity_equity", "enrollment_management", "curriculum_instruction",
                      "family_engagement", "partnerships"):
        page.locator(f"select[name=stage-{component}]").select_option("early_implementation")
    with page.expect_navigation():
        page.get_by_role("button", name="Accept").click()
    expect(page.locator("#assessment-status")).to_have_text("Accepted")
    page.goto("/t/catalunya/alliances/a-bcn-01")
    expect(page.locator("dl.facts")).to_contain_text("Early implementation")
    page.goto("/t/catalunya/overview")
    assert _active_count(page, "Early implementation") == before + 1
