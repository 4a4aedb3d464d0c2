"""Languages: Flask-Babel with the platform's locales.

The locale is, in order: the logged-in user's own choice (`User.language`, set on the
account page), else the programme's default (tenant setting "language") on its pages,
else the browser's Accept-Language, else English. Strings are marked with `_()` /
`lazy_gettext` / `ngettext` in code and `{{ _('…') }}` in templates; the catalogues are
in app/translations (`make translations` extracts, updates and compiles them).
Numbers and percentages go through the `num` and `pct` filters, in the locale's format.
"""
from __future__ import annotations

import copy
import functools

from babel import Locale
from babel.numbers import NumberPattern, get_minus_sign_symbol, parse_pattern
from flask import Flask, g, has_request_context, request
from flask_babel import Babel, get_locale
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

LOCALES = ("ca", "es", "eu", "en")  # Catalan, Spanish, Basque, English
DEFAULT_LOCALE = "en"
# each language by its own name, as a speaker looks for it
LANGUAGE_NAMES = {"ca": "Català", "es": "Español", "eu": "Euskara", "en": "English"}

# the platform's English writes a space before the sign, as its pages always have ("85 %")
ENGLISH_PERCENT = "#,##0 %"

babel = Babel()


def select_locale() -> str | None:
    """The user's language, else the programme's, else the browser's best match."""
    if not has_request_context():
        return None  # commands and workers: Babel's default_locale
    if _users_language() in LOCALES:
        return _users_language()
    tenant = g.get("tenant")
    chosen = tenant.language if tenant is not None else None
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES)  # None: Babel's default_locale


def _users_language() -> str | None:
    """The logged-in user's choice; none while SQL cannot load the user (an error page
    about that is then worded by the programme's or the browser's language)."""
    try:
        return current_user.language if current_user.is_authenticated else None
    except SQLAlchemyError:
        return None


def number(value: float | None, digits: int = 1) -> str:
    """A number in the locale's format (`1.234,5` in Catalan) with `digits` decimals."""
    return _formatted(value, kind="decimal", digits=digits)


def percent(value: float | None, digits: int = 1) -> str:
    """A share (0.125) as the locale writes a percentage: `12,5 %` in Catalan and Spanish,
    `% 12,5` in Basque, `12.5 %` in the platform's English."""
    return _formatted(value, kind="percent", digits=digits)


def signed(value: float | None, digits: int = 1) -> str:
    """A change with its sign, `+1,5` / `-0,3` in the locale's format (`+0.0` for none)."""
    if value is None:
        return ""
    sign = f"{value:+.{digits}f}"[0]  # Python's rounding decides, as the API's figures do
    minus = get_minus_sign_symbol(get_locale())
    return ("+" if sign == "+" else minus) + number(abs(value), digits)


def _formatted(value: float | None, *, kind: str, digits: int) -> str:
    if value is None:
        return ""
    locale = get_locale()
    return _pattern(locale, kind, digits).apply(value, locale)


@functools.lru_cache(maxsize=64)
def _pattern(locale: Locale, kind: str, digits: int) -> NumberPattern:
    """The pattern of a locale, kind and precision, made once (a page formats hundreds of
    numbers). It is a copy: Babel shares the parsed pattern of a format string."""
    if kind == "percent" and locale.language == DEFAULT_LOCALE:
        pattern = copy.copy(parse_pattern(ENGLISH_PERCENT))
    else:  # the locale's own pattern (spacing, signs)
        formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
        pattern = copy.copy(parse_pattern(formats[None]))
    pattern.frac_prec = (digits, digits)
    return pattern


def init_app(app: Flask) -> None:
    babel.init_app(app, default_locale=DEFAULT_LOCALE, locale_selector=select_locale)
    app.jinja_env.filters["num"] = number
    app.jinja_env.filters["pct"] = percent
    app.jinja_env.filters["signed"] = signed
    from app.labels import template_globals  # labels import the domain words, i18n does not
    app.jinja_env.globals.update(template_globals())
