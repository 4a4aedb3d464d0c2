"""The header's navigation: pages registered by features, each in a group, shown by role."""
from __future__ import annotations

import re

import pytest
from flask import Flask

from app import navigation
from app.navigation import GROUP_LABELS, Group

SUMMARY = re.compile(r"<summary[^>]*>([^<]+)</summary>")
TOP_LINK = re.compile(r'<li><a href="[^"]+"(?: aria-current="page")?>([^<]+)</a></li>')


def _header(client, slug: str, path: str = "") -> str:
    html = client.get(f"/t/{slug}/{path}").get_data(as_text=True)
    return html[html.index('<nav class="site"'):html.index("</nav>")]


def test_every_registered_page_has_a_group(app: Flask) -> None:
    items = app.extensions[navigation.KEY]
    assert items and all(isinstance(item.group, Group) for item in items)
    by_endpoint = {item.endpoint: item.group for item in items}
    assert by_endpoint["network.school_list"] == Group.NETWORK
    assert by_endpoint["network.assessment_list"] == Group.PLAN
    assert by_endpoint["indicators.territory_index"] == Group.INDICATORS
    assert by_endpoint["reports.runs"] == Group.REPORTS
    assert by_endpoint["auth.members"] == Group.ADMIN
    assert set(GROUP_LABELS) == set(Group)  # each group's word, once


def test_an_unknown_group_is_refused(app: Flask) -> None:
    with pytest.raises(ValueError):
        navigation.register(app, label="X", endpoint="x.page", permission="x", group="misc")


def test_the_coordinator_sees_menus_per_group(client, login_as, tenant) -> None:
    login_as("coordinator")
    header = _header(client, tenant.slug)
    assert SUMMARY.findall(header) == ["Network", "Indicators", "Reports", "Admin"]
    outside_menus = re.sub(r"<details.*?</details>", "", header, flags=re.S)
    assert TOP_LINK.findall(outside_menus) == ["Home", "Assessments"]  # a group of one
    assert header.count('name="header-menu"') == 4
    assert "Data check" in header and "Report runs" in header


def test_a_partner_sees_only_its_pages_and_the_current_one_is_marked(client, login_as,
                                                                     tenant) -> None:
    login_as("partner", scope_key="p-one")
    header = _header(client, tenant.slug, "contributions/new")
    assert "Admin" not in SUMMARY.findall(header) and "Users" not in header
    assert "Contribution history" in header and "Assessments" not in header
    assert re.search(r'<summary class="current">Network</summary>', header)
    assert re.search(r'aria-current="page">Log a contribution<', header)
