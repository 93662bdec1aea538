"""Jobs over plans as they are now: check, show, status, the yearly report, coverage, a new plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..messages import message
from ..model import Level, Plan
from ..results import (
    CheckResult,
    CoverageResult,
    NewPlan,
    ReportResult,
    ShowResult,
    StatusResult,
)
from .common import PathLike, Problem, default_paths, load_paths, problem_from, read_parent, reading_problems

if TYPE_CHECKING:  # the status modules are imported by the jobs that use them
    from ..status.year import OldIds


def check(paths: Iterable[PathLike] | None = None, strict: bool = False, select: Iterable[str] | None = None,
          ignore: Iterable[str] | None = None) -> CheckResult:
    """Read the plans under `paths` (default plans/), run every rule, and compare each plan with the plans
    above it. `select`/`ignore` (codes or their beginnings) default to the plan repository's settings
    (checks/selection.py). Each plan's outcome is kept between runs (checks/outcomes.py)."""
    from ..align.summary import matrices
    from ..checks.outcomes import check_files
    from ..checks.selection import SettingsProblem, selection
    from ..diagnostics import CODES
    from ..read.workspace import requested_files

    try:
        chosen = selection(select, ignore)
    except SettingsProblem as err:
        raise problem_from(err) from None
    files, missing = requested_files(default_paths(paths))
    outcomes = check_files(files)
    found = set(missing).union(d for o in outcomes for d in o.findings)
    findings = [d for d in sorted(found, key=lambda d: (d.span.file, d.span.line, d.span.col, d.code, d.message))
                if chosen.keeps(d.code)]
    per_plan = [(o.plan, o.alignments) for o in outcomes if o.plan is not None]
    if not any(chosen.keeps(code) for code in CODES if code.startswith("AP6")):
        per_plan = []  # the coverage summary is what the AP6 findings add up to: none asked for, none shown
    return CheckResult(len(files), findings, matrices(per_plan), per_plan, strict)


def show(path: PathLike) -> ShowResult:
    from ..diagnostics import finding
    from ..read.workspace import load_plan

    plan, found = load_plan(path)
    problems = reading_problems(found)
    if plan is not None and not plan.goals and not plan.loose_measures:  # a tree with nothing in it: say why
        problems += (finding("AP209", plan.meta.span),)
    return ShowResult(problems, plan)





def current_year() -> int:
    from datetime import date

    return date.today().year


def status(paths: Iterable[PathLike] | None = None, year: int | None = None, responsible: str | None = None,
           overdue: bool = False, missing: bool = False) -> StatusResult:
    """Each plan's measures for `year` (default this year) with their status."""
    from ..status.year import select

    ws = load_paths(paths)
    when = year or current_year()
    if year is not None:
        year_in_a_period([p for p in ws.plans if p.meta.period], year)
    tables = [select(p, when, responsible, overdue, missing, old_ids(p)) for p in ws.plans if p.meta.period]
    return StatusResult(reading_problems(ws.diagnostics), when, tables)


def old_ids(plan: Plan) -> OldIds:
    """What git knows of the plan's status lines for ids it no longer has (history/earlier.py): the measures an
    annual meeting struck, as git last had them, whose lines a year's accounting counts as their record; and the
    measures it gave a new id, whose lines count for the measure under that id. Git is asked only for a plan with
    such lines; outside git, nothing is known."""
    from ..status.year import NO_OLD_IDS, OldIds

    if not plan.orphan_statuses:
        return NO_OLD_IDS
    from ..history.earlier import earlier, renumbered

    before = earlier(plan.path)
    moved = {old: now.id for old, now in renumbered(plan, before).items()}
    struck = {item_id: before.measures[item_id] for item_id, _entry in plan.orphan_statuses
              if item_id in before.measures and item_id not in moved}
    return OldIds(struck, moved)


def year_in_a_period(plans: list[Plan], year: int) -> None:
    """A year asked for that no plan's period holds is a usage problem (exit 2), said once with each plan's file
    and period, never an empty table or report."""
    if plans and not any(p.meta.period is not None and year in p.meta.period for p in plans):
        listed = ", ".join(f"{p.path} ({p.meta.period})" for p in plans)
        raise Problem(message("year.outside_period", year=year, plans=listed, n=len(plans)))


def report_language(plans: list[Plan], asked: str | None = None) -> str:
    """The report's language: the one asked for, else the plans' own `språk` when they agree, else the
    interface's."""
    from ..messages import language, language_code

    if asked and language_code(asked):
        return language_code(asked)  # type: ignore[return-value]
    own = {language_code(p.meta.language) for p in plans}
    return own.pop() or language() if len(own) == 1 else language()


def section_language(plan: Plan, asked: str | None, report: str) -> str:
    """The language of one plan's part of a report: the one asked for, else the plan's own `språk`, else the
    report's."""
    from ..messages import language_code

    return language_code(asked) or language_code(plan.meta.language) or report


def report(year: int, paths: Iterable[PathLike] | None = None, lang: str | None = None) -> ReportResult:
    """The board's yearly report as plain data for a template: each plan's measures for the year with status,
    the requirements from the plans above that it does not answer, and the changes made to it during the year
    (from git)."""
    from ..align.state import State
    from ..checks.outcomes import check_files
    from ..history.plandiff import change_lines
    from ..history.revisions import changes_in_year_many
    from ..messages import using
    from ..read.workspace import path_key
    from ..status.report import report_data

    ws = load_paths(paths)
    problems = reading_problems(ws.diagnostics)
    plans = [p for p in ws.plans if p.meta.period is not None]
    if not plans:
        return ReportResult(problems, None)
    year_in_a_period(plans, year)
    notes = tuple(message("report.outside_year", plan=p.label, path=p.path, period=p.meta.period, year=year)
                  for p in plans if year not in p.meta.period)  # type: ignore[operator]
    plans = [p for p in plans if year in p.meta.period]  # type: ignore[operator]
    # The requirements each plan leaves unanswered are `check`'s (checks/outcomes.py: kept between runs, and
    # worked out in worker processes for many plans).
    aligned = {path_key(o.path): o.alignments for o in check_files([Path(p.path) for p in plans])}
    changes = changes_in_year_many([Path(p.path) for p in ws.plans], year)

    language = report_language(plans, lang)
    sections = {p.path: section_language(p, lang, language) for p in plans}

    def maybe(plan: Plan, ids: str) -> str:
        """«mulig svar» (AP604): perhaps answered, so listed with its candidates rather than left out; in the
        language of the plan's part of the report."""
        with using(sections[plan.path]):
            return message("report.maybe", ids=ids)

    def no_reason(plan: Plan) -> str:
        with using(sections[plan.path]):
            return message("report.no_reason")

    def extras(plan: Plan) -> dict[str, Any]:
        out: dict[str, Any] = {}
        alignments = aligned.get(path_key(plan.path), ())
        if alignments:
            out["krav"] = [{"id": a.requirement_id, "tekst": a.requirement_text, "plan": al.parent.short,
                            **({"mulig": maybe(plan, ", ".join(c.id for c in a.candidates))} if a.unsure else {})}
                           for al in alignments if al.parent.holds(year)  # a plan above that has run out: no
                           for a in al.answers  # longer asks anything this year
                           if a.state in (State.UNANSWERED, State.MAYBE)]
            # considered by the board and found not to apply: listed apart, with its reason, never as unanswered
            marked = [{"id": a.requirement_id, "tekst": a.requirement_text, "plan": al.parent.short,
                       "grunn": a.not_applicable or no_reason(plan)}
                      for al in alignments if al.parent.holds(year) for a in al.answers
                      if a.state is State.NOT_APPLICABLE]
            if marked:
                out["ikke_aktuelt"] = marked
        diff = changes.get(str(Path(plan.path)))
        if diff is not None:
            with using(sections[plan.path]):  # the plan's part of the report is in its language, its changes too
                out["endringer"] = change_lines(diff)
        return out

    return ReportResult(problems, report_data(plans, year, {p.path: extras(p) for p in plans}, language, sections,
                                              {p.path: old_ids(p) for p in plans}),
                        tuple(ws.by_path), notes)





def coverage(paths: Iterable[PathLike] | None = None, parent: PathLike | None = None) -> CoverageResult:
    """Every plan against one parent plan's priorities (default: the newest national plan above each). The
    alignments are `check`'s (checks/outcomes.py): kept between runs, so after a `check` (or a `coverage`) of
    unchanged plans nothing is read again but the files' bytes."""
    from ..align.summary import matrices
    from ..checks.outcomes import check_files
    from ..read.workspace import requested_files

    wanted = None
    if parent is not None:
        wanted = read_parent(parent)
    files, missing = requested_files(default_paths(paths))
    outcomes = check_files(files)
    per_plan = [(o.plan, o.alignments) for o in outcomes if o.plan is not None]
    problems = reading_problems(missing + [d for o in outcomes for d in o.reading])
    return CoverageResult(problems, matrices(per_plan, wanted.path if wanted else None))


def new_plan(level: str, organisation: str, parent: PathLike, period: str | None = None,
             output: PathLike | None = None, output_dir: PathLike | None = None) -> NewPlan:
    """A draft plan for `level` with one linked measure per requirement of `parent` (and the plans above it).
    `output` is where it will be saved, or `output_dir` the folder it will be saved in (default: the current
    folder): parent paths are written relative to it."""
    from ..checks.rules import stands_above
    from ..read.frontmatter import parse_period
    from ..read.workspace import Workspace
    from ..write.newplan import parent_reference, period_from_name, scaffold

    known = [lv.value for lv in Level if lv is not Level.NASJONALT and lv.in_party]  # the levels a parent asks of
    if level in [lv.value for lv in Level if not lv.in_party]:
        raise Problem(message("new.level_outside", level=level))
    if level not in known:
        raise Problem(message("reason.level", value=level, known=", ".join(known), suggestion=""))
    ws = Workspace()
    parent_plan = read_parent(parent, ws)
    if not stands_above(parent_plan.meta.level, Level(level)):
        raise Problem(message("AP508", parent=parent, parent_level=parent_plan.meta.level.value, level=level))
    named = period_from_name(Path(output)) if output else None  # «…/2026-2029.md»
    chosen, came_from = parent_plan.meta.period, "parent"
    if period is not None:
        chosen, came_from = parse_period(period), "given"
        if chosen is None:
            raise Problem(message("reason.period"))
        if named is not None and named != chosen:  # which did the board mean? Nothing is written until it says
            raise Problem(message("new.period_disagrees", given=chosen, name=Path(output).name, named=named,
                                  wanted=f"{chosen.first}-{chosen.last}.md"))
    elif named is not None:
        chosen, came_from = named, "name"
    above = ws.above([parent_plan], chosen, str(output) if output else None)  # only those whose period overlaps
    reference = parent_reference(Path(parent), Path(output) if output else None,
                                 Path(output_dir) if output_dir else None)
    text, goals, measures, unlinked = scaffold(organisation, Level(level), chosen, parent_plan, above[1:], reference)
    if measures == 0:
        raise Problem(message("new.no_requirements", path=parent, level=level))
    return NewPlan(text, goals, measures, chosen, came_from, tuple(unlinked))
