"""Field parsers: raw JSON, form or query-string values to clean values, with their schema.

Each field couples a parser (raw value → clean value, or ValueError with the reason)
with the JSON Schema the OpenAPI document shows for it, so the two never drift apart.

Typing is strict for JSON: a number must be a JSON number, a boolean a JSON boolean, a
list a JSON array ("25" or ["a"] as "a" are refused). Only what an HTML form posts
(FormInput) and query strings, which are text by nature, are read from text: numbers of
ASCII digits, true/false words, comma-separated lists. Every problem found is reported
at once: Invalid(errors=[{"field", "value", "reason"}]).
"""
from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from domain.csv_safety import control_character_reason
from graph.errors import Invalid
from graph.model import N_

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
KEY_PATTERN = KEY_RE.pattern
# Fixed path segments beside an item's key (/t/<slug>/schools/new is the creation form):
# an item with one of these keys could never be reached at /<plural>/<key>.
RESERVED_KEYS = frozenset({"new"})
WHOLE_RE = re.compile(r"\s*[+-]?[0-9]{1,12}\s*", re.ASCII)
DECIMAL_RE = re.compile(r"\s*[+-]?(?:[0-9]{1,15}(?:[.,][0-9]{0,15})?|[.,][0-9]{1,15})\s*",
                        re.ASCII)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_YEAR, LAST_YEAR = 1990, 2100
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
MISSING = object()
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int, float), "number": (int, float), "boolean": (bool,), "array": (list,),
    "string": (str,), "object": (dict,),
}


class FormInput(dict):
    """What an HTML form posted: text that parsers may read as numbers, booleans and lists.

    Any other mapping handed to validate() (a JSON body) is typed strictly.
    """


def json_type_error(parser: Parser, value: Any) -> str | None:
    """Why `value` is not of the JSON type the parser's schema states, or None."""
    kind = parser.schema.get("type")
    allowed = JSON_TYPES.get(kind)
    if allowed is None or not isinstance(value, str | int | float | list | dict):
        return None  # None clears a field; a Python date or tuple is the parser's to judge
    if isinstance(value, allowed) and not (isinstance(value, bool) and bool not in allowed):
        return None
    sent = {bool: _("a boolean"), str: _("a string"), list: _("an array"),
            dict: _("an object")}.get(type(value)) or _("a number")
    return _("must be a JSON %(kind)s, not %(sent)s", kind=kind, sent=sent)


class Parser:
    """Turns one raw value into a clean one; `schema` describes it in the OpenAPI document."""

    schema: dict[str, Any] = {}

    def __call__(self, value: Any) -> Any:
        raise NotImplementedError


class Text(Parser):
    def __init__(self, max_length: int = 200, *, multiline: bool = False) -> None:
        self.max_length, self.multiline = max_length, multiline
        self.schema = {"type": "string", "maxLength": max_length}

    def __call__(self, value: Any) -> str | None:
        if not isinstance(value, str):
            raise ValueError(_("must be text"))
        text = value.strip()
        if not self.multiline and ("\n" in text or "\r" in text):
            raise ValueError(_("must be a single line"))
        reason = control_character_reason(text)
        if reason:
            raise ValueError(reason)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(_("is not valid Unicode text")) from None
        if len(text) > self.max_length:
            raise ValueError(_("must be at most %(n)s characters", n=self.max_length))
        return text or None


class Key(Parser):
    """A node key: lowercase letters, digits, dot, dash, underscore; 1–64 characters.

    `new=True` for the key a new node is given: a word of RESERVED_KEYS is refused.
    """

    def __init__(self, what: str = "key", *, new: bool = False) -> None:
        self.what, self.new = what, new
        self.schema = {"type": "string", "pattern": KEY_PATTERN, "maxLength": 64}
        if new:
            self.schema["not"] = {"enum": sorted(RESERVED_KEYS)}

    def __call__(self, value: Any) -> str | None:
        if not isinstance(value, str):
            raise ValueError(_("must be a key (text)"))
        if value == "":
            return None
        if not KEY_RE.match(value):
            raise ValueError(_("must be 1–64 lowercase letters, digits, '.', '_' or '-', "
                               "starting with a letter or digit"))
        if self.new and value in RESERVED_KEYS:
            raise ValueError(_("%(key)r is a reserved word (…/%(path)s is the address of "
                               "the creation form)", key=value, path=value))
        return value


class Choice(Parser):
    def __init__(self, values: type[enum.StrEnum]) -> None:
        self.values = [v.value for v in values]
        self.schema = {"type": "string", "enum": self.values}

    def __call__(self, value: Any) -> str | None:
        if value == "":
            return None
        if not isinstance(value, str) or value not in self.values:
            raise ValueError(_("must be one of %(values)s", values=", ".join(self.values)))
        return value


class Integer(Parser):
    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum, self.maximum = minimum, maximum
        self.schema = {"type": "integer", "minimum": minimum, "maximum": maximum}

    def __call__(self, value: Any) -> int | None:
        if isinstance(value, str):
            if not value.strip():
                return None
            if not WHOLE_RE.fullmatch(value):
                raise ValueError(_("must be a whole number"))
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_("must be a whole number"))
        if not self.minimum <= value <= self.maximum:
            raise ValueError(_("must be between %(min)s and %(max)s", min=self.minimum,
                               max=self.maximum))
        return value


class Number(Parser):
    def __init__(self, minimum: float, maximum: float) -> None:
        self.minimum, self.maximum = minimum, maximum
        self.schema = {"type": "number", "minimum": minimum, "maximum": maximum}

    def __call__(self, value: Any) -> float | int | None:
        if isinstance(value, str):
            if not value.strip():
                return None
            if not DECIMAL_RE.fullmatch(value):
                raise ValueError(_("must be a number"))
            value = float(value.replace(",", "."))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(_("must be a number"))
        if not self.minimum <= value <= self.maximum:  # also refuses NaN and infinities
            raise ValueError(_("must be between %(min)s and %(max)s",
                               min=format(self.minimum, "g"), max=format(self.maximum, "g")))
        return int(value) if float(value).is_integer() else float(value)


class Boolean(Parser):
    schema = {"type": "boolean"}

    def __call__(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
            return value.strip().lower() in TRUE
        raise ValueError(_("must be true or false"))


class Day(Parser):
    """A calendar date as ISO text, YYYY-MM-DD."""

    schema = {"type": "string", "format": "date"}

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, date):
            value = value.isoformat()
        if value == "":
            return None
        if not isinstance(value, str) or not DATE_RE.match(value):
            raise ValueError(_("must be a date as YYYY-MM-DD"))
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(_("is not a real date")) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(_("must fall between %(first)s and %(last)s", first=FIRST_YEAR,
                               last=LAST_YEAR))
        return day.isoformat()


class KeyList(Parser):
    """Several keys: a JSON list, or comma-separated text from a form; duplicates dropped."""

    def __init__(self, what: str, max_items: int = 500) -> None:
        self.item, self.max_items = Key(what), max_items
        self.schema = {"type": "array", "items": self.item.schema, "maxItems": max_items}

    def __call__(self, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list | tuple):
            raise ValueError("must be a list of keys")
        if len(value) > self.max_items:
            raise ValueError(f"must have at most {self.max_items} items")
        keys = [self.item(v) for v in value]
        return list(dict.fromkeys(k for k in keys if k))


YEAR = Integer(FIRST_YEAR, LAST_YEAR)
COUNT = Integer(0, 1_000_000)
HOURS = Number(0, 10_000)


@dataclass(frozen=True)
class Field:
    """One input field; `updatable=False` fields are set at creation only."""

    name: str
    parse: Parser
    required: bool = False
    updatable: bool = True
    description: str = ""
    fixed_reason: str = field(default=N_("cannot be changed"))


def _shown(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN or Infinity
    if isinstance(value, str) and len(value) > 100:
        return value[:100] + "…"
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    text = repr(value)
    return text if len(text) <= 100 else text[:100] + "…"


def error(name: str, value: Any, reason: str) -> dict[str, Any]:
    return {"field": name, "value": _shown(value), "reason": reason}


def raise_invalid(errors: list[dict[str, Any]], what: str = "input") -> None:
    """Raise Invalid with one readable message listing every field error."""
    if errors:
        summary = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
        message = (_("The filter is invalid (%(summary)s).", summary=summary) if what == "filter"
                   else _("The query is invalid (%(summary)s).", summary=summary)
                   if what == "query" else _("The input is invalid (%(summary)s).",
                                             summary=summary))
        raise Invalid(message, errors=errors)


def validate(data: Any, fields: Iterable[Field], *, partial: bool = False) -> dict[str, Any]:
    """Clean `data` against `fields`.

    Creating (partial=False): required fields must be present and non-empty; other
    missing fields are left out. Updating (partial=True): only fields present are
    returned; an empty optional field becomes None (cleared); fields fixed at creation
    are refused. Unknown fields are refused either way.
    """
    fields = tuple(fields)
    if not isinstance(data, Mapping):
        raise_invalid([error("(body)", None, _("must be a JSON object"))])
    strict = not isinstance(data, FormInput)
    known = {f.name: f for f in fields}
    errors = [error(name, data[name], _("unknown field"))
              for name in data if name not in known and name != "csrf_token"]
    clean: dict[str, Any] = {}
    for f in fields:
        raw = data.get(f.name, MISSING)
        if raw is MISSING:
            if f.required and not partial:
                errors.append(error(f.name, None, _("required")))
            continue
        if partial and not f.updatable:
            errors.append(error(f.name, raw, _(f.fixed_reason)))  # marked where written
            continue
        _parse_one(f, raw, partial, clean, errors, strict=strict)
    raise_invalid(errors)
    return clean


def _parse_one(f: Field, raw: Any, partial: bool, clean: dict, errors: list, *,
               strict: bool) -> None:
    wrong_type = json_type_error(f.parse, raw) if strict else None
    if wrong_type:
        errors.append(error(f.name, raw, wrong_type))
        return
    try:
        value = None if raw is None else f.parse(raw)
    except ValueError as exc:
        errors.append(error(f.name, raw, str(exc)))
        return
    if value is None and f.required:
        errors.append(error(f.name, raw, _("required") if not partial else _("cannot be empty")))
    elif value is not None or partial:
        clean[f.name] = value


def parse_args(args: Mapping[str, Any], parsers: Mapping[str, Parser], *,
               what: str) -> dict[str, Any]:
    """The query-string values the parsers name (empty ones left out, other names
    ignored); Invalid names every bad one, the message calling them the `what`."""
    clean, errors = {}, []
    for name, parser in parsers.items():
        raw = args.get(name)
        if raw is None or raw == "":
            continue
        try:
            clean[name] = parser(raw)
        except ValueError as exc:
            errors.append(error(name, raw, str(exc)))
    raise_invalid(errors, what)
    return clean


def request_schema(fields: Iterable[Field], *, partial: bool = False) -> dict[str, Any]:
    """The JSON Schema of a create (or, with partial, an update) body."""
    fields = [f for f in fields if f.updatable or not partial]
    props = {}
    for f in fields:
        prop = dict(f.parse.schema)
        if not f.required or partial:
            prop["nullable"] = True
        if f.description:
            prop["description"] = f.description
        props[f.name] = prop
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.name for f in fields if f.required and not partial]
    if required:
        out["required"] = required
    return out
