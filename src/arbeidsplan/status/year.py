"""What a measure's status is in a given year, and which measures a year's accounting covers.

Rules (docs/format.md §6):
- A measure is scheduled in the years its timing names within the period; one without timing is scheduled in
  every year of the period (the national plan's measures have none).
- A recurring measure (årlig, halvårlig, hele perioden …) needs a status for each year it is scheduled.
- A one-off measure that was done (or struck) in an earlier year counts as done (or struck) after that.
- Where git knows the plan's earlier versions (api.plans.old_ids): a status line under an id the annual meeting
  has given the measure instead counts for the measure under its new id, unless it has a line of its own for
  the year; and a measure struck since counts in the years the plan keeps a status line for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Mapping

from ..model import Goal, Measure, Period, Plan, StatusEntry, StatusWord

# Measures an annual meeting struck from the plan, by id, as an earlier version had them (history/earlier.py).
Struck = Mapping[str, tuple[tuple[Goal, ...], Measure]]


@dataclass(frozen=True)
class OldIds:
    """What the plan's committed versions say of its status lines for ids it no longer has (api.plans.old_ids):
    a measure struck since, whose lines are its record (`struck`), or one the annual meeting gave a new id, whose
    lines belong to the measure under that id (`renumbered`: old id → the id now, history/earlier.renumbered)."""

    struck: Struck = field(default_factory=dict)
    renumbered: Mapping[str, str] = field(default_factory=dict)


NO_OLD_IDS = OldIds()

CLOSED = (StatusWord.GJENNOMFORT, StatusWord.STROKET)
REPORT_ORDER = (StatusWord.GJENNOMFORT, StatusWord.DELVIS, StatusWord.I_GANG, StatusWord.PLANLAGT, StatusWord.UTSATT,
                StatusWord.IKKE_GJENNOMFORT, StatusWord.STROKET)


# Years looked at either side of the year asked about. A plan's period is a few years; one written as
# [2024, 3000000000] is never expanded into three billion years (check reports it: AP106).
WINDOW_YEARS = 100


def scheduled_years(measure: Measure, period: Period, year: int | None = None) -> frozenset[int]:
    """The years of the period (at most WINDOW_YEARS either side of `year`) the measure is scheduled in."""
    if year is not None:
        period = Period(max(period.first, year - WINDOW_YEARS), min(period.last, year + WINDOW_YEARS))
    if measure.timing is None or not measure.timing.understood:
        return frozenset(period.years)
    return measure.timing.years_in(period)


def is_recurring(measure: Measure) -> bool:
    return measure.timing is None or measure.timing.recurring or len(measure.timing.named_years()) > 1


@dataclass(frozen=True)
class YearStatus:
    """A measure's status in a year: its own entry, or one carried from an earlier year."""

    entry: StatusEntry | None
    carried_from: int | None = None

    @property
    def word(self) -> StatusWord | None:
        return self.entry.word if self.entry else None

    @property
    def done(self) -> bool:
        return self.word is StatusWord.GJENNOMFORT

    @property
    def closed(self) -> bool:
        return self.word in CLOSED


def status_in(measure: Measure, year: int) -> YearStatus:
    own = measure.status_for(year)
    if own is not None:
        return YearStatus(own)
    if not is_recurring(measure):
        earlier = [s for s in measure.statuses if s.year < year and s.word in CLOSED]
        if earlier:
            last = max(earlier, key=lambda s: s.year)
            return YearStatus(last, carried_from=last.year)
    return YearStatus(None)


@dataclass(frozen=True)
class Row:
    """One measure in one year's accounting."""

    chain: tuple[Goal, ...]
    measure: Measure
    scheduled: bool
    status: YearStatus
    overdue_years: tuple[int, ...] = ()
    old_id: str | None = None  # the id the year's status line still names: the meeting has renumbered the measure

    @property
    def reported(self) -> bool:
        return self.status.entry is not None

    @property
    def planned(self) -> bool:
        """Scheduled for the year and not struck by the board: what the year's totals count."""
        return self.scheduled and self.status.word is not StatusWord.STROKET


def overdue_years(measure: Measure, period: Period, year: int) -> tuple[int, ...]:
    """Scheduled years before `year` whose status is not done or struck."""
    past = sorted(y for y in scheduled_years(measure, period, year) if y < year)
    if not is_recurring(measure):
        if any(s.word in CLOSED and s.year <= year for s in measure.statuses):
            return ()
        return tuple(past[-1:])
    return tuple(y for y in past if not status_in(measure, y).closed)


def own_measures(plan: Plan) -> list[tuple[tuple[Goal, ...], Measure]]:
    """The plan's measures with their goals, less those it asks of another level (the national plan's
    «Lokallagas rolle»): those are the local branches' to carry out and report, not the national board's."""
    level = plan.meta.level
    return [(chain, m) for chain, m in plan.measures_with_parents() if m.addressed_to in (None, level)]


def accounted_measures(plan: Plan, renumbered: Mapping[str, str]
                       ) -> tuple[list[tuple[tuple[Goal, ...], Measure]], dict[StatusEntry, str]]:
    """The plan's own measures (own_measures), each with the status lines still written under an id the annual
    meeting has replaced with its own (`renumbered`: old id → new) for the years it has no line of its own; and
    those lines, with the old id each names."""
    measures = own_measures(plan)
    moved: dict[str, list[tuple[str, StatusEntry]]] = {}
    for item_id, entry in plan.orphan_statuses if renumbered else ():
        if item_id in renumbered:
            moved.setdefault(renumbered[item_id], []).append((item_id, entry))
    if not moved:
        return measures, {}
    taken: dict[StatusEntry, str] = {}
    for k, (chain, measure) in enumerate(measures):
        if measure.id in moved:
            years = {s.year for s in measure.statuses}
            lines = []
            for old, entry in moved[measure.id]:
                if entry.year not in years:  # a line under the measure's own id counts; else the first old one
                    years.add(entry.year)
                    taken[entry] = old
                    lines.append(entry)
            statuses = tuple(sorted((*measure.statuses, *lines), key=lambda e: e.year))
            measures[k] = (chain, replace(measure, statuses=statuses))
    return measures, taken


def rows_for_year(plan: Plan, year: int, old_ids: OldIds = NO_OLD_IDS) -> list[Row]:
    """Measures scheduled in `year`, and those with a status for `year` although not scheduled; with `old_ids`,
    a renumbered measure with the status lines under its old id, and the measures struck since whose status lines
    for `year` the plan keeps (the year's record)."""
    period = plan.meta.period
    measures, written_as = accounted_measures(plan, old_ids.renumbered)
    out = []
    for chain, measure in measures:
        scheduled = period is not None and year in scheduled_years(measure, period, year)
        status = status_in(measure, year)
        if scheduled or measure.status_for(year) is not None:
            # In a year's table only a one-off that is still not done is late; a recurring measure's
            # missed years are shown by `--overdue`.
            overdue = overdue_years(measure, period, year) if period and not is_recurring(measure) else ()
            old_id = written_as.get(status.entry) if written_as and status.entry else None
            out.append(Row(chain, measure, scheduled, status, overdue, old_id))
    for row in _struck_rows(plan, year, old_ids.struck):
        at = max((k + 1 for k, r in enumerate(out) if r.chain == row.chain), default=len(out))
        out.insert(at, row)  # after the rows of its goal, so that a table by goal keeps it there
    return out


def _struck_rows(plan: Plan, year: int, struck: Struck) -> list[Row]:
    """A row for each struck measure that has a status line for `year`: the measure as its last version had it,
    with the status lines the plan keeps for it, under the plan's own goal of the same id where there is one."""
    kept: dict[str, list[StatusEntry]] = {}
    for item_id, entry in plan.orphan_statuses:
        if item_id in struck:
            kept.setdefault(item_id, []).append(entry)
    goals = {g.id: g for g in plan.walk_goals()}
    period = plan.meta.period
    rows = []
    for item_id, entries in kept.items():
        if not any(e.year == year for e in entries):
            continue
        chain, old = struck[item_id]
        measure = replace(old, statuses=tuple(sorted(entries, key=lambda e: e.year)))
        scheduled = period is not None and year in scheduled_years(measure, period, year)
        rows.append(Row(tuple(goals.get(g.id, g) for g in chain), measure, scheduled, status_in(measure, year)))
    return rows


def all_overdue(plan: Plan, year: int, old_ids: OldIds = NO_OLD_IDS) -> list[Row]:
    period = plan.meta.period
    if period is None:
        return []
    measures, written_as = accounted_measures(plan, old_ids.renumbered)
    out = []
    for chain, measure in measures:
        years = overdue_years(measure, period, year)
        if years:
            scheduled = year in scheduled_years(measure, period, year)
            status = status_in(measure, year)
            old_id = written_as.get(status.entry) if written_as and status.entry else None
            out.append(Row(chain, measure, scheduled, status, years, old_id))
    return out


@dataclass(frozen=True)
class Summary:
    scheduled: int
    by_status: dict[str, int]
    not_reported: int
    done: int
    done_unscheduled: int
    struck: int = 0  # scheduled, and struck by the board: no longer planned

    @property
    def counted(self) -> int:
        """The measures still planned for the year: the scheduled ones less those struck."""
        return self.scheduled - self.struck

    @property
    def share_done(self) -> float:
        return self.done / self.counted if self.counted else 0.0


NOT_REPORTED = "ikke rapportert"


def summarise(rows: list[Row]) -> Summary:
    scheduled = [r for r in rows if r.scheduled]
    counts = Counter(r.status.word.value if r.status.word else NOT_REPORTED for r in scheduled)
    order = [w.value for w in REPORT_ORDER] + [NOT_REPORTED]
    return Summary(
        scheduled=len(scheduled),
        by_status={k: counts[k] for k in order if counts.get(k)},
        not_reported=counts.get(NOT_REPORTED, 0),
        done=sum(1 for r in scheduled if r.status.done),
        done_unscheduled=sum(1 for r in rows if not r.scheduled and r.status.done),
        struck=sum(1 for r in scheduled if not r.planned),
    )


@dataclass(frozen=True)
class PlanYear:
    plan: Plan
    year: int
    rows: list[Row]
    summary: Summary
    selected: bool = False  # a selection was asked for (--missing, --overdue, --ansvar): the rows are the answer


def select(plan: Plan, year: int, responsible: str | None = None, overdue: bool = False,
           missing: bool = False, old_ids: OldIds = NO_OLD_IDS) -> PlanYear:
    rows = all_overdue(plan, year, old_ids) if overdue else rows_for_year(plan, year, old_ids)
    if responsible:
        wanted = responsible.casefold()
        rows = [r for r in rows if r.measure.responsible and wanted in r.measure.responsible.casefold()]
    if missing:
        rows = [r for r in rows if r.scheduled and not r.reported]
    return PlanYear(plan, year, rows, summarise(rows), bool(responsible or overdue or missing))
