"""An outline written as a plan in the format of docs/format.md: front matter, headings with the keywords the
parser reads (Mål 1:, Delmål a) …), every goal and measure with an explicit id, timing and responsible as
properties or table columns, the document's own text unchanged."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .outline import Bullets, Heading, Items, Outline, Paragraph, Table

_GOAL_KINDS = ("area", "goal", "subgoal")


def front_matter(meta: dict[str, Any]) -> str:
    body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return f"---\n{body}---\n"


def plan_markdown(outline: Outline, meta: dict[str, Any]) -> str:
    depths = _depths(outline)
    parts: list[str] = [front_matter(meta).rstrip("\n")]
    for element, depth in zip(outline.elements, depths):
        if isinstance(element, Heading):
            parts.append("#" * depth + " " + _one_line(element.text))
        elif isinstance(element, Paragraph):
            text = _escape_start(_one_line(element.text))
            parts.append(f"**{text}**" if element.strong else text)
        elif isinstance(element, Bullets):
            parts.append("\n".join("- " + _escape_start(_one_line(item)) for item in element.items))
        elif isinstance(element, Items):
            lines = []
            for entry in element.entries:
                lines.append(f"- **{entry.id}** {_one_line(entry.text)}".rstrip())
                if entry.when:
                    lines.append(f"  - når: {_one_line(entry.when)}")
                if entry.who:
                    lines.append(f"  - ansvar: {_one_line(entry.who)}")
            parts.append("\n".join(lines))
        elif isinstance(element, Table):
            parts.append(_table(element))
    return "\n\n".join(p for p in parts if p.strip()).rstrip("\n") + "\n"


def _depths(outline: Outline) -> list[int]:
    """Each element's heading depth: free headings at ##, goals under them when a free heading opens the goals
    («Hvor vil SV være i 2025?» → ### Mål 1), sections one below their goal."""
    elements = outline.elements
    has_area = any(isinstance(e, Heading) and e.kind == "area" for e in elements)
    offset = {"area": 0, "goal": 1 if has_area else 0, "subgoal": 2 if has_area else 1}
    base = 2
    current = 1  # the depth of the heading that sections go under
    out: list[int] = []
    for n, element in enumerate(elements):
        depth = 0
        if isinstance(element, Heading):
            if element.kind == "title":
                depth = 1
                current = 1
            elif element.kind == "free":
                following = elements[n + 1] if n + 1 < len(elements) else None
                base = 3 if isinstance(following, Heading) and following.kind in _GOAL_KINDS else 2
                depth = 2
                current = 2
            elif element.kind in _GOAL_KINDS:
                depth = min(base + offset[element.kind], 6)
                current = depth
            else:  # a section
                depth = min(current + 1, 6)
        out.append(depth)
    return out


def _table(table: Table) -> str:
    header = [_cell(h) for h in table.header]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for row in table.rows:
        cells = [_cell(c) for c in row] + [""] * (len(header) - len(row))
        lines.append(("| " + " | ".join(cells) + " |").replace("|  |", "| |"))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\n", " ")).strip()


_STARTS_BLOCK = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|\||=+$|-{3,}$|\*\*)")


def _escape_start(text: str) -> str:
    """Free text that Markdown would read as a heading, list, quote or table is escaped at its start."""
    if not _STARTS_BLOCK.match(text):
        return text
    number = re.match(r"^(\d{1,9})([.)]\s.*)$", text)
    return f"{number.group(1)}\\{number.group(2)}" if number else "\\" + text
