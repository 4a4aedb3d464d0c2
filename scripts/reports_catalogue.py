"""Update the report engine's catalogue: reports/translations/reports.pot and each language's
reports.po (new words added empty, words no longer used marked obsolete).

The words are those in `_()`/`gettext()` calls of reports/*.py and the report templates,
plus the labels that reach the reports as data (enum labels, kind, group and component
labels, the summary tables' titles and field descriptions). Run after changing report
words, then translate the empty entries:  .venv/bin/python scripts/reports_catalogue.py
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.vocabulary import CONTRIBUTION_KIND_LABELS, GROUP_LABELS  # noqa: E402
from graph import model  # noqa: E402
from reports import data, scenario  # noqa: E402
from reports.i18n import CATALOGUES, DOMAIN, LANGUAGES, SOURCE  # noqa: E402

METHODS = [("reports/**.py", "python"), ("reports/templates/**.html", "jinja2")]
ENUMS = (model.SchoolLevel, model.PartnerKind, model.AllianceStatus, model.Stage,
         model.Component, model.FocusGroup, model.AssessmentStatus, model.ObjectiveStatus,
         model.Owner, model.ActionStatus)
EXTRA = ("Zone", "Municipality", "Done", "Overdue", "Dropped", "suppressed",
         "no enrolment data for the year")


def data_words() -> set[str]:
    """Labels that reach the renderers inside the report or the bundle tables."""
    words = {model.label(v.value) for enum in ENUMS for v in enum}
    words |= {model.label(b) for stage in model.BENCHMARKS.values() for b in stage}
    words |= set(CONTRIBUTION_KIND_LABELS.values()) | set(GROUP_LABELS.values())
    words |= set(model.MEASURE_LABELS.values()) | set(data.COMPONENT_LABELS.values())
    words |= {name for _, name in data.BEFORE_AFTER} | set(EXTRA) | scenario.WORDS
    return words | summary_words()


def summary_words() -> set[str]:
    """Titles, descriptions and field descriptions of the bundle's summary tables."""
    from reports.bundle_summary import summary_tables
    from reports.data import Suppressor
    from reports.snapshot import Network
    found: set[str] = set()
    for resource in summary_tables(Network(tenant="-"), years=[],
                                   sup=Suppressor(Network(tenant="-"), 5)):
        found |= {resource.title, resource.description}
        found |= {f.description for f in resource.fields}
    return found


HEADER = ("# The report engine's words: annual reports and the bundle summary (reports/).\n"
          "# Updated by scripts/reports_catalogue.py; read as .po at run time (reports/i18n.py).")


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="Imant reports", fuzzy=False,
                      header_comment=HEADER)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), METHODS, keywords={"_": None, "gettext": None},
            options_map={"**.html": {"extensions": "jinja2.ext.do"}}):
        if filename.startswith("reports"):
            catalog.add(message, locations=[(filename, lineno)], auto_comments=comments,
                        context=context)
    for word in sorted(data_words()):
        if word not in catalog:
            catalog.add(word, locations=[("data", 0)])
    return catalog


def _write(path: Path, catalog: Catalog) -> None:
    """Write the catalogue unless only its creation date would change."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, sort_output=True, width=100, ignore_obsolete=True)
    new = buffer.getvalue()
    dated = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*$', re.M)
    if path.is_file() and dated.sub(b"", path.read_bytes()) == dated.sub(b"", new):
        return
    path.write_bytes(new)


def main() -> None:
    pot = template()
    _write(CATALOGUES / f"{DOMAIN}.pot", pot)
    for language in LANGUAGES:
        if language == SOURCE:
            continue
        path = CATALOGUES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="Imant reports")
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.header_comment = HEADER
        _write(path, catalog)
        missing = sum(1 for m in catalog if m.id and not m.string)
        print(f"{language}: {len(catalog) - 1} words, {missing} to translate")


if __name__ == "__main__":
    main()
