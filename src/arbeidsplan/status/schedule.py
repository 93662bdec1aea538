"""When in the year a measure happens: the months its timing names (read/timing.py: «mars», «våren 2026»,
«første halvår»), over the years it is scheduled in (year.py: every year for «årlig», odd years for «i valgår»).
The calendar export (render/calendar.py) draws these as events."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from ..model import Goal, Measure, Plan
from .year import scheduled_years


@dataclass(frozen=True)
class Event:
    plan: Plan
    chain: tuple[Goal, ...]
    measure: Measure
    occurrence: int  # 1 for the first measure with this id in the plan, 2 for a repeated id …
    part: int  # 0 for the first run of months, 1 for the next («mars og oktober» is two runs)
    months: tuple[int, ...]  # consecutive, in calendar order; a run may wrap over new year (des, jan, feb)
    years: tuple[int, ...]  # the years it starts in, ascending

    @property
    def step(self) -> int | None:
        """The years between occurrences when they are evenly spaced (1 yearly, 2 every other year …), else None
        (and None for a single year)."""
        if len(self.years) < 2:
            return None
        gaps = {b - a for a, b in zip(self.years, self.years[1:])}
        return gaps.pop() if len(gaps) == 1 else None


def month_runs(months: frozenset[int]) -> list[tuple[int, ...]]:
    """Months grouped into runs of consecutive months, a run over new year kept whole: {12, 1, 2} is one run
    starting in December, {3, 10} two runs."""
    if not months:
        return []
    ordered = sorted(months)
    if len(ordered) == 12:
        return [tuple(ordered)]
    # Start after a gap, so a run that wraps over new year (… 11, 12, 1, 2) is not cut at January.
    start = next(m for m in ordered if (m - 2) % 12 + 1 not in months)
    runs: list[list[int]] = []
    month = start
    for _ in range(12):
        if month in months:
            if runs and (month - 2) % 12 + 1 == runs[-1][-1]:
                runs[-1].append(month)
            else:
                runs.append([month])
        month = month % 12 + 1
    return [tuple(r) for r in runs]


def events_of(plan: Plan) -> tuple[list[Event], int, int]:
    """The plan's measures that name a month or season, as events; how many measures name neither (they have no
    place in a calendar); and how many name one, but only in years outside the plan's period («mai 2031»)."""
    period = plan.meta.period
    if period is None:
        return [], sum(1 for _ in plan.measures()), 0
    events: list[Event] = []
    without = outside = 0
    seen: dict[str, int] = {}
    for chain, measure in plan.measures_with_parents():
        seen[measure.id] = seen.get(measure.id, 0) + 1
        timing = measure.timing
        years = sorted(scheduled_years(measure, period))
        if timing is None or not timing.months:
            without += 1
            continue
        if not years:
            outside += 1
            continue
        for part, run in enumerate(month_runs(timing.months)):
            events.append(Event(plan, chain, measure, seen[measure.id], part, run, tuple(years)))
    return events, without, outside


def stamp() -> datetime:
    """Now (UTC), or SOURCE_DATE_EPOCH when set: reproducible output for tests and golden files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)
