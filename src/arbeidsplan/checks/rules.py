"""The checks `arbeidsplan check` runs: small functions over one plan and its context, listed in RULES.

A rule yields diagnostics; it never prints. checks/run.py runs them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..align.alignment import Aligner, State, confirm_line, link_key, link_text, why
from ..align.links import link_to, plan_handle, resolve, short_name, split_link
from ..diagnostics import Diagnostic, finding
from ..history.earlier import NOTHING, Earlier, earlier, renumbered
from .lookalike import foreign, hidden, shown, skeleton
from ..messages import message
from ..model import Goal, Level, Measure, Plan, Span
from ..read.workspace import Workspace, path_key
from ..vocabulary import classify_section
from .identity import derived_ids_in_git



@dataclass(frozen=True)
class Context:
    """What a rule may look at besides its plan: the workspace (parents, ancestors), its alignments, and the
    plan's earlier versions in git (asked for only where a rule needs them: history/earlier.py)."""

    ws: Workspace
    aligner: Aligner
    _earlier: dict[str, Earlier] = field(default_factory=dict, compare=False, repr=False)

    def earlier(self, plan: Plan) -> Earlier:
        if plan.path not in self._earlier:
            self._earlier[plan.path] = earlier(plan.path)
        return self._earlier[plan.path]


Rule = Callable[[Plan, Context], Iterable[Diagnostic]]


def loose_measures(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    lines = plan.text.split("\n") if plan.loose_measures else []
    for m in plan.loose_measures:
        heading = _plain_heading_above(lines, m.span.line)
        rest = message("loose.heading", title=heading[1], line=heading[0], goal=heading[2]) if heading else ""
        yield finding("AP201", m.span, id=m.id, rest=rest)


_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def _plain_heading_above(lines: list[str], line: int) -> tuple[int, str, str] | None:
    """For a measure under a «Tiltak» heading that has no goal above it: the heading the section belongs to,
    when it is an ordinary heading below the title («## Fleire aktive medlemer» where «## Mål: …» was meant),
    with its line and how it reads as a goal."""
    section = 0
    for n in range(min(line, len(lines)) - 1, 0, -1):
        m = _ATX.match(lines[n - 1])
        if not m:
            continue
        level, title = len(m.group(1)), m.group(2)
        if not section:
            if classify_section(title)[0] is None:
                return None
            section = level
        elif level < section:
            return (n, title, f"{m.group(1)} Mål: {title}") if level > 1 else None
    return None


def empty_plan(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    if not plan.goals and not plan.loose_measures:
        yield finding("AP209", plan.meta.span)


def duplicate_ids(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    first: dict[str, Span] = {}
    items: list[Goal | Measure] = [*plan.walk_goals(), *plan.measures()]
    taken = {i.id for i in items}
    for item in sorted(items, key=lambda i: (i.span.line, i.span.col)):
        if item.id in first:
            free = _free_id(item.id, taken)
            taken.add(free)  # a third use of the id is told another one
            yield finding("AP202", item.span, id=item.id, first=first[item.id].line, free=free)
        else:
            first[item.id] = item.span


def _free_id(used: str, taken: set[str]) -> str:
    """An id the plan does not have, next after `used` in its own numbering (2.3d → 2.3e, or 2.3f if 2.3e is
    taken; 1.4 → 1.5): what AP202 proposes for the second item."""
    m = _LAST.match(used)
    if m is not None:
        prefix, last, paren = m.group("prefix"), m.group("last"), m.group("paren")
        for nxt in _between(last, str(int(last) + 100) if last.isdigit() else None):
            if prefix + nxt + paren not in taken:
                return prefix + nxt + paren
    n = 2
    while f"{used}-{n}" in taken:
        n += 1
    return f"{used}-{n}"


_LAST = re.compile(r"^(?P<prefix>.*?)(?P<last>\d+|[a-zæøå])(?P<paren>\)?)$")
_LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"  # the letters an id's last place counts with, in order


def _between(first: str, last: str | None) -> list[str]:
    """The numbers or letters that come after `first` and before `last` (to the end of the alphabet with
    None) in an id's last place (_LAST): 2 … 5 → 3, 4; b … e → c, d; z … å → æ, ø. Nothing when the two
    differ in kind."""
    if first.isdigit():
        return [str(n) for n in range(int(first) + 1, int(last))] if last and last.isdigit() else []
    if last is not None and last.isdigit():
        return []
    start, end = _LETTERS.index(first) + 1, _LETTERS.index(last) if last is not None else len(_LETTERS)
    return list(_LETTERS[start:end])


def _gaps(items: list[Goal | Measure], elsewhere: frozenset[str] = frozenset()) -> Iterator[Diagnostic]:
    """Ids missing between two written ids in a row. An id written elsewhere among the same items (2.3d, 2.3f,
    2.3e) is out of order, not missing, and one written elsewhere in the plan (`elsewhere`: a measure the annual
    meeting moved to another goal and kept its id, as it should) is not missing either: neither is reported."""
    previous: dict[str, tuple[str, str]] = {}
    numbered = []
    for item in items:
        shown = getattr(item, "label", None) or item.id
        m = _LAST.match(shown) if item.explicit_id else None
        if m:
            numbered.append((item, shown, m))
    present = {(m.group("prefix"), m.group("last")) for _item, _shown, m in numbered}
    for item, shown, m in numbered:
        prefix, last = m.group("prefix"), m.group("last")
        if prefix in previous:
            before_last, before_shown = previous[prefix]
            missing = [x for x in _between(before_last, last)
                       if (prefix, x) not in present and prefix + x not in elsewhere]
            if missing:
                names = ", ".join(prefix + x + m.group("paren") for x in missing)
                yield finding("AP206", item.span, missing=names, before=before_shown, after=shown)
        previous[prefix] = (last, shown)


def numbering_gaps(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """AP206, but not for an id the plan had in an earlier committed version: the annual meeting struck it (the
    history is read only when there is a gap)."""
    written = frozenset(item.id for item in [*plan.walk_goals(), *plan.measures()] if item.explicit_id)
    found = list(_all_gaps(plan, written))
    if found:
        found = list(_all_gaps(plan, written | ctx.earlier(plan).ids))
    yield from found


def _all_gaps(plan: Plan, elsewhere: frozenset[str]) -> Iterator[Diagnostic]:
    yield from _gaps(list(plan.goals), elsewhere)
    for goal in plan.walk_goals():
        yield from _gaps(list(goal.goals), elsewhere)
        yield from _gaps(list(goal.measures), elsewhere)


def timing_unreadable(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    for m in plan.measures():
        if m.timing is not None and m.timing.unread:
            rest = message("timing.rest", rest=m.timing.unread) if m.timing.understood else ""
            yield finding("AP301", m.span, text=m.timing.text, rest=rest)


def timing_outside_period(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    period = plan.meta.period
    if period is None:
        return
    for m in plan.measures():
        if m.timing is not None:
            outside = sorted(m.timing.outside(period))
            if outside:
                years = " og ".join(str(y) for y in outside)
                yield finding("AP302", m.span, text=m.timing.text, years=years, period=period)


def statuses(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    before = ctx.earlier(plan) if plan.orphan_statuses else NOTHING
    moved = renumbered(plan, before) if plan.orphan_statuses else {}
    for item_id, entry in plan.orphan_statuses:
        if item_id in moved:  # the meeting gave the measure a new id: its status lines must follow it
            now = moved[item_id]
            rest = message("status.renumbered", new=now.id, line=now.span.line)
            yield finding("AP402", entry.span, id=item_id, rest=rest)
        elif item_id not in before.measures:  # a struck measure keeps its status lines as its record
            yield finding("AP402", entry.span, id=item_id, rest="")
    period = plan.meta.period
    for m in plan.measures():
        seen: dict[int, Span] = {}
        for entry in m.statuses:
            if period is not None and entry.year not in period:
                yield finding("AP403", entry.span, year=entry.year, period=period)
            if entry.year in seen and seen[entry.year] != entry.span:
                yield finding("AP404", entry.span, id=m.id, year=entry.year, first=seen[entry.year].line)
            seen.setdefault(entry.year, entry.span)


def parents(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    from pathlib import Path

    for written, span, resolved in ctx.ws.parent_paths(plan):
        if ctx.ws.escapes(plan, resolved):
            yield finding("AP507", span, parent=written)
            continue
        if not Path(resolved).is_file():
            yield finding("AP502", span, parent=written)
            continue
        parent = ctx.ws.load_file(resolved, requested=False)
        if parent is None:
            yield finding("AP502", span, parent=written)
            continue
        if plan.meta.period and parent.meta.period and not plan.meta.period.overlaps(parent.meta.period):
            yield finding("AP503", span, parent=written, parent_period=parent.meta.period,
                          period=plan.meta.period)
        if not stands_above(parent.meta.level, plan.meta.level):
            yield finding("AP508", span, parent=written, parent_level=parent.meta.level.value,  # type: ignore[union-attr]
                          level=plan.meta.level.value)  # type: ignore[union-attr]


def stands_above(parent: Level | None, child: Level | None) -> bool:
    """True unless both levels are known party levels and the parent's does not stand above the child's."""
    if parent is None or child is None or parent.rank is None or child.rank is None:
        return True
    return parent.rank < child.rank


def parent_cycle(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    start = path_key(plan.path)
    path = [plan]
    seen = {start}

    def visit(current: Plan) -> list[Plan] | None:
        for parent in ctx.ws.parents(current):
            if path_key(parent.path) == start:
                return path + [parent]
            if path_key(parent.path) in seen:
                continue
            seen.add(path_key(parent.path))
            path.append(parent)
            found = visit(parent)
            if found:
                return found
            path.pop()
        return None

    cycle = visit(plan)
    if cycle:
        chain = " → ".join(plan_handle(p) for p in cycle)
        yield finding("AP505", plan.meta.span, chain=chain)


def links(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    ancestors = ctx.ws.ancestors(plan)
    names = ", ".join(plan_handle(p) for p in ancestors)
    where_text = message("links.parents", names=names) if ancestors else message("links.no_parents")
    # With a parent plan that could not be read (AP502, AP507) a link may point into it: say nothing of it.
    parents_missing = len(ctx.ws.parents(plan)) < len(plan.meta.parents)
    # The plans above that do not count for this one (their period does not overlap its own): a link into one
    # is still AP501, but the finding says where the item is and why it does not count.
    outside = [p for p in ctx.ws.above(ctx.ws.parents(plan), None, plan.path) if p not in ancestors]
    items: list[Goal | Measure] = [*plan.walk_goals(), *plan.measures()]
    for item in items:
        for link in item.links:
            res = resolve(link, ancestors)
            if not res.matches and not parents_missing:
                there = resolve(link, outside).matches if outside else ()
                why = message("links.out_of_period", names=names, plan=short_name(there[0][0]),
                              plan_period=there[0][0].meta.period, period=plan.meta.period) if there else where_text
                yield finding("AP501", item.span, link=link, parents=why)
            elif res.matches and not res.ok:
                where = ", ".join(f"{plan_handle(p)}:{i.span.line}" for p, i in res.matches)
                example = link_to(split_link(link)[1], res.matches[0][0], ancestors)
                yield finding("AP504", item.span, link=link, where=where, example=example)


def link_levels(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """A link must go to an item for this plan's level, or to one addressed to nobody (a goal, a priority)."""
    level = plan.meta.level
    if level is None:
        return
    ancestors = ctx.ws.ancestors(plan)
    for item in [*plan.walk_goals(), *plan.measures()]:
        for link in item.links:
            res = resolve(link, ancestors)
            if res.ok:
                parent, target = res.target
                to = getattr(target, "addressed_to", None)
                if to is not None and to is not level:
                    where = f"{plan_handle(parent)}:{target.span.line}"
                    yield finding("AP506", item.span, link=link, target_level=to.value, where=where,
                                  level=level.value)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def coverage(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """What the plans above ask of this one: unanswered (AP601), probably answered (AP602), perhaps answered
    (AP604: «mulig svar», the best candidate is weak), and priorities with nothing under them (AP603)."""

    ancestors = ctx.ws.ancestors(plan)
    spans = {resolved: span for _w, span, resolved in ctx.ws.parent_paths(plan)}
    key = link_key(plan)  # the plan's own word, in a hint in any language
    for al in ctx.aligner.align(plan):
        parent_name = short_name(al.parent)
        where = spans.get(os.path.normpath(al.parent.path), plan.meta.span)
        for answer in al.answers:
            req = answer.requirement
            text = _short(req.text)
            if answer.state not in (State.UNANSWERED, State.SUGGESTED, State.MAYBE):
                continue
            link = link_text(req, ancestors)
            # An id the plan above uses for two items (Innlandet's 2.3d) cannot be linked, however it is written:
            # say so, rather than show a line that `check` would then call ambiguous (AP504).
            linkable = resolve(link, ancestors).ok
            how = message("align.answer_with", link=link, key=key) if linkable else \
                message("align.answer_cannot_link", id=req.id, parent=parent_name)
            if answer.state is State.UNANSWERED:
                yield finding("AP601", where, id=req.id, parent=parent_name, text=text, answer=how)
                continue
            best = answer.candidates[0]
            reasons = [why(c.shared, c.alike, plan.meta.level) for c in answer.candidates]
            candidates = ", ".join(message("align.candidate_why", id=c.item.id, score=c.score, why=reason)
                                   if reason else message("align.candidate", id=c.item.id, score=c.score)
                                   for c, reason in zip(answer.candidates, reasons))
            confirm = confirm_line(best.item, link, key) if linkable else \
                message("align.cannot_link", id=req.id, parent=parent_name)
            yield finding("AP604" if answer.unsure else "AP602", best.item.span, id=req.id,
                          parent=parent_name, text=text, candidates=candidates, confirm=confirm, answer=how)
        for cov in al.coverage:
            if cov.priority is not None and cov.answers and not cov.theme_covered:
                yield finding("AP603", where, parent=parent_name, id=cov.priority.id,
                              text=_short(cov.priority.title))


def not_applicable(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """«ikke aktuelt» in the front matter (align/notapplicable.py): a mark that names no requirement of the plan
    (AP605; not while a parent plan could not be read, as for links), and a requirement both linked and marked
    (AP607: the link wins). A mark without a reason is the reader's (AP606)."""
    if not plan.meta.not_applicable or plan.meta.level is None:
        return
    marks = ctx.aligner.marks(plan)
    if len(ctx.ws.parents(plan)) == len(plan.meta.parents):
        for mark, reason in marks.problems:
            yield finding("AP605", mark.span, ref=mark.reference, reason=reason)
    for al in ctx.aligner.align(plan):
        for answer in al.answers:
            mark = marks.marked.get((al.parent.path, id(answer.requirement.item)))
            if answer.linked and mark is not None:
                yield finding("AP607", mark.span, ref=mark.reference, id=answer.requirement.id,
                              parent=short_name(al.parent), items=", ".join(i.id for i in answer.linked))


_STATUS_ID = re.compile(r"[^*\s]+")  # what `**ID**` on a status line can hold (read/parser.py: _BOLD_ID)


def ids_without_status_line(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """An id with a space or a * (possible in a table's id column) can never get a status line."""
    for m in plan.measures():
        if m.explicit_id and not _STATUS_ID.fullmatch(m.id):
            yield finding("AP214", m.span, id=m.id)


def lookalike_ids(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """An id with invisible characters or letters that only look Latin (checks/lookalike.py): AP213, naming the
    id it looks like when there is one."""
    items: list[Goal | Measure] = [*plan.walk_goals(), *plan.measures()]
    by_look: dict[str, list[Goal | Measure]] = {}
    for item in items:  # an ASCII id is what it looks like: its own skeleton, nothing hidden or foreign in it
        by_look.setdefault(item.id if item.id.isascii() else skeleton(item.id), []).append(item)
    for item in items:
        if item.id.isascii():
            continue
        invisible = hidden(item.id)
        if not invisible and not foreign(item.id):
            continue
        twins = [t for t in by_look[skeleton(item.id)] if t.id != item.id]
        what = ", ".join(invisible) if invisible else message("reason.lookalike_letters")
        like = message("reason.lookalike_of", id=twins[0].id, line=twins[0].span.line) if twins else ""
        yield finding("AP213", item.span, id=shown(item.id), what=what,
                      like=like)


PLAUSIBLE_YEARS = range(1900, 2201)
MAX_PERIOD_YEARS = 20


def period_plausible(plan: Plan, ctx: Context) -> Iterator[Diagnostic]:
    """A period such as [2024, 3000000000] or [true, 2027] (read as 1–2027) is no plan period."""
    period = plan.meta.period
    if period is None:
        return
    if period.first not in PLAUSIBLE_YEARS or period.last not in PLAUSIBLE_YEARS or \
            period.last - period.first >= MAX_PERIOD_YEARS:
        reason = message("reason.period_implausible", period=period, first=PLAUSIBLE_YEARS[0],
                         last=PLAUSIBLE_YEARS[-1], most=MAX_PERIOD_YEARS)
        lines = plan.text.split("\n")
        line = next((n for n, text in enumerate(lines[:200], 1) if re.match(r"periode\s*:", text)), 1)
        yield finding("AP106", Span(plan.path, line), key="periode", reason=reason)


RULES: tuple[tuple[str, Rule], ...] = (
    ("tom-plan", empty_plan),
    ("tiltak-utenfor-mål", loose_measures),
    ("dobbel-id", duplicate_ids),
    ("hull-i-nummerering", numbering_gaps),
    ("tid-uleselig", timing_unreadable),
    ("tid-utenfor-perioden", timing_outside_period),
    ("status", statuses),
    ("overordnet", parents),
    ("overordnet-ring", parent_cycle),
    ("koblinger", links),
    ("koblinger-nivå", link_levels),
    ("dekning", coverage),
    ("ikke-aktuelt", not_applicable),
    ("faste-id-er", derived_ids_in_git),
    ("id-uten-statuslinje", ids_without_status_line),
    ("periode-rimelig", period_plausible),
    ("id-forveksling", lookalike_ids),
)
