"""What changed between two versions of a plan, in the annual meeting's terms: struck, reworded, added,
moved, new timing or responsible; status updates counted apart (the board's bookkeeping, not the meeting's
decisions). Measures are matched by id first, then by text where an id changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Plan


@dataclass(frozen=True)
class ItemChange:
    kind: str  # lagt til, strøket, omformulert, flyttet, ny id, ny tid, nytt ansvar
    id: str
    old: str | None = None
    new: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # ("=", "-", "+", text) pieces for a reworded text
    what: str = "tiltak"  # tiltak or mål


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

    def count(self, kind: str, what: str | None = None) -> int:
        return sum(1 for c in self.changes if c.kind == kind and (what is None or c.what == what))

    @property
    def adopted_changed(self) -> bool:
        return any(key in ("vedtatt", "revisjoner") for key, _o, _n in self.meta)


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    a, b = old.split(), new.split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                pieces.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                pieces.append(("+", " ".join(b[j1:j2])))
    return tuple(pieces)


@lru_cache(maxsize=65536)  # versions of a plan repeat the same texts
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=_norm(a).split(), b=_norm(b).split(), autojunk=False).ratio()


def _parent_ids(plan: Plan) -> dict[int, str]:
    out: dict[int, str] = {}
    for chain, m in plan.measures_with_parents():
        out[id(m)] = chain[-1].id if chain else ""
    return out


def _pair(old: list, new: list, text) -> tuple[list[tuple], list, list]:
    """Pairs (by id, then by text ≥ 0.6 similar), and the unpaired old and new items."""
    pairs: list[tuple] = []
    rest_new = list(new)
    rest_old = []
    for o in old:
        match = next((n for n in rest_new if n.id == o.id), None)
        if match is not None:
            pairs.append((o, match))
            rest_new.remove(match)
        else:
            rest_old.append(o)
    scored = sorted(((_similar(text(o), text(n)), i, j) for i, o in enumerate(rest_old)
                     for j, n in enumerate(rest_new)), reverse=True)
    used_o: set[int] = set()
    used_n: set[int] = set()
    for score, i, j in scored:
        if score < 0.6:
            break
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((rest_old[i], rest_new[j]))
    return (pairs, [o for i, o in enumerate(rest_old) if i not in used_o],
            [n for j, n in enumerate(rest_new) if j not in used_n])


def diff_plans(old: Plan | None, new: Plan | None, path: str) -> PlanDiff:
    result = PlanDiff(path)
    old_measures = list(old.measures()) if old else []
    new_measures = list(new.measures()) if new else []
    old_parent = _parent_ids(old) if old else {}
    new_parent = _parent_ids(new) if new else {}

    pairs, struck, added = _pair(old_measures, new_measures, lambda m: m.text)
    for o, n in pairs:
        if o.id != n.id:
            result.changes.append(ItemChange("ny id", n.id, o.id, n.id))
        if _norm(o.text) != _norm(n.text):
            result.changes.append(ItemChange("omformulert", n.id, o.text, n.text, word_diff(o.text, n.text)))
        if old_parent.get(id(o)) != new_parent.get(id(n)):
            result.changes.append(ItemChange("flyttet", n.id, old_parent.get(id(o)), new_parent.get(id(n))))
        if (o.timing_text or "") != (n.timing_text or ""):
            result.changes.append(ItemChange("ny tid", n.id, o.timing_text, n.timing_text))
        if (o.responsible or "") != (n.responsible or ""):
            result.changes.append(ItemChange("nytt ansvar", n.id, o.responsible, n.responsible))
        before = {s.year: s for s in o.statuses}
        after = {s.year: s for s in n.statuses}
        for year in sorted(set(before) | set(after)):
            b, a = before.get(year), after.get(year)
            bw = f"{b.word.value}" + (f" — {b.note}" if b.note else "") if b else None
            aw = f"{a.word.value}" + (f" — {a.note}" if a.note else "") if a else None
            if bw != aw:
                result.statuses.append(StatusChange(n.id, year, bw, aw))
    for o in struck:
        result.changes.append(ItemChange("strøket", o.id, o.text, None))
    for n in added:
        result.changes.append(ItemChange("lagt til", n.id, None, n.text))
        for s in n.statuses:
            result.statuses.append(StatusChange(n.id, s.year, None, s.word.value + (f" — {s.note}" if s.note else "")))

    old_goals = list(old.walk_goals()) if old else []
    new_goals = list(new.walk_goals()) if new else []
    gpairs, gstruck, gadded = _pair(old_goals, new_goals, lambda g: g.title)
    for o, n in gpairs:
        if _norm(o.title) != _norm(n.title):
            result.changes.append(ItemChange("omformulert", n.id, o.title, n.title, word_diff(o.title, n.title), "mål"))
        elif o.id != n.id:
            result.changes.append(ItemChange("ny id", n.id, o.id, n.id, what="mål"))
    for o in gstruck:
        result.changes.append(ItemChange("strøket", o.id, o.title, None, what="mål"))
    for n in gadded:
        result.changes.append(ItemChange("lagt til", n.id, None, n.title, what="mål"))

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


def summary(d: PlanDiff) -> str:
    """One line: «2 tiltak lagt til, 1 tiltak strøket, 1 mål omformulert · status: 5 endret»."""
    from ..messages import message

    parts = []
    for kind in ("lagt til", "strøket", "omformulert", "flyttet", "ny id", "ny tid", "nytt ansvar"):
        for what in ("tiltak", "mål"):
            n = d.count(kind, what)
            if n:
                parts.append(message("diff.n_kind", n=n, what=message(f"diff.{what}_n", n=n), kind=kind))
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
        what = message("diff.goal") if c.what == "mål" else message("diff.measure")
        if c.kind in ("strøket", "lagt til"):
            out.append(message("diff.line_text", kind=c.kind.capitalize(), what=what, id=c.id,
                               text=c.old or c.new or ""))
        elif c.kind == "flyttet":
            out.append(message("diff.line_moved", what=what, id=c.id, old=c.old or "–", new=c.new or "–"))
        elif c.kind == "omformulert":
            out.append(message("diff.line_reworded", what=what, id=c.id, old=c.old or "", new=c.new or ""))
        else:
            out.append(message("diff.line_value", kind=c.kind.capitalize(), what=what, id=c.id, old=c.old or "–",
                               new=c.new or "–"))
    return out


__all__ = ["PlanDiff", "ItemChange", "StatusChange", "diff_plans", "summary", "change_lines", "word_diff"]
