"""The network view labels municipalities and partners from the start, and names a school
while it is hovered (its label and the graph's tooltip)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
READY = "() => document.getElementById('network-graph').dataset.ready === 'true'"
# (type, label drawn, name) of every node as drawn, before anything is clicked
LABELS = """() => window.imantNetwork.nodes().map(n => [n.data('type'), n.style('label'),
  n.data('label'), n.style('min-zoomed-font-size')])"""
SCHOOL = "window.imantNetwork.nodes('[type = \"school\"]')[0]"


def test_municipalities_and_partners_are_labelled_and_schools_named_on_hover(page, login):
    login(page, "coordinator@catalunya.example")
    page.goto("/t/catalunya/network")
    page.wait_for_function(READY)
    nodes = page.evaluate(LABELS)
    named = [n for n in nodes if n[0] in ("municipality", "partner")]
    assert len(named) > 40
    assert all(drawn == name and name and tiny in ("0", "0px")
               for _type, drawn, name, tiny in named), named[:3]
    schools = [n for n in nodes if n[0] == "school"]
    assert schools and all(drawn == "" for _type, drawn, _name, _tiny in schools)
    graph = page.locator("#network-graph")
    assert graph.get_attribute("title") is None
    name = page.evaluate(f"{SCHOOL}.data('label')")
    page.evaluate(f"{SCHOOL}.emit('mouseover')")
    assert page.evaluate(f"{SCHOOL}.style('label')") == name
    assert graph.get_attribute("title") == name
    page.evaluate(f"{SCHOOL}.emit('mouseout')")
    assert page.evaluate(f"{SCHOOL}.style('label')") == ""
    assert graph.get_attribute("title") is None
