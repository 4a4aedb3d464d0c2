"""One word for one thing: the pages and the reports name the programme's concepts alike.

The site's catalogue (app/translations) and the report engine's (reports/translations)
are kept apart, so a word shared by both could drift: a coordinator read "entitat
col·laboradora" on the alliance page and "institució sòcia" in the school's PDF, and
"etapa" (the MSAP stage) on the page against "fase" in the report, which is the
Catalan programme's phase, another thing. Here every English word the two catalogues
share must read the same in each language, save the few listed whose sense differs.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ca", "es", "eu")
# The same English word, another sense in each place.
SENSES = {
    "Planned": "reports: a budget amount (masculine); pages: an action's status, as "
               "'acció prevista'. The pages' budget column says pgettext('amount', ...)",
    "none": "reports: an empty table; pages: no partner, as 'cap entitat'/'ninguna'",
}
# The issue's own words for the domain, and where each must be used.
DOMAIN = {
    "ca": {"Municipal enrolment office": "Oficina municipal d'escolarització",
           "Special educational needs (NESE)":
               "Alumnat amb necessitats específiques de suport educatiu (NESE)",
           "Partner institution": "Entitat col·laboradora", "Stage": "Etapa",
           "Alliance": "Aliança", "School": "Centre educatiu"},
    "es": {"Municipal enrolment office": "Oficina municipal de escolarización",
           "Special educational needs (NESE)":
               "Alumnado con necesidades específicas de apoyo educativo (NEAE)",
           "Partner institution": "Entidad colaboradora", "Stage": "Etapa",
           "Alliance": "Alianza", "School": "Centro educativo"},
}


# The words each language retired for a partner institution: no catalogue may use them,
# also in a phrase only one catalogue holds ("Partner history").
RETIRED = {"ca": re.compile(r"\bsòci(a|es|s)?\b"), "es": re.compile(r"\bsoci[ao]s?\b"),
           "eu": re.compile(r"\bbazkide")}


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=language)


def _catalogues(language: str) -> tuple[Catalog, Catalog]:
    return (_read(ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po",
                  language),
            _read(ROOT / "reports" / "translations" / language / "LC_MESSAGES" / "reports.po",
                  language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_word_shared_by_the_pages_and_the_reports_reads_the_same(language):
    pages, reports = _catalogues(language)
    differ = []
    for entry in reports:
        if not entry.id or isinstance(entry.id, tuple) or entry.id in SENSES:
            continue
        page = pages.get(entry.id)
        if page is not None and page.string != entry.string:
            differ.append(f"{entry.id!r}: pages {page.string!r}, reports {entry.string!r}")
    assert not differ, f"{language}: {len(differ)} words differ:\n" + "\n".join(differ)


@pytest.mark.parametrize("language", sorted(DOMAIN))
def test_the_domain_words(language):
    pages, reports = _catalogues(language)
    for english, word in DOMAIN[language].items():
        assert pages.get(english).string == word, english
        entry = reports.get(english)
        assert entry is None or entry.string == word, english


def test_one_english_word_with_two_senses_is_told_apart_on_the_pages():
    pages, _ = _catalogues("ca")
    assert pages.get("Target").string == "Meta"  # an objective's target value
    assert pages.get("Target", context="audit").string == "Objecte"  # what a change touched
    assert pages.get("End", context="verb").string == "Finalitza"  # the button
    assert pages.get("End").string == "Final"  # the column


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_uses_a_retired_word(language):
    found = [f"{name}: {entry.id!r} -> {entry.string!r}"
             for name, catalogue in zip(("pages", "reports"), _catalogues(language), strict=True)
             for entry in catalogue if entry.id and isinstance(entry.string, str)
             and RETIRED[language].search(entry.string.lower())]
    assert not found, "\n".join(found)
