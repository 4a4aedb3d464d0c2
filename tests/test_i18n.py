"""The locale: the programme's language on its pages, else the browser's, else English."""
from __future__ import annotations

from flask import Flask, g
from flask_babel import format_decimal, get_locale, refresh

from app.models import Tenant


def _locale(app: Flask, *, accept: str | None = None, tenant: Tenant | None = None) -> str:
    headers = {"Accept-Language": accept} if accept else {}
    with app.test_request_context(headers=headers):
        g.tenant = tenant  # `g` is the app context's, which the fixture keeps across requests
        refresh()  # Flask-Babel keeps the locale it chose on `g` as well
        return str(get_locale())


def test_the_browser_language_is_used_when_offered(app: Flask) -> None:
    assert _locale(app, accept="ca-ES,ca;q=0.9,en;q=0.5") == "ca"
    assert _locale(app, accept="eu") == "eu"
    assert _locale(app, accept="fr-FR") == "en"
    assert _locale(app) == "en"


def test_the_programme_language_outranks_the_browser(app: Flask, tenant: Tenant) -> None:
    tenant.settings = {**(tenant.settings or {}), "language": "es"}
    assert _locale(app, accept="ca", tenant=tenant) == "es"
    tenant.settings = {**tenant.settings, "language": "xx"}  # unknown: the browser decides
    assert _locale(app, accept="ca", tenant=tenant) == "ca"


def test_decimals_follow_the_locale(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "ca"}):
        refresh()
        assert format_decimal(12.5) == "12,5"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()
        assert format_decimal(12.5) == "12.5"
