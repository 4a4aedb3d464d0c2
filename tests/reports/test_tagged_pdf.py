"""The annual report PDF is tagged: a structure tree in reading order, header cells,
figures with text alternatives, artifacts for page furniture, title and language.

Checked two ways: the machine-checkable subset of PDF/UA-1 (the `pdfua` package), and
the structure read back here with pikepdf, against the report it was drawn from."""
from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pikepdf
import pytest
from pdfua import validate

from reports import pdf, render
from reports.charts import report_charts
from reports.i18n import words

GOLDEN = Path(__file__).parent / "golden"
SHOW = {"Tj", "TJ", "'", '"'}
PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}


def report() -> dict:
    return copy.deepcopy(json.loads((GOLDEN / "s-0001.json").read_text()))


def draw(data: dict, language: str = "en") -> bytes:
    return pdf.to_pdf(data, charts=report_charts(data, words_=words(language)),
                      words_=words(language))


def children(node) -> list:
    """The structure elements right under `node` (not its marked content)."""
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/MCR"]


def elements(node) -> list:
    """The structure elements under `node`, depth first (the reading order)."""
    return [e for kid in children(node) for e in (kid, *elements(kid))]


def marks(element) -> list[tuple[int, int]]:
    """The (page object number, MCID) pairs an element owns."""
    kids = element.get("/K")
    if isinstance(kids, int):
        return [(element.Pg.objgen[0], int(kids))]
    return [(k.Pg.objgen[0], int(k.MCID)) for k in kids
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR"]


@pytest.fixture(scope="module")
def document() -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(draw(report())))


def test_the_pdf_passes_the_machine_checkable_pdf_ua_rules(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(draw(report()))
    findings = list(validate(str(path)).findings)
    assert findings == [], [(f.rule_id, f.message) for f in findings]


def test_title_language_and_identification(document):
    root = document.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en"
    assert root.ViewerPreferences.DisplayDocTitle is True
    title = str(document.docinfo.Title)
    assert title.endswith("annual report 2023-24")
    with document.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"


def test_the_structure_follows_the_report_in_reading_order(document):
    data = report()
    top = children(children(document.Root.StructTreeRoot)[0])
    tags = [str(e.S) for e in top]
    sections = render.sections(data, words_=words())
    assert tags[:2] == ["/H1", "/P"]
    assert tags.count("/H1") == 1
    assert tags.count("/H2") == len(sections)
    # each section starts with its heading, tables follow in order, figures are charts
    tables = [t for s in sections for t in s.tables if t.rows]
    assert tags.count("/Table") == len(tables) + sum(1 for s in sections if s.facts)
    figures = [e for e in top if e.S == "/Figure"]
    panels = report_charts(data)
    assert [str(f.Alt) for f in figures] == [f"{p.title}. {p.description}" for p in panels]


def test_tables_have_rows_header_cells_with_scope_and_data_cells(document):
    data = report()
    tables = [t for s in render.sections(data, words_=words()) for t in s.tables if t.rows]
    facts = [s.facts for s in render.sections(data, words_=words()) if s.facts]
    found = [e for e in elements(document.Root.StructTreeRoot) if e.S == "/Table"]
    lists, grids = [], []
    for table in found:
        rows = children(table)
        assert rows and all(r.S == "/TR" for r in rows)
        first = children(rows[0])
        (grids if first[0].A.Scope == "/Column" and len(first) > 1
         and all(c.S == "/TH" for c in first) else lists).append(rows)
    assert len(grids) == len(tables) and len(lists) == len(facts)
    for rows, table in zip(grids, tables, strict=True):
        assert len(rows) == len(table.rows) + 1  # the header once, even when split
        assert all(c.S == "/TD" for r in rows[1:] for c in children(r))
        assert all(len(children(r)) == len(table.header) for r in rows)
    for rows, named in zip(lists, facts, strict=True):
        assert len(rows) == len(named)
        for row in rows:
            name, value = children(row)
            assert (name.S, name.A.Scope, value.S) == ("/TH", "/Row", "/TD")


def test_every_marked_sequence_has_one_owner_and_nothing_is_drawn_unmarked(document):
    owners = {}
    for element in elements(document.Root.StructTreeRoot):
        for mark in marks(element):
            assert mark not in owners
            owners[mark] = element
    parent_tree = document.Root.StructTreeRoot.ParentTree.Nums
    seen = set()
    for page in document.pages:
        key = int(page.obj.StructParents)
        listed = dict(zip(parent_tree[::2], parent_tree[1::2], strict=True))[key]
        stack: list = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = int(operands[1].MCID) if op == "BDC" and "/MCID" in operands[1] else None
                stack.append((tag, mcid))
                if mcid is not None:
                    mark = (page.obj.objgen[0], mcid)
                    assert mark in owners, mark
                    assert listed[mcid].objgen == owners[mark].objgen
                    seen.add(mark)
            elif op == "EMC":
                stack.pop()
            elif op in SHOW or op in PAINT:
                assert stack, f"{op} drawn outside marked content on page {key + 1}"
        assert stack == []
    assert seen == set(owners)


def test_a_long_table_split_over_pages_repeats_its_header_as_an_artifact():
    data = report()
    first = data["demand"]["series"][0]
    data["demand"]["series"] = [dict(first, year=1950 + n, school_year=f"{1950 + n}-{n % 100:02d}")
                                for n in range(90)]
    document = pikepdf.open(io.BytesIO(draw(data)))
    assert len(document.pages) > 1
    long = max((e for e in elements(document.Root.StructTreeRoot) if e.S == "/Table"),
               key=lambda t: len(children(t)))
    rows = children(long)
    assert len(rows) == 91
    assert all(c.S == "/TH" for c in children(rows[0]))
    assert not any(c.S == "/TH" for r in rows[1:] for c in children(r))
    pages = {p for r in rows for c in children(r) for p, _ in marks(c)}
    assert len(pages) > 1


def test_a_catalan_report_says_so_in_its_language_and_metadata():
    document = pikepdf.open(io.BytesIO(draw(report(), "ca")))
    assert str(document.Root.Lang) == "ca"
    with document.open_metadata() as xmp:
        assert "informe anual" in xmp["dc:title"]
