"""A plan's revisions from git, each with what it changed; the versions to compare for `diff`.

Adopted versions (docs/format.md §11): a commit tagged `vedtatt/…` (e.g. `vedtatt/2026`), or a commit that
changes the front matter's `vedtatt` or `revisjoner` — that is when the annual meeting's decision was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .gitrepo import Commit, GitProblem, Repo
from .messages import message
from .model import Plan
from .parser import parse_plan
from .plandiff import PlanDiff, diff_plans
from .source import decode


@dataclass(frozen=True)
class Revision:
    commit: Commit
    plan: Plan | None
    diff: PlanDiff  # against the revision before it (everything is "added" for the first)
    adopted: bool


def _parse(data: bytes | None, path: str) -> Plan | None:
    if data is None:
        return None
    source, _ = decode(path, data)
    if source is None:
        return None
    plan, _ = parse_plan(source)
    return plan


def revisions(repo: Repo, path: str) -> list[Revision]:
    """Newest first. One `git log` and one `git cat-file --batch` for the whole history."""
    commits = repo.log(path)
    blobs = repo.read_many([(c.sha, c.path) for c in commits])
    plans = [_parse(b, c.path) for b, c in zip(blobs, commits)]
    out: list[Revision] = []
    for i, (commit, plan) in enumerate(zip(commits, plans)):
        before = plans[i + 1] if i + 1 < len(plans) else None
        d = diff_plans(before, plan, commit.path)
        adopted = any(t.startswith("vedtatt/") for t in commit.tags) or (before is not None and d.adopted_changed)
        out.append(Revision(commit, plan, d, adopted))
    return out


def version(repo: Repo, path: str, revision: str) -> Plan | None:
    """The plan as it was at `revision` (following renames), or None if it did not exist then."""
    sha = repo.resolve(revision)
    where = repo.path_at(sha, path) or path
    (data,) = repo.read_many([(sha, where)])
    return _parse(data, where)


def last_adopted(repo: Repo, path: str) -> Revision:
    for rev in revisions(repo, path):
        if rev.adopted:
            return rev
    raise GitProblem(message("diff.no_adopted", path=path))


def changes_in_year(plan_path: Path, year: int) -> PlanDiff | None:
    """What the commits dated in `year` changed in the plan: the version at the end of the year against the one
    before the year began. None outside git or when nothing changed."""
    try:
        repo = Repo.discover(plan_path)
        rel = repo.relative(plan_path)
        revs = revisions(repo, rel)
    except GitProblem:
        return None
    inside = [r for r in revs if r.commit.date.date().year == year]
    if not inside:
        return None
    before = next((r.plan for r in revs if r.commit.date.date() < date(year, 1, 1)), None)
    if before is None:  # the plan came into the repository this year: that is not a change to it
        before = inside[-1].plan
    d = diff_plans(before, inside[0].plan, rel)
    return None if d.empty else d
