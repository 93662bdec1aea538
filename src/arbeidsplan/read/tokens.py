"""The block tokens the parser walks, from one of two markdown-it implementations.

markdown-it-py is the reference: its token stream is what read/parser.py was written against. The Rust
markdown-it (`markdown_it_pyrs`) builds the same block structure several times faster, as a tree with byte
offsets; `rust_tokens` flattens that tree into the tokens markdown-it-py would give, with only the attributes
the readers and writers use (type, tag, nesting, map, level, content; markup and info on fences). Where the two
could disagree, the text goes to markdown-it-py: tabs, NUL, carriage returns, raw HTML-looking lines, front
matter that is not a plain `---` fence, deep nesting, and any tree shape this module does not know.
tests/test_parse_backends.py proves the plan tree and the findings equal on every plan the project holds.

ARBEIDSPLAN_PARSER=py makes every text go to markdown-it-py; without markdown_it_pyrs installed, so does all.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

MAX_NESTING = 100  # markdown-it drops blocks nested deeper than this; the parser says so (AP210)
_PY = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table").use(front_matter_plugin)
# The readers use each inline token's raw `content` (ids, text, «nøkkel: verdi»), never its parsed children,
# so markdown-it's inline pass (emphasis, links …) is skipped: a third of the parse time on a whole party.
_PY.disable(["inline", "text_join"])

try:  # markdown-it-py trims a block's text with its own set of spaces (4.x), or str.strip (3.x); the Rust
    from markdown_it.common.utils import mdTrim as _trim  # parser trims only space and tab, both in either set
except ImportError:  # pragma: no cover - markdown-it-py 3.x
    _trim = str.strip

try:
    import markdown_it_pyrs
except ImportError:  # no wheel for this platform: markdown-it-py reads everything
    markdown_it_pyrs = None

_RUST: Any = None
if markdown_it_pyrs is not None:
    # Block rules only, as _PY: no inline rules, so each block's text comes back raw in one text node.
    _RUST = markdown_it_pyrs.MarkdownIt("zero").enable_many(
        ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference", "table",
         "front_matter"])

_DEEPEST = 24  # a tree deeper than this goes to markdown-it-py, far from the limit where the two may differ
# Text the conversion is not sure of: a tab (column arithmetic), NUL, CR, a line starting with "<" (html_block
# is off in both, but their paragraph rules may treat it apart), and a setext underline or front-matter fence
# edge that the Rust rules read otherwise.
_UNSURE = re.compile(
    r"[\t\x00\r]"  # tabs (column arithmetic), NUL, CR: rare in plans, and each parser counts them its own way
    r"|\]:"  # a link reference definition: markdown-it-py ends one at a list line, the Rust rules do not
    r"|^ *(?:(?:[-*+]|\d{1,9}[.)]) +)*>"  # a blockquote: the lazy lines of one are read apart
    r"|\|.*\n *:?-+:? *$"  # a one-column delimiter row under a pipe: a table to one, a setext heading to the other
    r"|^ *(?:[-*+]|\d{1,9}[.)]|#{1,6}) .*\|.*\n *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$",  # a table on a list line
    re.MULTILINE)

# A table row the two may end the table at: no pipe, or the start of a list, heading or fence.
_ODD_ROW = re.compile(r"^(?![^\n]*\|)| {0,3}(?:[-*+](?: |$)|\d{1,9}[.)](?: |$)|#{1,6}(?: |$)|```|~~~)")


class BlockToken:
    """One block token with the attributes of markdown_it.token.Token that the readers and writers use."""

    __slots__ = ("type", "tag", "nesting", "map", "level", "content", "markup", "info")

    def __init__(self, type: str, tag: str, nesting: int, map: list[int] | None, level: int,
                 content: str = "", markup: str = "", info: str = ""):
        self.type, self.tag, self.nesting, self.map, self.level = type, tag, nesting, map, level
        self.content, self.markup, self.info = content, markup, info

    def __repr__(self) -> str:
        return f"BlockToken({self.type!r}, map={self.map}, level={self.level}, content={self.content[:30]!r})"


class _Unsure(Exception):
    """The Rust tree holds something this module does not convert with certainty."""


def block_tokens(text: str) -> list[Any]:
    """The block tokens of `text` (LF line ends): from the Rust parser where it is sure to agree, else
    markdown-it-py's own."""
    if _RUST is not None and os.environ.get("ARBEIDSPLAN_PARSER") != "py":
        tokens = rust_tokens(text)
        if tokens is not None:
            return tokens
    return py_tokens(text)


def py_tokens(text: str) -> list[Any]:
    """markdown-it-py's block tokens: the reference."""
    return _PY.parse(text)


def rust_tokens(text: str) -> list[BlockToken] | None:
    """The Rust parser's tree as markdown-it-py's block tokens, or None where they might differ."""
    if _RUST is None or not text.endswith("\n") or _UNSURE.search(text) is not None:
        return None
    first = text[:text.find("\n")]
    if first != "---" and "---" in first:  # markdown-it-py's plugin takes front matter even inside a list item
        return None
    try:
        return _Converter(text).run(_RUST.tree(text))
    except _Unsure:
        return None


class _Converter:
    def __init__(self, text: str):
        self.text = text
        data = text.encode("utf-8")
        self.ascii = len(data) == len(text)
        self.data = data
        self.starts = [0] + [m.end() for m in re.finditer(b"\n", data)]  # byte offset where each line starts
        self.line_count = len(self.starts) - 1  # the text ends with a line end
        self.out: list[BlockToken] = []

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def lines(self, node: Any) -> list[int]:
        start, end = node.srcmap
        return [self.line(start), self.line(max(start, end - 1)) + 1]

    def after_blanks(self, map: list[int]) -> list[int]:
        """markdown-it-py ends a list and its items after the blank lines that follow them (its block loop
        skips them before it sees that the next line does not belong); the Rust tree ends at the text."""
        end, count = map[1], self.line_count
        while end < count and self.blank(end):
            end += 1
        return [map[0], end]

    def blank(self, line: int) -> bool:
        return not self.line_text(line).strip(" ")

    def line_text(self, line: int) -> str:
        start = self.starts[line]
        stop = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.data)
        return self.data[start:stop].decode("utf-8")

    def raw(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8")

    def run(self, root: Any) -> list[BlockToken]:
        self.children(root.children, 0)
        return self.out

    def children(self, nodes: Any, level: int) -> None:
        if level > _DEEPEST:
            raise _Unsure
        for node in nodes:
            self.node(node, level)

    def text_of(self, node: Any) -> str:
        kids = node.children
        if not kids:
            return ""
        if len(kids) != 1 or kids[0].name != "text":
            raise _Unsure
        return _trim(kids[0].meta["content"])

    def inline(self, content: str, map: list[int], level: int) -> None:
        self.out.append(BlockToken("inline", "", 0, map, level, content))

    def node(self, node: Any, level: int) -> None:
        name = node.name
        out = self.out
        if name == "paragraph" or name == "text":
            map = self.lines(node)
            content = self.text_of(node) if name == "paragraph" else _trim(node.meta["content"])
            out.append(BlockToken("paragraph_open", "p", 1, map, level))
            self.inline(content, map, level + 1)
            out.append(BlockToken("paragraph_close", "p", -1, None, level))
        elif name == "heading" or name == "lheading":
            tag = f"h{node.meta['level']}"
            map = self.lines(node)
            out.append(BlockToken("heading_open", tag, 1, map, level))
            # a setext heading's text ends above its underline
            self.inline(self.text_of(node), map if name == "heading" else [map[0], map[1] - 1], level + 1)
            out.append(BlockToken("heading_close", tag, -1, None, level))
        elif name == "bullet_list" or name == "ordered_list":
            map = self.after_blanks(self.lines(node))
            tag = "ul" if name == "bullet_list" else "ol"
            out.append(BlockToken(f"{name}_open", tag, 1, map, level))
            for item in node.children:
                if item.name != "list_item" or not item.children:  # an empty item ends otherwise in each
                    raise _Unsure
                out.append(BlockToken("list_item_open", "li", 1, self.after_blanks(self.lines(item)), level + 1))
                self.children(item.children, level + 2)
                out.append(BlockToken("list_item_close", "li", -1, None, level + 1))
            out.append(BlockToken(f"{name}_close", tag, -1, None, level))
        elif name == "table":
            self.table(node, level)
        elif name == "fence":
            meta, map = node.meta, self.lines(node)
            content, markup = meta["content"], meta["marker"] * meta["marker_len"]
            last = self.line_text(map[1] - 1).strip(" ")
            if map[1] - map[0] < 2 or not (last.startswith(markup) and last == last[0] * len(last)):
                map = self.after_blanks(map)  # an open fence runs on over the blank lines below it
            out.append(BlockToken("fence", "code", 0, map, level, content, markup, meta["info"]))
        elif name == "code_block":
            out.append(BlockToken("code_block", "code", 0, self.lines(node), level, node.meta["content"]))
        elif name == "hr":
            out.append(BlockToken("hr", "hr", 0, self.lines(node), level))
        elif name == "front_matter":
            self.front_matter(node, level)
        elif name == "definition":
            pass  # a link reference definition gives no token
        else:
            raise _Unsure

    def front_matter(self, node: Any, level: int) -> None:
        first, end = self.lines(node)
        if first != 0 or end < 2:
            raise _Unsure
        lines = self.text.split("\n", end)
        if lines[0] != "---" or lines[end - 1] != "---":
            raise _Unsure
        content = "\n".join(lines[1:end - 1])
        self.out.append(BlockToken("front_matter", "", 0, [0, end], level, content, "---"))

    def table(self, node: Any, level: int) -> None:
        out = self.out
        table_map = self.lines(node)
        out.append(BlockToken("table_open", "table", 1, table_map, level))
        width = None
        for part in node.children:
            head = part.name == "thead"
            if part.name not in ("thead", "tbody"):
                raise _Unsure
            part_map = self.lines(part)
            if head:  # markdown-it-py's thead is the header line alone, without the delimiter row
                part_map = [part_map[0], part_map[0] + 1]
            out.append(BlockToken(f"{part.name}_open", part.name, 1, part_map, level + 1))
            for row in part.children:
                if row.name != "trow":
                    raise _Unsure
                row_map = self.lines(row)
                row_text = self.line_text(row_map[0])
                if _ODD_ROW.match(row_text) or (head and "|" not in row_text):  # markdown-it-py: no table
                    raise _Unsure
                out.append(BlockToken("tr_open", "tr", 1, row_map, level + 2))
                cells = row.children
                if width is None:
                    width = len(cells)
                elif len(cells) != width:
                    raise _Unsure
                cell_tag = "th" if head else "td"
                for cell in cells:
                    out.append(BlockToken(f"{cell_tag}_open", cell_tag, 1, None, level + 3))
                    self.inline(self.text_of(cell), row_map, level + 4)
                    out.append(BlockToken(f"{cell_tag}_close", cell_tag, -1, None, level + 3))
                out.append(BlockToken("tr_close", "tr", -1, None, level + 2))
            out.append(BlockToken(f"{part.name}_close", part.name, -1, None, level + 1))
        out.append(BlockToken("table_close", "table", -1, None, level))
