"""Block tokens for many versions of one plan: each version is cut into pieces, and a piece of text seen in an
earlier version is not tokenised again.

`history` parses every version of a plan, and one version differs from the one before it in a few lines: one
measure reworded, a status added. Cut into pieces, a version is mostly pieces the version before it had too.
Tokenising costs more than half of parsing a plan; with the pieces kept, a version after the first costs the
pieces that changed.

Cutting is exact: the block tokens of the whole text are the pieces' tokens, each piece's lines moved down to
where the piece starts (a piece is tokenised alone, once, and its tokens' line maps moved: a piece that only
moved, below an inserted line, is not tokenised again). A piece starts where no block above can go on, and nothing below reads the blocks
above:
- at an ATX heading: a line that starts with `#` and a space (or is `#` alone), in the first column, ends any
  paragraph, list, table or block quote above it;
- after an empty line, at a line that starts in the first column with a character that can only start a
  paragraph (or a heading): the empty line has ended any paragraph or table, and a line in the first column
  that is not a list marker, a `>`, a fence or indented ends any list, block quote or indented code. Lines that
  start with anything a block could be continued or opened with (space, `>`, `|`, `-`, `+`, `*`, a digit, `` ` ``,
  `~`, `=`, `_`, `[`, `:`) are never cut at; so a long status list or section is cut at its paragraphs, not its
  items.
The exceptions are the constructs a cut cannot end, and the text is then tokenised whole:
- a fenced code block (```` ``` ```` or `~~~` anywhere in the text): a `#` line inside it is code;
- the front matter: the first piece runs past the line that closes it, and a text whose first line looks like
  a fence but is not exactly `---`, or whose front matter is not closed, is not cut;
- CR and NUL, which the two markdown-it implementations count their own ways (read/tokens.py).
tests/test_parse_backends.py and tests/test_chunked_tokens.py prove the tokens and the plan trees equal, cut and
whole, on every plan the project holds, edited versions and fuzzed text.
"""

from __future__ import annotations

import re
from typing import Any

from .tokens import block_tokens, shifted, too_deep

# Where a piece may start (the end of the match): an ATX heading, or after an empty line a line only a paragraph
# (or heading) can start. Each match begins with a line end, which the regex engine finds fast.
_CUT = re.compile(r"\n(?=#{1,6}[ \t\n])|\n\n(?=[^\s>|\-+*0-9`~=_\[:])")
_FRONT_MATTER_END = re.compile(r"\.\.\. *| {0,3}---+ *")  # as markdown-it-py's plugin ends it (tokens.py)


def pieces(text: str) -> list[tuple[int, str]] | None:
    """(first line, 0-based; the piece's text, with its last line end) for each piece of `text`, or None when it
    must be tokenised whole."""
    # (A one-character search is many times faster than a three-character one in a text that is not ASCII.)
    if (not text.endswith("\n") or ("`" in text and "```" in text) or ("~" in text and "~~~" in text) or "\r" in text
            or "\x00" in text):
        return None
    starts = [m.end() for m in _CUT.finditer(text)]
    if text.startswith(("-", ".")):  # front matter, or something that may be read as its start
        first = text[:text.find("\n")]
        if first != "---":
            return None
        close = next((m for m in re.finditer(r"(?<=\n)[^\n]*(?=\n)", text) if _FRONT_MATTER_END.fullmatch(m.group())),
                     None)
        if close is None:
            return None
        starts = [s for s in starts if s > close.end()]
    starts = [s for s in starts if s > 0]
    if not starts:
        return None
    out: list[tuple[int, str]] = []
    line, begin = 0, 0
    for s in starts + [len(text)]:
        piece = text[begin:s]
        out.append((line, piece))
        line += piece.count("\n")
        begin = s
    return out


class ChunkedTokens:
    """`block_tokens` with the pieces of every text it has seen kept (for one plan's versions, in one job): call
    it as block_tokens. Each piece is tokenised alone once; at each line it is seen at, its tokens with their
    line maps moved there are kept too, so that a piece seen again at the same line gives the very token objects
    it gave before (read/versions.py knows a list or table it has read by them). markdown-it reads a piece alone
    as it reads it below the lines above it: nothing in a piece is read differently for where it stands, and no
    piece but the first starts with `---`, which only the first line of a text could make front matter."""

    def __init__(self) -> None:
        self._alone: dict[str, list[Any]] = {}
        self._kept: dict[tuple[str, int], tuple[list[Any], Any | None]] = {}
        # Of the last text: tokens.too_deep (found once per piece); each piece's kept tokens, and where in the
        # text's tokens each starts (None: not cut), for read/versions.py to see where two versions part.
        self.deep: Any | None = None
        self.order: list[list[Any]] | None = None
        self.starts: list[int] = []

    def __call__(self, text: str) -> list[Any]:
        cut = pieces(text)
        if cut is None:
            tokens = block_tokens(text)
            self.deep, self.order, self.starts = too_deep(tokens), None, []
            return tokens
        out: list[Any] = []
        order: list[list[Any]] = []
        starts: list[int] = []
        deep = None
        for line, piece in cut:
            kept = self._kept.get((piece, line))
            if kept is None:
                alone = self._alone.get(piece)
                if alone is None:
                    alone = self._alone[piece] = block_tokens(piece)
                tokens = shifted(alone, line)
                kept = self._kept[(piece, line)] = (tokens, too_deep(tokens))
            starts.append(len(out))
            order.append(kept[0])
            out.extend(kept[0])
            if deep is None:
                deep = kept[1]
        self.deep, self.order, self.starts = deep, order, starts
        return out
