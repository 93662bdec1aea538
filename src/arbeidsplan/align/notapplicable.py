"""«ikke aktuelt»: the requirements a plan's board has considered and marked as not applying to it, in the front
matter (read/frontmatter.py), each with the board's reason. A reference is written as a `svarer på` link is and
resolved the same way (links.resolve: a bare id among the plans above, or plan#id); it must name something the
plans above ask of the plan's level (requirements.py), else it marks nothing (AP605, checks/rules.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import message
from ..model import NotApplicable, Plan
from .links import link_to, plan_handle, resolve, split_link
from .requirements import Requirement


@dataclass(frozen=True)
class Marks:
    marked: dict[tuple[str, int], NotApplicable]  # (parent path, id(requirement's item)) → the board's mark
    problems: tuple[tuple[NotApplicable, str], ...]  # a mark that names no requirement, and why (AP605)


def marks(plan: Plan, asked: list[tuple[Plan, list[Requirement]]], ancestors: list[Plan]) -> Marks:
    """The plan's marks resolved against `ancestors` (Workspace.ancestors), kept when they name one of the
    requirements in `asked` (Aligner.asked). The first mark of a requirement counts."""
    if not plan.meta.not_applicable:  # most plans: nothing to resolve
        return Marks({}, ())
    marked: dict[tuple[str, int], NotApplicable] = {}
    problems: list[tuple[NotApplicable, str]] = []
    wanted = {(parent.path, id(r.item)) for parent, reqs in asked for r in reqs}
    level = message(f"level.{plan.meta.level.value}") if plan.meta.level else ""
    for mark in plan.meta.not_applicable:
        res = resolve(mark.reference, ancestors)
        if not res.matches:
            names = ", ".join(plan_handle(p) for p in ancestors)
            where = message("links.parents", names=names) if ancestors else message("links.no_parents")
            problems.append((mark, message("not_applicable.unknown", parents=where)))
        elif not res.ok:
            where = ", ".join(f"{plan_handle(p)}:{i.span.line}" for p, i in res.matches)
            example = link_to(split_link(mark.reference)[1], res.matches[0][0], ancestors)
            problems.append((mark, message("not_applicable.ambiguous", where=where, example=example)))
        else:
            parent, item = res.target
            key = (parent.path, id(item))
            if key not in wanted:
                problems.append((mark, message("not_applicable.not_asked", where=f"{plan_handle(parent)}:"
                                               f"{item.span.line}", level=level)))
            else:
                marked.setdefault(key, mark)
    return Marks(marked, tuple(problems))
