"""The network's pages in Chromium: a partner logs a contribution and finds it in its
history, a municipality records a measure, a school team's assessment form shows the
chosen stage's benchmarks, and the coordinator's network view draws the graph."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
# a function, not an expression: Playwright evaluates a bare expression with eval, which the
# page's Content Security Policy forbids
READY = "() => document.getElementById('network-graph').dataset.ready === 'true'"


def menu_link(page, group: str, name: str):
    """A page of the header's navigation, its group's menu opened first."""
    page.locator("header details.menu > summary", has_text=group).click()
    return page.locator("header").get_by_role("link", name=name, exact=True)


def test_a_partner_logs_a_contribution_and_sees_it_in_its_history(page, login, live_server):
    login(page, "partner@catalunya.example")
    page.get_by_role("link", name="Log a contribution").first.click()
    page.wait_for_url("**/t/catalunya/contributions/new")
    alliance = page.get_by_label("Alliance")
    options = alliance.locator("option").all_inner_texts()
    assert len(options) > 1 and all("Institut de Ciències del Mar" in o for o in options[1:])
    alliance.select_option(index=1)
    note = f"Plankton workshop {uuid.uuid4().hex[:6]}"
    page.get_by_label("Date").fill(date.today().isoformat())
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Hours").fill("2.5")
    page.get_by_label("Students reached").fill("24")
    page.get_by_label("Description").fill(note)
    with page.expect_navigation():
        page.get_by_role("button", name="Log the contribution").click()
    expect(page.get_by_text("logged.", exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name=note)).to_be_visible()
    menu_link(page, "Network", "Contribution history").click()
    page.wait_for_url("**/t/catalunya/contributions")
    expect(page.get_by_role("heading", name="Our contributions")).to_be_visible()
    expect(page.get_by_role("cell", name=note)).to_be_visible()
    expect(page.get_by_role("heading", name="Totals by school year")).to_be_visible()


def test_a_municipality_records_a_measure(page, login, live_server):
    login(page, "municipality@catalunya.example")
    menu_link(page, "Network", "Measures").click()
    page.get_by_role("link", name="Record a measure").click()
    page.wait_for_url("**/t/catalunya/measures/new")
    page.get_by_label("Kind").select_option("grants_meals")
    page.get_by_label("Start").fill("2025-09-01")
    description = f"Free school meals {uuid.uuid4().hex[:6]}"
    page.get_by_label("Description").fill(description)
    schools = page.locator("#field-schools input[type=checkbox]")
    assert schools.count() > 0
    schools.first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record the measure").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grants / free meals")
    expect(page.get_by_text(description)).to_be_visible()
    menu_link(page, "Network", "Measures").click()
    expect(page.get_by_role("cell", name=description)).to_be_visible()


def test_the_assessment_form_shows_the_benchmarks_of_the_chosen_stage(page, login,
                                                                       live_server):
    login(page, "school@catalunya.example")
    page.goto("/t/catalunya/my/school")
    page.get_by_role("link", name="Assess a component").click()
    stage = page.get_by_label("Stage")
    stage.select_option("full_implementation")
    expect(page.locator("fieldset[data-stage=full_implementation]")).to_be_visible()
    expect(page.locator("fieldset[data-stage=planning]")).to_be_hidden()
    expect(page.get_by_label("The sustainability plan is carried out")).to_be_visible()
    stage.select_option("planning")
    expect(page.get_by_label("Funding is secured")).to_be_visible()
    expect(page.get_by_label("The sustainability plan is carried out")).to_be_hidden()


def test_the_coordinator_opens_the_network_view_and_it_shows_nodes(page, login, live_server):
    login(page, "coordinator@catalunya.example")
    menu_link(page, "Network", "Network map").click()
    page.wait_for_url("**/t/catalunya/network")
    page.wait_for_function(READY)
    drawn = page.evaluate("window.imantNetwork.nodes().length")
    counts = page.evaluate("fetch('/t/catalunya/network.json').then(r => r.json())")["counts"]
    assert drawn == counts["school"] + counts["partner"] + counts["municipality"]
    assert counts["school"] >= 40 and counts["partner"] >= 40
    assert page.evaluate("window.imantNetwork.edges('[type = \"alliance\"]').length") == \
        counts["alliance"]
    expect(page.locator("#network-counts")).to_contain_text(f"{counts['school']} schools")
    page.evaluate("window.imantNetwork.nodes('[type = \"school\"]')[0].emit('tap')")
    expect(page.locator("#network-selection a")).to_have_text("Open its page →")
    page.get_by_label("Municipality").select_option("m-barcelona")
    page.wait_for_function(READY + " && window.imantNetwork.nodes().length < " + str(drawn))
    assert page.evaluate("window.imantNetwork.nodes('[type = \"municipality\"]').length") == 1
    assert "municipality=m-barcelona" in page.url
