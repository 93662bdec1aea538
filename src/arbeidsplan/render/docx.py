"""A meeting paper (render/paper.py) as a Word document, with python-docx: A4, headings in Word's own heading
styles (so the navigation pane and a table of contents find them), tables with a repeated header row, status
cells shaded in the report's colours, and the status bar as a row of shaded cells.

With a board's own Word file as the template, its styles, page setup, header and footer are kept and its body is
replaced by the paper."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .paper import (ACCENT, MUTED, RULE, STATUS_COLOURS, Bullets, Cell, Chart, Facts, Footer, Heading, PageBreak,
                    Para, Paper, Run, RunningTitle, Table, fit_widths)

_TEXT_WIDTH_MM = 178  # A4 less 16 mm margins, as the HTML report's @page
# Characters XML 1.0 (and so Word) cannot hold; a plan's text may have them. Shown as � rather than dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CELL_MARGINS_MM = 2 * 1.9 + 0.5  # Word's default cell margins left and right, and a little to spare
_CHAR_EM = 0.62  # an upper bound of an Arial letter's or digit's width (bold), in ems: Word's fonts are not at hand


def _longest_word_mm(runs: list[Run], size: float) -> float:
    """About how wide the widest text without a space is, in mm: where Word cannot break a cell's text."""
    longest = max((len(word) for text, _style in runs for word in text.split()), default=0)
    return longest * _CHAR_EM * size * 25.4 / 72


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class TemplateUnusable(Exception):
    """The user's Word template could not be opened; the message says why."""


def _has_style(doc: Any, name: str) -> bool:
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


def _shade(element: Any, fill: str) -> None:
    """Background colour of a table cell (w:tcPr) or a run (w:rPr)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element.append(shd)


def _rules(table: Any) -> None:
    """Thin horizontal rules between rows and none between columns, as in the HTML report."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{edge}")
        if edge in ("left", "right", "insideV"):
            b.set(qn("w:val"), "nil")
        else:
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), "4")
            b.set(qn("w:color"), RULE)
        borders.append(b)
    table._tbl.tblPr.append(borders)


def _runs(paragraph: Any, runs: list[Run], size: float | None = None) -> None:
    for text, style in runs:
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            run = paragraph.add_run(_safe(line))
            if size:
                run.font.size = Pt(size)
            if style in ("b", "i", "bi"):
                if "b" in style:
                    run.bold = True
                if "i" in style:
                    run.italic = True
            elif style == "muted":
                run.font.color.rgb = RGBColor.from_string(MUTED)
            elif style == "del":
                run.font.strike = True
                run.font.color.rgb = RGBColor.from_string("B02A2A")
            elif style == "ins":
                run.bold = True
                run.font.color.rgb = RGBColor.from_string("1E7B34")


class _Writer:
    """Writes each block into a body of its own and then moves it into the document's: python-docx puts every
    paragraph and table before the body's last element by searching the whole body for it, and finds the page
    width for every table by searching the whole document, so a party's report (thousands of blocks) took time
    that grew with the square of its length (2 min 17 s for 366 plans)."""

    def __init__(self, doc: Any):
        from docx.document import _Body

        self.doc = doc
        self.styles: dict[str, Any] = {}
        self.width = doc._block_width  # the text's width, as Document.add_table reads it: once, not per table
        self.body = _Body(OxmlElement("w:body"), doc)
        self.end = doc.element.body.sectPr  # the document body's page setup, which stays last

    def flush(self) -> None:
        """Move what the last block wrote into the document, before its page setup."""
        for element in list(self.body._body):
            if self.end is not None:
                self.end.addprevious(element)
            else:
                self.doc.element.body.append(element)

    def style(self, name: str) -> Any:
        """The document's style of that name, or None if it has none (a board's template may not); looked up
        once, as python-docx looks a name up by walking every style."""
        if name not in self.styles:
            self.styles[name] = self.doc.styles[name] if _has_style(self.doc, name) else None
        return self.styles[name]

    def paragraph(self, style: Any) -> Any:
        """A new paragraph in `style`, set by its id: python-docx's own setter searches every style for the
        default one each time, which made a party's report take seconds."""
        p = self.body.add_paragraph()
        if style is not None:
            p._p.style = style.style_id
        return p

    def heading(self, b: Heading) -> None:
        style = self.style("Title" if b.level == 1 else f"Heading {b.level}") or self.style(f"Heading {b.level}")
        p = self.paragraph(style)
        run = p.add_run(_safe(b.text))
        if b.level == 1:
            run.font.color.rgb = RGBColor.from_string(ACCENT)
        if style is None:  # a board's template without the style: bold, and its outline level says the level
            run.bold = True
            run.font.size = Pt({1: 20, 2: 13.5, 3: 11}.get(b.level, 10.5))
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(b.level - 1))
            p._p.get_or_add_pPr().append(outline)
        if b.note:
            note = p.add_run(_safe(" " + b.note))
            note.font.color.rgb = RGBColor.from_string(MUTED)
        p.paragraph_format.keep_with_next = True

    def facts(self, b: Facts) -> None:
        table = self._table(2, [0.22, 0.78])
        for label, value in b.rows:
            cells = table.add_row().cells
            _runs(cells[0].paragraphs[0], [(label, "muted")])
            _runs(cells[1].paragraphs[0], [(value, "")])
        self.body.add_paragraph()

    def para(self, b: Para) -> None:
        _runs(self.body.add_paragraph(), b.runs)

    def chart(self, b: Chart) -> None:
        parts = [p for p in b.parts if p[1] > 0]
        if parts:
            table = self._table(len(parts), [p[1] for p in parts], rules=False)
            row = table.add_row()
            row.height = Mm(6)
            for cell, (klass, _share, word, count) in zip(row.cells, parts):
                _shade(cell._tc.get_or_add_tcPr(), STATUS_COLOURS[klass][1])
                cell.paragraphs[0].add_run(" ").font.size = Pt(6)
        legend = self.body.add_paragraph()
        for klass, _share, word, count in b.parts:
            mark = legend.add_run("■ ")
            mark.font.color.rgb = RGBColor.from_string(STATUS_COLOURS[klass][1])
            label = legend.add_run(_safe(f"{word} {count}    "))
            label.font.size = Pt(9)

    def table(self, b: Table) -> None:
        needs = [_CELL_MARGINS_MM + max([_longest_word_mm([(c.upper(), "")], 8.5)]
                                        + [_longest_word_mm(row[i].runs, 9.5) for row in b.rows])
                 for i, c in enumerate(b.columns)]
        table = self._table(len(b.columns), fit_widths(b.widths, needs, _TEXT_WIDTH_MM))
        head = table.add_row()
        _repeat_header(head)
        for cell, name in zip(head.cells, b.columns):
            cell.paragraphs[0].paragraph_format.space_after = Pt(2)
            _runs(cell.paragraphs[0], [(name.upper(), "muted")], size=8.5)
        for values in b.rows:
            row = table.add_row()
            for cell, value in zip(row.cells, values):
                self._cell(cell, value)
        self.body.add_paragraph()

    def bullets(self, b: Bullets) -> None:
        style = self.style("List Bullet")
        for item in b.items:
            p = self.paragraph(style)
            _runs(p, item if style else [("• ", "")] + item)

    def footer(self, b: Footer) -> None:
        p = self.body.add_paragraph()
        p.paragraph_format.space_before = Pt(18)
        _runs(p, [(b.text, "muted")], size=8.5)

    def page_break(self, b: PageBreak) -> None:
        self.body.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def running_title(self, b: RunningTitle) -> None:
        """Nothing: the document has no header of its own (a board's template keeps its own), and its title
        names a plan only when the paper has one plan (render/paper.py)."""

    def _cell(self, cell: Any, value: Cell) -> None:
        cell.paragraphs[0].paragraph_format.space_after = Pt(2)
        _runs(cell.paragraphs[0], value.runs, size=9.5)
        if value.status:
            _shade(cell._tc.get_or_add_tcPr(), STATUS_COLOURS[value.status][0])

    def _table(self, columns: int, widths: list[float], rules: bool = True) -> Any:
        table = self.body.add_table(0, columns, self.width)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = sum(widths) or 1
        for column, share in zip(table.columns, widths):
            column.width = Mm(_TEXT_WIDTH_MM * share / total)
        if rules:
            _rules(table)
        return table


def _repeat_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _fix_widths(doc: Any) -> None:
    """Word takes a column's width from each cell; python-docx sets it on the columns only."""
    for table in doc.tables:
        widths = [c.width for c in table.columns]
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width


def _house_style(doc: Any) -> None:
    """Without a board's template: the HTML report's look – a sans-serif face, the title in the accent colour,
    section headings in ink with an accent rule below."""
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    sizes = {"Title": 20, "Heading 2": 13.5, "Heading 3": 11, "Heading 4": 10.5, "Heading 5": 10.5, "Heading 6": 10.5}
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(ACCENT if name == "Title" else "1D1D1F")
        style.font.italic = False  # Word's Heading 4–6 are italic
    title = doc.styles["Title"].element.get_or_add_pPr()
    for existing in title.findall(qn("w:pBdr")):  # the default template's blue rule under the title
        title.remove(existing)
    rule = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", ACCENT)):
        bottom.set(qn(key), value)
    rule.append(bottom)
    doc.styles["Heading 2"].element.get_or_add_pPr().append(rule)


def _language(doc: Any, tag: str) -> None:
    """The language Word checks the spelling in: the document's default (w:docDefaults/w:rPrDefault/w:lang),
    and a style that only restated the old default. Other styles of a board's template keep their own language
    (a style for English quotes stays English); its script languages (w:eastAsia, w:bidi) are left as they are."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    rpr = run_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    old = lang.get(qn("w:val"))
    lang.set(qn("w:val"), tag)
    if old:
        for restated in styles.iterfind(f"{qn('w:style')}/{qn('w:rPr')}/{qn('w:lang')}"):
            if restated.get(qn("w:val")) == old:
                restated.set(qn("w:val"), tag)


def _blank(template: Path | None) -> Any:
    if template is None:
        doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(16)
        section.top_margin, section.bottom_margin = Mm(18), Mm(20)
        _house_style(doc)
        return doc
    try:
        doc = Document(str(template))
    except Exception as err:  # python-docx raises several kinds for a file that is not a Word document
        raise TemplateUnusable(str(err) or type(err).__name__) from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def _mark(doc: Any, name: str, value: str) -> None:
    """A custom document property (docProps/custom.xml; in Word under File › Info › Properties, kept when the
    document is saved again): what the import recognises an exported plan by. A board's template keeps its own
    custom properties; one of the same name is replaced."""
    from lxml import etree

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = doc.part.package
    part = next((rel.target_part for rel in package.rels.values()
                 if rel.reltype == _CUSTOM_REL and not rel.is_external), None)
    root = etree.fromstring(part.blob) if part is not None else etree.Element(f"{{{_CUSTOM_NS}}}Properties",
                                                                               nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for old in root.findall(f"{{{_CUSTOM_NS}}}property"):
        if old.get("name") == name:
            root.remove(old)
    pids = [int(p.get("pid", "1")) for p in root.findall(f"{{{_CUSTOM_NS}}}property") if p.get("pid", "").isdigit()]
    prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                            pid=str(max(pids + [1]) + 1), name=name)
    etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is None:
        package.relate_to(Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE, blob, package), _CUSTOM_REL)
    else:
        part._blob = blob


def render(paper: Paper, template: Path | None = None) -> bytes:
    doc = _blank(template)
    doc.core_properties.title = _safe(paper.title)
    doc.core_properties.author = "arbeidsplan"
    doc.core_properties.language = paper.language
    _language(doc, paper.language)
    if paper.marker:
        from .planpaper import MARKER

        _mark(doc, MARKER, paper.marker)
    writer = _Writer(doc)
    draw = {Heading: writer.heading, Facts: writer.facts, Para: writer.para, Chart: writer.chart,
            Table: writer.table, Bullets: writer.bullets, Footer: writer.footer, PageBreak: writer.page_break,
            RunningTitle: writer.running_title}
    for block in paper.blocks:
        draw[type(block)](block)  # type: ignore[operator]
        writer.flush()
    _fix_widths(doc)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
