"""Keyboard only: every control is reached with Tab, shows that it has focus, and a form is
sent with Enter."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import tab_through

pytestmark = pytest.mark.browser


def test_the_login_page_is_used_by_keyboard_alone(page, live_server):
    page.goto("/login")
    reached, unseen, shown = tab_through(page)
    assert len(reached) == shown >= 3  # email, password, Log in
    assert not unseen, f"focus not visible on: {unseen}"
    page.goto("/login")
    expect(page.get_by_label("Email")).to_be_focused()  # on arrival
    page.keyboard.type("coordinator@catalunya.example")
    page.keyboard.press("Tab")
    page.keyboard.type(live_server.password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.at("/t/catalunya/")


@pytest.mark.parametrize("path", ["/t/catalunya/schools/new", "/t/catalunya/reports/runs"])
def test_a_form_page_shows_focus_on_every_control(page, login, path):
    login(page, "coordinator@catalunya.example")
    page.goto(path)
    reached, unseen, shown = tab_through(page)
    assert len(reached) == shown > 10  # the navigation, the form and its buttons
    assert not unseen, f"focus not visible on: {unseen}"


def test_a_control_without_a_focus_indicator_is_caught(page):
    """The check itself: a page that hides focus, and one link Tab never reaches."""
    page.set_content("<style>:focus { outline: none; }</style><a href='#a'>one</a>"
                     "<button>two</button><a href='#b' tabindex='-1'>skipped</a>")
    reached, unseen, shown = tab_through(page)
    assert (len(reached), shown) == (2, 3)  # the page tests require the two to be equal
    assert [html[:2] for html in unseen] == ["<a", "<b"]
