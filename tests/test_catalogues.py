"""Every marked string is translated in every catalogue (ca, es, eu).

The strings are extracted from app/ (Python and templates) and from the domain words of
domain/ and graph/ (marked `N_`) as `make translations` does (babel.cfg, Babel's
extraction API); a failure names the string and where it is marked.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("app", "domain", "graph")  # as in the Makefile's `translations`
CATALOGUES = ROOT / "app" / "translations"
LANGUAGES = ("ca", "es", "eu")
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "N_": None,
            "lazy_ngettext": (1, 2)}
SHOWN = 60  # failures listed in full; the total is always given


def _marked() -> dict[tuple[str | None, str | tuple[str, ...]], list[str]]:
    """Each marked (context, msgid) (a tuple msgid for plurals) and the file:line places
    that mark it."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found: dict[str | tuple[str, ...], list[str]] = {}
    for source in SOURCES:
        for filename, line, message, _comments, context in extract_from_dir(
                str(ROOT / source), method_map, options_map, keywords=KEYWORDS):
            found.setdefault((context, message), []).append(f"{source}/{filename}:{line}")
    return found


def _catalogue(language: str) -> Catalog:
    path = CATALOGUES / language / "LC_MESSAGES" / "messages.po"
    assert path.is_file(), f"no catalogue {path.relative_to(ROOT)}"
    with path.open("rb") as po:
        return read_po(po, locale=language)


def _untranslated(catalog: Catalog, context: str | None,
                  msgid: str | tuple[str, ...]) -> str | None:
    """Why the catalogue does not translate `msgid` in `context`, or None when it does."""
    key = msgid[0] if isinstance(msgid, tuple) else msgid
    entry = catalog.get(key, context=context)
    if entry is None:
        return "missing"
    if entry.fuzzy:
        return "fuzzy"
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    if not all(forms):
        return "untranslated"
    return None


def _problems(language: str) -> Iterator[str]:
    catalog = _catalogue(language)
    for (context, msgid), places in sorted(_marked().items(), key=lambda item: item[1][0]):
        why = _untranslated(catalog, context, msgid)
        if why:
            where = f" (context {context!r})" if context else ""
            yield f"{places[0]}: {why}: {msgid!r}{where}"
    for entry in catalog:
        if entry.id and (entry.fuzzy or not all(entry.string if isinstance(entry.string, tuple)
                                                else (entry.string,))):
            yield f"{language}/messages.po: entry {entry.id!r} is fuzzy or untranslated"
    for entry, errors in catalog.check():
        yield f"{language}/messages.po: {entry.id!r}: {'; '.join(map(str, errors))}"


def test_strings_are_extracted_from_python_and_templates() -> None:
    places = [place for found in _marked().values() for place in found]
    assert any(place.endswith(".py", 0, place.rindex(":")) for place in places)
    assert any(".html:" in place for place in places)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(language: str) -> None:
    problems = sorted(set(_problems(language)))
    shown = "\n".join(problems[:SHOWN])
    more = f"\n… and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    assert not problems, (f"{len(problems)} strings are not translated in {language} "
                          f"(`make translations`, then translate them):\n{shown}{more}")
