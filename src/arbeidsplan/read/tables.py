"""Measures from Markdown tables: a column per property (Nr, Tiltak, Tidsrom, Ansvar, Svarer på …), named by
the words in vocabulary.py; columns with other names are kept in the measure's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Level, Section, Span
from ..vocabulary import column_kind, level_word
from .drafts import MeasureDraft
from .lists import flat

if TYPE_CHECKING:
    from markdown_it.token import Token

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line break inside a table cell, as git hosts render it


@dataclass(frozen=True)
class Table:
    header: list[str]
    kinds: list[str]  # column_kind of each header cell
    rows: list[tuple[Token, list[str]]]  # each body row's token and its cells' text


def read_table(tokens: list[Token]) -> Table:
    """The header and body rows of one table's tokens (from table_open to table_close; or the one TableToken
    that read/tokens.py's plan_tokens gives for them, which holds them read)."""
    if tokens[0].type == "table":
        return table_of(tokens[0].header, tokens[0].rows)  # type: ignore[attr-defined]
    header: list[str] = []
    rows: list[tuple[Token, list[str]]] = []
    in_head = False
    row_tok: Token | None = None
    cells: list[str] = []
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row_tok, cells = tok, []
        elif tok.type == "inline":
            cells.append(cell_text(tok.content))
        elif tok.type == "tr_close":
            if in_head:
                header = cells
            else:
                rows.append((row_tok, cells))  # type: ignore[arg-type]
    return table_of(header, rows)


def table_of(header: list[str], rows: list[tuple[Token, list[str]]]) -> Table:
    return Table(header, [column_kind(h) for h in header], rows)


def cell_text(content: str) -> str:
    """A cell's text as the parser reads it: on one line, with «<br>» as a line break."""
    if "<" in content:
        content = _BR.sub("\n", content)
    return content.strip() if "\n" not in content else flat(content)


def measure_from_row(table: Table, cells: list[str], span: Span, section: Section | None,
                     addressed_to: Level | None) -> MeasureDraft:
    values: dict[str, str] = {}
    extra: list[str] = []
    for kind, head, cell in zip(table.kinds, table.header, cells, strict=False):
        if kind == "other":
            if cell:
                extra.append(f"({head}: {cell})")
        else:
            values[kind] = cell
    return MeasureDraft(
        id=values.get("id") or None,
        text=" ".join([values.get("text", "")] + extra).strip(),
        span=span,
        timing=values.get("timing") or None,
        responsible=values.get("responsible") or None,
        links=split_links(values.get("links", "")),
        addressed_to=level_word(values["addressed"]) if values.get("addressed") else addressed_to,
        section=section or Section.TILTAK,
        in_table=True,
        links_column="links" in table.kinds,
    )


_LINK_SEPARATOR = re.compile(r"[,;\s]+|\s+og\s+")


def split_links(value: str) -> list[str]:
    if not value:
        return []
    return [part for part in _LINK_SEPARATOR.split(value.strip()) if part and part.lower() != "og"]


def raw_cell_count(line: str) -> int:
    """Cells on a raw Markdown table line, counting escaped pipes as text."""
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return stripped.count("|") - stripped.count("\\|") + 1  # an escaped pipe «\|» is text


def measure_header_as_text(line: str) -> bool:
    """«Nr | Tiltak | Tidsrom | Ansvar» as a line of text, not a table (a table kept as text at import, or a
    Markdown table without its «| --- |» line): a column of measures beside an id, timing or responsible one."""
    if "|" not in line:
        return False
    kinds = [column_kind(cell) for cell in line.strip().strip("|").split("|") if cell.strip()]
    return "text" in kinds and any(k in ("id", "timing", "responsible") for k in kinds)
