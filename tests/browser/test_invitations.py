"""Administration in Chromium: the coordinator invites a partner user, the link is opened
in a new browser context, the new user sets a password, logs in and reaches only their
partner's alliances."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
NEW_PASSWORD = "a-long-new-password"


def test_an_invited_partner_user_joins_and_sees_only_their_partners_alliances(
        browser, page, login, live_server):
    login(page, "coordinator@catalunya.example")
    page.goto("/t/catalunya/users")
    form = page.locator("form[action$='/users/invite']")
    email = f"macba-{uuid.uuid4().hex[:6]}@example.org"
    form.get_by_label("Email").fill(email)
    form.get_by_label("Role").select_option("partner")
    form.get_by_label("Key of their partner").fill("p-macba")
    with page.expect_navigation():
        form.get_by_role("button", name="Create the invitation link").click()
    expect(page.get_by_text("send this link yourself", exact=False)).to_be_visible()
    link = page.locator("#link").input_value()
    assert link.startswith(live_server.url + "/invite/")

    context = browser.new_context(base_url=live_server.url)  # another browser, no cookies
    context.set_default_timeout(15_000)
    newcomer = context.new_page()
    try:
        newcomer.goto(link)
        expect(newcomer.get_by_text(email, exact=True)).to_be_visible()
        newcomer.get_by_label("Your name").fill("Marta")
        newcomer.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        newcomer.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
        with newcomer.expect_navigation():
            newcomer.get_by_role("button", name="Set password and join").click()
        assert newcomer.url.endswith("/t/catalunya/")
        with newcomer.expect_navigation():
            newcomer.get_by_role("button", name="Log out").click()
        login(newcomer, email, NEW_PASSWORD)
        expect(newcomer.locator(".who")).to_contain_text(f"{email} · partner")
        newcomer.get_by_role("link", name="My alliances").first.click()
        expect(newcomer.get_by_role("heading", level=1)).to_contain_text("MACBA")
        expect(newcomer.get_by_text("Contemporary art").first).to_be_visible()
        assert newcomer.get_by_text("Marine science").count() == 0  # another partner's
        newcomer.goto("/t/catalunya/contributions/new")
        options = newcomer.get_by_label("Alliance").locator("option").all_inner_texts()
        assert len(options) > 1 and all("MACBA" in o for o in options[1:])
        again = newcomer.goto(link)
        assert again.status == 410  # used once
    finally:
        context.close()
