"""The report engine's own words in the programme's language, without Flask.

The catalogues are plain .po files under reports/translations/<lang>/LC_MESSAGES/
reports.po (English is the source). They are compiled in memory when first
used (babel.messages.pofile + mofile), so a fresh clone needs no build step and
a catalogue can never be stale. A `Words` object carries the gettext of one
language and Babel's number formatting for its locale; every renderer takes one.
"""
from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

CATALOGUES = Path(__file__).resolve().parent / "translations"
DOMAIN = "reports"
SOURCE = "en"
LANGUAGES = ("en", "ca", "es", "eu")
_LOCK = threading.Lock()


def language_of(setting: Any) -> str:
    """The report language for a tenant's "language" setting (English unless we have it)."""
    code = str(setting or SOURCE).replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else SOURCE


@cache
def _translations(language: str) -> NullTranslations:
    path = CATALOGUES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE or not path.is_file():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


@dataclass(frozen=True)
class Words:
    """gettext and number formatting of one language."""

    language: str = SOURCE
    _t: NullTranslations = field(default_factory=NullTranslations, repr=False, compare=False)

    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def number(self, value: int | float) -> str:
        """A number as the locale writes it, with exactly the decimals the report rounded to.

        The symbols are Babel's for the locale (see _symbols); the digits are Python's, as
        format_decimal would write them, at a fraction of its cost (reports print hundreds).
        """
        if isinstance(value, float):
            text = repr(value)
            if "e" in text or "n" in text:  # 1e-05, nan, inf: not rounded report figures
                return text
            decimals = len(text.split(".")[1]) if "." in text else 0
            body = f"{abs(value):,.{decimals}f}"
        else:
            body = f"{abs(value):,d}"
        minus, table = _symbols(self.language)
        body = body.translate(table)
        return minus + body if value < 0 else body

    @property
    def locale(self) -> Locale:
        return _locale(self.language)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


@cache
def _symbols(language: str) -> tuple[str, dict[int, str]]:
    """The minus sign and the group and decimal symbols, as Babel writes -1,234.5."""
    probe = format_decimal(-1234.5, format="#,##0.0", locale=_locale(language))
    minus, group, decimal = probe[0], probe[2], probe[-2]
    return minus, str.maketrans({",": group, ".": decimal})


@cache
def words(language: str | None = None) -> Words:
    """The words of `language` (a tenant's setting; English when unknown), cached per process."""
    code = language_of(language)
    with _LOCK:
        return Words(code, _translations(code))
