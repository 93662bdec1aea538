"""Measures from tables: a Word or tab-separated table with a «Tiltak» column, and a table that extraction
flattened to lines of text («1.1 Plan for … SV-lag. 2024 Styret»)."""

from __future__ import annotations

import re

from ...messages import message
from ...vocabulary import column_kind
from .clean import Line, join_lines
from .layout import split_spaced_row
from .outline import Entry, Paragraph, Table

REVISION = re.compile(r"~~.+?~~|\b(?:stryke|strykes|strøket|strøke)\b[^.;)\]]*|\bendre(?:s)? til\s*:[^)\]]*",
                      re.IGNORECASE)


def measure_rows(table: Table, base: str, revisions: list[tuple[str, str, int]], taken: set[str]) -> None:
    """A table's rows as measures: id, text, timing and responsible by column; a row without an id gets one
    under the goal (`base`), written into the table: its row number, or the next one the document does not
    use itself (`taken`, which the ids given are added to)."""
    kinds = [column_kind(h) if h else "id" for h in table.header]
    table.header = [h or "Nr" for h in table.header]
    if "id" not in kinds:
        kinds.insert(0, "id")
        table.header.insert(0, "Nr")
        for row in table.rows:
            row.insert(0, "")
    for n, row in enumerate(table.rows, 1):
        get = {k: row[i] for i, k in enumerate(kinds) if k != "other"}
        if not get.get("text"):  # a row with its text in another column: all of it is the measure's text
            if not any(row):
                continue
            row[kinds.index("text")] = " ".join(c for c in row if c)
            row[kinds.index("id")] = ""
            get = {"text": row[kinds.index("text")]}
        eid = get.get("id") or ""
        own = bool(eid)
        if not eid:
            k = n
            while f"{base}.{k}" in taken:
                k += 1
            eid = f"{base}.{k}"
            taken.add(eid)
            row[kinds.index("id")] = eid
        table.entries.append(Entry(eid, get["text"], table.where, get.get("timing") or None,
                                   get.get("responsible") or None, own))
        for mark in REVISION.findall(get["text"]):
            revisions.append((eid, mark.strip(), table.where))


def spaced_rows(table: Table, rows: list[list[Line]], mid_word: bool, revisions: list[tuple[str, str, int]],
                notes: list[str]) -> list[Paragraph]:
    """Rows flattened to text, each from its id to the next: split into id, text, timing and responsible.
    Text before the first row is kept as paragraphs (returned), with a note."""
    before: list[Paragraph] = []
    for lines in rows:
        text = join_lines(lines, mid_word)
        split = split_spaced_row(text)
        if split is None:
            before.append(Paragraph(text, lines[0].where))
            notes.append(message("import.note.unplaced", where=lines[0].where, text=text[:60]))
            continue
        rid, body, when, who = split
        table.rows.append([rid, body, when or "", who or ""])
        table.entries.append(Entry(rid, body, lines[0].where, when, who, True))
        if when is None:
            notes.append(message("import.note.no_timing", id=rid))
        for mark in REVISION.findall(body):
            revisions.append((rid, mark.strip(), lines[0].where))
    return before


def rows_as_text(table: Table) -> list[Paragraph]:
    """A table kept as lines of text, one per row, where the parser would misread it as a table."""
    return [Paragraph(" | ".join(c for c in row if c), table.where) for row in [table.header, *table.rows] if any(row)]
