"""Tables in a PDF page: pypdf's layout mode keeps each word where it stands on the page, so a table's columns
are where its header's words start. Rows are the runs of lines between blank lines; a cell that wraps over
lines is joined, and the id written halfway down a tall row lands in its column all the same."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...vocabulary import column_kind

MEASURE_COLUMN = re.compile(r"\bTiltak\b")
_SLACK = 3


@dataclass(frozen=True)
class PageLine:
    text: str
    cells: tuple[str, ...] = ()


def _split(line: str) -> list[tuple[int, str]]:
    """A line's segments: runs of text with at most two spaces inside, with where each starts."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"\S+(?: {1,2}\S+)*", line):
        out.append((m.start(), re.sub(r" {2}", " ", m.group(0))))
    return out


def table_rows(layout: str, page: int) -> list[PageLine] | None:
    """The page's lines with each measure table's rows as cells; None when the page has no such table."""
    lines = layout.split("\n")
    out: list[PageLine] = []
    found = False
    i = 0
    while i < len(lines):
        segments = _split(lines[i])
        if len(segments) >= 2 and any(column_kind(t) == "text" for _, t in segments):
            starts = [s for s, _ in segments]
            header = [t for _, t in segments]
            if starts[0] > _SLACK:  # an id column without a heading
                starts.insert(0, 0)
                header.insert(0, "")
            rows, i = _body(lines, i + 1, starts)
            out.append(PageLine("\t".join(header), tuple(header)))
            out += [PageLine("\t".join(r), tuple(r)) for r in rows]
            found = True
            continue
        out.append(PageLine(re.sub(r" {2,}", " ", lines[i].strip())))
        i += 1
    return out if found else None


def _column(start: int, starts: list[int]) -> int | None:
    for n in range(len(starts) - 1, -1, -1):
        if start >= starts[n] - _SLACK:
            return n
    return None


def _body(lines: list[str], i: int, starts: list[int]) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    current: list[list[str]] | None = None
    while i < len(lines):
        segments = _split(lines[i])
        if not segments:
            if current is not None:
                rows.append([" ".join(parts) for parts in current])
                current = None
            i += 1
            continue
        fits = all(any(abs(s - c) <= _SLACK for c in starts) or s > starts[1] for s, _ in segments)
        if not fits or (len(segments) == 1 and segments[0][0] < starts[1] - _SLACK
                        and not rows_continue(segments[0][1])):
            break
        if current is None:
            current = [[] for _ in starts]
        for s, text in segments:
            n = _column(s, starts)
            if n is not None:
                current[n].append(text)
        i += 1
    if current is not None:
        rows.append([" ".join(parts) for parts in current])
    return rows, i


def rows_continue(text: str) -> bool:
    """A lone word in the id column that looks like a row id (1.1a, 2.3): the table goes on."""
    return bool(re.match(r"^\d+(?:\.\d+)*[a-zæøå]$|^\d+(?:\.\d+)+$", text))
