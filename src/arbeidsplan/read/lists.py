"""Markdown lists as the parser reads them: each top-level item's text, with the items below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token


def flat(text: str) -> str:
    """A block's text on one line: line breaks inside a paragraph or cell become spaces."""
    if "\n" not in text:  # most blocks are one line
        return text.strip()
    return " ".join(part for part in (line.strip() for line in text.split("\n")) if part)  # linear, unlike a regex


def list_items(tokens: list[Token]) -> list[tuple[Token, str, list[tuple[Token, str]]]]:
    """Top-level items of a list: (item token, first paragraph text, [(sub-item token, text)]).

    Extra paragraphs of an item are joined to its text; items of deeper lists are flattened into the
    sub-items so that nothing below a measure is lost. The one ListToken that read/tokens.py's plan_tokens gives
    for a list holds them read.
    """
    if tokens[0].type == "list":
        return tokens[0].items  # type: ignore[attr-defined]
    out: list[tuple[Token, str, list[tuple[Token, str]]]] = []
    depth = 0
    current: list | None = None
    for tok in tokens:
        if tok.type == "list_item_open":
            depth += 1
            if depth == 1:
                current = [tok, [], []]
                out.append(current)  # type: ignore[arg-type]
            else:
                current[2].append([tok, []])  # type: ignore[index]
        elif tok.type == "list_item_close":
            depth -= 1
        elif tok.type == "inline" and current is not None:
            if depth == 1:
                current[1].append(flat(tok.content))
            else:
                current[2][-1][1].append(flat(tok.content))
    return [(item, " ".join(texts).strip(), [(t, " ".join(x).strip()) for t, x in subs])
            for item, texts, subs in out]
