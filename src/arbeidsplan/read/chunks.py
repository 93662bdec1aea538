"""Block tokens for many versions of one plan: each version is cut into pieces, and a piece of text seen in an
earlier version is not tokenised again.

`history` parses every version of a plan, and one version differs from the one before it in a few lines: one
measure reworded, a status added. Cut into pieces, a version is mostly pieces the version before it had too.
Tokenising costs more than half of parsing a plan; with the pieces kept, a version after the first costs the
pieces that changed.

Cutting is exact: the block tokens of the whole text are the pieces' tokens, each piece's lines moved down to
where the piece starts (a piece is tokenised alone, once, and its tokens' line maps moved: a piece that only
moved, below an inserted line, is not tokenised again). A piece starts where no block above can go on, and
nothing below reads the blocks above:
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


def pieces(text: str, last: list[tuple[int, str]] | None = None) -> list[tuple[int, str]] | None:
    """(first line, 0-based; the piece's text, with its last line end) for each piece of `text`, or None when it
    must be tokenised whole. `last`: the pieces of another text (the version before), whose first pieces this
    text may begin with: those are taken as they are, and the text is searched for cuts only below them."""
    if not text.endswith("\n"):
        return None
    kept, line, begin = _same_start(text, last) if last else (0, 0, 0)
    # Below the pieces taken as they were (which hold none of these; none spans two pieces). A one-character
    # search is many times faster than a three-character one in a text that is not ASCII.
    if ((text.find("`", begin) >= 0 and text.find("```", begin) >= 0) or (text.find("~", begin) >= 0
            and text.find("~~~", begin) >= 0) or text.find("\r", begin) >= 0 or text.find("\x00", begin) >= 0):
        return None
    starts = [m.end() for m in _CUT.finditer(text, begin)]
    if kept:
        starts.insert(0, begin)
    elif text.startswith(("-", ".")):  # front matter, or something that may be read as its start
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
    out: list[tuple[int, str]] = last[:kept - 1] if kept else []  # type: ignore[index]
    for s in starts[1:] + [len(text)] if kept else starts + [len(text)]:
        piece = text[begin:s]
        out.append((line, piece))
        line += piece.count("\n")
        begin = s
    return out


def _same_start(text: str, last: list[tuple[int, str]]) -> tuple[int, int, int]:
    """How many of `last`'s first pieces `text` begins with, and the line and place where the last of them
    starts: that one is cut again, since where it ends depends on what follows it. A cut inside a piece depends
    on nothing past the piece's last line end; a piece never starts with an empty line, so no cut below the
    place needs a match that begins above it."""
    at, before, same = 0, 0, 0  # before: where the last piece the text begins with starts
    for _first, piece in last:
        if not text.startswith(piece, at):
            break
        before, at, same = at, at + len(piece), same + 1
    if same < 2:
        return 0, 0, 0
    return same, last[same - 1][0], before


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
        self._cut: list[tuple[int, str]] | None = None  # the last text's pieces
        self._out: list[Any] = []  # its tokens
        self._deep: list[Any | None] = []  # tokens.too_deep of each of its pieces

    def __call__(self, text: str) -> list[Any]:
        last, cut = self._cut, pieces(text, self._cut)
        self._cut = cut
        if cut is None:
            tokens = block_tokens(text)
            self.deep, self.order, self.starts, self._out = too_deep(tokens), None, [], []
            return tokens
        same = 0  # the last text's first pieces that this one begins with (pieces() gave them as they were)
        if last is not None and self.order is not None:
            for mine, theirs in zip(cut, last):
                if mine is not theirs:
                    break
                same += 1
        end = self.starts[same] if same < len(self.starts) else len(self._out)
        out, order, starts, deeps = self._out[:end], self.order[:same] if same else [], self.starts[:same], \
            self._deep[:same]
        for line, piece in cut[same:]:
            kept = self._kept.get((piece, line))
            if kept is None:
                alone = self._alone.get(piece)
                if alone is None:
                    alone = self._alone[piece] = block_tokens(piece)
                tokens = shifted(alone, line)
                kept = self._kept[(piece, line)] = (tokens, too_deep(tokens))
            starts.append(len(out))
            order.append(kept[0])
            deeps.append(kept[1])
            out.extend(kept[0])
        self.deep = next((d for d in deeps if d is not None), None)
        self.order, self.starts, self._out, self._deep = order, starts, out, deeps
        return out
