"""The other way round from alignment.py: for each requirement of a parent plan, every plan below it and how
that plan answers it (linked, suggested or not at all). The party office's question: «which counties have no
dørbankansvarlig?»"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Plan
from .alignment import Aligner, Answer, State
from .requirements import Requirement


@dataclass(frozen=True)
class RequirementAnswers:
    requirement: Requirement
    rows: tuple[tuple[Plan, Answer], ...]  # each plan asked, in the order loaded

    def count(self, state: State) -> int:
        return sum(1 for _plan, a in self.rows if a.state is state)

    def plans_in(self, state: State) -> list[tuple[Plan, Answer]]:
        return [(p, a) for p, a in self.rows if a.state is state]


def by_requirement(aligner: Aligner, plans: list[Plan]) -> list[RequirementAnswers]:
    """Every requirement that at least one of `plans` is asked to answer, grouped by parent plan (in the order
    the parents are first met) and then in the parent's order."""
    order: list[tuple[str, int]] = []
    found: dict[tuple[str, int], tuple[Requirement, list[tuple[Plan, Answer]]]] = {}
    for plan in plans:
        for alignment in aligner.align(plan):
            for answer in alignment.answers:
                req = answer.requirement
                key = (req.plan.path, id(req.item))
                if key not in found:
                    order.append(key)
                    found[key] = (req, [])
                found[key][1].append((plan, answer))
    parents = list(dict.fromkeys(path for path, _ident in order))
    order.sort(key=lambda k: (parents.index(k[0]), found[k][0].item.span.line))
    return [RequirementAnswers(found[k][0], tuple(found[k][1])) for k in order]
