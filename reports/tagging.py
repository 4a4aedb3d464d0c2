"""Tagged PDF with ReportLab: the logical structure (PDF 1.7 §14.7-14.8) drawn with the story.

ReportLab writes no structure tree, so the report builds its own while platypus draws:

- `Structure` collects elements in the order they are drawn (the story order, which
  is the reading order). Each drawn piece of content becomes one marked-content
  sequence (`/P <</MCID n>> BDC ... EMC`) owned by one element.
- Top-level paragraphs are `MarkedParagraph`s (H1, H2 or P).
- A table's cells are marked through ReportLab's own table render callback
  (`TableTags`): a data table becomes Table > TR > TH/TD. Header cells carry a
  column scope, the name column of a list of facts carries a row scope. Backgrounds,
  rules and the header rows repeated on a continuation page are artifacts. A layout
  grid of charts yields one Figure per chart, with its text alternative.
- Page footers are pagination artifacts (`artifact`).
- `TaggedCanvas.save` writes the tree, the parent tree, each page's
  `/StructParents`, `/MarkInfo`, and an XMP packet with the title, the language and
  the PDF/UA-1 identification. The catalogue's `/Lang` and the viewer's
  `/DisplayDocTitle` come from the document template.

Only what the report draws is covered: no links, forms or annotations.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph


@dataclass(eq=False)
class Element:
    """A structure element: its standard type, its kids (elements, or (page, MCID) pairs
    of its marked content) and its attributes."""
    tag: str
    alt: str | None = None
    scope: str | None = None  # "Column" or "Row" for a table header cell
    kids: list = field(default_factory=list)

    def add(self, tag: str, **attrs) -> Element:
        child = Element(tag, **attrs)
        self.kids.append(child)
        return child


class Structure:
    """The structure of one document, filled in while its pages are drawn."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.marks: dict[int, list[Element]] = {}  # page index -> owner of each MCID

    def begin(self, canvas: Canvas, element: Element) -> None:
        """Open a marked-content sequence for `element` on the page being drawn."""
        page = canvas.getPageNumber() - 1
        owners = self.marks.setdefault(page, [])
        element.kids.append((page, len(owners)))
        canvas.addLiteral(f"/{element.tag} <</MCID {len(owners)}>> BDC")
        owners.append(element)

    @staticmethod
    def end(canvas: Canvas) -> None:
        canvas.addLiteral("EMC")

    @contextmanager
    def marked(self, canvas: Canvas, element: Element):
        self.begin(canvas, element)
        yield
        self.end(canvas)


def begin_artifact(canvas: Canvas, kind: str = "Layout", subtype: str | None = None) -> None:
    """Open content that is not part of the text: rules, backgrounds, page furniture
    (closed by `Structure.end`)."""
    sub = f" /Subtype /{subtype}" if subtype else ""
    canvas.addLiteral(f"/Artifact <</Type /{kind}{sub}>> BDC")


@contextmanager
def artifact(canvas: Canvas, kind: str = "Layout", subtype: str | None = None):
    begin_artifact(canvas, kind, subtype)
    yield
    Structure.end(canvas)


class TaggedCanvas(Canvas):
    """A canvas that carries the document's `Structure` and writes it on save."""

    def __init__(self, *args, structure: Structure, title: str, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure, self.title, self.language = structure, title, language

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        _write(self._doc, self.structure, self.title, self.language)
        super().save()


class MarkedParagraph(Paragraph):
    """A paragraph of the story, drawn as one element of `tag` (H1, H2, P)."""

    def __init__(self, text: str, style, tag: str = "P", **kwargs) -> None:
        super().__init__(text, style, **kwargs)
        self.tag = tag

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.tag = self.tag
        return parts

    def draw(self) -> None:
        structure: Structure = self.canv.structure
        with structure.marked(self.canv, structure.root.add(self.tag)):
            super().draw()


class TableTags:
    """ReportLab's table render callback, marking a table's cells as it draws them.

    `kind` is "data" (a header row, then rows), "facts" (name and value per row) or
    "figures" (a layout grid whose cells are charts; `alt` gives each drawing's text).
    One instance serves every part of a table split across pages."""

    def __init__(self, kind: str = "data", alt: dict[int, str] | None = None) -> None:
        self.kind, self.alt = kind, alt or {}
        self.table: Element | None = None
        self.parts = 0
        self.row: Element | None = None  # None inside a repeated header row

    def __call__(self, table, event: str, *args) -> None:
        canvas = table.canv
        structure: Structure = canvas.structure
        if event == "startTable":
            self.parts += 1
            if self.table is None and self.kind != "figures":
                self.table = structure.root.add("Table")
        elif event in ("startBG", "startLines"):
            begin_artifact(canvas)
        elif event in ("endBG", "endLines", "endCell"):
            structure.end(canvas)
        elif event == "startRow":
            repeated = self.parts > 1 and args[0] < table.repeatRows
            self.row = None if repeated or self.table is None else self.table.add("TR")
        elif event == "startCell":
            self._start_cell(structure, canvas, *args[:3])

    def _start_cell(self, structure: Structure, canvas: Canvas, row: int, column: int,
                    value) -> None:
        if self.kind == "figures":
            cells = value if isinstance(value, list | tuple) else (value,)  # flowables
            text = next((self.alt[id(v)] for v in cells if id(v) in self.alt), None)
            if text is None:
                begin_artifact(canvas)
            else:
                structure.begin(canvas, structure.root.add("Figure", alt=text))
            return
        if self.row is None:  # a header row repeated on a continuation page
            begin_artifact(canvas, "Pagination")
            return
        if self.kind == "facts" and column == 0:
            cell = self.row.add("TH", scope="Row")
        elif self.kind == "data" and row == 0:
            cell = self.row.add("TH", scope="Column")
        else:
            cell = self.row.add("TD")
        structure.begin(canvas, cell)


class _Node(PDFObject):
    """An object written from ready parts: bytes, and references or strings formatted when
    the file is (ReportLab's generic dictionaries cost ten times as much per element,
    and a report has hundreds of table cells)."""

    def __init__(self, *parts) -> None:
        self.parts = list(parts)

    def format(self, document) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return b"".join(
            part if isinstance(part, bytes)
            else b"%d %d R" % numbers[part.name] if isinstance(part, PDFObjectReference)
            else pdf_format(part, document) for part in self.parts)


def _write(doc, structure: Structure, title: str, language: str) -> None:
    """The structure tree, parent tree, page entries and metadata of the document."""
    pages = [doc.Reference(page) for page in doc.Pages.pages]
    root = _Node()
    root_ref = doc.Reference(root)
    refs: dict[int, PDFObjectReference] = {}

    def build(element: Element, parent: PDFObjectReference) -> PDFObjectReference:
        node = _Node(f"<< /Type /StructElem /S /{element.tag} /P ".encode(), parent)
        ref = doc.Reference(node)
        refs[id(element)] = ref
        if element.alt:
            node.parts += [b" /Alt ", PDFString(element.alt)]
        if element.scope:
            node.parts.append(f" /A << /O /Table /Scope /{element.scope} >>".encode())
        kids = element.kids
        if len(kids) == 1 and not isinstance(kids[0], Element):  # one marked sequence
            node.parts += [b" /Pg ", pages[kids[0][0]], f" /K {kids[0][1]} >>".encode()]
            return ref
        node.parts.append(b" /K [")
        for kid in kids:
            if isinstance(kid, Element):
                node.parts += [build(kid, ref), b" "]
            else:
                node.parts += [b"<< /Type /MCR /Pg ", pages[kid[0]],
                               f" /MCID {kid[1]} >> ".encode()]
        node.parts.append(b"] >>")
        return ref

    document = build(structure.root, root_ref)
    tree = _Node(b"<< /Nums [")
    for index, page in enumerate(doc.Pages.pages):
        # PDFPage writes only the keys it lists; this page lists two more.
        page.__NoDefault__ = [*type(page).__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = index
        page.Tabs = PDFName("S")
        tree.parts.append(f" {index} [".encode())
        for owner in structure.marks.get(index, []):
            tree.parts += [refs[id(owner)], b" "]
        tree.parts.append(b"]")
    tree.parts.append(b"] >>")
    root.parts += [b"<< /Type /StructTreeRoot /K ", document, b" /ParentTree ",
                   doc.Reference(tree), f" /ParentTreeNextKey {len(pages)} >>".encode()]
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = XMP(creator=lambda _doc: xmp(title, language))


def xmp(title: str, language: str) -> bytes:
    """The XMP packet: title, language and the PDF/UA-1 identification."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        '</rdf:Alt></dc:title>\n'
        f'<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>\n'
        '<pdfuaid:part>1</pdfuaid:part>\n'
        '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>').encode()
