"""Word and PDF versions of the source documents, made by the tests (python-docx writes .docx; fpdf2, a test
dependency, writes PDF), so that `arbeidsplan import` is tried on the formats boards actually have."""

from __future__ import annotations

import re
from pathlib import Path

BULLET = re.compile(r"^\s*(?:-\s+\d+\s+)?[•·●]\s*")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian/Ubuntu: fonts-dejavu-core


def blocks(text: str) -> list[list[str]]:
    """The document's blank-line-separated blocks of lines."""
    out: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


GUTTER = re.compile(r"^(\s*-)?\s*\d{1,3}(?=\s)|\s\d{1,3}\s*$")


def without_gutter(text: str) -> str:
    """The text as the Word original had it: without the line numbers that the PDF export put in the margin."""
    return "\n".join(GUTTER.sub(lambda m: " " if m.group(0).endswith(" ") or m.start() > 0 else "", line) if not line.startswith("\t") and "\t" not in line else line
                     for line in text.split("\n"))


def write_docx(text: str, path: Path, struck: dict[str, str] | None = None) -> Path:
    """A Word document with the text's paragraphs (lines kept apart by soft line breaks), bullets as list
    paragraphs (a wrapped item one paragraph, a paragraph between two items in «List Continue», the item's
    text going on) and tab-separated rows as a Word table. `struck` maps a phrase to a struck-through run."""
    import docx

    document = docx.Document()
    every = blocks(text)
    for index, block in enumerate(every):
        rows: list[list[str]] = []
        lines: list[str] = []
        between_items = (0 < index < len(every) - 1 and BULLET.match(every[index + 1][0]) is not None
                         and _ends_in_item(every[index - 1])
                         and not any(BULLET.match(x) or "\t" in x.strip(" ") for x in block))

        def flush_lines() -> None:
            if lines:
                para = document.add_paragraph(style="List Continue" if between_items else None)
                for n, line in enumerate(lines):
                    _runs(para, line.lstrip(), struck or {})  # a line's own trailing space is kept
                    if n < len(lines) - 1:
                        para.runs[-1].add_break()
                lines.clear()

        def flush_rows() -> None:
            if rows:
                width = max(len(r) for r in rows)
                table = document.add_table(rows=0, cols=width)
                for row in rows:
                    cells = table.add_row().cells
                    for cell, value in zip(cells, row + [""] * (width - len(row))):
                        cell.text = value.strip()
                rows.clear()

        tabbed = [("\t" in line.strip(" ")) for line in block]
        item = None  # the list paragraph the block's lines go on in, as in Word, where a list item wraps
        for n, line in enumerate(block):
            if tabbed[n] and ((n > 0 and tabbed[n - 1]) or (n + 1 < len(block) and tabbed[n + 1])):
                flush_lines()
                rows.append(line.rstrip("\n").split("\t"))
            elif BULLET.match(line):
                flush_lines()
                flush_rows()
                item = document.add_paragraph(style="List Bullet")
                _runs(item, BULLET.sub("", line).strip(), struck or {})
            elif item is not None and not lines and not rows:  # the item wraps: the rest of its paragraph
                item.runs[-1].add_break()
                _runs(item, line.lstrip(), struck or {})
            else:
                flush_rows()
                lines.append(line)
        flush_lines()
        flush_rows()
    document.save(str(path))
    return path


def _ends_in_item(block: list[str]) -> bool:
    """The block's last paragraph is a list item: a bullet line, perhaps wrapped onto plain lines."""
    for line in reversed(block):
        if BULLET.match(line):
            return True
        if "\t" in line.strip(" "):
            return False
    return False


def _runs(para, text: str, struck: dict[str, str]) -> None:
    for phrase, _ in struck.items():
        if phrase in text:
            before, after = text.split(phrase, 1)
            if before:
                para.add_run(before)
            para.add_run(phrase).font.strike = True
            if after:
                para.add_run(after)
            return
    para.add_run(text)


def write_pdf(text: str, path: Path, footer: str | None = None) -> Path:
    """A PDF with the text's lines as they are, in a Unicode font, and an optional footer on every page."""
    from fpdf import FPDF

    pdf = FPDF(format="A3", orientation="landscape")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=9)
    pdf.set_auto_page_break(True, margin=15)
    if footer is not None:
        def footer_cb(pdf=pdf) -> None:
            pdf.set_y(-12)
            pdf.cell(0, 5, f"{footer} {pdf.page_no()}")
        pdf.footer = footer_cb  # type: ignore[method-assign]
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    lines = text.split("\n")
    tabbed = ["\t" in line.strip(" ") for line in lines]
    rows: list[list[str]] = []
    for n, line in enumerate(lines):
        if tabbed[n] and ((n > 0 and tabbed[n - 1]) or (n + 1 < len(lines) and tabbed[n + 1])):
            rows.append([c.strip() for c in line.split("\t")])
            continue
        if rows:
            _pdf_table(pdf, rows)
            rows = []
        pdf.cell(0, 4.5, line.replace("\t", "    ") or " ", new_x="LMARGIN", new_y="NEXT")
    if rows:
        _pdf_table(pdf, rows)
    pdf.output(str(path))
    return path


def _pdf_table(pdf, rows: list[list[str]]) -> None:
    """Tab-separated rows as a real table (the text column wide, the others narrow), as Word exports it."""
    width = max(len(r) for r in rows)
    widths = [250 if n == 1 else 45 for n in range(width)] if width > 1 else [100]
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", repeat_headings=0,
                   text_align="LEFT") as table:
        for cells in rows:
            row = table.row()
            for cell in cells + [""] * (width - len(cells)):
                row.cell(cell)


def write_scanned_pdf(path: Path) -> Path:
    """A PDF page with only a drawing on it, as a scanner makes: no text to extract."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for y in range(20, 260, 8):
        pdf.rect(20, y, 170, 3, style="F")
    pdf.output(str(path))
    return path
