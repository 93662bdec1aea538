"""What a parent plan asks of a child plan: requirements (items addressed to the child's level) grouped under
the parent's priorities (its top-level goals).

Where the parent says who an item is for — the national plan's «Fylkeslagas rolle» and «Lokallagas rolle»,
or `til: lokallag` on an item — those items are the requirements. A parent with no addressed items at all
(the 2022–2025 national plan, most county plans) is read by its wording instead: a sub-goal or measure whose
text starts with the level («Lokallagene har …», «Fylkeslaga skal …») or says «alle lokallag» is a
requirement for that level. docs/format.md §10 says the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Goal, GoalKind, Level, Measure, Plan
from ..vocabulary import BOARD_FORMS, LEVEL_FORMS


@dataclass(frozen=True)
class Requirement:
    plan: Plan
    item: Goal | Measure
    priority: Goal | None  # the parent's priority it falls under (priorities()), None when under none
    derived: bool  # read from the wording, not from a role section or `til:`

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def text(self) -> str:
        return self.item.text if isinstance(self.item, Measure) else self.item.title


def priority_of(plan: Plan) -> dict[int, Goal]:
    """id(item) → the priority (priorities()) it falls under, for every goal and measure under one: a county plan
    of goal areas («Målområde 2» → «Mål 2.3» → «2.3d») has its goals as priorities, not its areas."""
    out: dict[int, Goal] = {}
    for top in priorities(plan):
        for goal in top.walk():
            out[id(goal)] = top
            for m in goal.measures:
                out[id(m)] = top
    return out


def _addressed_items(plan: Plan) -> list[tuple[Goal | Measure, Level]]:
    items: list[tuple[Goal | Measure, Level]] = []
    for goal in plan.walk_goals():
        if goal.addressed_to:
            items.append((goal, goal.addressed_to))
    for m in plan.measures():
        if m.addressed_to:
            items.append((m, m.addressed_to))
    return items


_PASSIVE = {"får", "som", "uten", "i", "og"}  # «Lokallaga får tilsendt …», «Fylkeslag som blir opprettet …»
# What is done to them, by the plan's own board: «Lokallag med enpersonsgrupper inviteres til møte …» (Innlandet
# 2.2.2d). A request to them in the passive («Alle lokallag oppfordres til …», «bes om») is still asked of them.
_DONE_TO = {"inviteres", "tilbys", "tilbydes", "følges", "kontaktes", "besøkes", "innkalles", "skoleres"}


def _worded_for(text: str, level: Level) -> bool:
    """True when the level is who acts: the text starts with it («Fylkeslaga skal …», «Alle lokallag skal …»),
    or the plan asks it of them («Oppfordre alle lokallag til …», «Sikre at alle lokallag har …»)."""
    forms = (*LEVEL_FORMS.get(level, ()), *BOARD_FORMS.get(level, ()))
    if not forms or level is Level.NASJONALT or not level.in_party:
        return False
    words = "|".join(sorted(forms, key=len, reverse=True))
    lowered = " ".join(re.findall(r"[\wæøå-]+", text.lower()))
    start = re.match(rf"^(?:alle )?(?:{words}) (\S+)", lowered)
    if start and start.group(1) not in _PASSIVE and not _DONE_TO & set(lowered.split()[:6]):
        return True
    return bool(re.search(rf"(?:^|\s)(?:oppfordre|sikre at|sørge for at) (?:alle )?(?:{words})(?:\s|$)", lowered))


def requirements_for(parent: Plan, level: Level) -> list[Requirement]:
    """The items of `parent` that a plan at `level` should answer, in the parent's order (none for a body
    outside the party)."""
    if not level.in_party:
        return []
    addressed = _addressed_items(parent)
    if addressed:
        chosen = [(item, False) for item, to in addressed if to is level]
    else:
        chosen = []
        for goal in parent.walk_goals():
            if goal.kind is GoalKind.SUBGOAL and _worded_for(goal.title, level):
                chosen.append((goal, True))
        for m in parent.measures():
            if _worded_for(m.text, level):
                chosen.append((m, True))
    chosen.sort(key=lambda pair: pair[0].span.line)
    under = priority_of(parent)
    return [Requirement(parent, item, under.get(id(item)), derived) for item, derived in chosen]


def priorities(parent: Plan) -> list[Goal]:
    """The parent's priorities: its top-level goals (the national plan's four hovedmål), or its goals when the
    top level is goal areas."""
    if parent.goals and all(g.kind is GoalKind.AREA for g in parent.goals):
        return [g for area in parent.goals for g in area.goals if g.kind is GoalKind.GOAL] or list(parent.goals)
    return list(parent.goals)

