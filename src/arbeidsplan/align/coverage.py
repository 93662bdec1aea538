"""Coverage: for every plan, its alignment with one parent plan (the newest national plan unless one is asked
for), grouped into one matrix per parent. Computed here; render/coverage.py draws it."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Plan
from .alignment import Aligner, Alignment
from .summary import choose, plan_name


@dataclass(frozen=True)
class Matrix:
    parent: Plan
    rows: tuple[tuple[Plan, Alignment], ...]


def choose_parent(alignments: list[Alignment], wanted: Plan | None) -> Alignment | None:
    """The alignment a matrix shows (summary.choose: the parent asked for, else the newest national plan)."""
    return choose(alignments, wanted.path if wanted is not None else None, parent=lambda a: plan_name(a.parent))


def matrices(aligner: Aligner, parent: Plan | None = None) -> list[Matrix]:
    """One matrix per parent plan: the plans measured against it, in the order loaded."""
    parents: dict[str, Plan] = {}
    rows: dict[str, list[tuple[Plan, Alignment]]] = {}
    for plan in aligner.ws.plans:
        chosen = choose_parent(aligner.align(plan), parent)
        if chosen is not None:
            parents.setdefault(chosen.parent.path, chosen.parent)
            rows.setdefault(chosen.parent.path, []).append((plan, chosen))
    return [Matrix(parents[key], tuple(found)) for key, found in rows.items()]
