"""A plan's revisions from git, each with what it changed; the versions to compare for `diff`.

Adopted versions (docs/format.md §11): a commit tagged `vedtatt/…` (e.g. `vedtatt/2026`), or a commit that
changes the front matter's `vedtatt` or `revisjoner` — that is when the annual meeting's decision was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .git import Commit, GitProblem, Repo
from ..messages import message
from ..model import Plan
from .plandiff import PlanDiff, diff_plans


@dataclass(frozen=True)
class Revision:
    commit: Commit
    plan: Plan | None
    diff: PlanDiff  # against the revision before it (everything is "added" for the first)
    adopted: bool


def _parse(data: bytes | None, path: str) -> Plan | None:
    if data is None:
        return None
    from ..read.parser import parse_plan  # not needed when every version comes from the cache
    from ..read.source import decode

    source, _ = decode(path, data)
    if source is None:
        return None
    plan, _ = parse_plan(source)
    return plan


def _parsed_versions(repo: Repo, specs: list[tuple[str, str]]) -> list[Plan | None]:
    """The plans at (commit, path), parsed once per blob per machine (cache.py): `git cat-file --batch-check`
    names the blobs, the cached ones are loaded, and only the others are read and parsed."""
    from . import cache

    ids = repo.blob_ids(specs)
    plans: list[Plan | None] = [None] * len(specs)
    missing = []
    for k, (oid, (_sha, path)) in enumerate(zip(ids, specs, strict=True)):
        hit = cache.get(oid, path) if oid else None
        if hit is not None:
            plans[k] = hit
        elif oid:
            missing.append(k)
    for k, data in zip(missing, repo.read_many([specs[k] for k in missing]), strict=True):
        plans[k] = _parse(data, specs[k][1])
        if plans[k] is not None and ids[k]:
            cache.put(ids[k], specs[k][1], plans[k])
    return plans


def revisions(repo: Repo, path: str) -> list[Revision]:
    """Newest first. One `git log`, and at most one `git cat-file --batch` for the versions not yet parsed."""
    commits = repo.log(path)
    plans = _parsed_versions(repo, [(c.sha, c.path) for c in commits])
    out: list[Revision] = []
    for i, (commit, plan) in enumerate(zip(commits, plans, strict=True)):
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


def changes_in_year_many(plan_paths: list[Path], year: int) -> dict[str, PlanDiff | None]:
    """changes_in_year for many plans with four git processes per repository, not a history per plan: which
    plans changed during the year, and the first commit that touched each, is one `git log`; the versions at
    the two ends of the year are one `git cat-file --batch`. Keyed by the path as given.

    A plan that came into the repository during the year is compared with the version it came in with; one
    renamed during the year with its version under the old name."""
    out: dict[str, PlanDiff | None] = {str(p): None for p in plan_paths}
    by_repo: dict[Path, list[tuple[Path, str]]] = {}
    for path in plan_paths:
        try:
            repo = Repo.discover(path)
        except GitProblem:
            continue
        by_repo.setdefault(repo.root, []).append((path, repo.relative(path)))
    for root, entries in by_repo.items():
        try:
            repo = Repo(root)
            first = repo.first_touches(f"{year}-01-01", f"{year + 1}-01-01")
            wanted = [(p, rel) for p, rel in entries if rel in first]
            end = repo.commit_before(f"{year + 1}-01-01")
            if not wanted or end is None:
                continue
            start = repo.commit_before(f"{year}-01-01")
            specs = [(end, rel) for _p, rel in wanted]
            # Before the year: under the old name if the year's first touch was a rename.
            specs += [(start, first[rel][1] or rel) if start else (first[rel][0], rel) for _p, rel in wanted]
            specs += [(first[rel][0], rel) for _p, rel in wanted]
            blobs = repo.read_many(specs)
        except GitProblem:  # objects git cannot read (a partial clone): the report has no changes section
            continue
        n = len(wanted)
        for k, (path, rel) in enumerate(wanted):
            old_bytes = blobs[n + k] if blobs[n + k] is not None else blobs[2 * n + k]
            if old_bytes == blobs[k]:
                continue  # the same bytes at both ends of the year: nothing changed, nothing to parse
            new = _parse(blobs[k], rel)
            old = _parse(old_bytes, rel)
            d = diff_plans(old, new, rel)
            out[str(path)] = None if d.empty else d
    return out


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
