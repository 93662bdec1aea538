"""Markdown text → plan tree. See docs/format.md for the format this reads.

The markdown-it token stream is walked once, top to bottom. Headings open goal areas, goals, sub-goals and
sections; lists and tables inside sections become measures, sub-goals or status lines. Problems in the text
come back as diagnostics next to the tree; nothing here raises for a problem in the user's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..diagnostics import Diagnostic, finding
from ..messages import message
from ..model import GoalKind, Level, Plan, PlanMeta, Section, Span, StatusEntry
from ..vocabulary import (attribute_kind, classify_section, known_status_words, level_word, match_status,
                          status_meant)
from .drafts import GoalDraft, MeasureDraft, freeze
from .frontmatter import parse_front_matter
from .lists import flat, list_items
from .source import SourceText
from .tables import measure_from_row, measure_header_as_text, raw_cell_count, read_table, split_links
from .tokens import MAX_NESTING, block_tokens, plan_tokens, too_deep
from .versions import Versions

if TYPE_CHECKING:  # markdown-it-py's tokens, or read/tokens.py's BlockToken with the same attributes
    from markdown_it.token import Token

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
_NOTE_SEPARATOR = re.compile(r"^\s*(?:[—–:]|-(?=\s)|,)\s*")
_BLOCKS = ("bullet_list_open", "ordered_list_open", "table_open", "list", "table")  # "list", "table": plan_tokens
_TABLES = ("table_open", "table")


# The block tokens (read/tokens.py: markdown-it-py's, or the Rust parser's where it gives the same) are also
# what a writer reads to place an edit where the reader sees it: `block_tokens` is imported from here. The parser
# itself reads plan_tokens: the same, but a top-level list or table from the Rust parser is one token that holds
# what lists.list_items and tables.read_table read from its tokens.
__all__ = ["MAX_NESTING", "block_tokens", "parse_plan"]


@dataclass
class _Context:
    """What the text under the current heading belongs to."""

    level: int
    goal: GoalDraft | None  # None: the plan itself
    section: Section | None = None
    addressed_to: Level | None = None
    status_year: int | None = None
    heading: str | None = None
    span: Span | None = None
    has_content: bool = False


class _Parser:
    def __init__(self, source: SourceText, tokenise: Callable[[str], list[Any]] = plan_tokens):
        self.tokenise = tokenise
        self.versions = tokenise if isinstance(tokenise, Versions) else None  # what earlier versions read
        self.path = source.path
        self.text = source.text
        self.lines = source.text.split("\n")
        self.diags: list[Diagnostic] = []
        self.title: str | None = None
        self.meta = PlanMeta(span=Span(self.path, 1))
        self.top: list[GoalDraft] = []
        self.loose: list[MeasureDraft] = []
        self.statuses: list[tuple[str, StatusEntry]] = []
        self.stack: list[_Context] = [_Context(level=0, goal=None)]
        self.saw_front_matter = False

    # -- helpers ------------------------------------------------------------------------------------------
    def span(self, token: Token, col: int = 1) -> Span:
        return Span(self.path, (token.map[0] + 1) if token.map else 0, col)

    def text_span(self, token: Token, text: str) -> Span:
        """Where a list item's text starts: its line, and the column its first characters are found at (col_of,
        inline: a whole party has 30,000 items)."""
        line = (token.map[0] + 1) if token.map else 0
        at = (self.lines[line - 1] if 0 < line <= len(self.lines) else "").find(text[:10])
        return Span(self.path, line, at + 1 if at >= 0 else 1)

    def col_of(self, line: int, needle: str) -> int:
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        at = raw.find(needle)
        return at + 1 if at >= 0 else 1

    @property
    def ctx(self) -> _Context:
        return self.stack[-1]

    def enclosing_goal(self) -> GoalDraft | None:
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
        if self.stack[-1].has_content:  # marked before, and so (pushed since) every heading below it
            return
        for ctx in self.stack[1:]:
            ctx.has_content = True

    # -- walk -----------------------------------------------------------------------------------------------
    def run(self) -> Plan:
        tokens = self.tokenise(self.text)
        self.check_unclosed_front_matter(tokens)
        deep = self.versions.tokenise.deep if self.versions is not None else too_deep(tokens)
        if deep is not None:
            self.diags.append(finding("AP210", self.span(deep), depth=MAX_NESTING))
        i = self.after_misplaced_front_matter(tokens)
        # history: begin where this version parts from the last (read/versions.py), keep where the walk stood
        i, mark = self.versions.resume(self, i) if self.versions is not None else (i, len(tokens))
        while i < len(tokens):
            if i >= mark:
                mark = self.versions.mark(self, i)  # type: ignore[union-attr]
            tok = tokens[i]
            if tok.type == "paragraph_open":  # the most common, first
                self.paragraph(tokens[i + 1])
                i += 3
            elif tok.type == "front_matter":
                self.front_matter(tok)
                i += 1
            elif tok.type == "heading_open":
                self.heading(tok, tokens[i + 1])
                i += 3
            elif tok.type in _BLOCKS:
                i = self.versions.block(self, tokens, i) if self.versions is not None else self.read_block(tokens, i)
            else:
                if tok.map and tok.nesting >= 0 and tok.type not in ("hr",):
                    self.mark_content()
                i += 1
        self.close_to(1)
        if not self.saw_front_matter:
            self.diags.append(finding("AP102", Span(self.path, 1)))
        return freeze(self.path, self.text, self.meta, self.title, self.top, self.loose, self.statuses,
                      self.versions.kept if self.versions is not None else None)

    def read_block(self, tokens: list[Token], i: int) -> int:
        """The list or table that opens at tokens[i]; the index after it."""
        end = self.matching(tokens, i)
        (self.table if tokens[i].type in _TABLES else self.list_block)(tokens[i:end + 1])
        return end + 1

    def appended_to(self, goal: GoalDraft | None) -> list[list[Any]]:
        """Every list that reading a list or table under `goal` (the enclosing goal) may append to, and nothing
        else does it change but the headings' `has_content` (mark_content): read/versions.py appends again what
        one reading appended."""
        if goal is None:
            return [self.diags, self.statuses, self.loose, self.top, [], []]
        return [self.diags, self.statuses, goal.measures, goal.goals, goal.description, goal.links]

    @staticmethod
    def matching(tokens: list[Token], start: int) -> int:
        depth = 0
        for j in range(start, len(tokens)):
            depth += tokens[j].nesting
            if depth == 0:
                return j
        return len(tokens) - 1

    def after_misplaced_front_matter(self, tokens: list[Token]) -> int:
        """Front matter with blank lines above it is not front matter (AP102, as a git host shows it), and
        markdown-it reads it as a rule and a heading: the tokens to skip so that it is not read as plan text."""
        first = next((n for n, line in enumerate(self.lines) if line.strip()), None)
        if first is None or first == 0 or self.lines[first].rstrip() != "---":
            return 0
        end = next((n for n in range(first + 1, len(self.lines)) if self.lines[n].rstrip() == "---"), None)
        if end is None:
            return 0
        return next((k for k, t in enumerate(tokens) if t.map and t.level == 0 and t.map[0] > end), len(tokens))

    def check_unclosed_front_matter(self, tokens: list[Token]) -> None:
        if self.lines and self.lines[0].rstrip() == "---" and not any(t.type == "front_matter" for t in tokens):
            self.saw_front_matter = True
            self.diags.append(
                finding("AP103", Span(self.path, 1), reason=message("reason.unclosed_front_matter"))
            )

    def front_matter(self, tok: Token) -> None:
        self.saw_front_matter = True
        first_line = (tok.map[0] + 2) if tok.map else 2
        read = self.versions.front_matter if self.versions is not None else parse_front_matter
        self.meta, diags = read(tok.content, Span(self.path, first_line))
        if tok.map and tok.map[0] == 0:
            self.meta = PlanMeta(**{**self.meta.__dict__, "span": Span(self.path, 1)})
        self.diags.extend(diags)

    # -- headings -------------------------------------------------------------------------------------------
    def heading(self, open_tok: Token, inline: Token) -> None:
        level = int(open_tok.tag[1])
        title = flat(inline.content)
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
        goal = GoalDraft(kind=kind, id=None, title=m.group("title").strip() or heading, span=span,
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
    def full_id(raw: str | None, parent: GoalDraft | None) -> str | None:
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
        first = inline.content.partition("\n")[0]
        if measure_header_as_text(first):  # else its rows are only text, and `check` would say nothing
            self.diags.append(finding("AP215", Span(self.path, (inline.map[0] + 1) if inline.map else 0, 1),
                                      text=first.strip()[:60]))
        if ctx.goal is not None and ctx.section is None:
            text = flat(inline.content)
            m = _ATTRIBUTE.match(text)
            if m and attribute_kind(m.group("key")) == "links":  # «Svarer på: 1.F2» under a goal heading
                ctx.goal.links.extend(split_links(m.group("value")))
            else:
                ctx.goal.description.append(text)

    # -- lists ----------------------------------------------------------------------------------------------
    def list_block(self, tokens: list[Token]) -> None:
        self.mark_content()
        ctx = self.ctx
        if ctx.status_year is not None:
            for item, text, subs in list_items(tokens):
                self.status_line(item, text, subs, ctx.status_year)
            return
        if ctx.section in (Section.PRIORITERINGER, Section.DELMAL):
            for item, text, subs in list_items(tokens):
                self.subgoal_item(item, text, subs, ctx)
            return
        if ctx.section is not None:
            for item, text, subs in list_items(tokens):
                self.measure_item(item, text, subs, ctx)
            return
        for item, text, subs in list_items(tokens):
            if _BOLD_ID.match(text):
                # Looks like a measure or a status, but this is no measure or status section: say so.
                span = self.text_span(item, text)
                heading = ctx.heading or (ctx.goal.title if ctx.goal else "")
                self.diags.append(finding("AP211", span, text=text[:60], heading=heading))
            if ctx.goal is not None:
                ctx.goal.description.append("• " + " ".join([text] + [t for _, t in subs]))

    def split_id(self, text: str) -> tuple[str | None, str]:
        m = _BOLD_ID.match(text)
        if not m:
            return None, text
        return m.group("id"), (m.group("rest") or "").strip()

    def attributes(self, subs: list[tuple[Token, str]], owner_id: str, target: MeasureDraft | GoalDraft) -> None:
        for tok, text in subs:
            m = _ATTRIBUTE.match(text)
            kind = attribute_kind(m.group("key")) if m else None
            value = m.group("value").strip() if m else ""
            if kind == "timing" and isinstance(target, MeasureDraft):
                target.timing = value
            elif kind == "responsible" and isinstance(target, MeasureDraft):
                target.responsible = value
            elif kind == "links":
                target.links.extend(split_links(value))
            elif kind == "addressed" and level_word(value):
                target.addressed_to = level_word(value)
            else:
                span = self.text_span(tok, text)
                self.diags.append(finding("AP205", span, id=owner_id, text=text))
                if isinstance(target, MeasureDraft):
                    target.text = (target.text + " " + text).strip()
                else:
                    target.description.append(text)

    def measure_item(self, item: Token, text: str, subs: list[tuple[Token, str]], ctx: _Context) -> None:
        raw_id, body = self.split_id(text)
        span = self.text_span(item, text)
        measure = MeasureDraft(id=raw_id, text=body, span=span, addressed_to=ctx.addressed_to,
                            section=ctx.section or Section.TILTAK)
        self.attributes(subs, raw_id or body[:30], measure)
        self.add_measure(measure)

    def subgoal_item(self, item: Token, text: str, subs: list[tuple[Token, str]], ctx: _Context) -> None:
        raw_id, body = self.split_id(text)
        parent = self.enclosing_goal()
        span = self.text_span(item, text)
        goal = GoalDraft(kind=GoalKind.SUBGOAL, id=self.full_id(raw_id, parent), title=body, span=span,
                      label=raw_id, section=ctx.section or Section.DELMAL)
        self.attributes(subs, raw_id or body[:30], goal)
        if parent is None:
            self.diags.append(finding("AP207", span, kind=message("kind.delmål"), title=body,
                                      reason=message("reason.subgoal_outside")))
            self.top.append(goal)
        else:
            parent.goals.append(goal)

    def add_measure(self, measure: MeasureDraft) -> None:
        if not measure.text.strip():
            self.diags.append(finding("AP208", measure.span, id=measure.id or "?"))
        goal = self.enclosing_goal()
        (goal.measures if goal is not None else self.loose).append(measure)

    def status_line(self, item: Token, text: str, subs: list[tuple[Token, str]], year: int) -> None:
        span = self.text_span(item, text)
        m = _BOLD_ID.match(" ".join([text] + [t for _, t in subs]) if subs else text)  # split_id, inline
        if m is None:
            self.diags.append(finding("AP405", span, text=text))
            return
        raw_id, body = m.group("id"), (m.group("rest") or "").strip()
        word, rest = match_status(body)
        if word is None:
            shown = re.split(r"\s[—–-]\s|:|,", body, maxsplit=1)[0].strip() or body
            self.diags.append(finding("AP401", span, word=shown, known=known_status_words(),
                                      suggestion=status_meant(shown)))
            return
        note = (_NOTE_SEPARATOR.sub("", rest, count=1).strip() or None) if rest else None
        self.statuses.append((raw_id, StatusEntry(year, word, note, span)))

    # -- tables ---------------------------------------------------------------------------------------------
    def table(self, tokens: list[Token]) -> None:
        self.mark_content()
        table = read_table(tokens)
        if "text" not in table.kinds:
            if self.ctx.section is not None and self.ctx.section not in (Section.PRIORITERINGER, Section.DELMAL):
                reason = message("reason.no_measure_column", columns=", ".join(f"«{h}»" for h in table.header))
                self.diags.append(finding("AP204", self.span(tokens[0]), reason=reason))
            elif self.ctx.goal is not None:
                self.ctx.goal.description.append(" | ".join(table.header))
            return
        for row_tok, cells in table.rows:
            span = self.span(row_tok)
            line = span.line
            found = raw_cell_count(self.lines[line - 1] if 0 < line <= len(self.lines) else "")
            if found < len(table.header):
                reason = message("reason.missing_cells", n=found, expected=len(table.header))
                self.diags.append(finding("AP204", span, reason=reason))
            self.add_measure(measure_from_row(table, cells, span, self.ctx.section, self.ctx.addressed_to))


def parse_plan(source: SourceText, tokenise: Callable[[str], list[Any]] = plan_tokens,
               ) -> tuple[Plan, list[Diagnostic]]:
    """Parse one plan's text. Returns the tree and the findings from reading it; never raises. `tokenise`: what
    gives the block tokens (another than plan_tokens only where it gives the same: block_tokens, read/chunks.py)."""
    parser = _Parser(source, tokenise)
    plan = parser.run()
    return plan, list(parser.diags)  # (a copy: read/versions.py may take up the parser's lists for the next)
