"""Coverage as the renderers see it: plain values with the names, ids, counts and suggestions a table or a JSON
document shows, and no plan tree behind them. `check` keeps these between runs (checks/outcomes.py), so a
second run of an unchanged repository prints its coverage without reading a single plan tree; `coverage`
hands the same values to the same renderers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence, TypeVar

from ..model import Level, Plan
from .links import short_name
from .state import Counted, Grouped, State, Stated

if TYPE_CHECKING:
    from .alignment import Alignment

A = TypeVar("A")


@dataclass(frozen=True)
class PlanName:
    path: str
    name: str
    label: str
    short: str  # as findings name it: 'landsstyret/2026-2029'
    organisation: str | None
    level: Level | None
    first_year: int  # the period's first year, 0 without one: the newest national plan is the one measured
    last_year: int = 0  # the period's last year, 0 without one

    def holds(self, year: int) -> bool:
        """Whether the plan's period holds the year (a plan without a period: always)."""
        return not self.first_year or self.first_year <= year <= (self.last_year or self.first_year)


@dataclass(frozen=True)
class Suggestion:
    id: str
    score: float
    line: int
    shared: tuple[str, ...]
    alike: int = 0  # how many other plans' confirmed answers it resembles (alignment.Candidate.alike)


@dataclass(frozen=True)
class AnswerSummary(Stated):
    requirement_id: str
    requirement_text: str
    linked: tuple[str, ...]  # the ids of the child's items linked to it
    candidates: tuple[Suggestion, ...]
    not_applicable: str | None = None  # the board's reason, when it marked the requirement «ikke aktuelt»


@dataclass(frozen=True)
class PrioritySummary(Counted):
    id: str | None  # None: requirements outside every priority
    title: str | None
    answers: tuple[AnswerSummary, ...]
    theme_covered: bool


@dataclass(frozen=True)
class AlignmentSummary(Grouped):
    child: PlanName
    parent: PlanName
    level: Level
    coverage: tuple[PrioritySummary, ...]


@dataclass(frozen=True)
class MatrixSummary:
    parent: PlanName
    rows: tuple[tuple[PlanName, AlignmentSummary], ...]


def plan_name(plan: Plan) -> PlanName:
    period = plan.meta.period
    return PlanName(plan.path, plan.name, plan.label, short_name(plan), plan.meta.organisation, plan.meta.level,
                    period.first if period else 0, period.last if period else 0)


def summarise(al: Alignment) -> AlignmentSummary:
    coverage = []
    for cov in al.coverage:
        answers = tuple(
            AnswerSummary(a.requirement.id, a.requirement.text, tuple(i.id for i in a.linked),
                          tuple(Suggestion(c.item.id, c.score, c.item.span.line, c.shared, c.alike)
                                for c in a.candidates), a.not_applicable)
            for a in cov.answers)
        coverage.append(PrioritySummary(cov.priority.id if cov.priority else None,
                                        cov.priority.title if cov.priority else None, answers, cov.theme_covered))
    return AlignmentSummary(plan_name(al.child), plan_name(al.parent), al.level, tuple(coverage))


def choose(alignments: Sequence[A], wanted: str | None = None,
           parent: Callable[[A], PlanName] = lambda a: a.parent) -> A | None:  # type: ignore[attr-defined]
    """The alignment a matrix shows for a plan: with the parent asked for (its path), else the newest national
    plan above it, else the newest of its parents. For summaries, and (with `parent`) for coverage.py's full
    alignments."""
    if wanted is not None:
        return next((a for a in alignments if parent(a).path == wanted), None)
    national = [a for a in alignments if parent(a).level is Level.NASJONALT]
    return max(national or alignments, key=lambda a: parent(a).first_year, default=None)


def matrices(per_plan: list[tuple[PlanName, tuple[AlignmentSummary, ...]]],
             wanted: str | None = None) -> list[MatrixSummary]:
    """One matrix per parent plan: the plans measured against it, in the order given."""
    parents: dict[str, PlanName] = {}
    rows: dict[str, list[tuple[PlanName, AlignmentSummary]]] = {}
    for plan, alignments in per_plan:
        chosen = choose(alignments, wanted)
        if chosen is not None:
            parents.setdefault(chosen.parent.path, chosen.parent)
            rows.setdefault(chosen.parent.path, []).append((plan, chosen))
    return [MatrixSummary(parents[key], tuple(found)) for key, found in rows.items()]


def data(ms: list[MatrixSummary]) -> list[dict]:
    """The matrices as JSON-ready data (`check --format json`, `coverage --format json/csv`)."""
    out = []
    for m in ms:
        plans = []
        for plan, al in m.rows:
            plans.append({
                "fil": plan.path,
                "organisasjon": plan.organisation,
                "prioriteringer": [
                    {"id": cov.id, "tittel": cov.title,
                     "koblet": cov.count(State.LINKED), "foreslått": cov.count(State.SUGGESTED),
                     "mulig_svar": cov.count(State.MAYBE), "ubesvart": cov.count(State.UNANSWERED),
                     "ikke_aktuelt": cov.count(State.NOT_APPLICABLE),
                     "dekket": cov.theme_covered,
                     "krav": [{"id": a.requirement_id, "tekst": a.requirement_text, "status": a.state.value,
                               "koblet": list(a.linked),
                               **({"grunn": a.not_applicable} if a.state is State.NOT_APPLICABLE else {}),
                               "forslag": [{"id": c.id, "skår": c.score, "linje": c.line,
                                            "felles_ord": list(c.shared), "som_i_andre": c.alike}
                                           for c in a.candidates]}
                              for a in cov.answers]}
                    for cov in al.coverage],
            })
        out.append({"overordnet": m.parent.path, "planer": plans})
    return out
