"""Reports in the programme's language: the engine's own catalogue, read without Flask."""
from __future__ import annotations

import copy
import importlib.util
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from reports import annual
from reports.i18n import CATALOGUES, LANGUAGES, SOURCE, language_of, words

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _catalogue(language: str):
    with (CATALOGUES / language / "LC_MESSAGES" / "reports.po").open("rb") as fh:
        return read_po(fh, locale=language)


def _tool():
    spec = importlib.util.spec_from_file_location("reports_catalogue",
                                                  ROOT / "scripts" / "reports_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report() -> dict:
    data = json.loads((GOLDEN / "s-0001.json").read_text())
    return copy.deepcopy(data)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE])
def test_every_report_word_is_translated_with_its_placeholders(language):
    catalogue = {m.id: m.string for m in _catalogue(language) if m.id}
    used = {m.id for m in _tool().template() if m.id}
    assert used <= set(catalogue), sorted(used - set(catalogue))  # run the catalogue script
    for msgid in used:
        assert catalogue[msgid], f"{language}: {msgid!r} has no translation"
        assert sorted(PLACEHOLDER.findall(catalogue[msgid])) == sorted(
            PLACEHOLDER.findall(msgid)), (language, msgid)


def test_the_words_follow_the_programme_language():
    assert words("ca").gettext("School") == "Centre educatiu"
    assert words("ca").gettext("Partner institution") == "Entitat col·laboradora"
    assert words("ca").gettext("Balanced-schooling measures") == (
        "Mesures d'escolarització equilibrada")
    assert words("es-ES").gettext("Alliance") == "Alianza"
    assert words("eu").gettext("School") == "Ikastetxea"
    assert words("fr").gettext("School") == "School"  # no catalogue: the English source
    assert language_of(None) == language_of("xx") == "en"
    assert words("ca").number(43.0) == "43,0" and words("en").number(1234) == "1,234"
    assert words("es").number(-0.25) == "-0,25"


def test_a_catalan_report_in_every_format(tmp_path):
    result = annual.produce(report(), str(tmp_path), "ca")
    assert "error" not in result, result
    html = (tmp_path / "s-0001.html").read_text()
    assert '<html lang="ca">' in html
    for text in ("Centre educatiu i aliança", "Entitat col·laboradora", "Curs escolar",
                 "Mesures d'escolarització equilibrada", "Inici de l'aliança (2020-21)"):
        assert text in unescape(html), text
    assert ">43,0<" in html and ">1,42<" in html  # Catalan decimals (JSON has 43.0, 1.42)
    reader = PdfReader(io.BytesIO((tmp_path / "s-0001.pdf").read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "ca"
    assert reader.metadata.title == "School s-0001 · informe anual 2023-24"
    assert reader.metadata.author == "Test programme"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Demanda i composició" in text and "pàgina 1" in text
    assert json.loads((tmp_path / "s-0001.json").read_text()) == report()  # JSON keeps keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_are_written_exactly_as_babel_writes_them(language):
    import random

    from babel.numbers import format_decimal
    rng = random.Random(7)
    values = [0, 7, -3, 999, 1000, -1234, 1234567, 0.0, 43.0, -0.2, 1.42, 0.125, 2.675,
              *(round(rng.uniform(-50_000, 50_000), rng.randint(0, 3)) for _ in range(300)),
              *(rng.randint(-10**7, 10**7) for _ in range(100))]
    for value in values:
        decimals = len(repr(value).split(".")[1]) if isinstance(value, float) else 0
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        assert words(language).number(value) == format_decimal(value, format=pattern,
                                                               locale=language), value
