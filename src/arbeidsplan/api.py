"""The library: one function per job, each doing it end to end and returning a value.

The command line calls one of these and hands the result to a renderer in render/; nothing here prints or
exits. A job that cannot be done as asked (a missing folder, a bad option, trouble with git) raises Problem
with one Norwegian line; problems in the plans themselves are findings in the result, and each result's
`exit_code` follows the one policy in diagnostics.exit_code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Diagnostic, Severity
from .messages import message
from .model import Level, Period, Plan
from .results import (CheckResult, Comparison, CoverageResult, HistoryResult, NewPlan, PlanHistory, ReportResult,
                      ShowResult, StatusResult)

PathLike = str | os.PathLike[str]


class Problem(Exception):
    """The job cannot be done as asked; the message says why, in one line. The CLI exits 2."""


def _problem_from(err: Exception) -> Problem:
    return Problem(str(err))


def reading_problems(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The findings from reading that a command other than `check` must show: errors and unreadable files."""
    return tuple(d for d in diagnostics if d.unreadable or d.severity is Severity.ERROR)


def default_paths(paths: Iterable[PathLike] | None) -> list[Path]:
    """The paths asked for, or plans/ in the current folder."""
    given = [Path(p) for p in paths or ()]
    if given:
        return given
    if not (Path.cwd() / "plans").is_dir():
        raise Problem(message("cli.no_default", cwd=Path.cwd()))
    return [Path("plans")]


def _load(paths: Iterable[PathLike] | None):
    from .read.workspace import load

    return load(default_paths(paths))


# -- check ----------------------------------------------------------------------------------------------------


def check(paths: Iterable[PathLike] | None = None, strict: bool = False) -> CheckResult:
    """Read the plans under `paths` (default plans/), run every rule, and compare each plan with the plans
    above it."""
    from .align.alignment import Aligner
    from .align.coverage import matrices
    from .checks.run import check_workspace

    ws = _load(paths)
    aligner = Aligner(ws)
    findings = check_workspace(ws, aligner)
    return CheckResult(len(ws.files), findings, matrices(aligner), [(p, aligner.align(p)) for p in ws.plans],
                       strict)


# -- show -----------------------------------------------------------------------------------------------------


def show(path: PathLike) -> ShowResult:
    from .read.workspace import load_plan

    plan, found = load_plan(path)
    return ShowResult(reading_problems(found), plan)


# -- status ---------------------------------------------------------------------------------------------------


def current_year() -> int:
    from datetime import date

    return date.today().year


def status(paths: Iterable[PathLike] | None = None, year: int | None = None, responsible: str | None = None,
           overdue: bool = False, missing: bool = False) -> StatusResult:
    """Each plan's measures for `year` (default this year) with their status."""
    from .status.year import select

    ws = _load(paths)
    when = year or current_year()
    tables = [select(p, when, responsible, overdue, missing) for p in ws.plans if p.meta.period]
    return StatusResult(reading_problems(ws.diagnostics), when, tables)


# -- report ---------------------------------------------------------------------------------------------------


def report(year: int, paths: Iterable[PathLike] | None = None) -> ReportResult:
    """The board's yearly report as plain data for a template: each plan's measures for the year with status,
    the requirements from the plans above that it does not answer, and the changes made to it during the year
    (from git)."""
    from .align.alignment import Aligner, State
    from .align.links import short_name
    from .history.plandiff import change_lines
    from .history.revisions import changes_in_year_many
    from .status.report import report_data

    ws = _load(paths)
    problems = reading_problems(ws.diagnostics)
    plans = [p for p in ws.plans if p.meta.period is not None]
    if not plans:
        return ReportResult(problems or reading_problems(ws.diagnostics), None)
    aligner = Aligner(ws)
    changes = changes_in_year_many([Path(p.path) for p in ws.plans], year)

    def extras(plan: Plan) -> dict[str, Any]:
        out: dict[str, Any] = {}
        alignments = aligner.align(plan)
        if alignments:
            out["krav"] = [{"id": a.requirement.id, "tekst": a.requirement.text, "plan": short_name(al.parent)}
                           for al in alignments for a in al.answers if a.state is State.UNANSWERED]
        diff = changes.get(str(Path(plan.path)))
        if diff is not None:
            out["endringer"] = change_lines(diff)
        return out

    return ReportResult(problems, report_data(plans, year, {p.path: extras(p) for p in plans}),
                        tuple(ws.by_path))


# -- coverage -------------------------------------------------------------------------------------------------


def coverage(paths: Iterable[PathLike] | None = None, parent: PathLike | None = None) -> CoverageResult:
    """Every plan against one parent plan's priorities (default: the newest national plan above each)."""
    from .align.alignment import Aligner
    from .align.coverage import matrices

    ws = _load(paths)
    wanted = None
    if parent is not None:
        wanted = ws.load_file(parent, requested=False) if Path(parent).is_file() else None
        if wanted is None:
            raise Problem(message("new.parent_unreadable", path=parent))
    return CoverageResult(reading_problems(ws.diagnostics), matrices(Aligner(ws), wanted))


# -- new ------------------------------------------------------------------------------------------------------


def new_plan(level: str, organisation: str, parent: PathLike, period: str | None = None,
             output: PathLike | None = None) -> NewPlan:
    """A draft plan for `level` with one linked measure per requirement of `parent` (and the plans above it).
    `output` is where it will be saved: parent paths are written relative to it."""
    from .read.frontmatter import parse_period
    from .read.workspace import Workspace
    from .write.newplan import parent_reference, scaffold

    known = [lv.value for lv in Level if lv is not Level.NASJONALT]
    if level not in known:
        raise Problem(message("reason.level", value=level, known=", ".join(known), suggestion=""))
    ws = Workspace()
    parent_plan = ws.load_file(parent)
    if parent_plan is None or parent_plan.meta.period is None:
        raise Problem(message("new.parent_unreadable", path=parent))
    chosen: Period | None = parent_plan.meta.period
    if period is not None:
        chosen = parse_period(period)
        if chosen is None:
            raise Problem(message("reason.period"))
    text, goals, measures = scaffold(organisation, Level(level), chosen, parent_plan, ws.ancestors(parent_plan),
                                     parent_reference(Path(parent), Path(output) if output else None))
    if measures == 0:
        raise Problem(message("new.no_requirements", path=parent, level=level))
    return NewPlan(text, goals, measures)


# -- history and diff -----------------------------------------------------------------------------------------


class _Repos:
    """One repository object per repository for a whole command (so its git log is read once), and the notes
    about each (a shallow clone) once."""

    def __init__(self) -> None:
        self.by_root: dict[Path, Any] = {}
        self.notes: list[str] = []

    def of(self, path: Path):
        from .history.git import GitProblem, Repo

        if not path.exists():
            raise GitProblem(f"{path}: " + message("reason.missing"))
        found = Repo.discover(path)
        if found.root not in self.by_root:
            self.by_root[found.root] = found
            note = found.shallow_note()
            if note:
                self.notes.append(note)
        return self.by_root[found.root]


def _plan_paths(paths: list[Path]) -> list[Path]:
    from .read.workspace import plan_files

    out: list[Path] = []
    for p in paths:
        out += plan_files(p) if p.is_dir() else [p]
    return out


def history(paths: Iterable[PathLike] | None = None) -> HistoryResult:
    """Each plan's revisions from git, newest first, with what each changed."""
    from .history.git import GitProblem
    from .history.revisions import revisions

    repos = _Repos()
    out = []
    try:
        for path in _plan_paths(default_paths(paths)):
            repo = repos.of(path)
            rel = repo.relative(path)
            revs = revisions(repo, rel)
            if not revs:
                raise GitProblem(message("git.no_history", path=path))
            out.append(PlanHistory(rel, revs, repo.is_dirty(rel)))
    except GitProblem as err:
        raise _problem_from(err) from None
    return HistoryResult(out, repos.notes)


def compare(args: Iterable[str] = (), since_adopted: bool = False) -> Comparison:
    """`diff [REV_A [REV_B]] [PATH…]`: arguments that exist as files or folders are plans, the others
    revisions. With no revision: the last commit against the working copy; with `since_adopted`: the last
    adopted version against REV_A or the working copy."""
    from .history.git import GitProblem
    from .history.plandiff import diff_plans
    from .history.revisions import last_adopted, version
    from .read.workspace import load_plan

    given = list(args)
    paths = [Path(a) for a in given if Path(a).exists()]
    revs = [a for a in given if not Path(a).exists()]
    if len(revs) > 2 or (since_adopted and len(revs) > 1):
        raise Problem(message("diff.too_many_revisions", extra=revs[-1]))
    repos = _Repos()
    results = []
    try:
        for path in _plan_paths(default_paths(paths)):
            repo = repos.of(path)
            rel = repo.relative(path)
            if since_adopted:
                adopted = last_adopted(repo, rel)
                old_label = adopted.commit.tags[0] if adopted.commit.tags else adopted.commit.sha[:8]
                old_plan = adopted.plan
                new_rev = revs[0] if revs else None
            else:
                old_label = revs[0] if revs else "HEAD"
                old_plan = version(repo, rel, old_label)
                new_rev = revs[1] if len(revs) > 1 else None
            if new_rev is None:
                new_plan_, _found = load_plan(path)
                new_label = message("git.working_tree")
            else:
                new_plan_ = version(repo, rel, new_rev)
                new_label = new_rev
            results.append((diff_plans(old_plan, new_plan_, rel), old_label, new_label))
    except GitProblem as err:
        raise _problem_from(err) from None
    return Comparison(results, repos.notes)
