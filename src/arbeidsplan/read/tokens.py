"""The block tokens the parser walks, from one of two markdown-it implementations.

markdown-it-py is the reference: its token stream is what read/parser.py was written against. The Rust
markdown-it (`markdown_it_pyrs`) builds the same block structure several times faster, as a tree with byte
offsets; `rust_tokens` flattens that tree into the tokens markdown-it-py would give, with only the attributes
the readers and writers use (type, tag, nesting, map, level, content; markup and info on fences). Where the two
could disagree, the text goes to markdown-it-py: tabs, NUL, CR, a text without a last line end, link reference
definitions, blockquotes, `---` on the first line other than as a plain front-matter fence that both close on
the same `---` line (markdown-it-py's plugin also closes on `...`; unclosed front matter, AP103), tables whose rows
either might end otherwise, a pipe line over a delimiter row that the Rust parser reads as no table (a heading,
a fence, a list item: markdown-it-py tries its table rule first), a table line with a space other than " " at
an edge, empty list items, deep nesting (a very deep tree also crashes the Rust parser: the
text is not given to it), and any tree shape this module does not know.
tests/test_parse_backends.py proves the plan tree and the findings equal on every plan the project holds.

The parser reads `plan_tokens`: the same tokens, but from the Rust parser each top-level list and table is one
token (ListToken, TableToken) that holds what lists.list_items and tables.read_table read from its tokens, read
straight from the tree with the same checks, not a token per node (most of a plan is lists and tables). The
writers, import and history's pieces (read/chunks.py) read `block_tokens`, every token.

ARBEIDSPLAN_PARSER=py makes every text go to markdown-it-py; without markdown_it_pyrs installed, so does all.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate, count
from operator import add
from typing import Any

from .lists import flat
from .tables import cell_text

MAX_NESTING = 100  # markdown-it drops blocks nested deeper than this; the parser says so (AP210)
_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}


def too_deep(tokens: list[Any]) -> Any | None:
    """The first container opened at the last level markdown-it allows (it stops reading inside it: the text in
    it is lost), or None."""
    return next((t for t in tokens if t.level >= MAX_NESTING - 1 and t.type in _CONTAINERS and t.map), None)


@cache
def _py() -> Any:
    """markdown-it-py, set up as the readers need it; imported when a text first goes to it (the Rust parser
    reads every well-formed plan, and importing markdown-it-py is a tenth of a cold `history`)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table").use(front_matter_plugin)
    # The readers use each inline token's raw `content` (ids, text, «nøkkel: verdi»), never its parsed children,
    # so markdown-it's inline pass (emphasis, links …) is skipped: a third of the parse time on a whole party.
    md.disable(["inline", "text_join"])
    return md


@cache
def _md_trim() -> Any:
    """How markdown-it-py trims a block's text: with its own set of spaces (4.x), or str.strip (3.x)."""
    try:
        from markdown_it.common.utils import mdTrim
    except ImportError:  # pragma: no cover - markdown-it-py 3.x
        return str.strip
    return mdTrim


def _trim(text: str) -> str:
    """markdown-it-py's trim of a block's text (the Rust parser trims only space and tab, both in either set).
    Both of its sets of spaces hold space, tab and line end, and only characters str.isspace knows: where what is
    left of them has no such character at either end, either set leaves it so, and markdown-it-py need not be
    imported to know."""
    trimmed = text.strip(" \t\n")
    if trimmed[:1].isspace() or trimmed[-1:].isspace():
        return _md_trim()(text)
    return trimmed


try:
    import markdown_it_pyrs
except ImportError:  # no wheel for this platform: markdown-it-py reads everything
    markdown_it_pyrs = None

_RUST: Any = None
if markdown_it_pyrs is not None:
    # Block rules only, as _py(): no inline rules, so each block's text comes back raw in one text node.
    _RUST = markdown_it_pyrs.MarkdownIt("zero").enable_many(
        ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference", "table",
         "front_matter"])

_DEEPEST = 24  # a tree deeper than this goes to markdown-it-py, far from the limit where the two may differ
_ANY_OF = ("\t", "\x00", "\r",  # tabs (column arithmetic), NUL, CR: rare in plans, each parser counts them its way
           "]:")  # a link reference definition: markdown-it-py ends one at a list line, the Rust rules do not
# A space other than " " at the start or end of a line: markdown-it-py trims it off a table line before it
# counts the cells (so "\u00a0| a |" can start a table), the Rust parser does not.
_SPACES = "\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # str.isspace's, but " \t\n\r"
_EDGE_SPACE = re.compile(f"^ *[{_SPACES}]|[{_SPACES}] *$", re.MULTILINE)
_ANY_SPACE = re.compile(f"[{_SPACES}]")  # found first: a scan for one class is several times faster
# Deep nesting: a line that opens or sits in many lists starts with many spaces and markers. The Rust parser
# builds and frees its tree recursively, and a tree tens of thousands of levels deep crashes the process.
_DEEP_LINE = re.compile(r"[ \d.)*+-]{40}")
_DEEP = re.compile(r"\n[ \d.)*+-]{40}")  # after a line end (the first line is matched apart: «^» with re.MULTILINE
                                         # would be tried at every character)
_BLOCKQUOTE = re.compile(r"^ *(?:(?:[-*+]|\d{1,9}[.)]) +)*>", re.MULTILINE)  # whose lazy lines are read apart
# A table row the two may end the table at: no pipe, or the start of a list, heading or fence.
_ODD_ROW = re.compile(r"^(?![^\n]*\|)| {0,3}(?:[-*+](?: |$)|\d{1,9}[.)](?: |$)|#{1,6}(?: |$)|```|~~~)")
_FRONT_MATTER_END = re.compile(r"\.\.\. *| {0,3}---+ *")  # where markdown-it-py's plugin ends it
_DELIMITER_ROW = re.compile(r" *[-:|][-:| ]*")
# A line under a paragraph's first that markdown-it-py may take as a table's delimiter row.
_DELIMITER = re.compile(r"\n *[-:|][-:| ]*(?=\n|$)")


class BlockToken:
    """One block token with the attributes of markdown_it.token.Token that the readers and writers use.
    Read-only by agreement: the closing tokens and the cell openers are shared."""

    __slots__ = ("type", "tag", "nesting", "map", "level", "content", "markup", "info")

    def __init__(self, type: str, tag: str, nesting: int, map: list[int] | None, level: int,
                 content: str = "", markup: str = "", info: str = ""):
        self.type, self.tag, self.nesting, self.map, self.level = type, tag, nesting, map, level
        self.content, self.markup, self.info = content, markup, info

    def __repr__(self) -> str:
        return f"BlockToken({self.type!r}, map={self.map}, level={self.level}, content={self.content[:30]!r})"


_SHARED: dict[tuple[str, int], BlockToken] = {}


def _shared(type: str, tag: str, nesting: int, level: int) -> BlockToken:
    """A token without a line map (a closing token, a cell's opener): one object per type and level."""
    token = _SHARED.get((type, level))
    if token is None:
        token = _SHARED[(type, level)] = BlockToken(type, tag, nesting, None, level)
    return token


class ListToken:
    """A whole list in one token, as the parser reads it (from `plan_tokens`, in place of the list's own tokens):
    `items` is what lists.list_items gives from the list's tokens, (item token, text, [(sub-item token, text)])."""

    __slots__ = ("type", "tag", "nesting", "map", "level", "content", "items")

    def __init__(self, map: list[int], level: int, items: list[tuple[BlockToken, str, list[tuple[BlockToken, str]]]]):
        self.type, self.tag, self.nesting, self.map, self.level, self.content = "list", "", 0, map, level, ""
        self.items = items

    def __repr__(self) -> str:
        return f"ListToken(map={self.map}, items={len(self.items)})"


class TableToken:
    """A whole table in one token, as the parser reads it (from `plan_tokens`, in place of the table's own
    tokens): the header cells' text and each body row's token and cells' text, as tables.read_table reads them."""

    __slots__ = ("type", "tag", "nesting", "map", "level", "content", "header", "rows")

    def __init__(self, map: list[int], level: int, header: list[str], rows: list[tuple[BlockToken, list[str]]]):
        self.type, self.tag, self.nesting, self.map, self.level, self.content = "table", "", 0, map, level, ""
        self.header, self.rows = header, rows

    def __repr__(self) -> str:
        return f"TableToken(map={self.map}, rows={len(self.rows)})"


def shifted(tokens: list[Any], lines: int) -> list[Any]:
    """The tokens of a text as they are below `lines` more lines: each token with a line map is copied with the
    map moved (inline tokens' maps are their own lists); those without one are shared, as they are anyway."""
    if not lines:
        return tokens
    out = []
    for t in tokens:
        if t.map is None:
            out.append(t)
        elif type(t) is BlockToken:
            out.append(BlockToken(t.type, t.tag, t.nesting, [t.map[0] + lines, t.map[1] + lines], t.level, t.content,
                                  t.markup, t.info))
        else:  # markdown-it-py's Token
            out.append(t.copy(map=[t.map[0] + lines, t.map[1] + lines]))
    return out


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


def plan_tokens(text: str) -> list[Any]:
    """The block tokens the parser reads: block_tokens, but from the Rust parser each top-level list and table is
    one token that holds what the parser reads from it (ListToken, TableToken), not a token per node: most of a
    plan is lists and tables, and their tokens were most of the time it took to read one."""
    if _RUST is not None and os.environ.get("ARBEIDSPLAN_PARSER") != "py":
        tokens = rust_tokens(text, compact=True)
        if tokens is not None:
            return tokens
    return py_tokens(text)


def py_tokens(text: str) -> list[Any]:
    """markdown-it-py's block tokens: the reference."""
    return _py().parse(text)


def rust_tokens(text: str, compact: bool = False) -> list[Any] | None:
    """The Rust parser's tree as markdown-it-py's block tokens, or None where they might differ. `compact`: each
    top-level list and table as one ListToken or TableToken (plan_tokens); None for exactly the same texts."""
    if _RUST is None or not text.endswith("\n") or any(s in text for s in _ANY_OF):
        return None
    if (">" in text and _BLOCKQUOTE.search(text)) or _deep(text):
        return None
    if "|" in text and _ANY_SPACE.search(text) and _edge_space_by_pipe(text):
        return None
    first = text[:text.find("\n")]
    if first != "---" and "---" in first:  # markdown-it-py's plugin takes front matter even inside a list item
        return None
    try:
        tree = _RUST.tree(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a panic in the Rust parser (pyo3 raises it as a BaseException): the reference reads
        return None
    try:
        return _Converter(text, compact).run(tree)
    except _Unsure:
        return None


def _deep(text: str) -> bool:
    """A line that starts with 40 characters of list markers and spaces."""
    return _DEEP_LINE.match(text) is not None or _DEEP.search(text) is not None


def _edge_space_by_pipe(text: str) -> bool:
    """A line with a pipe and a space other than " " at its start or end (the text ends with a line end). Only
    the lines that hold such a space are searched: _EDGE_SPACE over the whole text tries every character."""
    seen = set()
    for m in _ANY_SPACE.finditer(text):
        begin = text.rfind("\n", 0, m.start()) + 1
        if begin not in seen:
            seen.add(begin)
            line = text[begin:text.find("\n", begin)]
            if "|" in line and _EDGE_SPACE.search(line):
                return True
    return False


def _item_text(node: Any) -> str:
    """A tight list item's text node as lists.list_items reads it: its paragraph's text, on one line."""
    raw = node.meta["content"]
    content = raw.strip(" \t\n")  # _trim, inline: a whole party has 45,000 items
    if content[:1].isspace() or content[-1:].isspace():
        content = _md_trim()(raw)
    if "\n" not in content:
        return content.strip()
    return _flat_paragraph(content)


def _flat_paragraph(content: str) -> str:
    """A paragraph's text on one line (lists.flat), or _Unsure where markdown-it-py may see a table in it."""
    if "\n" not in content:
        return content.strip()
    if "|" in content and _DELIMITER.search(content):
        raise _Unsure
    return flat(content)


class _Converter:
    def __init__(self, text: str, compact: bool = False):
        self.text = text
        self.lines = text.split("\n")  # the last is the empty rest after the final line end
        data = text.encode("utf-8")
        # the byte offset where each line starts: after each line's bytes and line end (no Python call per line)
        self.starts = [0, *map(add, accumulate(map(len, data.split(b"\n")[:-1])), count(1))]
        self.line_count = len(self.lines) - 1
        self.out: list[Any] = []
        self.compact = compact  # top-level lists and tables as ListToken and TableToken
        self.table_starts: set[int] = set()  # the first line of every table, at any level

    def map_of(self, node: Any) -> list[int]:
        start, end = node.srcmap
        starts = self.starts
        return [bisect_right(starts, start) - 1, bisect_right(starts, end - 1 if end > start else start)]

    def after_blanks(self, map: list[int]) -> list[int]:
        """markdown-it-py ends a list and its items after the blank lines that follow them (its block loop
        skips them before it sees that the next line does not belong); the Rust tree ends at the text."""
        end, count, lines = map[1], self.line_count, self.lines
        while end < count and not lines[end].strip(" "):
            end += 1
        map[1] = end
        return map

    def run(self, root: Any) -> list[Any]:
        self.children(root.children, 0)
        if self.lines[0] == "---" and (not self.out or self.out[0].type != "front_matter"):
            raise _Unsure  # unclosed (AP103), or closed where only markdown-it-py's plugin sees it
        if "|" in self.text:
            self.same_tables()
        return self.out

    def same_tables(self) -> None:
        """markdown-it-py tries its table rule before any other at each line, so a line with a pipe above a
        delimiter row starts a table there when the Rust parser may have read a heading, a fence or a list item:
        every such line must start a table in the Rust tree too."""
        starts = self.table_starts
        lines = self.lines
        for n in range(self.line_count - 1):
            if "|" in lines[n] and n not in starts and "-" in lines[n + 1] and _DELIMITER_ROW.fullmatch(lines[n + 1]):
                raise _Unsure

    def children(self, nodes: Any, level: int) -> None:
        if level > _DEEPEST:
            raise _Unsure
        for node in nodes:
            self.node(node, level)

    @staticmethod
    def text_of(node: Any) -> str:
        kids = node.children
        if not kids:
            return ""
        if len(kids) != 1 or kids[0].name != "text":
            raise _Unsure
        return _trim(kids[0].meta["content"])

    def paragraph(self, map: list[int], content: str, level: int) -> None:
        if "|" in content and "\n" in content and _DELIMITER.search(content):
            raise _Unsure  # markdown-it-py may see a table here
        out = self.out
        out.append(BlockToken("paragraph_open", "p", 1, map, level))
        out.append(BlockToken("inline", "", 0, map[:], level + 1, content))
        out.append(_shared("paragraph_close", "p", -1, level))

    def node(self, node: Any, level: int) -> None:
        name = node.name
        out = self.out
        if name == "paragraph":
            self.paragraph(self.map_of(node), self.text_of(node), level)
        elif name == "text":  # a tight list item's paragraph
            self.paragraph(self.map_of(node), _trim(node.meta["content"]), level)
        elif name == "bullet_list" or name == "ordered_list":
            if self.compact and level == 0:
                self.list_token(node, level)
            else:
                self.list(node, name, level)
        elif name == "heading" or name == "lheading":
            tag = f"h{node.meta['level']}"
            map = self.map_of(node)
            content = self.text_of(node)
            if name == "lheading" and "|" in content:
                raise _Unsure  # markdown-it-py may see a one-column table
            out.append(BlockToken("heading_open", tag, 1, map, level))
            # a setext heading's text ends above its underline
            out.append(BlockToken("inline", "", 0, map[:] if name == "heading" else [map[0], map[1] - 1],
                              level + 1, content))
            out.append(BlockToken("heading_close", tag, -1, None, level))
        elif name == "table":
            self.table(node, level)
        elif name == "fence":
            meta, map = node.meta, self.map_of(node)
            content = meta["content"]
            if map[1] - map[0] != content.count("\n") + 2:  # no closing line: markdown-it-py runs an open
                map = self.after_blanks(map)  # fence on over the blank lines below it
            out.append(BlockToken("fence", "code", 0, map, level, content, meta["marker"] * meta["marker_len"],
                                  meta["info"]))
        elif name == "code_block":
            out.append(BlockToken("code_block", "code", 0, self.map_of(node), level, node.meta["content"]))
        elif name == "hr":
            out.append(BlockToken("hr", "hr", 0, self.map_of(node), level))
        elif name == "front_matter":
            self.front_matter(node, level)
        elif name == "definition":
            pass  # a link reference definition gives no token
        else:
            raise _Unsure

    def list(self, node: Any, name: str, level: int) -> None:
        """A list and its items. An item that is one line of text (most measures' attribute lines, every
        status line) is written here, without a call per node: a whole party has 40,000 of them."""
        out, after_blanks, map_of = self.out, self.after_blanks, self.map_of
        append, starts = out.append, self.starts
        tag = "ul" if name == "bullet_list" else "ol"
        append(BlockToken(f"{name}_open", tag, 1, after_blanks(map_of(node)), level))
        inner = level + 2
        if inner > _DEEPEST:
            raise _Unsure
        item_close = _shared("list_item_close", "li", -1, level + 1)
        paragraph_close = _shared("paragraph_close", "p", -1, inner)
        for item in node.children:
            kids = item.children
            if item.name != "list_item" or not kids:  # an empty item ends otherwise in each
                raise _Unsure
            append(BlockToken("list_item_open", "li", 1, after_blanks(map_of(item)), level + 1))
            first = kids[0]
            if len(kids) == 1 and first.name == "text":
                content = _trim(first.meta["content"])
                if "|" in content and "\n" in content and _DELIMITER.search(content):
                    raise _Unsure  # markdown-it-py may see a table here
                begin, end = first.srcmap
                map = [bisect_right(starts, begin) - 1, bisect_right(starts, end - 1 if end > begin else begin)]
                append(BlockToken("paragraph_open", "p", 1, map, inner))
                append(BlockToken("inline", "", 0, map[:], inner + 1, content))
                append(paragraph_close)
            else:
                for kid in kids:
                    self.node(kid, inner)
            append(item_close)
        append(_shared(f"{name}_close", tag, -1, level))

    # A list as one ListToken: what lists.list_items reads from the tokens `list` writes, read from the tree, with
    # the same checks (so the same texts go to markdown-it-py). tests/test_parse_backends.py proves it the same.
    def list_token(self, node: Any, level: int) -> None:
        map = self.after_blanks(self.map_of(node))
        inner = level + 2
        if inner > _DEEPEST:
            raise _Unsure
        starts, lines, count = self.starts, self.lines, self.line_count
        items = []
        for item in node.children:
            kids = item.children
            if item.name != "list_item" or not kids:  # an empty item ends otherwise in each
                raise _Unsure
            # The item's token (map_of and after_blanks, inline: a whole party has 46,000 items)
            begin, end = item.srcmap
            last = bisect_right(starts, end - 1 if end > begin else begin)
            while last < count and not lines[last].strip(" "):
                last += 1
            token = BlockToken("list_item_open", "li", 1, [bisect_right(starts, begin) - 1, last], level + 1)
            subs: list[tuple[BlockToken, list[str]]] = []
            if len(kids) == 1:
                kid = kids[0]
                if kid.name == "text":  # most items: one line of text (_item_text, inline)
                    raw = kid.meta["content"]
                    content = raw.strip(" \t\n")
                    if content[:1].isspace() or content[-1:].isspace():
                        content = _md_trim()(raw)
                    items.append((token, content.strip() if "\n" not in content else _flat_paragraph(content), subs))
                    continue
            texts: list[str] = []
            self.item_texts(kids, inner, texts, subs, True)
            items.append((token, " ".join(texts).strip(), [(t, " ".join(x).strip()) for t, x in subs]))
        self.out.append(ListToken(map, level, items))

    def item_token(self, item: Any, level: int) -> BlockToken:
        """A list item's list_item_open token: map_of and after_blanks in one."""
        begin, end = item.srcmap
        starts, lines, count = self.starts, self.lines, self.line_count
        last = bisect_right(starts, end - 1 if end > begin else begin)
        while last < count and not lines[last].strip(" "):
            last += 1
        return BlockToken("list_item_open", "li", 1, [bisect_right(starts, begin) - 1, last], level)

    def item_texts(self, kids: Any, level: int, texts: list[str], subs: list[tuple[BlockToken, list[str]]],
                   top: bool) -> None:
        """The text of the blocks in a list item at `level`: as list_items reads them, each block's text to the
        item's own (`top`), or else to the sub-item last opened, an item of a list in it to the sub-items."""
        for kid in kids:
            name = kid.name
            if name == "text" or name == "paragraph":
                (texts if top else subs[-1][1]).append(_item_text(kid) if name == "text" else
                                                      _flat_paragraph(self.text_of(kid)))
            elif name == "bullet_list" or name == "ordered_list":
                inner = level + 2
                if inner > _DEEPEST:
                    raise _Unsure
                for item in kid.children:
                    grand = item.children
                    if item.name != "list_item" or not grand:
                        raise _Unsure
                    token = self.item_token(item, level + 1)
                    if len(grand) == 1 and grand[0].name == "text":  # most: «Tidsrom: …», one line
                        subs.append((token, [_item_text(grand[0])]))
                    else:
                        subs.append((token, []))
                        self.item_texts(grand, inner, texts, subs, False)
            else:  # anything else (a heading, a table, a fence …) as its tokens, then its texts taken from them
                out = self.out
                start = len(out)
                self.node(kid, level)
                for token in out[start:]:
                    if token.type == "inline":
                        (texts if top else subs[-1][1]).append(flat(token.content))
                del out[start:]

    def front_matter(self, node: Any, level: int) -> None:
        first, end = self.map_of(node)
        lines = self.lines
        close = next((n for n in range(1, self.line_count) if _FRONT_MATTER_END.fullmatch(lines[n])), None)
        if first != 0 or end < 2 or lines[0] != "---" or close != end - 1 or lines[close] != "---":
            raise _Unsure  # markdown-it-py's plugin ends front matter at the first "..." or "---" line
        self.out.append(BlockToken("front_matter", "", 0, [0, end], level, "\n".join(lines[1:end - 1]), "---"))

    def table(self, node: Any, level: int) -> None:
        """A table's tokens; at the top with `compact`, one TableToken with the cells as tables.read_table reads
        them."""
        out, lines, starts = self.out, self.lines, self.starts
        compact = self.compact and level == 0
        map = self.map_of(node)
        self.table_starts.add(map[0])
        if not compact:
            out.append(BlockToken("table_open", "table", 1, map, level))
        width = None
        header: list[str] = []
        rows: list[tuple[BlockToken, list[str]]] = []
        for part in node.children:
            name = part.name
            head = name == "thead"
            if not head and name != "tbody":
                raise _Unsure
            if not compact:
                part_map = self.map_of(part)
                if head:  # markdown-it-py's thead is the header line alone, without the delimiter row
                    part_map[1] = part_map[0] + 1
                out.append(BlockToken(f"{name}_open", name, 1, part_map, level + 1))
                tag = "th" if head else "td"
                cell_open = _shared(f"{tag}_open", tag, 1, level + 3)
                cell_close = _shared(f"{tag}_close", tag, -1, level + 3)
            for row in part.children:
                if row.name != "trow":
                    raise _Unsure
                start = bisect_right(starts, row.srcmap[0]) - 1
                row_text = lines[start]
                if _ODD_ROW.match(row_text) or _trim(row_text) != row_text.strip(" ") or (
                        head and ("|" not in row_text or not _DELIMITER_ROW.fullmatch(lines[start + 1]))):
                    raise _Unsure  # markdown-it-py might see no table here, or end it here
                row_token = BlockToken("tr_open", "tr", 1, [start, start + 1], level + 2)
                cells = row.children
                if width is None:
                    width = len(cells)
                elif len(cells) != width:
                    raise _Unsure
                if compact:
                    texts = []
                    for cell in cells:  # text_of, inline: a whole party has 50,000 cells
                        kids = cell.children
                        if not kids:
                            texts.append("")
                        elif len(kids) != 1 or kids[0].name != "text":
                            raise _Unsure
                        else:
                            texts.append(cell_text(_trim(kids[0].meta["content"])))
                    if head:
                        header = texts
                    else:
                        rows.append((row_token, texts))
                    continue
                out.append(row_token)
                for cell in cells:
                    out.append(cell_open)
                    out.append(BlockToken("inline", "", 0, [start, start + 1], level + 4, self.text_of(cell)))
                    out.append(cell_close)
                out.append(_shared("tr_close", "tr", -1, level + 2))
            if not compact:
                out.append(_shared(f"{name}_close", name, -1, level + 1))
        if compact:
            out.append(TableToken(map, level, header, rows))
        else:
            out.append(_shared("table_close", "table", -1, level))
