"""The parser's drafts of goals and measures, mutable while the text is read, and their freezing into the
immutable plan tree (model.py), with derived ids for items the text gives none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import Goal, GoalKind, Level, Measure, Plan, PlanMeta, Section, Span, StatusEntry
from .timing import parse_timing


@dataclass
class MeasureDraft:
    id: str | None
    text: str
    span: Span
    timing: str | None = None
    responsible: str | None = None
    links: list[str] = field(default_factory=list)
    addressed_to: Level | None = None
    section: Section = Section.TILTAK
    in_table: bool = False
    links_column: bool = False


@dataclass
class GoalDraft:
    kind: GoalKind
    id: str | None
    title: str
    span: Span
    heading_level: int = 0
    label: str | None = None
    section: Section = Section.OVERSKRIFT
    description: list[str] = field(default_factory=list)
    goals: list[GoalDraft] = field(default_factory=list)
    measures: list[MeasureDraft] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    addressed_to: Level | None = None


_GOAL_PREFIX = {GoalKind.AREA: "o", GoalKind.GOAL: "m", GoalKind.SUBGOAL: "d"}


def _derived(parent_id: str | None, prefix: str, n: int) -> str:
    """The id of an item the text gives none: its place under its parent, e.g. «2.t4», «m1.d2»."""
    return f"{parent_id}.{prefix}{n}" if parent_id else f"{prefix}{n}"


class Kept:
    """Frozen measures and goals kept by everything they are made of, for the versions of one plan (`history`,
    read/versions.py): freezing a version whose goal is unchanged gives the very objects the version before it
    got, so the comparison can skip a pair that is one object (history/plandiff.py). A key holds every field of
    the draft (tests/test_versions.py checks that against the dataclasses), the id it is frozen with and its
    statuses; a goal's key holds its frozen children as objects of this store, which gives each content one
    object. Within one version an object is given once: matching (history/matching.py) tells items apart by
    object, and two items alike in every field (a span is a line, so none are) would be one."""

    def __init__(self) -> None:
        self.measures: dict[tuple, Measure] = {}
        self.goals: dict[tuple, Goal] = {}
        self.given: set[int] = set()  # the objects given to the version being frozen
        # The last freezing of each measure draft: (the draft, kept alive so that its id is its own; its id and
        # statuses; the measure). A draft is not changed once appended (read/versions.py hands the same draft to
        # later versions), so the same draft with the same id and statuses is the same measure, found without
        # building its key.
        self.last: dict[int, tuple[MeasureDraft, str, tuple[StatusEntry, ...], Measure]] = {}

    def give(self, found: Goal | Measure | None, store: dict[tuple, Any], key: tuple,
             make: Callable[[], Goal | Measure]) -> Any:
        if found is None or id(found) in self.given:
            found = make()
            store.setdefault(key, found)
        self.given.add(id(found))
        return found


def measure_key(m: MeasureDraft) -> tuple:
    return (m.id, m.text, m.span, m.timing, m.responsible, tuple(m.links), m.addressed_to, m.section, m.in_table,
            m.links_column)


def goal_key(g: GoalDraft) -> tuple:
    """Every field but the children (goals, measures), which the caller adds as frozen objects."""
    return (g.kind, g.id, g.title, g.span, g.heading_level, g.label, g.section, tuple(g.description), tuple(g.links),
            g.addressed_to)


def _freeze_measure(m: MeasureDraft, parent_id: str | None, n: int,
                    statuses: dict[str, list[StatusEntry]], kept: Kept | None) -> Measure:
    mid = m.id if m.id is not None else _derived(parent_id, "t", n)
    found_statuses = statuses.get(mid)
    own = tuple(sorted(found_statuses, key=_year)) if found_statuses else ()
    if kept is not None:
        last = kept.last.get(id(m))
        if last is not None and last[0] is m and last[1] == mid and last[2] == own and id(last[3]) not in kept.given:
            kept.given.add(id(last[3]))
            return last[3]
        key = (mid, own, measure_key(m))
        found = kept.give(kept.measures.get(key), kept.measures, key,
                          lambda: _freeze_measure(m, parent_id, n, statuses, None))
        kept.last[id(m)] = (m, mid, own, found)
        return found
    return Measure(
        id=mid, text=m.text, span=m.span, explicit_id=m.id is not None,
        timing_text=m.timing, timing=parse_timing(m.timing) if m.timing else None,
        responsible=m.responsible, links=tuple(m.links), addressed_to=m.addressed_to,
        section=m.section, in_table=m.in_table, links_column=m.links_column, statuses=own,
    )


def _year(entry: StatusEntry) -> int:
    return entry.year


def _freeze_goal(g: GoalDraft, parent_id: str | None, n: int, statuses: dict[str, list[StatusEntry]],
                 kept: Kept | None) -> Goal:
    gid = g.id if g.id is not None else _derived(parent_id, _GOAL_PREFIX[g.kind], n)
    goals = tuple([_freeze_goal(c, gid, i, statuses, kept) for i, c in enumerate(g.goals, 1)])
    measures = tuple([_freeze_measure(m, gid, i, statuses, kept) for i, m in enumerate(g.measures, 1)])
    make = lambda: Goal(  # noqa: E731
        kind=g.kind, id=gid, title=g.title, span=g.span, explicit_id=g.id is not None, label=g.label,
        description="\n\n".join(g.description), section=g.section, goals=goals, measures=measures,
        links=tuple(g.links), addressed_to=g.addressed_to,
    )
    if kept is None:
        return make()
    key = (gid, tuple(map(id, goals)), tuple(map(id, measures)), goal_key(g))
    return kept.give(kept.goals.get(key), kept.goals, key, make)


def freeze(path: str, text: str, meta: PlanMeta, title: str | None, top: list[GoalDraft],
           loose: list[MeasureDraft], statuses: list[tuple[str, StatusEntry]], kept: Kept | None = None) -> Plan:
    """The plan tree from the drafts. Statuses are attached to the measures by id; those whose id matches no
    measure are kept as orphans (a finding in checks). `kept`: the goals and measures earlier versions froze."""
    if kept is not None:
        kept.given.clear()
    by_id: dict[str, list[StatusEntry]] = {}
    for item_id, entry in statuses:
        by_id.setdefault(item_id, []).append(entry)
    goals = tuple(_freeze_goal(g, None, i, by_id, kept) for i, g in enumerate(top, 1))
    loose_measures = tuple(_freeze_measure(m, None, i, by_id, kept) for i, m in enumerate(loose, 1))
    plan = Plan(path=path, meta=meta, title=title, goals=goals, loose_measures=loose_measures, text=text)
    known = {m.id for m in plan.measures()}
    orphans = tuple((i, e) for i, e in statuses if i not in known)
    if orphans:
        plan = Plan(**{**plan.__dict__, "orphan_statuses": orphans})
    return plan
