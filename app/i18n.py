"""Languages: Flask-Babel with the platform's locales.

The locale comes from the programme's default (tenant setting "language") on its pages,
else the browser's Accept-Language; English when none of the offered ones is asked for.
Strings are marked with `_()` / `lazy_gettext` in code and `{{ _('…') }}` in templates.
"""
from __future__ import annotations

from flask import Flask, g, has_request_context, request
from flask_babel import Babel

LOCALES = ("ca", "es", "eu", "en")  # Catalan, Spanish, Basque, English
DEFAULT_LOCALE = "en"

babel = Babel()


def select_locale() -> str | None:
    """The programme's language on its pages, else the browser's best match (commands and
    services called outside a request: the default)."""
    if not has_request_context():
        return None
    tenant = g.get("tenant")
    chosen = tenant.language if tenant is not None else None
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES)  # None: Babel's default_locale


def init_app(app: Flask) -> None:
    babel.init_app(app, default_locale=DEFAULT_LOCALE, locale_selector=select_locale)
