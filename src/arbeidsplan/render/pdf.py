"""A meeting paper (render/paper.py) as an A4 PDF, with ReportLab's page layout (platypus), drawn to look like
the HTML report: the same margins, accent colour, rules, status colours and status bar, and page numbers.

ReportLab installs from PyPI alone (no system libraries). The text is set in DejaVu Sans or Arial where the
machine has them, else in the Bitstream Vera fonts ReportLab carries (æ, ø, å, «», – and …, but not the Sámi
č đ ŋ ŧ); → is set in the Symbol font, which every PDF reader has."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (CondPageBreak, Flowable, HRFlowable, KeepTogether, PageBreak as NewPage, Paragraph,
                                SimpleDocTemplate, Spacer, Table as Grid, TableStyle)

from ..messages import message
from .paper import (ACCENT, MUTED, RULE, STATUS_COLOURS, Bullets, Cell, Chart, Facts, Footer, Heading, PageBreak,
                    Para, Paper, Run, RunningTitle, Table, fit_widths)

_FONT = "ArbeidsplanSans"
_MARGINS = {"leftMargin": 16 * mm, "rightMargin": 16 * mm, "topMargin": 18 * mm, "bottomMargin": 20 * mm}
_WIDTH = A4[0] - 32 * mm - 12  # the frame keeps 6 pt padding on each side
_INK = colors.HexColor("#1D1D1F")
_PAD = 1.6 * mm  # a table cell's padding left and right


# Fonts with the letters Norwegian plans have beyond æøå (Sámi č đ ŋ š ŧ ž, names in other scripts), where the
# machine has them: DejaVu Sans (most Linux), Arial (Windows, macOS). Regular, bold, italic, bold italic.
_SYSTEM_FACES = [
    [f"/usr/share/fonts/truetype/dejavu/DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")],
    [f"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")],
    [f"/usr/share/fonts/TTF/DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")],
    [f"C:/Windows/Fonts/{n}.ttf" for n in ("arial", "arialbd", "ariali", "arialbi")],
    [f"/System/Library/Fonts/Supplemental/{n}.ttf" for n in ("Arial", "Arial Bold", "Arial Italic",
                                                              "Arial Bold Italic")],
]


def _font_files() -> list[str]:
    """The first complete set of system faces, else the Bitstream Vera faces ReportLab carries (Latin-1 and
    a little more: letters outside it show as empty boxes, not dropped)."""
    for faces in _SYSTEM_FACES:
        if all(Path(f).is_file() for f in faces):
            return faces
    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    return [str(folder / f) for f in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")]


def _fonts() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    for suffix, file in zip(("", "-Bold", "-Italic", "-BoldItalic"), _font_files()):
        pdfmetrics.registerFont(TTFont(_FONT + suffix, file))
    pdfmetrics.registerFontFamily(_FONT, normal=_FONT, bold=_FONT + "-Bold", italic=_FONT + "-Italic",
                                  boldItalic=_FONT + "-BoldItalic")


def _hex(value: str) -> Any:
    return colors.HexColor("#" + value)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=_FONT, fontSize=10.5, leading=14.5, textColor=_INK, alignment=TA_LEFT)
    return {
        "body": base,
        "h1": ParagraphStyle("h1", base, fontName=_FONT + "-Bold", fontSize=20, leading=24,
                             textColor=_hex(ACCENT), spaceAfter=2 * mm),
        "h2": ParagraphStyle("h2", base, fontName=_FONT + "-Bold", fontSize=13.5, leading=17, spaceBefore=7 * mm),
        "h3": ParagraphStyle("h3", base, fontName=_FONT + "-Bold", fontSize=11, leading=14, spaceBefore=4 * mm,
                             spaceAfter=1.5 * mm),
        "h4": ParagraphStyle("h4", base, fontName=_FONT + "-Bold", fontSize=10.5, leading=14, spaceBefore=3 * mm,
                             spaceAfter=1 * mm),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12),
        "head": ParagraphStyle("head", base, fontSize=8, leading=10, textColor=_hex(MUTED)),
        "bullet": ParagraphStyle("bullet", base, leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=1 * mm),
        "footer": ParagraphStyle("footer", base, fontSize=8.5, leading=11, textColor=_hex(MUTED),
                                 spaceBefore=8 * mm),
        "legend": ParagraphStyle("legend", base, fontSize=9, leading=14),
    }


def _text(value: str) -> str:
    """Plan text as paragraph markup: escaped, line breaks kept, → from the Symbol font (Vera lacks it)."""
    return escape(value).replace("\n", "<br/>").replace("→", '<font name="Symbol">\u2192</font>')


def _markup(runs: list[Run]) -> str:
    out = []
    for text, style in runs:
        t = _text(text)
        if style in ("b", "i", "bi"):
            t = ("<b>" if "b" in style else "") + ("<i>" if "i" in style else "") + t \
                + ("</i>" if "i" in style else "") + ("</b>" if "b" in style else "")
        elif style == "muted":
            t = f'<font color="#{MUTED}">{t}</font>'
        elif style == "del":
            t = f'<strike><font color="#B02A2A">{t}</font></strike>'
        elif style == "ins":
            t = f'<b><font color="#1E7B34">{t}</font></b>'
        out.append(t)
    return "".join(out)


def _longest_word(runs: list[Run], size: float) -> float:
    """The width of the widest run of text without a space: where a cell's text cannot be broken."""
    widest = 0.0
    for text, style in runs:
        font = _FONT + "-Bold" if style in ("b", "bi", "ins") else _FONT
        for word in text.split():
            widest = max(widest, pdfmetrics.stringWidth(word.replace("→", "-"), font, size))
    return widest


class _Mark(Flowable):
    """Takes no room; tells the document (_Document.afterFlowable) the running title from here on."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _Document(SimpleDocTemplate):
    """An A4 document whose page line, drawn when a page is done, names the running title of that page."""

    def __init__(self, out: BytesIO, title: str, language: str) -> None:
        super().__init__(out, pagesize=A4, title=title, author="arbeidsplan", lang=language, **_MARGINS)
        self.running = title

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, _Mark):
            self.running = flowable.text

    def afterPage(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(_FONT, 8)
        canvas.setFillColor(_hex(MUTED))
        canvas.drawString(16 * mm, 10 * mm, self.running.replace("→", "–"))
        canvas.drawRightString(A4[0] - 16 * mm, 10 * mm, message("paper.page", n=self.page))
        canvas.restoreState()


class _Drawer:
    def __init__(self) -> None:
        self.s = _styles()

    def heading(self, b: Heading) -> list[Any]:
        text = _text(b.text) + (f' <font color="#{MUTED}" size="9.5">{_text(b.note)}</font>' if b.note else "")
        level = min(b.level, 4)
        out: list[Any] = [CondPageBreak(30 * mm), Paragraph(text, self.s[f"h{level}"])]
        if level == 2:
            out.append(HRFlowable(width="100%", thickness=1.5, color=_hex(ACCENT), spaceBefore=0.5 * mm,
                                  spaceAfter=2 * mm))
        return out

    def facts(self, b: Facts) -> list[Any]:
        rows = [[Paragraph(_text(k), self.s["cell"]), Paragraph(_text(v), self.s["cell"])] for k, v in b.rows]
        grid = Grid(rows, colWidths=[35 * mm, _WIDTH - 35 * mm], hAlign="LEFT")
        grid.setStyle(TableStyle([
            ("TEXTCOLOR", (0, 0), (0, -1), _hex(MUTED)), ("LINEBELOW", (0, 0), (-1, -1), 0.5, _hex(RULE)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ]))
        return [grid, Spacer(1, 2 * mm)]

    def para(self, b: Para) -> list[Any]:
        return [Paragraph(_markup(b.runs), self.s["body"])]

    def chart(self, b: Chart) -> list[Any]:
        parts = [p for p in b.parts if p[1] > 0]
        out: list[Any] = []
        if parts:
            bar = Grid([[""] * len(parts)], colWidths=[_WIDTH * p[1] for p in parts], rowHeights=[6 * mm],
                       hAlign="LEFT")
            style = [("BOX", (0, 0), (-1, -1), 0.5, _hex(RULE))]
            style += [("BACKGROUND", (i, 0), (i, 0), _hex(STATUS_COLOURS[p[0]][1])) for i, p in enumerate(parts)]
            bar.setStyle(TableStyle(style))
            out += [Spacer(1, 1.5 * mm), bar, Spacer(1, 1.5 * mm)]
        legend = "&nbsp;&nbsp;&nbsp;".join(
            f'<font backColor="#{STATUS_COLOURS[k][0]}">&nbsp;{_text(word)}&nbsp;</font> {count}'
            for k, _share, word, count in b.parts)
        out.append(Paragraph(legend, self.s["legend"]))
        return out

    def table(self, b: Table) -> list[Any]:
        head = [Paragraph(_text(c.upper()), self.s["head"]) for c in b.columns]
        rows = [head] + [[self._cell(c) for c in row] for row in b.rows]
        needs = [2 * _PAD + 1 + max([_longest_word([(c.upper(), "")], self.s["head"].fontSize)]
                                    + [_longest_word(row[i].runs, self.s["cell"].fontSize) for row in b.rows])
                 for i, c in enumerate(b.columns)]
        grid = Grid(rows, colWidths=fit_widths(b.widths, needs, _WIDTH), repeatRows=1, hAlign="LEFT")
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, _hex(RULE)),
                 ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4 * mm)]
        for r, row in enumerate(b.rows, start=1):
            for c, cell in enumerate(row):
                if cell.status:
                    style.append(("BACKGROUND", (c, r), (c, r), _hex(STATUS_COLOURS[cell.status][0])))
        grid.setStyle(TableStyle(style))
        return [grid, Spacer(1, 3 * mm)]

    def _cell(self, cell: Cell) -> Paragraph:
        return Paragraph(_markup(cell.runs), self.s["cell"])

    def bullets(self, b: Bullets) -> list[Any]:
        return [Paragraph(_markup(item), self.s["bullet"], bulletText="•") for item in b.items]

    def footer(self, b: Footer) -> list[Any]:
        return [Paragraph(_text(b.text), self.s["footer"])]

    def page_break(self, b: PageBreak) -> list[Any]:
        return [NewPage()]

    def running_title(self, b: RunningTitle) -> list[Any]:
        return [_Mark(b.text)]


def _last_text(story: list[Any]) -> list[Any]:
    """Takes the last flowable that is not a space, and the spaces after it, off the story."""
    at = len(story)
    while at > 0 and isinstance(story[at - 1], Spacer):
        at -= 1
    at = max(at - 1, 0)
    tail = story[at:]
    del story[at:]
    return tail


def render(paper: Paper) -> bytes:
    _fonts()
    drawer = _Drawer()
    draw = {Heading: drawer.heading, Facts: drawer.facts, Para: drawer.para, Chart: drawer.chart,
            Table: drawer.table, Bullets: drawer.bullets, Footer: drawer.footer, PageBreak: drawer.page_break,
            RunningTitle: drawer.running_title}
    story: list[Any] = []
    for block in paper.blocks:
        if isinstance(block, Footer):  # the colophon never stands alone on a page: the last text goes with it
            story.append(KeepTogether(_last_text(story) + drawer.footer(block)))
            continue
        story += draw[type(block)](block)  # type: ignore[operator]
    out = BytesIO()
    _Document(out, paper.title, paper.language).build(story)  # the catalogue's /Lang
    return out.getvalue()
