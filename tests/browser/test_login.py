"""A person logs in with Chromium and reaches their programme."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_demo_coordinator_logs_in_and_sees_the_programme_home(page, login, live_server):
    page.goto("/t/catalunya/")
    assert re.search(r"/login\?next=", page.url)  # anonymous: sent to the login form
    login(page, "coordinator@catalunya.example")
    assert page.url == live_server.at("/t/catalunya/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Magnet Catalunya")
    expect(page.locator("header .who")).to_contain_text("coordinator")
    users = page.get_by_role("link", name="Users").first
    users.click()
    page.wait_for_url("**/t/catalunya/users")
    expect(page.get_by_role("cell", name="coordinator@catalunya.example")).to_have_count(1)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    expect(page.get_by_text("You are logged out.")).to_be_visible()


def test_a_wrong_password_shows_the_generic_error(page):
    page.goto("/login")
    page.get_by_label("Email").fill("coordinator@catalunya.example")
    page.get_by_label("Password").fill("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Wrong email or password.")).to_be_visible()
    assert page.url.endswith("/login")
