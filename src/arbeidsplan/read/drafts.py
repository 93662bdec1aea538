"""The parser's drafts of goals and measures, mutable while the text is read, and their freezing into the
immutable plan tree (model.py), with derived ids for items the text gives none."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def _freeze_measure(m: MeasureDraft, parent_id: str | None, n: int,
                    statuses: dict[str, list[StatusEntry]]) -> Measure:
    mid = m.id if m.id is not None else _derived(parent_id, "t", n)
    return Measure(
        id=mid, text=m.text, span=m.span, explicit_id=m.id is not None,
        timing_text=m.timing, timing=parse_timing(m.timing) if m.timing else None,
        responsible=m.responsible, links=tuple(m.links), addressed_to=m.addressed_to,
        section=m.section, in_table=m.in_table,
        statuses=tuple(sorted(statuses.get(mid, ()), key=lambda e: e.year)),
    )


def _freeze_goal(g: GoalDraft, parent_id: str | None, n: int, statuses: dict[str, list[StatusEntry]]) -> Goal:
    gid = g.id if g.id is not None else _derived(parent_id, _GOAL_PREFIX[g.kind], n)
    return Goal(
        kind=g.kind, id=gid, title=g.title, span=g.span, explicit_id=g.id is not None, label=g.label,
        description="\n\n".join(g.description), section=g.section,
        goals=tuple(_freeze_goal(c, gid, i, statuses) for i, c in enumerate(g.goals, 1)),
        measures=tuple(_freeze_measure(m, gid, i, statuses) for i, m in enumerate(g.measures, 1)),
        links=tuple(g.links), addressed_to=g.addressed_to,
    )


def freeze(path: str, text: str, meta: PlanMeta, title: str | None, top: list[GoalDraft],
           loose: list[MeasureDraft], statuses: list[tuple[str, StatusEntry]]) -> Plan:
    """The plan tree from the drafts. Statuses are attached to the measures by id; those whose id matches no
    measure are kept as orphans (a finding in checks)."""
    by_id: dict[str, list[StatusEntry]] = {}
    for item_id, entry in statuses:
        by_id.setdefault(item_id, []).append(entry)
    goals = tuple(_freeze_goal(g, None, i, by_id) for i, g in enumerate(top, 1))
    loose_measures = tuple(_freeze_measure(m, None, i, by_id) for i, m in enumerate(loose, 1))
    plan = Plan(path=path, meta=meta, title=title, goals=goals, loose_measures=loose_measures, text=text)
    known = {m.id for m in plan.measures()}
    orphans = tuple((i, e) for i, e in statuses if i not in known)
    if orphans:
        plan = Plan(**{**plan.__dict__, "orphan_statuses": orphans})
    return plan
