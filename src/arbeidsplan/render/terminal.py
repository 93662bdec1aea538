"""Lines of text with styles, built cheaply for a whole party's output (thousands of findings, hundreds of plans):
kept as plain strings with style spans, turned into a rich Text only when a terminal shows the colours; in a pipe
the plain text is written as it is (cli/output.print_lines).

Control characters a plan's text could carry (bell, backspace, vertical tab, form feed, carriage return — the
ones rich strips) are removed from every piece, so a plan cannot move the cursor or rewrite a line on the
reader's terminal, in colour or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_CONTROL = re.compile("[\x07\x08\x0b\x0c\x0d]")


def clean(text: str) -> str:
    return _CONTROL.sub("", text)


@dataclass
class Lines:
    parts: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    at: int = 0

    def line(self, *pieces: tuple[str, str | None]) -> None:
        """One line from (text, style or None) pieces."""
        texts = []
        for text, style in pieces:
            text = clean(text).replace("\n", " ")
            if style:
                self.spans.append((self.at, self.at + len(text), style))
            self.at += len(text)
            texts.append(text)
        self.parts.append("".join(texts))
        self.at += 1  # the newline

    def grid(self, heads: list[str], rows: list[list[tuple[str, str | None]]]) -> None:
        """A bold header, a rule, and the rows in aligned columns: the first to the left, the others to the
        right, two spaces apart. For hundreds of rows where a rich Table would measure every cell."""
        from rich.cells import cell_len

        cells = [[(clean(text), style) for text, style in row] for row in rows]
        widths = [max([cell_len(head)] + [cell_len(row[k][0]) for row in cells]) for k, head in enumerate(heads)]

        def space(text: str, k: int) -> str:
            return " " * (widths[k] - cell_len(text))

        self.line(("  ".join(head + space(head, 0) if k == 0 else space(head, k) + head
                             for k, head in enumerate(heads)).rstrip(), "bold"))
        self.line(("─" * (sum(widths) + 2 * (len(widths) - 1)), None))
        for (first, style), *rest in cells:
            pieces: list[tuple[str, str | None]] = [(first + space(first, 0), style)]
            for k, (text, cell_style) in enumerate(rest, start=1):
                pieces += [("  " + space(text, k), None), (text, cell_style)]
            self.line(*pieces)

    def extend(self, other: "Lines") -> None:
        """Another Lines' lines, after these."""
        self.spans += [(start + self.at, end + self.at, style) for start, end, style in other.spans]
        self.parts += other.parts
        self.at += other.at

    @property
    def plain(self) -> str:
        return "\n".join(self.parts)

    def __rich__(self) -> Any:
        from rich.text import Span, Text

        return Text(self.plain, spans=[Span(*s) for s in self.spans])
