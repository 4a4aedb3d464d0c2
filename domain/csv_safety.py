"""Text that is safe to write to CSV and to store: formula neutralising and control characters.

A spreadsheet runs a cell that starts with = + - or @ (and, in some, after a leading tab or
carriage return) as a formula: `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` in a partner's name
would run on the reader's machine. Every CSV Imant writes passes its cells through
`neutralise`, which prefixes such text with an apostrophe (OWASP's advice); numbers are
left as they are. Control characters other than tab, newline and carriage return are
refused wherever text comes in; `find_control_character` says where one is.
"""
from __future__ import annotations

import re
from typing import TypeVar

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

T = TypeVar("T")


def neutralise(value: T) -> T | str:
    """`value`, with text a spreadsheet would run as a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def find_control_character(text: str) -> tuple[int, str] | None:
    """The position and character of the first control character (not tab or newline)."""
    match = CONTROL_RE.search(text)
    return None if match is None else (match.start(), match.group())


def control_character_reason(text: str) -> str | None:
    """Why `text` is refused ("contains a control character U+0000 at position 3"), or None."""
    found = find_control_character(text)
    if found is None:
        return None
    position, char = found
    return f"contains a control character (U+{ord(char):04X}) at position {position + 1}"
