"""Reading a Markdown document into source lines, as the Word reader does a .docx: headings as headings (with
their level), list items as "•" items, table rows as cells, paragraphs line by line with their inline marks
(**bold**, *italic*, ~~struck~~) reduced to what the Word reader keeps (the text, struck runs as ~~…~~).
Each line keeps the number of its line in the file.

A Markdown file that is already a plan in the format (front matter with the plan's keys) is not imported: it
is refused with one line that points to `arbeidsplan check`, since importing it again would only escape it.
"""

from __future__ import annotations

import re
from typing import Any

from ...messages import message
from ..frontmatter import REQUIRED
from ..tokens import block_tokens
from .extract import ImportProblem, SourceLine

_PLAN_KEY = re.compile(r"^(?:%s)\s*:" % "|".join(map(re.escape, REQUIRED)), re.MULTILINE)
_INLINE: Any = None


def refuse_plan(name: str, text: str) -> None:
    """A file that is a plan in the format already: its front matter names the plan's keys, or the library's
    own reader finds the organisation, level or period in it."""
    from ..workspace import plan_from_bytes

    tokens = block_tokens(text if text.endswith("\n") else text + "\n")
    front = next((t for t in tokens if t.type == "front_matter"), None)
    if front is None:
        return
    plan, _found = plan_from_bytes(name, text.encode("utf-8"))
    meta = plan.meta if plan is not None else None
    if _PLAN_KEY.search(front.content) or (meta is not None and (meta.organisation or meta.level or meta.period)):
        raise ImportProblem(message("import.already_plan", path=name))


_MARKS = ("heading_open", "table_open", "front_matter")


def markdown_lines(name: str, text: str) -> list[SourceLine] | None:
    """The document's blocks as source lines; `text` is decoded, with LF line ends. None for a text that uses
    none of Markdown's marks (no heading, pipe table, front matter or **bold**): an extract saved as .md, whose
    tab-separated rows and «1.» headings Markdown would misread, is read as the text it is."""
    refuse_plan(name, text)
    tokens = block_tokens(text if text.endswith("\n") else text + "\n")
    if "**" not in text and not any(t.type in _MARKS for t in tokens):
        return None
    out: list[SourceLine] = []
    heading = 0
    item_starts: list[bool] = []  # per open list item: its first paragraph is still to come
    row: list[str] | None = None
    row_line = 0
    line = 1
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        kind = token.type
        if kind == "front_matter":  # not a plan's (refuse_plan): its lines are the document's text
            first = (token.map[0] + 2) if token.map else 2
            out += [SourceLine(part, first + n) for n, part in enumerate(token.content.split("\n")) if part.strip()]
            out.append(SourceLine("", line))
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind == "list_item_open":
            item_starts.append(True)
        elif kind == "list_item_close":
            item_starts.pop()
            out.append(SourceLine("", line))
        elif kind == "tr_open":
            row, row_line = [], line
        elif kind == "tr_close" and row is not None:
            out.append(SourceLine("\t".join(row), row_line, cells=tuple(row)))
            row = None
        elif kind == "table_close":
            out.append(SourceLine("", line))
        elif kind in ("fence", "code_block"):
            out += [SourceLine(part, line + 1 + n if kind == "fence" else line + n)
                    for n, part in enumerate(token.content.rstrip("\n").split("\n"))]
            out.append(SourceLine("", line))
        elif kind == "inline":
            plain = _plain(token.content)
            if row is not None:
                row.append(" ".join(plain.split()))
            elif heading:
                out.append(SourceLine(" ".join(plain.split()), line, heading=heading))
                out.append(SourceLine("", line))
            else:
                parts = plain.split("\n")
                if item_starts and item_starts[-1]:  # an item's first paragraph: the bullet goes on its first line
                    item_starts[-1] = False
                    parts[0] = "• " + parts[0].strip()
                    out += [SourceLine(part, line + n) for n, part in enumerate(parts)]
                else:
                    out += [SourceLine(part, line + n) for n, part in enumerate(parts)]
                    if not item_starts:
                        out.append(SourceLine("", line))
    return out


def _plain(content: str) -> str:
    """A block's inline Markdown as the text a reader sees: emphasis marks dropped, struck text kept as ~~…~~,
    links and images kept as Markdown (the plan is Markdown too), line breaks as "\\n"."""
    global _INLINE
    if _INLINE is None:
        from markdown_it import MarkdownIt

        _INLINE = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
    parsed = _INLINE.parseInline(content)
    children = parsed[0].children if parsed and parsed[0].children else []
    parts: list[str] = []
    links: list[str | None] = []  # the open links' targets; None for an autolink, written as its address
    for child in children:
        kind = child.type
        if kind == "text" or kind == "html_inline":
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind in ("s_open", "s_close"):
            parts.append("~~")
        elif kind == "code_inline":
            parts.append(f"{child.markup}{child.content}{child.markup}")
        elif kind == "link_open":
            links.append(None if child.markup == "autolink" else str(child.attrs.get("href", "")))
            parts.append("" if links[-1] is None else "[")
        elif kind == "link_close":
            target = links.pop() if links else None
            parts.append("" if target is None else f"]({target})")
        elif kind == "image":
            parts.append(f"![{child.content}]({child.attrs.get('src', '')})")
    return "".join(parts)
