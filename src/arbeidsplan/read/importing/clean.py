"""Removing what extraction adds to a document's text, and nothing else: line-number gutters (at the start or
the end of lines), page footers and page numbers, Word bookmarks, tables of contents; bullet characters are
made one "•". Every removal is counted, so the import can say what it took away.

Joining wrapped lines (and words hyphenated across lines) needs to know what a line is part of, and happens
when the structure is read (structure.py, with join_lines below).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .extract import SourceLine


@dataclass(frozen=True)
class Line:
    text: str  # stripped; bullets made "• "
    where: int
    open_end: bool = True  # the source line ended in whitespace (or a gutter number): a word boundary
    cells: tuple[str, ...] = ()
    heading: int = 0
    new_paragraph: bool = False  # begins a Word or OpenDocument paragraph: never a list item's wrapped line
    full_row: bool = False  # a Word table row that is one cell across the table

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Cleaned:
    lines: list[Line]
    removed: Counter = field(default_factory=Counter)  # kind of removal → how many
    removed_text: list[str] = field(default_factory=list)  # the text of removed lines that had words


_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_FOOTER = re.compile(r"^\S+@\S+\.\w+\s*\|\s*\S+\.\w+\s*\d{0,4}$")  # post@sv.no | sv.no 4
_PAGE_NUMBER = re.compile(r"^(?:side\s+)?\d{1,3}(?:\s*(?:/|av)\s*\d{1,3})?$", re.IGNORECASE)
_LEAD_GUTTER = re.compile(r"^(\s*(?:-\s+)?)(\d{1,4})(?=\s|$)")
_TRAIL_GUTTER = re.compile(r"(?:^|\s)(\d{1,4})\s*$")
_BULLET = re.compile(r"^(?:[•·●▪■◦‣\uf0b7\uf0a7]|[-–*](?=\s))\s*")
_TOC_TITLE = re.compile(r"^(innhold|innholdsfortegnelse|innhald|innhaldsliste)$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"^\S.*?(?:\t|\s{2,}|\s)(?:s\.\s*)?\d{1,3}$")


def clean(source: list[SourceLine]) -> Cleaned:
    removed: Counter = Counter()
    removed_text: list[str] = []
    raw = [(_BOOKMARK.sub("", s.text), s) for s in source]
    removed["bokmerker"] += sum(1 for s in source if _BOOKMARK.search(s.text))
    lead = _gutter([t for t, _ in raw], _LEAD_GUTTER)
    trail = _gutter([t for t, _ in raw], _TRAIL_GUTTER)
    use = lead if len(lead) >= len(trail) else trail
    pattern = _LEAD_GUTTER if use is lead else _TRAIL_GUTTER
    tabbed = [("\t" in t.strip(" \r\n") and len([c for c in t.split("\t") if c.strip()]) >= 1) for t, _ in raw]
    rows = {i for i, t in enumerate(tabbed)
            if t and ((i > 0 and tabbed[i - 1]) or (i + 1 < len(tabbed) and tabbed[i + 1]))}
    lines: list[Line] = []
    for index, (text, s) in enumerate(raw):
        open_end = text != text.rstrip()
        if index in use:
            m = pattern.search(text)
            assert m is not None
            text = text[m.end():] if pattern is _LEAD_GUTTER else text[: m.start(1)]
            open_end = True
            removed["linjenummer"] += 1
        cells = tuple(c.strip() for c in s.cells)
        stripped = text.strip()
        if index in rows and not s.cells:  # a table row from a text file: cells between tabs
            cells = tuple(c.strip() for c in text.strip(" \r\n").split("\t"))
            stripped = "\t".join(cells)
        if not cells:
            stripped = re.sub(r"[ \t]+", " ", stripped).strip()
        if stripped and not cells and (_FOOTER.match(stripped) or _PAGE_NUMBER.match(stripped)):
            removed["sidefot" if _FOOTER.match(stripped) else "sidetall"] += 1
            if _FOOTER.match(stripped):
                removed_text.append(stripped)
            stripped = ""
        if stripped and not cells:
            bullet = _BULLET.match(stripped)
            if bullet and stripped[bullet.end():].strip():
                stripped = "• " + stripped[bullet.end():].strip()
        lines.append(Line(stripped, s.where, open_end, cells if any(cells) else (), s.heading, s.new_paragraph,
                          s.full_row))
    lines = _drop_toc(lines, removed, removed_text)
    return Cleaned(lines, removed, removed_text)


def _gutter(texts: list[str], pattern: re.Pattern[str]) -> set[int]:
    """The indexes of lines whose number is a line-number gutter: numbers that count up by one (allowing for
    a few lines the extraction lost), on at least a fifth of the lines with text."""
    hits: set[int] = set()
    last = 0
    for index, text in enumerate(texts):
        m = pattern.search(text)
        if not m:
            continue
        n = int(m.group(2) if pattern is _LEAD_GUTTER else m.group(1))
        if last < n <= last + 6:
            hits.add(index)
            last = n
    with_text = sum(1 for t in texts if t.strip())
    return hits if len(hits) >= 10 and len(hits) * 5 >= with_text else set()


def _drop_toc(lines: list[Line], removed: Counter, removed_text: list[str]) -> list[Line]:
    """A table of contents: a line «Innhold» followed by entries that end with a page number."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _TOC_TITLE.match(line.text):
            j = i + 1
            entries = 0
            while j < len(lines) and (lines[j].blank or _TOC_ENTRY.match(_flat(lines[j]))):
                entries += not lines[j].blank
                j += 1
            if entries >= 2:
                removed["innholdsfortegnelse"] += entries
                removed_text += [line.text] + [_flat(x) for x in lines[i + 1: j] if not x.blank]
                i = j
                continue
        out.append(line)
        i += 1
    return out


def _flat(line: Line) -> str:
    return "\t".join(line.cells) if line.cells else line.text


_NO_JOIN_AFTER_HYPHEN = {"og", "eller", "til", "som", "samt", "enn"}


def join_lines(lines: list[Line], mid_word_breaks: bool) -> str:
    """One paragraph or cell from its wrapped lines: a word hyphenated across lines is made whole again
    («organisa-» + «sjonen»), except before «og»/«eller» («bydels- og studentlag»); in a document whose lines
    end in a space, a line that does not is a word broken without a hyphen («Bystyregr» + «uppen»)."""
    out = ""
    previous: Line | None = None
    for line in lines:
        text = line.text
        if not text:
            continue
        if previous is None:
            out = text
        else:
            first_word = text.split(" ", 1)[0]
            if (re.search(r"[a-zæøå]-$", out) and text[:1].islower()
                    and first_word.lower() not in _NO_JOIN_AFTER_HYPHEN):
                out = out[:-1] + text
            elif mid_word_breaks and not previous.open_end and text[:1].islower():
                out += text
            else:
                out += " " + text
        previous = line
    return out


def ends_open_style(lines: list[Line]) -> bool:
    """Whether this document's lines normally end in whitespace (then a line that does not is a broken word)."""
    with_text = [line for line in lines if line.text and not line.cells]
    return bool(with_text) and sum(line.open_end for line in with_text) >= 0.8 * len(with_text)
