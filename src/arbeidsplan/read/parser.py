"""Markdown text → plan tree. See docs/format.md for the format this reads.

The markdown-it token stream is walked once, top to bottom. Headings open goal areas, goals, sub-goals and
sections; lists and tables inside sections become measures, sub-goals or status lines. Problems in the text
come back as diagnostics next to the tree; nothing here raises for a problem in the user's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..diagnostics import Diagnostic, finding
from .frontmatter import parse_front_matter
from ..messages import message, message_n
from ..model import Goal, GoalKind, Level, Measure, Plan, PlanMeta, Section, Span, StatusEntry
from .source import SourceText
from .timing import parse_timing
from ..vocabulary import (attribute_kind, classify_section, column_kind, known_status_words, level_word,
                         match_status)

ID = r"(?:[A-ZÆØÅ]{0,3}\d+(?:\.[0-9A-Za-zÆØÅæøå]+)*[a-zæøå]?\)?|[a-zæøå]\)|[a-zæøå](?=[:.]))"
_GOAL_HEADING = re.compile(
    r"^(?P<kw>målområde|hovedområde|hovudområde|område|hovedmål|hovudmål|mål|delmål)"
    r"(?:\s+(?P<id>" + ID + r"))?\s*(?P<sep>[:.–—-])?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_KIND = {
    "målområde": GoalKind.AREA, "hovedområde": GoalKind.AREA, "hovudområde": GoalKind.AREA,
    "område": GoalKind.AREA, "hovedmål": GoalKind.GOAL, "hovudmål": GoalKind.GOAL, "mål": GoalKind.GOAL,
    "delmål": GoalKind.SUBGOAL,
}
_BOLD_ID = re.compile(r"^\*\*(?P<id>[^*\s]+?)\*\*[:.]?(?:\s+(?P<rest>.*))?$", re.DOTALL)
_ATTRIBUTE = re.compile(r"^(?P<key>[^:]{1,30}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
_RELATIVE_LABEL = re.compile(r"^([a-zæøå])\)?$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line break inside a table cell, as git hosts render it
_NOTE_SEPARATOR = re.compile(r"^\s*(?:[—–:]|-(?=\s)|,)\s*")

MAX_NESTING = 100  # markdown-it drops blocks nested deeper than this; we say so (AP210) instead of losing them
_MD = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table").use(front_matter_plugin)
# The parser reads each inline token's raw `content` (ids, text, «nøkkel: verdi»), never its parsed children,
# so markdown-it's inline pass (emphasis, links …) is skipped: a third of the parse time on a whole party.
_MD.disable(["inline", "text_join"])


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


@dataclass
class _MeasureB:
    id: str | None
    text: str
    span: Span
    timing: str | None = None
    responsible: str | None = None
    links: list[str] = field(default_factory=list)
    addressed_to: Level | None = None
    section: Section = Section.TILTAK
    in_table: bool = False


@dataclass
class _GoalB:
    kind: GoalKind
    id: str | None
    title: str
    span: Span
    heading_level: int = 0
    label: str | None = None
    section: Section = Section.OVERSKRIFT
    description: list[str] = field(default_factory=list)
    goals: list[_GoalB] = field(default_factory=list)
    measures: list[_MeasureB] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    addressed_to: Level | None = None


@dataclass
class _Context:
    """What the text under the current heading belongs to."""

    level: int
    goal: _GoalB | None  # None: the plan itself
    section: Section | None = None
    addressed_to: Level | None = None
    status_year: int | None = None
    heading: str | None = None
    span: Span | None = None
    has_content: bool = False


class _Parser:
    def __init__(self, source: SourceText):
        self.path = source.path
        self.text = source.text
        self.lines = source.text.split("\n")
        self.diags: list[Diagnostic] = []
        self.title: str | None = None
        self.meta = PlanMeta(span=Span(self.path, 1))
        self.top: list[_GoalB] = []
        self.loose: list[_MeasureB] = []
        self.statuses: list[tuple[str, StatusEntry]] = []
        self.stack: list[_Context] = [_Context(level=0, goal=None)]
        self.saw_front_matter = False

    # -- helpers ------------------------------------------------------------------------------------------
    def span(self, token: Token, col: int = 1) -> Span:
        return Span(self.path, (token.map[0] + 1) if token.map else 0, col)

    def col_of(self, line: int, needle: str) -> int:
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        at = raw.find(needle)
        return at + 1 if at >= 0 else 1

    @property
    def ctx(self) -> _Context:
        return self.stack[-1]

    def enclosing_goal(self) -> _GoalB | None:
        for ctx in reversed(self.stack):
            if ctx.goal is not None:
                return ctx.goal
        return None

    def close_to(self, level: int) -> None:
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.finish(self.stack.pop())

    def finish(self, ctx: _Context) -> None:
        if ctx.has_content or ctx.span is None:
            return
        if ctx.goal is not None and ctx.section is None and ctx.status_year is None:
            goal = ctx.goal
            if goal.description or goal.goals or goal.measures:
                return
        self.diags.append(finding("AP203", ctx.span, title=ctx.heading or ""))

    def mark_content(self) -> None:
        for ctx in self.stack[1:]:
            ctx.has_content = True

    # -- walk -----------------------------------------------------------------------------------------------
    def run(self) -> Plan:
        tokens = _MD.parse(self.text)
        self.check_unclosed_front_matter(tokens)
        too_deep = next((t for t in tokens if t.level >= MAX_NESTING - 2 and t.map), None)
        if too_deep is not None:
            self.diags.append(finding("AP210", self.span(too_deep), depth=MAX_NESTING))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "front_matter":
                self.front_matter(tok)
                i += 1
            elif tok.type == "heading_open":
                self.heading(tok, tokens[i + 1])
                i += 3
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                end = self.matching(tokens, i)
                self.list_block(tokens[i:end + 1])
                i = end + 1
            elif tok.type == "table_open":
                end = self.matching(tokens, i)
                self.table(tokens[i:end + 1])
                i = end + 1
            elif tok.type == "paragraph_open":
                self.paragraph(tokens[i + 1])
                i += 3
            else:
                if tok.map and tok.nesting >= 0 and tok.type not in ("hr",):
                    self.mark_content()
                i += 1
        self.close_to(1)
        if not self.saw_front_matter:
            self.diags.append(finding("AP102", Span(self.path, 1)))
        return self.freeze()

    @staticmethod
    def matching(tokens: list[Token], start: int) -> int:
        depth = 0
        for j in range(start, len(tokens)):
            depth += tokens[j].nesting
            if depth == 0:
                return j
        return len(tokens) - 1

    def check_unclosed_front_matter(self, tokens: list[Token]) -> None:
        if self.lines and self.lines[0].rstrip() == "---" and not any(t.type == "front_matter" for t in tokens):
            self.saw_front_matter = True
            self.diags.append(
                finding("AP103", Span(self.path, 1), reason=message("reason.unclosed_front_matter"))
            )

    def front_matter(self, tok: Token) -> None:
        self.saw_front_matter = True
        first_line = (tok.map[0] + 2) if tok.map else 2
        self.meta, diags = parse_front_matter(tok.content, Span(self.path, first_line))
        if tok.map and tok.map[0] == 0:
            self.meta = PlanMeta(**{**self.meta.__dict__, "span": Span(self.path, 1)})
        self.diags.extend(diags)

    # -- headings -------------------------------------------------------------------------------------------
    def heading(self, open_tok: Token, inline: Token) -> None:
        level = int(open_tok.tag[1])
        title = _flat(inline.content)
        span = self.span(open_tok, col=1)
        self.close_to(level)
        self.mark_content()

        section, addressed, status_year = classify_section(title)
        if section is not None or status_year is not None:
            self.stack.append(_Context(level, None, section=section, addressed_to=addressed,
                                       status_year=status_year, heading=title, span=span))
            return

        m = _GOAL_HEADING.match(title)
        if m and (m.group("id") or m.group("sep")):
            self.goal_heading(level, m, span, title)
            return

        if level == 1 and self.title is None and not self.top:
            self.title = title
            return
        self.stack.append(_Context(level, None, heading=title, span=span))

    def goal_heading(self, level: int, m: re.Match[str], span: Span, heading: str) -> None:
        kind = _KIND[m.group("kw").lower()]
        parent = self.enclosing_goal()
        raw_id = m.group("id")
        goal = _GoalB(kind=kind, id=None, title=m.group("title").strip() or heading, span=span,
                      heading_level=level, label=raw_id)
        goal.id = self.full_id(raw_id, parent)

        reason = None
        if kind is GoalKind.AREA and parent is not None:
            reason = message("reason.area_nested")
        elif kind is GoalKind.GOAL and parent is not None and parent.kind is GoalKind.SUBGOAL:
            reason = message("reason.goal_in_subgoal")
        elif kind is GoalKind.SUBGOAL and parent is None:
            reason = message("reason.subgoal_outside")
        if reason:
            self.diags.append(finding("AP207", span, kind=message(f"kind.{kind.value}"), title=goal.title,
                                      reason=reason))
        (parent.goals if parent is not None else self.top).append(goal)
        self.stack.append(_Context(level, goal, heading=heading, span=span))

    @staticmethod
    def full_id(raw: str | None, parent: _GoalB | None) -> str | None:
        if raw is None:
            return None
        m = _RELATIVE_LABEL.match(raw)
        if m and parent is not None and parent.id:
            return parent.id + m.group(1)
        return raw.rstrip(")") if m else raw

    # -- paragraphs -----------------------------------------------------------------------------------------
    def paragraph(self, inline: Token) -> None:
        self.mark_content()
        ctx = self.ctx
        if ctx.goal is not None and ctx.section is None:
            text = _flat(inline.content)
            m = _ATTRIBUTE.match(text)
            if m and attribute_kind(m.group("key")) == "links":  # «Svarer på: 1.F2» under a goal heading
                ctx.goal.links.extend(split_links(m.group("value")))
            else:
                ctx.goal.description.append(text)

    # -- lists ----------------------------------------------------------------------------------------------
    def items(self, tokens: list[Token]) -> list[tuple[Token, str, list[tuple[Token, str]]]]:
        """Top-level items of a list: (item token, first paragraph text, [(sub-item token, text)]).

        Extra paragraphs of an item are joined to its text; items of deeper lists are flattened into the
        sub-items so that nothing below a measure is lost.
        """
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
                    current[1].append(_flat(tok.content))
                else:
                    current[2][-1][1].append(_flat(tok.content))
        return [(item, " ".join(texts).strip(), [(t, " ".join(x).strip()) for t, x in subs])
                for item, texts, subs in out]

    def list_block(self, tokens: list[Token]) -> None:
        self.mark_content()
        ctx = self.ctx
        if ctx.status_year is not None:
            for item, text, subs in self.items(tokens):
                self.status_line(item, text, subs, ctx.status_year)
            return
        if ctx.section in (Section.PRIORITERINGER, Section.DELMAL):
            for item, text, subs in self.items(tokens):
                self.subgoal_item(item, text, subs, ctx)
            return
        if ctx.section is not None:
            for item, text, subs in self.items(tokens):
                self.measure_item(item, text, subs, ctx)
            return
        for item, text, subs in self.items(tokens):
            if _BOLD_ID.match(text):
                # Looks like a measure or a status, but this is no measure or status section: say so.
                span = self.span(item, self.col_of(self.span(item).line, text[:10]))
                heading = ctx.heading or (ctx.goal.title if ctx.goal else "")
                self.diags.append(finding("AP211", span, text=text[:60], heading=heading))
            if ctx.goal is not None:
                ctx.goal.description.append("• " + " ".join([text] + [t for _, t in subs]))

    def split_id(self, text: str) -> tuple[str | None, str]:
        m = _BOLD_ID.match(text)
        if not m:
            return None, text
        return m.group("id"), (m.group("rest") or "").strip()

    def attributes(self, subs: list[tuple[Token, str]], owner_id: str, target: _MeasureB | _GoalB) -> None:
        for tok, text in subs:
            m = _ATTRIBUTE.match(text)
            kind = attribute_kind(m.group("key")) if m else None
            value = m.group("value").strip() if m else ""
            if kind == "timing" and isinstance(target, _MeasureB):
                target.timing = value
            elif kind == "responsible" and isinstance(target, _MeasureB):
                target.responsible = value
            elif kind == "links":
                target.links.extend(split_links(value))
            elif kind == "addressed" and level_word(value):
                target.addressed_to = level_word(value)
            else:
                span = self.span(tok, self.col_of(self.span(tok).line, text[:10]))
                self.diags.append(finding("AP205", span, id=owner_id, text=text))
                if isinstance(target, _MeasureB):
                    target.text = (target.text + " " + text).strip()
                else:
                    target.description.append(text)

    def measure_item(self, item: Token, text: str, subs: list[tuple[Token, str]], ctx: _Context) -> None:
        raw_id, body = self.split_id(text)
        span = self.span(item, self.col_of(self.span(item).line, text[:10]))
        measure = _MeasureB(id=raw_id, text=body, span=span, addressed_to=ctx.addressed_to,
                            section=ctx.section or Section.TILTAK)
        self.attributes(subs, raw_id or body[:30], measure)
        self.add_measure(measure)

    def subgoal_item(self, item: Token, text: str, subs: list[tuple[Token, str]], ctx: _Context) -> None:
        raw_id, body = self.split_id(text)
        parent = self.enclosing_goal()
        span = self.span(item, self.col_of(self.span(item).line, text[:10]))
        goal = _GoalB(kind=GoalKind.SUBGOAL, id=self.full_id(raw_id, parent), title=body, span=span,
                      label=raw_id, section=ctx.section or Section.DELMAL)
        self.attributes(subs, raw_id or body[:30], goal)
        if parent is None:
            self.diags.append(finding("AP207", span, kind=message("kind.delmål"), title=body,
                                      reason=message("reason.subgoal_outside")))
            self.top.append(goal)
        else:
            parent.goals.append(goal)

    def add_measure(self, measure: _MeasureB) -> None:
        if not measure.text.strip():
            self.diags.append(finding("AP208", measure.span, id=measure.id or "?"))
        goal = self.enclosing_goal()
        (goal.measures if goal is not None else self.loose).append(measure)

    def status_line(self, item: Token, text: str, subs: list[tuple[Token, str]], year: int) -> None:
        span = self.span(item, self.col_of(self.span(item).line, text[:10]))
        raw_id, body = self.split_id(" ".join([text] + [t for _, t in subs]))
        if raw_id is None:
            self.diags.append(finding("AP405", span, text=text))
            return
        word, rest = match_status(body)
        if word is None:
            shown = re.split(r"\s[—–-]\s|:|,", body, maxsplit=1)[0].strip() or body
            self.diags.append(finding("AP401", span, word=shown, known=known_status_words()))
            return
        note = _NOTE_SEPARATOR.sub("", rest, count=1).strip() or None
        self.statuses.append((raw_id, StatusEntry(year=year, word=word, note=note, span=span)))

    # -- tables ---------------------------------------------------------------------------------------------
    def table(self, tokens: list[Token]) -> None:
        self.mark_content()
        header: list[str] = []
        rows: list[tuple[Token, list[str]]] = []
        in_head = False
        row_tok: Token | None = None
        cells: list[str] = []
        for tok in tokens:
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                row_tok, cells = tok, []
            elif tok.type == "inline":
                cells.append(_flat(_BR.sub("\n", tok.content)))
            elif tok.type == "tr_close":
                if in_head:
                    header = cells
                else:
                    rows.append((row_tok, cells))  # type: ignore[arg-type]
        kinds = [column_kind(h) for h in header]
        table_span = self.span(tokens[0])
        if "text" not in kinds:
            if self.ctx.section is not None and self.ctx.section not in (Section.PRIORITERINGER, Section.DELMAL):
                reason = message("reason.no_measure_column", columns=", ".join(f"«{h}»" for h in header))
                self.diags.append(finding("AP204", table_span, reason=reason))
            elif self.ctx.goal is not None:
                self.ctx.goal.description.append(" | ".join(header))
            return
        for row_tok, cells in rows:
            line = self.span(row_tok).line
            raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            found = raw_cell_count(raw)
            span = Span(self.path, line, 1)
            if found < len(header):
                reason = message_n("reason.missing_cells", found, found=found, expected=len(header))
                self.diags.append(finding("AP204", span, reason=reason))
            values: dict[str, str] = {}
            extra: list[str] = []
            for kind, head, cell in zip(kinds, header, cells, strict=False):
                if kind == "other":
                    if cell:
                        extra.append(f"({head}: {cell})")
                else:
                    values[kind] = cell
            text = " ".join([values.get("text", "")] + extra).strip()
            measure = _MeasureB(
                id=values.get("id") or None,
                text=text,
                span=span,
                timing=values.get("timing") or None,
                responsible=values.get("responsible") or None,
                links=split_links(values.get("links", "")),
                addressed_to=level_word(values["addressed"]) if values.get("addressed") else self.ctx.addressed_to,
                section=self.ctx.section or Section.TILTAK,
                in_table=True,
            )
            self.add_measure(measure)

    # -- freezing -------------------------------------------------------------------------------------------
    def freeze(self) -> Plan:
        def freeze_measure(m: _MeasureB, parent_id: str | None, n: int) -> Measure:
            explicit = m.id is not None
            mid = m.id if explicit else (f"{parent_id}.t{n}" if parent_id else f"t{n}")
            return Measure(
                id=mid, text=m.text, span=m.span, explicit_id=explicit,
                timing_text=m.timing, timing=parse_timing(m.timing) if m.timing else None,
                responsible=m.responsible, links=tuple(m.links), addressed_to=m.addressed_to,
                section=m.section, in_table=m.in_table,
                statuses=tuple(sorted((e for i, e in self.statuses if i == mid), key=lambda e: e.year)),
            )

        def freeze_goal(g: _GoalB, parent_id: str | None, n: int) -> Goal:
            explicit = g.id is not None
            prefix = {"område": "o", "mål": "m", "delmål": "d"}[g.kind.value]
            gid = g.id if explicit else (f"{parent_id}.{prefix}{n}" if parent_id else f"{prefix}{n}")
            return Goal(
                kind=g.kind, id=gid, title=g.title, span=g.span, explicit_id=explicit, label=g.label,
                description="\n\n".join(g.description), section=g.section,
                goals=tuple(freeze_goal(c, gid, i) for i, c in enumerate(g.goals, 1)),
                measures=tuple(freeze_measure(m, gid, i) for i, m in enumerate(g.measures, 1)),
                links=tuple(g.links), addressed_to=g.addressed_to,
            )

        goals = tuple(freeze_goal(g, None, i) for i, g in enumerate(self.top, 1))
        loose = tuple(freeze_measure(m, None, i) for i, m in enumerate(self.loose, 1))
        plan = Plan(path=self.path, meta=self.meta, title=self.title, goals=goals, loose_measures=loose,
                    text=self.text)
        known = {m.id for m in plan.measures()}
        orphans = tuple((i, e) for i, e in self.statuses if i not in known)
        if orphans:
            plan = Plan(**{**plan.__dict__, "orphan_statuses": orphans})
        return plan


def split_links(value: str) -> list[str]:
    return [part for part in re.split(r"[,;\s]+|\s+og\s+", value.strip()) if part and part.lower() != "og"]


def raw_cell_count(line: str) -> int:
    """Cells on a raw Markdown table line, counting escaped pipes as text."""
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return len(re.split(r"(?<!\\)\|", stripped))


def parse_plan(source: SourceText) -> tuple[Plan, list[Diagnostic]]:
    """Parse one plan's text. Returns the tree and the findings from reading it; never raises."""
    parser = _Parser(source)
    plan = parser.run()
    return plan, parser.diags
