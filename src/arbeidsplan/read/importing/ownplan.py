"""The plan arbeidsplan wrote to Word, written back as the plan it was (docs/format.md), from the blocks
ownword.py reads: the facts table as front matter, headings as goals and sections at their levels, measure
tables as Markdown tables with the columns they need, listed sub-goals as lists, and the statuses from the
measures' cells as «Status ÅÅÅÅ» sections at the end.

An id is written as the document shows it, except one that is the id the parser would give the item anyway
(«3.t2» for the second measure under goal 3, shown for a measure the plan gave no id): that is left out, so the
item stays one without an id of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...messages import LANGUAGES, message, using
from ...model import GoalKind, Level, Section, StatusWord
from ...vocabulary import LEVEL_FORMS
from ..frontmatter import parse_period
from .clean import Line
from .ownword import Grid, Para, Words, blocks, cell_props, coverage_line, heading_goal, is_header, section_of
from .tables import REVISION

_KEYWORD = {GoalKind.AREA: "Målområde", GoalKind.GOAL: "Mål", GoalKind.SUBGOAL: "Delmål"}
_PREFIX = {GoalKind.AREA: "o", GoalKind.GOAL: "m", GoalKind.SUBGOAL: "d"}
_ID = re.compile(r"^(?:[A-ZÆØÅ]{0,3}\d+(?:\.[0-9A-Za-zÆØÅæøå]+)*[a-zæøå]?\)?|[a-zæøå]\))$", re.IGNORECASE)
_COUNTS = re.compile(r"^\d+ [^,]+, \d+ [^,]+, \d+ [^,]+, \d+ [^,]+$")
_WHOLLY_STRUCK = re.compile(r"~~[^~]+~~")
_BLOCK_START = re.compile(r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|\||={3,}\s*$|-{3,}\s*$)")


@dataclass
class _Goal:
    id: str
    level: int
    measures: int = 0
    goals: int = 0


@dataclass
class ReadBack:
    meta: dict[str, Any]
    title: str | None
    body: str  # the plan's Markdown after the front matter
    lines: list[Line]  # the document's text in the order the plan has it: for the «nothing lost» check
    removed: int  # lines the export itself wrote (the line of counts, column headers, the footer)
    unknown_facts: list[str] = field(default_factory=list)
    revisions: list[tuple[str, str, int]] = field(default_factory=list)  # struck text in a measure: (id, mark, where)


def read_back(document: Any, w: Words) -> ReadBack:
    return _Reader(w).run(blocks(document))


def _role_heading(level: Level) -> str:
    possessive = next((f for f in LEVEL_FORMS.get(level, ()) if f.endswith("as")), level.value)
    return f"{possessive.capitalize()} rolle"


_SECTION_HEADINGS = {Section.TILTAK: "Tiltak", Section.SENTRALE_TILTAK: "Sentrale tiltak",
                     Section.PRIORITERINGER: "Viktige prioriteringer i perioden", Section.DELMAL: "Delmål"}


class _Reader:
    def __init__(self, w: Words):
        self.w = w
        self.meta: dict[str, Any] = {}
        self.title: str | None = None
        self.out: list[str] = []
        self.lines: list[Line] = []
        self.removed = 0
        self.unknown: list[str] = []
        self.revisions: list[tuple[str, str, int]] = []
        self.goals: list[_Goal] = []  # the goals the current heading is in, outermost first
        self.top = 0  # goals at the top
        self.loose = 0  # measures outside any goal
        self.section: tuple[Section, Level | None] | None = None
        self.section_level = 0
        self.statuses: list[tuple[int, int, str, StatusWord, str | None]] = []  # year, where, id, word, note
        self.in_list = False  # the last thing written is a list item: the next one goes in the same list

    def write(self, text: str, item: bool = False) -> None:
        if item and self.in_list:
            self.out[-1] += "\n" + text
        else:
            self.out.append(text)
        self.in_list = item

    def run(self, found: list[Para | Grid]) -> ReadBack:
        facts_done = False
        last = max((n for n, b in enumerate(found) if isinstance(b, Grid) or b.text), default=-1)
        for n, block in enumerate(found):
            if isinstance(block, Grid):
                if not facts_done and not self.goals and self._facts(block):
                    facts_done = True
                else:
                    self._grid(block)
            elif block.level:
                self._heading(block)
            elif block.text:
                self._paragraph(block, n == last)
        self._write_statuses()
        body = "\n\n".join(self.out).rstrip("\n") + "\n"
        return ReadBack(self.meta, self.title, body, self.lines, self.removed, self.unknown, self.revisions)

    # -- the facts table ----------------------------------------------------------------------------------
    def _facts(self, grid: Grid) -> bool:
        rows = [(cells[0].strip(), "\n".join(cells[1:]).strip(), where) for cells, where in grid.rows if cells]
        if not rows or not any(label.lower() in self.w.facts for label, _v, _where in rows):
            return False
        for label, value, where in rows:
            key = self.w.facts.get(label.lower())
            if key is None or not self._fact(key, value):
                self.unknown.append(f"{label}: {value}")
                self._text(f"{label}: {value}", where)
        return True

    def _fact(self, key: str, value: str) -> bool:
        if key == "periode":
            period = parse_period(value)
            if period is None:
                return False
            self.meta[key] = period.first if period.first == period.last else f"{period.first}–{period.last}"
        elif key == "overordnet":
            self.meta[key] = [p.strip() for p in value.split(",") if p.strip()]
        elif key == "vedtatt":
            when, body, _note = _dated(value, with_note=False)
            self.meta[key] = {k: v for k, v in (("dato", when), ("av", body)) if v is not None}
        elif key == "revisjoner":
            when, body, note = _dated(value, with_note=True)
            revision = {k: v for k, v in (("dato", when), ("av", body), ("merknad", note)) if v is not None}
            self.meta.setdefault(key, []).append(revision)
        elif value:
            self.meta[key] = value
        return True

    # -- headings -----------------------------------------------------------------------------------------
    def _heading(self, p: Para) -> None:
        text = _flat(p.text)
        if p.level == 1 and self.title is None and not self.goals:
            self.title = text
            self.write(f"# {text}")
            self.lines.append(Line(text, p.where))
            return
        level = min(p.level, 6)
        while self.goals and self.goals[-1].level >= level:
            self.goals.pop()
        if self.section is not None and self.section_level >= level:
            self.section = None
        section = section_of(text, self.w)
        if text.lower() in self.w.loose:
            section = (Section.TILTAK, None)
        if section is not None:
            self.section, self.section_level = section, level
            kind, role = section
            self.write("#" * level + " " + (_role_heading(role) if role else _SECTION_HEADINGS.get(kind, "Tiltak")))
            return
        goal = heading_goal(text, self.w)
        if goal is None:
            self.section = None
            self.write("#" * level + " " + _escape(text))
            self.lines.append(Line(text, p.where))
            return
        kind, gid, title = goal
        parent = self.goals[-1] if self.goals else None
        if parent is not None:
            parent.goals += 1
        else:
            self.top += 1
        derived = _derived(parent.id if parent else None, _PREFIX[kind], parent.goals if parent else self.top)
        written = "" if gid == derived else gid
        self.write("#" * level + f" {_KEYWORD[kind]}{' ' + written if written else ''}: {title}")
        self.lines.append(coverage_line([written, title], p.where))
        self.goals.append(_Goal(gid, level))
        self.section = None

    # -- paragraphs ---------------------------------------------------------------------------------------
    def _paragraph(self, p: Para, last: bool) -> None:
        lowered = p.text.lower()
        if not self.goals and self.section is None and _COUNTS.match(_flat(p.text)):
            self.removed += 1  # «0 målområder, 6 mål, 28 delmål, 47 tiltak»
            return
        if last and any(lowered.startswith(m + " · ") for m in self.w.made_by):
            self.removed += 1  # «Laget med arbeidsplan · plans/…/2024-2027.md»
            return
        if self.section is not None and self.section[0] in (Section.DELMAL, Section.PRIORITERINGER) and p.bullet:
            self._listed(p)
            return
        if self.goals and self.section is None and not p.bullet:
            props = cell_props("\n" + p.text, self.w)  # «Svarer på: 1» under a goal's heading
            if props.links and not props.text and not props.statuses and props.addressed is None:
                self.write("Svarer på: " + ", ".join(props.links))
                self.lines.append(coverage_line(props.links, p.where))
                return
        text = _flat(p.marked or p.text)  # a description's **bold** and *italic* as the plan had them
        self.write(("- " + text) if p.bullet else _escape(text), item=p.bullet)
        self.lines.append(Line(text, p.where))

    def _listed(self, p: Para) -> None:
        """A sub-goal or priority in a list: «a) Øke andelen aktive medlemmer», then its property lines."""
        props = cell_props(p.text, self.w)
        marked = cell_props(p.marked or p.text, self.w).text  # the title's **bold** and *italic*
        label, _, title = props.text.partition(" ")
        title = marked.partition(" ")[2]  # after the label, which the paper sets in bold
        if not _ID.match(label):
            label, title = "", marked
        parent = self.goals[-1] if self.goals else None
        if parent is not None:
            parent.goals += 1
        full = parent.id + label.rstrip(")") if parent and re.fullmatch(r"[a-zæøå]\)?", label) else label.rstrip(")")
        if label and full == _derived(parent.id if parent else None, "d", parent.goals if parent else 0):
            label = ""
        item = [f"- **{label}** {title}".rstrip() if label else f"- {_escape(title)}"]
        item += _properties(props.links, props.addressed)
        self.write("\n".join(item), item=True)
        self.lines.append(coverage_line([label, title, *props.links], p.where))

    def _text(self, text: str, where: int) -> None:
        self.write(_escape(_flat(text)))
        self.lines.append(Line(text, where))

    # -- tables -------------------------------------------------------------------------------------------
    def _grid(self, grid: Grid) -> None:
        rows = list(grid.rows)
        if not rows or not is_header(rows[0][0], self.w):
            for cells, where in rows:  # a table the board put in: its rows as text, nothing lost
                if any(cells):
                    self._text(" | ".join(_flat(c) for c in cells), where)
            return
        self.removed += 1  # the column headers
        owner = self.goals[-1] if self.goals else None
        if self.section is None and owner is not None:  # a table right under a goal is its measures (as in Markdown)
            self.section = (Section.TILTAK, None)
        role = self.section[1] if self.section else None
        measures = []
        for n, (cells, where) in enumerate(rows[1:], start=1):
            cells = (cells + ["", "", "", ""])[:4] if len(cells) <= 4 else cells[:3] + [" ".join(cells[3:])]
            if is_header(cells, self.w) or not any(c.strip() for c in cells):
                continue  # the header again, or an empty row
            marked = grid.marked[n] if n < len(grid.marked) else []
            # the measure's text with its **bold** and *italic*, as the plan had it
            props = cell_props(marked[1] if len(marked) > 1 else cells[1], self.w)
            if owner is not None:
                owner.measures += 1
            else:
                self.loose += 1
            mid = _flat(cells[0])
            if _WHOLLY_STRUCK.fullmatch(mid):  # a row deleted with tracked changes on: its text shows it struck
                mid = mid[2:-2]
            self.revisions += [(mid, mark.strip(), where) for mark in REVISION.findall(props.text)]
            derived = _derived(owner.id if owner else None, "t", owner.measures if owner else self.loose)
            written = "" if mid == derived else mid
            when, who = _flat(cells[2]), _flat(cells[3])
            addressed = props.addressed if props.addressed != (role.value if role else None) else None
            measures.append((written, props.text, when, who, props.links, addressed))
            self.lines.append(coverage_line([written, props.text, when, who, *props.links], where))
            for year, word, note, _line in props.statuses:
                self.statuses.append((year, where, mid, word, note))
        if measures:
            self.write(_table(measures))

    # -- statuses -----------------------------------------------------------------------------------------
    def _write_statuses(self) -> None:
        nynorsk = self.meta.get("språk", "").lower() in ("nynorsk", "nn")
        for year in sorted({s[0] for s in self.statuses}):
            items = []
            for _year, where, mid, word, note in sorted(s for s in self.statuses if s[0] == year):
                shown = _status_word(word, nynorsk)
                items.append(f"- **{mid}** {shown}" + (f" — {note}" if note else ""))
                self.lines.append(coverage_line([mid, note or ""], where))
            self.write(f"## Status {year}")
            self.write("\n".join(items))


def _status_word(word: StatusWord, nynorsk: bool) -> str:
    if not nynorsk:
        return word.value
    with using("nn"):
        return message(f"word.{word.value}")


def _properties(links: list[str], addressed: str | None) -> list[str]:
    out = [f"  - svarer på: {', '.join(links)}"] if links else []
    return out + ([f"  - til: {addressed}"] if addressed else [])


def _table(measures: list[tuple[str, str, str, str, list[str], str | None]]) -> str:
    links = any(m[4] for m in measures)
    addressed = any(m[5] for m in measures)
    header = ["Nr", "Tiltak", "Når", "Ansvar"] + (["Svarer på"] if links else []) + (["Til"] if addressed else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for mid, text, when, who, linked, to in measures:
        cells = [mid, text, when, who] + ([", ".join(linked)] if links else []) + ([to or ""] if addressed else [])
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def _flat(text: str) -> str:
    """A block's text on one line, as the parser has it (read/lists.py's flat): its lines joined by a space."""
    return " ".join(part for part in (line.strip() for line in text.split("\n")) if part)


def _derived(parent: str | None, prefix: str, n: int) -> str:
    """The id read/drafts.py gives an item without one, at this place."""
    return f"{parent}.{prefix}{n}" if parent else f"{prefix}{n}"


def _escape(text: str) -> str:
    """Text the board wrote that Markdown would read as a heading, list, quote or table: escaped at its start."""
    return "\\" + text if _BLOCK_START.match(text) else text


def _months() -> dict[str, int]:
    out = {}
    for code in LANGUAGES:
        with using(code):
            out.update({name.lower(): n for n, name in enumerate(message("date.months").split(), 1)})
    return out


_DATE = re.compile(r"^(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})")


def _dated(value: str, with_note: bool) -> tuple[date | None, str | None, str | None]:
    """«27. januar 2024, Årsmøtet i Eksempelby SV: Tiltak 2.3 strøket» (render/planpaper.py) → date, who, what."""
    when = None
    rest = value.strip()
    m = _DATE.match(rest)
    month = _months().get(m.group("month").lower()) if m else None
    if m and month:
        try:
            when = date(int(m.group("year")), month, int(m.group("day")))
            rest = rest[m.end():]
        except ValueError:
            when = None
    rest = rest.removeprefix(",").strip() if when is not None else rest
    note = None
    if with_note:
        if rest.startswith(":"):
            rest, note = "", rest[1:].strip()
        elif ": " in rest:
            rest, _, note = rest.partition(": ")
    return when, rest.strip() or None, (note or "").strip() or None

