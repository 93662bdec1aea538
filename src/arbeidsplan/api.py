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
from .results import (
    CheckResult,
    Comparison,
    CoverageResult,
    HistoryResult,
    NewPlan,
    PlanHistory,
    ReportResult,
    ShowResult,
    StatusResult,
)

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


def input_files(paths: Iterable[PathLike] | None) -> tuple[Path, ...]:
    """The plan files a job reads for these paths (folders expanded): what an -o may never overwrite."""
    from .read.workspace import plan_files

    given = [Path(p) for p in paths or ()] or [Path("plans")]
    return tuple(f for p in given for f in (plan_files(p) if p.is_dir() else [p]))


def _load(paths: Iterable[PathLike] | None):
    from .read.workspace import load

    return load(default_paths(paths))


# -- check ----------------------------------------------------------------------------------------------------


def check(paths: Iterable[PathLike] | None = None, strict: bool = False, select: Iterable[str] | None = None,
          ignore: Iterable[str] | None = None) -> CheckResult:
    """Read the plans under `paths` (default plans/), run every rule, and compare each plan with the plans
    above it. `select`/`ignore` (codes or their beginnings) default to the plan repository's settings
    (checks/selection.py)."""
    from .align.alignment import Aligner
    from .align.coverage import matrices
    from .checks.run import check_workspace
    from .checks.selection import SettingsProblem, selection

    try:
        chosen = selection(select, ignore)
    except SettingsProblem as err:
        raise _problem_from(err) from None
    ws = _load(paths)
    aligner = Aligner(ws)
    findings = [d for d in check_workspace(ws, aligner) if chosen.keeps(d.code)]
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


def report_language(plans: list[Plan], asked: str | None = None) -> str:
    """The report's language: the one asked for, else the plans' own `språk` when they agree, else the
    interface's."""
    from .messages import language, language_code

    if asked and language_code(asked):
        return language_code(asked)  # type: ignore[return-value]
    own = {language_code(p.meta.language) for p in plans}
    return own.pop() or language() if len(own) == 1 else language()


def report(year: int, paths: Iterable[PathLike] | None = None, lang: str | None = None) -> ReportResult:
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
        return ReportResult(problems, None)
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

    return ReportResult(problems, report_data(plans, year, {p.path: extras(p) for p in plans},
                                              report_language(plans, lang)),
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
                old_label = adopted.commit.tags[-1] if adopted.commit.tags else adopted.commit.sha[:8]
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


# -- ids ------------------------------------------------------------------------------------------------------


def ids(path: PathLike, write: bool = False):
    """The written ids a plan gets where it has only derived ones (write.ids.IdEdit), and with `write` the
    file changed. Raises Problem for a file that is not there, write.status.Refused (exit 1) for a plan with
    errors or a line that cannot take an id safely."""
    from .write.ids import plan_ids, write_ids

    target = Path(path)
    if not target.is_file():
        raise Problem(message("ids.missing", path=target))
    return write_ids(target) if write else plan_ids(target)
# -- site and calendar ----------------------------------------------------------------------------------------


def site_data(paths: Iterable[PathLike] | None = None, year: int | None = None, with_history: bool = True):
    """Everything the static site shows: every plan asked for and every plan above them; the coverage matrix
    against the national priorities; each plan's status for every year of its period; each requirement with
    the plans that answer it and those that do not; each plan's revisions from git (None outside git)."""
    from .align.alignment import Aligner
    from .align.answers import by_requirement
    from .align.coverage import matrices
    from .history.git import GitProblem
    from .history.revisions import revisions
    from .results import SiteResult
    from .status.schedule import stamp
    from .status.year import select

    ws = _load(paths)
    when = year or current_year()
    aligner = Aligner(ws)
    plans = list(ws.plans)
    for plan in ws.plans:
        plans += [a for a in ws.ancestors(plan) if a not in plans]
    years = {p.path: [select(p, y) for y in p.meta.period.years] for p in plans if p.meta.period}
    histories: dict[str, list[Any] | None] = {}
    repos = _Repos()
    for plan in plans:
        try:
            repo = repos.of(Path(plan.path))
            histories[plan.path] = revisions(repo, repo.relative(Path(plan.path))) if with_history else None
        except GitProblem:
            histories[plan.path] = None
    return SiteResult(reading_problems(ws.diagnostics), when, plans, matrices(aligner),
                      {p.path: aligner.align(p) for p in plans}, years, histories, by_requirement(aligner, plans),
                      repos.notes, stamp().date().isoformat())


def calendar(paths: Iterable[PathLike] | None = None):
    """The measures that name a month or a season, as calendar events over the years they are planned for."""
    from .results import CalendarResult
    from .status.schedule import events_of, stamp

    ws = _load(paths)
    events, without = [], 0
    for plan in ws.plans:
        found, skipped = events_of(plan)
        events += found
        without += skipped
    return CalendarResult(reading_problems(ws.diagnostics), events, without, stamp())


def front_matter_schema() -> dict[str, Any]:
    """The JSON Schema for a plan's front matter (read/schema.py)."""
    from .read.schema import front_matter_schema as build

    return build()
# -- import ---------------------------------------------------------------------------------------------------


def import_document(path: PathLike, output: PathLike | None = None, organisation: str | None = None,
                    level: str | None = None, period: str | None = None, parents: Iterable[PathLike] = (),
                    force: bool = False, timing_from_text: bool = False):
    """A Word, PDF or text document as a plan (read/importing/): the plan's text, what was recognised, the
    findings on it and anything of the source that did not come with it. With `output`, the plan is written
    there atomically (never over the document itself, nor over an existing file unless `force`) and read back
    to check it. With `timing_from_text`, a listed measure's timing and responsible are also read out of its
    own text where it states them once. Returns read.importing.build.Imported."""
    from dataclasses import replace

    from .read.frontmatter import parse_period
    from .read.importing.build import Options, import_file
    from .read.importing.extract import ImportProblem
    from .write.files import write_atomically
    from .write.newplan import parent_reference

    known = [lv.value for lv in Level]
    if level is not None and level not in known:
        raise Problem(message("import.bad_level", value=level, known=", ".join(known)))
    span = None
    if period is not None:
        parsed = parse_period(period)
        if parsed is None:
            raise Problem(message("import.bad_period", value=period))
        span = (parsed.first, parsed.last)
    out = Path(output) if output is not None else None
    if out is not None:
        if Path(path).exists() and out.exists() and out.resolve() == Path(path).resolve():
            raise Problem(message("import.same_file", path=out))
        if out.exists() and not force:
            raise Problem(message("import.exists", path=out))
        if out.is_dir():
            raise Problem(message("report.is_directory", path=out))
        if not out.parent.is_dir():
            raise Problem(message("report.no_directory", path=out.parent))
    refs = tuple(parent_reference(Path(p), out) for p in parents)
    plan_path = str(out) if out is not None else str(Path.cwd() / (Path(path).stem + ".md"))
    try:
        result = import_file(str(path), Options(organisation, level, span, refs, timing_from_text), plan_path)
    except ImportProblem as err:
        raise Problem(str(err)) from None
    result = replace(result, findings=_checked(result.plan, result.findings))
    if out is None:
        return result
    data = result.text.encode("utf-8")
    try:
        write_atomically(out, data)
    except OSError as err:
        raise Problem(message("import.os", path=out, error=err.strerror or err)) from None
    back = out.read_bytes()
    if back != data:
        out.unlink(missing_ok=True)
        raise Problem(message("import.readback", path=out, reason="innholdet er endret"))
    from .read.workspace import load_plan

    plan, _found = load_plan(out)
    if plan is None or plan.counts() != result.counts:
        out.unlink(missing_ok=True)
        raise Problem(message("import.readback", path=out, reason="planen leses annerledes"))
    return replace(result, output=str(out))


def _checked(plan: Plan | None, found: list[Diagnostic]) -> list[Diagnostic]:
    """An imported plan checked as `check` would check it once saved, with its parents if they were given."""
    from .checks.run import check_workspace
    from .read.workspace import Workspace, path_key

    if plan is None:
        return list(found)
    ws = Workspace()
    ws.plans.append(plan)
    ws.by_path[path_key(plan.path)] = plan
    ws.files.append(plan.path)
    ws.diagnostics.extend(found)
    return check_workspace(ws)
