"""Jobs that publish plans for others: the static site, the calendar, the front-matter schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .common import PathLike, Repos, load_paths, reading_problems
from .plans import current_year, old_ids, year_in_a_period


def site_data(paths: Iterable[PathLike] | None = None, year: int | None = None, with_history: bool = True):
    """Everything the static site shows: every plan asked for and every plan above them; the coverage matrix
    against the national priorities; each plan's status for every year of its period; each requirement with
    the plans that answer it and those that do not; each plan's revisions from git (None outside git; git is
    not asked at all without `with_history`). A `year` outside every one of those plans' periods is a Problem."""
    from ..align.alignment import Aligner
    from ..align.answers import by_requirement
    from ..align.coverage import matrices
    from ..history.git import GitProblem
    from ..history.revisions import revisions
    from ..results import SiteResult
    from ..status.schedule import stamp
    from ..status.year import select

    ws = load_paths(paths)
    when = year or current_year()
    aligner = Aligner(ws)
    plans = list(ws.plans)
    for plan in ws.plans:
        plans += [a for a in ws.ancestors(plan) if a not in plans]
    if year is not None:  # a year no plan of the site has in its period: refused, as status and report do
        year_in_a_period([p for p in plans if p.meta.period], year)
    known = {p.path: old_ids(p) for p in plans}
    years = {p.path: [select(p, y, old_ids=known[p.path]) for y in p.meta.period.years] for p in plans
             if p.meta.period}
    histories: dict[str, list[Any] | None] = {}
    repos = Repos()
    for plan in plans if with_history else ():
        try:
            repo = repos.of(Path(plan.path))
            histories[plan.path] = revisions(repo, repo.relative(Path(plan.path)))
        except GitProblem:
            histories[plan.path] = None
    return SiteResult(reading_problems(ws.diagnostics), when, plans, matrices(aligner),
                      {p.path: aligner.align(p) for p in plans}, years, histories, by_requirement(aligner, plans),
                      repos.notes, stamp().date().isoformat(), with_history)


def calendar(paths: Iterable[PathLike] | None = None):
    """The measures that name a month or a season, as calendar events over the years they are planned for."""
    from ..results import CalendarResult
    from ..status.schedule import events_of, stamp

    ws = load_paths(paths)
    events, without, outside = [], 0, 0
    for plan in ws.plans:
        found, skipped, elsewhere = events_of(plan)
        events += found
        without += skipped
        outside += elsewhere
    return CalendarResult(reading_problems(ws.diagnostics), events, without_month=without, outside_period=outside,
                          stamp=stamp())


def front_matter_schema() -> dict[str, Any]:
    """The JSON Schema for a plan's front matter (read/schema.py)."""
    from ..read.schema import front_matter_schema as build

    return build()
