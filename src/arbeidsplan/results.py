"""The values the library's jobs (api/) return and the renderers (render/) draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic, exit_code
from .model import Plan


@dataclass(frozen=True)
class Outcome:
    """What every job that reads plans reports besides its answer: the findings from reading them that make
    the answer incomplete (errors, unreadable files), and the exit code those give."""

    problems: tuple[Diagnostic, ...] = ()

    @property
    def exit_code(self) -> int:
        return exit_code(list(self.problems))


@dataclass(frozen=True)
class CheckResult:
    files: int
    findings: list[Diagnostic]
    coverage: list[Any]  # align.summary.MatrixSummary, one per parent plan
    alignments: list[tuple[Any, tuple[Any, ...]]]  # each plan's align.summary.PlanName with its AlignmentSummary
    # per parent
    strict: bool = False

    @property
    def exit_code(self) -> int:
        return exit_code(self.findings, strict=self.strict)


@dataclass(frozen=True)
class ShowResult(Outcome):
    plan: Plan | None = None


@dataclass(frozen=True)
class StatusResult(Outcome):
    year: int = 0
    tables: list[Any] = field(default_factory=list)  # status.year.PlanYear, one per plan with a period


@dataclass(frozen=True)
class ReportResult(Outcome):
    data: dict[str, Any] | None = None  # None when no plan could be reported on
    inputs: tuple[str, ...] = ()  # every plan file read (with the plans above them): never an output
    notes: tuple[str, ...] = ()  # what the report leaves out and why (plans whose period does not hold the year)


@dataclass(frozen=True)
class CoverageResult(Outcome):
    matrices: list[Any] = field(default_factory=list)  # align.summary.MatrixSummary


@dataclass(frozen=True)
class NewPlan:
    text: str
    goals: int
    measures: int
    period: Any = None  # model.Period: the draft's period
    period_from: str = "given"  # where it came from: "given" (--period), "name" (the file name), "parent"
    unlinked: tuple[str, ...] = ()  # requirements a draft measure could not be linked to (an id used twice above)


@dataclass(frozen=True)
class PlanHistory:
    path: str  # relative to the repository
    revisions: list[Any]  # history.revisions.Revision, newest first
    dirty: bool  # the working copy has changes not yet committed


@dataclass(frozen=True)
class HistoryResult:
    histories: list[PlanHistory]
    notes: list[str]  # e.g. how much history a shallow clone lacks


@dataclass(frozen=True)
class Comparison:
    diffs: list[tuple[Any, str, str | None]]  # (history.plandiff.PlanDiff, old label, new label; None: the working copy)
    notes: list[str]
    language: str | None = None  # the paper's language, as a report's (api.plans.report_language)


# -- site and calendar (the party office's view) --------------------------------------------------------------


@dataclass(frozen=True)
class SiteResult(Outcome):
    year: int = 0
    plans: list[Plan] = field(default_factory=list)  # every plan with a page: those asked for and those above
    matrices: list[Any] = field(default_factory=list)  # align.coverage.Matrix: the overview
    alignments: dict[str, list[Any]] = field(default_factory=dict)  # plan path → align.alignment.Alignment
    years: dict[str, list[Any]] = field(default_factory=dict)  # plan path → status.year.PlanYear per year
    histories: dict[str, list[Any] | None] = field(default_factory=dict)  # plan path → Revision; None: no git
    requirements: list[Any] = field(default_factory=list)  # align.answers.RequirementAnswers
    notes: list[str] = field(default_factory=list)
    generated: str = ""  # ISO date the site was made (SOURCE_DATE_EPOCH when set)
    with_history: bool = True  # False: git was not asked (--no-history), and `histories` is empty


@dataclass(frozen=True)
class CalendarResult(Outcome):
    events: list[Any] = field(default_factory=list)  # status.schedule.Event
    without_month: int = 0  # measures with no month or season: not in the calendar
    outside_period: int = 0  # measures with a month, but only in years outside their plan's period
    stamp: Any = None  # datetime for DTSTAMP (SOURCE_DATE_EPOCH when set)
