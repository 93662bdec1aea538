"""Jobs over a plan's revisions in git: history, diff, and the written ids that keep them stable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..messages import message
from ..results import (
    Comparison,
    HistoryResult,
    PlanHistory,
)
from .common import PathLike, Problem, Repos, default_paths, plan_paths, problem_from

if TYPE_CHECKING:
    from ..model import Plan


def history(paths: Iterable[PathLike] | None = None) -> HistoryResult:
    """Each plan's revisions from git, newest first, with what each changed."""
    from ..history.git import GitProblem

    repos = Repos()
    out = []
    try:
        for path in plan_paths(default_paths(paths)):
            repo, rel = repos.locate(path)
            repo.start_history(rel)  # git reads it while the rest is imported
            from ..history.revisions import revisions

            revs = revisions(repo, rel)
            if not revs:
                raise GitProblem(message("git.no_history", path=path))
            out.append(PlanHistory(rel, revs, repo.is_dirty(rel)))
    except GitProblem as err:
        raise problem_from(err) from None
    return HistoryResult(out, repos.notes)


def compare(args: Iterable[str] = (), since_adopted: bool = False) -> Comparison:
    """`diff [REV_A [REV_B]] [PATH…]`: arguments that exist as files or folders are plans, the others
    revisions. With no revision: the last commit against the working copy; with `since_adopted`: the last
    adopted version against the working copy, or the last adopted version at or before REV_A against REV_A."""
    from ..history.git import GitProblem
    from ..history.plandiff import diff_plans
    from ..history.revisions import NotAdopted, last_adopted, version
    from ..read.workspace import load_plan
    from .plans import report_language

    given = list(args)
    paths = [Path(a) for a in given if Path(a).exists()]
    revs = [a for a in given if not Path(a).exists()]
    if len(revs) > 2 or (since_adopted and len(revs) > 1):
        raise Problem(message("diff.too_many_revisions", extra=revs[-1]))
    repos = Repos()
    results = []
    skipped: list[str] = []
    newest: list[Plan] = []  # each compared plan's newer version: their `språk` is the paper's (report_language)
    plans = plan_paths(default_paths(paths))
    try:
        for path in plans:
            repo, rel = repos.locate(path)
            if since_adopted:
                try:
                    # With a revision: what it changed since the adopted version before it, never backwards.
                    adopted, old_plan = last_adopted(repo, rel, revs[0] if revs else None)
                except NotAdopted as err:
                    if len(plans) == 1:
                        raise
                    # A county's paper of many plans: one lag's new plan, not adopted yet, leaves out that plan
                    # alone, with a line that says so, and the other plans' changes are still the paper.
                    skipped.append(message("diff.skipped_not_adopted", reason=str(err)))
                    continue
                old_label = adopted.commit.tags[-1] if adopted.commit.tags else adopted.commit.sha[:8]
                new_rev = revs[0] if revs else None
            else:
                old_label = revs[0] if revs else "HEAD"
                old_plan = version(repo, rel, old_label)
                new_rev = revs[1] if len(revs) > 1 else None
            if new_rev is None:
                new_plan_, _found = load_plan(path)
                new_label = None  # the working copy: named in the paper's language (render.diff.labelled)
            else:
                new_plan_ = version(repo, rel, new_rev)
                new_label = new_rev
            results.append((diff_plans(old_plan, new_plan_, rel), old_label, new_label))
            newest += [p for p in (new_plan_ or old_plan,) if p is not None]
    except GitProblem as err:
        raise problem_from(err) from None
    if not results and skipped:
        raise Problem(message("diff.none_adopted", n=len(skipped)))
    return Comparison(results, repos.notes + skipped, report_language(newest))


def ids(path: PathLike, write: bool = False):
    """The written ids a plan gets where it has only derived ones (write.ids.IdEdit), and with `write` the
    file changed. Raises Problem for a file that is not there, write.status.Refused (exit 1) for a plan with
    errors or a line that cannot take an id safely."""
    from ..checks.run import check_workspace
    from ..diagnostics import Severity
    from ..read.workspace import load
    from ..write.ids import plan_ids, write_ids
    from ..write.status import Refused

    target = Path(path)
    if not target.is_file():
        raise Problem(message("ids.missing", path=target))
    if write:  # ids are written only into a plan `check` finds no error in (a measure outside a goal, …)
        plan_ids(target)  # its own refusals first: they say more about what stops the ids
        errors = [d for d in check_workspace(load([target])) if d.severity is Severity.ERROR]
        if errors:
            raise Refused(message("set.parse_errors", path=target, n=len(errors),
                                  first=f"{errors[0].span}: {errors[0].message}"))
        return write_ids(target)
    return plan_ids(target)
