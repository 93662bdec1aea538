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

    @property
    def plain(self) -> str:
        return "\n".join(self.parts)

    def __rich__(self) -> Any:
        from rich.text import Span, Text

        return Text(self.plain, spans=[Span(*s) for s in self.spans])
