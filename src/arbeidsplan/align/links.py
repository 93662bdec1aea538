"""Resolving a link ("1.F2", "landsstyret/2026-2029#1.F2") against the plans above a plan."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import PurePath

from ..model import Goal, Measure, Plan


@dataclass(frozen=True)
class Resolution:
    link: str
    matches: tuple[tuple[Plan, Goal | Measure], ...]

    @property
    def ok(self) -> bool:
        return len(self.matches) == 1

    @property
    def target(self) -> tuple[Plan, Goal | Measure]:
        return self.matches[0]


def plan_handle(plan: Plan) -> str:
    """How a link names a plan: its path without .md, e.g. 'plans/landsstyret/2026-2029'."""
    return PurePath(plan.path).with_suffix("").as_posix()


def short_name(plan: Plan) -> str:
    """A plan as findings and reports name it: its path from plans/ on, e.g. 'landsstyret/2026-2029', the same
    from whichever folder the command is run (a parent read as ../landsstyret/2026-2029.md from inside
    plans/innlandet/ is still 'landsstyret/2026-2029')."""
    handle = plan_handle(plan)
    if "plans/" in handle:
        return handle.split("plans/", 1)[-1]
    full = PurePath(os.path.abspath(handle)).as_posix()
    return full.rsplit("/plans/", 1)[-1] if "/plans/" in full else handle


def split_link(link: str) -> tuple[str | None, str]:
    if "#" in link:
        qualifier, item_id = link.rsplit("#", 1)
        return qualifier.strip().removesuffix(".md").strip("/") or None, item_id.strip()
    return None, link.strip()


def resolve(link: str, candidates: list[Plan]) -> Resolution:
    qualifier, item_id = split_link(link)
    plans = candidates
    if qualifier is not None:
        plans = [p for p in candidates if plan_handle(p).endswith(qualifier)
                 and (plan_handle(p) == qualifier or plan_handle(p).endswith("/" + qualifier))]
    matches = tuple((p, item) for p in plans for item in p.find(item_id))
    return Resolution(link, matches)


def link_to(item_id: str, plan: Plan, candidates: list[Plan]) -> str:
    """How a child plan writes a link to `item_id` in `plan`: the bare id when that is unambiguous among
    `candidates`, else qualified with the shortest end of the plan's path that makes it so."""
    if resolve(item_id, candidates).ok:
        return item_id
    parts = plan_handle(plan).split("/")
    for n in range(1, len(parts) + 1):
        qualified = "/".join(parts[-n:]) + "#" + item_id
        if resolve(qualified, candidates).ok:
            return qualified
    return plan_handle(plan) + "#" + item_id
