"""Cell parsers for CSV imports and the personal-identifier check on family-level headers.

A parser takes the stripped, non-empty text of one cell and returns the clean value,
or raises ValueError with the reason shown to the user. Empty cells never reach a
parser: the kind's column decides whether they are refused or become a default.
"""
from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from flask_babel import gettext as _

from app.network.parsers import KEY_RE, RESERVED_KEYS

Parse = Callable[[str], Any]

FIRST_YEAR = 1990
LAST_YEAR = 2100
MAX_COUNT = 1_000_000
MAX_HOURS = 10_000
INT_RE = re.compile(r"[+-]?\d{1,12}")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def key(raw: str) -> str:
    """A key this file creates: the network's key format."""
    if not KEY_RE.match(raw):
        raise ValueError(_("a key is 1–64 lowercase letters, digits, '.', '_' or '-', "
                           "starting with a letter or digit"))
    if raw in RESERVED_KEYS:
        raise ValueError(_("%(key)r is a reserved word (…/%(path)s is the address of "
                           "the creation form)", key=raw, path=raw))
    return raw


def reference(raw: str) -> str:
    """A key naming another node: checked against the programme later, any text here."""
    if len(raw) > 64:
        raise ValueError(_("a key has at most 64 characters"))
    return raw


def text(max_length: int = 200, *, multiline: bool = False) -> Parse:
    def parse(raw: str) -> str:
        if not multiline and ("\n" in raw or "\r" in raw):
            raise ValueError(_("must be a single line"))
        if len(raw) > max_length:
            raise ValueError(_("must be at most %(n)s characters (has %(has)s)", n=max_length,
                               has=len(raw)))
        return raw
    return parse


def whole(raw: str) -> int:
    if not INT_RE.fullmatch(raw):
        raise ValueError(_("wrong type: must be a whole number"))
    return int(raw)


def count(maximum: int = MAX_COUNT) -> Parse:
    def parse(raw: str) -> int:
        value = whole(raw)
        if value < 0:
            raise ValueError(_("negative count: must be 0 or more"))
        if value > maximum:
            raise ValueError(_("must be at most %(max)s", max=maximum))
        return value
    return parse


def year(last: int | None = None) -> Parse:
    """A school year by its starting calendar year; `last` defaults to next year."""
    def parse(raw: str) -> int:
        value = whole(raw)
        top = last if last is not None else date.today().year + 1
        if not FIRST_YEAR <= value <= top:
            raise ValueError(_("year out of range: must be between %(first)s and %(last)s",
                               first=FIRST_YEAR, last=top))
        return value
    return parse


def rank(raw: str) -> int:
    value = whole(raw)
    if value < 1:
        raise ValueError(_("rank must be 1 or more (1 = first choice)"))
    if value > 99:
        raise ValueError(_("rank must be at most 99"))
    return value


def number(minimum: float, maximum: float) -> Parse:
    def parse(raw: str) -> int | float:
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            raise ValueError(_("wrong type: must be a number")) from None
        if not minimum <= value <= maximum:  # also refuses NaN and infinities
            raise ValueError(_("must be between %(min)s and %(max)s", min=format(minimum, "g"),
                               max=format(maximum, "g")))
        return int(value) if value.is_integer() else value
    return parse


def boolean(raw: str) -> bool:
    value = BOOLEANS.get(raw.lower())
    if value is None:
        raise ValueError(_("wrong type: must be true, false, 1 or 0"))
    return value


def choice(values: type[enum.StrEnum]) -> Parse:
    allowed = [v.value for v in values]

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(_("not an allowed value; use one of: %(values)s",
                               values=", ".join(allowed)))
        return raw
    return parse


def day(raw: str) -> str:
    """A calendar date as YYYY-MM-DD."""
    if not DATE_RE.fullmatch(raw):
        raise ValueError(_("wrong type: must be a date as YYYY-MM-DD"))
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise ValueError(_("not a real date")) from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(_("year out of range: must be between %(first)s and %(last)s",
                           first=FIRST_YEAR, last=LAST_YEAR))
    return value.isoformat()


def split_list(item: Parse) -> Parse:
    """Several values separated by ';' (duplicates dropped, order kept)."""
    def parse(raw: str) -> list:
        parts = [p.strip() for p in raw.split(";") if p.strip()]
        return list(dict.fromkeys(item(p) for p in parts))
    return parse


# --- personal identifiers ---------------------------------------------------------------

# Words that name a person or identify one, in English, Catalan and Spanish (accents removed).
PERSONAL_WORDS = frozenset({
    "name", "names", "surname", "surnames", "firstname", "lastname", "fullname", "givenname",
    "forename", "nom", "noms", "cognom", "cognoms", "nombre", "nombres", "apellido",
    "apellidos", "dni", "nie", "nif", "passport", "passaport", "pasaporte", "idcard",
    "email", "mail", "correu", "correo", "phone", "telephone", "tel", "telefon", "telefono",
    "mobile", "mobil", "movil", "address", "adreca", "direccion", "domicili", "domicilio",
    "dob", "birth", "birthday", "birthdate", "naixement", "nacimiento", "ralc", "idalu",
    "cip", "tsi", "ssn", "nss",
})
PERSONAL_PREFIXES = ("birth", "naixe", "nacim", "surname", "cognom", "apellid", "passport",
                     "email", "phone", "telef", "address")
# "<entity>_name" names a place or an institution, not a person
NAMED_ENTITIES = frozenset({"zone", "school", "municipality", "partner", "district"})


def _words(column: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", column).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def looks_personal(column: str) -> bool:
    """True if a header names a person or a personal identifier (name, DNI, email, birth…)."""
    words = _words(column)
    joined = "".join(words)
    if joined in PERSONAL_WORDS or joined.startswith(PERSONAL_PREFIXES):
        return True
    for i, word in enumerate(words):
        if word == "name" and i > 0 and words[i - 1] in NAMED_ENTITIES:
            continue
        if word in PERSONAL_WORDS or word.startswith(PERSONAL_PREFIXES):
            return True
    return any(a + b in PERSONAL_WORDS for a, b in zip(words, words[1:], strict=False))
