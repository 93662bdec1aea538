"""What changed between two versions of a plan, in the annual meeting's terms: struck, reworded, added,
moved, new timing or responsible; status updates counted apart (the board's bookkeeping, not the meeting's
decisions). Which item is which is matching.py's job: written ids, text and order, never derived ids."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterable

from ..model import Goal, GoalKind, Measure, Plan, StatusEntry
from .matching import MAX_WORDS, match


class ChangeKind(StrEnum):
    """What the annual meeting did to an item; the value is the word shown (in the order of the paper)."""

    STRUCK = "strøket"
    REWORDED = "omformulert"
    ADDED = "lagt til"
    MOVED = "flyttet"
    NEW_ID = "ny id"
    TIMING = "ny tid"
    RESPONSIBLE = "nytt ansvar"


@dataclass(frozen=True)
class ItemChange:
    kind: ChangeKind
    id: str
    old: str | None = None
    new: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # ("=", "-", "+", text) pieces for a reworded text
    what: str = "tiltak"  # tiltak or mål
    ref: str | None = None  # how to name an item whose id is only derived: «under «Skolering»», «text»

    @property
    def shown(self) -> str:
        """The item as a reader knows it: its written id, or where it stands when the id is only derived (a
        derived id names another item in the other version)."""
        return self.ref or self.id


@dataclass(frozen=True)
class StatusChange:
    id: str
    year: int
    old: str | None
    new: str | None


@dataclass
class PlanDiff:
    path: str
    changes: list[ItemChange] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    meta: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.statuses or self.meta)

    def count(self, kind: ChangeKind, what: str | None = None) -> int:
        return sum(1 for c in self.changes if c.kind == kind and (what is None or c.what == what))

    @property
    def adopted_changed(self) -> bool:
        return any(key in ("vedtatt", "revisjoner") for key, _o, _n in self.meta)


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The words kept ("="), removed ("-") and added ("+"); for texts past MAX_WORDS, the common beginning and
    end kept and the middle replaced whole (difflib is quadratic at worst).

    Words are compared without the punctuation after them, so text added after a word with a full stop reads
    «hver måned, {+med mat.+}», not «[-hver måned.-] {+hver måned, med mat.+}»: a word whose punctuation changed
    beside a change is kept as it is now; one changed on its own is shown changed."""
    a, b = old.split(), new.split()
    if len(a) > MAX_WORDS or len(b) > MAX_WORDS:
        return _trimmed_diff(a, b)
    pieces: list[tuple[str, str]] = []

    def put(op: str, words: list[str]) -> None:
        if not words:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + " " + " ".join(words))
        else:
            pieces.append((op, " ".join(words)))

    ops = difflib.SequenceMatcher(a=[_bare(w) for w in a], b=[_bare(w) for w in b], autojunk=False).get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op != "equal":
            put("-", a[i1:i2])
            put("+", b[j1:j2])
            continue
        for n, (was, now) in enumerate(zip(a[i1:i2], b[j1:j2])):
            beside = (n == 0 and k > 0) or (n == i2 - i1 - 1 and k < len(ops) - 1)
            if was == now or beside:
                put("=", [now])
            else:
                put("-", [was])
                put("+", [now])
    return tuple(pieces)


def _bare(word: str) -> str:
    """A word without the punctuation after it («måned.» → «måned»); punctuation alone stays itself."""
    return word.rstrip(".,;:!?") or word


def _trimmed_diff(a: list[str], b: list[str]) -> tuple[tuple[str, str], ...]:
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    pieces = [("=", a[:start]), ("-", a[start:len(a) - end]), ("+", b[start:len(b) - end]), ("=", a[len(a) - end:])]
    return tuple((op, " ".join(ws)) for op, ws in pieces if ws)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _status_text(entry) -> str:
    return entry.word.value + (f" — {entry.note}" if entry.note else "")


def status_shown(text: str | None) -> str:
    """A StatusChange's side as a reader sees it: the status word in the current language, then the board's note
    as written; «–» for none. (The data keeps the word as the plan's reader knows it: «ikke gjennomført».)"""
    if not text:
        return "–"
    from ..messages import message

    word, sep, note = text.partition(" — ")  # a status word never holds « — »; a note may
    return message(f"word.{word}") + sep + note


def _new_id(old: Goal | Measure, new: Goal | Measure) -> bool:
    """Only a change of written ids is a change: a derived id (`2.t4`) moves with the items before it."""
    return old.explicit_id and new.explicit_id and old.id != new.id


def _goal_ref(goal: Goal | None) -> str | None:
    if goal is None:
        return None
    return goal.id if goal.explicit_id else f"«{goal.title}»"


def _place(measure: Measure, goal: Goal | None) -> str | None:
    """For a measure with a derived id: the goal it stands under (its text follows in the line)."""
    if measure.explicit_id:
        return None
    from ..messages import message

    return message("diff.ref_under", goal=goal.title) if goal is not None else None


def _quoted(measure: Measure) -> str | None:
    """For a measure with a derived id, in a line without its text: the text itself."""
    return None if measure.explicit_id else f"«{measure.text}»"


def _status_changes(result: PlanDiff, item_id: str, old: Iterable[StatusEntry], new: Iterable[StatusEntry]) -> None:
    before = {s.year: s for s in old}
    after = {s.year: s for s in new}
    for year in sorted(set(before) | set(after)):
        b, a = before.get(year), after.get(year)
        bw = _status_text(b) if b else None
        aw = _status_text(a) if a else None
        if bw != aw:
            result.statuses.append(StatusChange(item_id, year, bw, aw))


def _orphans(plan: Plan | None) -> dict[str, list[StatusEntry]]:
    """The plan's status lines for an id it has no measure with, by id."""
    out: dict[str, list[StatusEntry]] = {}
    for item_id, entry in (plan.orphan_statuses if plan is not None else ()):
        out.setdefault(item_id, []).append(entry)
    return out


def _other_orphans(result: PlanDiff, before: dict[str, list[StatusEntry]], after: dict[str, list[StatusEntry]],
                   consumed: set[str]) -> None:
    """Status lines without a measure in either version that no struck or renumbered measure took (nor a measure
    that has the id now): written, changed or removed like any other line (a status for a measure that got a
    new id in an earlier revision)."""
    for item_id in [*before, *(i for i in after if i not in before)]:
        if item_id not in consumed:
            _status_changes(result, item_id, before.get(item_id, ()), after.get(item_id, ()))


def _same_items(old: Plan | None, new: Plan | None) -> bool:
    """Whether the two versions hold the very same goals and measures, object for object (read/versions.py gives
    a version whose items did not change the objects of the version before it): then every item is paired with
    itself, in place, and nothing of it changed."""
    if old is None or new is None or len(old.goals) != len(new.goals) or len(old.loose_measures) != len(
            new.loose_measures):
        return False
    return all(a is b for a, b in zip(old.goals, new.goals)) and all(
        a is b for a, b in zip(old.loose_measures, new.loose_measures))


def diff_plans(old: Plan | None, new: Plan | None, path: str) -> PlanDiff:
    result = PlanDiff(path)
    # A struck measure's status lines stay in the plan as its record (history/earlier.py): a status the board
    # wrote for it with the strike («gjennomført 2026») is a status change like any other. So do the lines of a
    # measure the meeting gave a new id, until the board writes the new id in them (check's AP402 asks for it):
    # they are the measure's. Any other status line without a measure is a change of the file like the rest.
    kept, before = _orphans(new), _orphans(old)
    if _same_items(old, new):
        result.meta.extend(_meta_changes(old, new))  # type: ignore[arg-type]
        if before or kept:
            _other_orphans(result, before, kept, set())
        return result
    found = match(old, new)
    add = result.changes.append
    consumed: set[str] = set()

    for o, n in found.measures:
        goal = found.new_parent.get(id(n))
        if o is n:  # one object (read/versions.py shares what did not change): at most it stands elsewhere
            if found.moved(o, n):
                add(ItemChange(ChangeKind.MOVED, n.id, _goal_ref(found.old_parent.get(id(o))), _goal_ref(goal),
                               ref=_quoted(n)))
            continue
        if _new_id(o, n):
            add(ItemChange(ChangeKind.NEW_ID, n.id, o.id, n.id))
        if o.text != n.text and _norm(o.text) != _norm(n.text):
            add(ItemChange(ChangeKind.REWORDED, n.id, o.text, n.text, word_diff(o.text, n.text),
                           ref=_place(n, goal)))
        if found.moved(o, n):
            add(ItemChange(ChangeKind.MOVED, n.id, _goal_ref(found.old_parent.get(id(o))), _goal_ref(goal),
                           ref=_quoted(n)))
        if (o.timing_text or "") != (n.timing_text or ""):
            add(ItemChange(ChangeKind.TIMING, n.id, o.timing_text, n.timing_text, ref=_quoted(n)))
        if (o.responsible or "") != (n.responsible or ""):
            add(ItemChange(ChangeKind.RESPONSIBLE, n.id, o.responsible, n.responsible, ref=_quoted(n)))
        own = n.statuses
        if o.explicit_id and o.id != n.id and o.id in kept:
            years = {e.year for e in own}
            own = (*own, *(e for e in kept[o.id] if e.year not in years))
            consumed.add(o.id)
        _status_changes(result, n.id, o.statuses, own)
    for o in found.struck_measures:
        add(ItemChange(ChangeKind.STRUCK, o.id, o.text, None, ref=_place(o, found.old_parent.get(id(o)))))
        if o.explicit_id and o.id in kept:
            _status_changes(result, o.id, o.statuses, kept[o.id])
            consumed.add(o.id)
    for n in found.added_measures:
        add(ItemChange(ChangeKind.ADDED, n.id, None, n.text, ref=_place(n, found.new_parent.get(id(n)))))
        for s in n.statuses:
            result.statuses.append(StatusChange(n.id, s.year, None, _status_text(s)))
    if before or kept:
        _other_orphans(result, before, kept, consumed | {n.id for n in (new.measures() if new is not None else ())})

    for o, n in found.goals:
        if o.title != n.title and _norm(o.title) != _norm(n.title):
            add(ItemChange(ChangeKind.REWORDED, n.id, o.title, n.title, word_diff(o.title, n.title), _kind(n)))
        elif _new_id(o, n):
            add(ItemChange(ChangeKind.NEW_ID, n.id, o.id, n.id, what=_kind(n)))
    for o in found.struck_goals:
        add(ItemChange(ChangeKind.STRUCK, o.id, o.title, None, what=_kind(o)))
    for n in found.added_goals:
        add(ItemChange(ChangeKind.ADDED, n.id, None, n.title, what=_kind(n)))

    if old and new:
        result.meta.extend(_meta_changes(old, new))
    return result


def _meta_changes(old: Plan, new: Plan) -> list[tuple[str, str, str]]:
    a, b = old.meta, new.meta
    out = []

    def show(value) -> str:
        return "" if value is None else str(value)

    for key, x, y in (
        ("organisasjon", a.organisation, b.organisation),
        ("nivå", a.level.value if a.level else None, b.level.value if b.level else None),
        ("periode", a.period, b.period),
        ("overordnet", ", ".join(a.parents), ", ".join(b.parents)),
        ("vedtatt", a.adopted.date if a.adopted else None, b.adopted.date if b.adopted else None),
        ("revisjoner", len(a.revisions), len(b.revisions)),
    ):
        if show(x) != show(y):
            out.append((key, show(x), show(y)))
    return out


WHAT = {"tiltak": "diff.measure", "mål": "diff.goal", "delmål": "diff.subgoal"}  # an ItemChange's `what`, named


def _kind(goal: Goal) -> str:
    """What a change names a goal: «mål», or «delmål» for a sub-goal."""
    return "delmål" if goal.kind is GoalKind.SUBGOAL else "mål"


def summary(d: PlanDiff) -> str:
    """One line: «2 tiltak lagt til, 1 tiltak strøket, 1 mål omformulert · status: 5 endret»."""
    from ..messages import message

    parts = []
    for kind in (ChangeKind.ADDED, ChangeKind.STRUCK, ChangeKind.REWORDED, ChangeKind.MOVED, ChangeKind.NEW_ID,
                 ChangeKind.TIMING, ChangeKind.RESPONSIBLE):
        for what in ("tiltak", "mål", "delmål"):
            n = d.count(kind, what)
            if n:
                parts.append(message("diff.n_kind", n=n, what=message(f"diff.{what}_n", n=n), kind=message(f"diff.kind.{kind.value}")))
    if d.meta:
        parts.append(message("diff.n_meta", keys=", ".join(k for k, _o, _n in d.meta)))
    text = ", ".join(parts) if parts else message("diff.no_text_changes")
    if d.statuses:
        text += " · " + message("diff.n_status", n=len(d.statuses))
    return text


def change_lines(d: PlanDiff) -> list[str]:
    """Plain sentences for a report: «Strøket tiltak 2.3: Starte en Instagram-konto.»"""
    from ..messages import message

    out = []
    for c in d.changes:
        what = message(WHAT[c.what])
        if c.kind in (ChangeKind.STRUCK, ChangeKind.ADDED):
            out.append(message("diff.line_text", kind=message(f"diff.kind.{c.kind.value}").capitalize(), what=what, id=c.shown,
                               text=c.old or c.new or ""))
        elif c.kind is ChangeKind.MOVED:
            out.append(message("diff.line_moved", what=what, id=c.shown, old=c.old or "–", new=c.new or "–"))
        elif c.kind is ChangeKind.REWORDED:
            out.append(message("diff.line_reworded", what=what, id=c.shown, old=c.old or "", new=c.new or ""))
        else:
            out.append(message("diff.line_value", kind=message(f"diff.kind.{c.kind.value}").capitalize(), what=what, id=c.shown,
                               old=c.old or "–",
                               new=c.new or "–"))
    return out


__all__ = ["ChangeKind", "PlanDiff", "ItemChange", "StatusChange", "diff_plans", "summary", "change_lines", "word_diff",
           "status_shown"]
