"""A plan's revisions from git, each with what it changed; the versions to compare for `diff`.

Adopted versions (docs/format.md §11): the plan as of a commit tagged `vedtatt/…` (e.g. `vedtatt/2026`) —
whether or not that commit touched the plan —, or a commit that changes the front matter's `vedtatt` or
`revisjoner`, the commit that adds the plan with them included: that is when the annual meeting's decision
was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..messages import message
from ..model import Plan
from ..workers import run_all
from .git import Commit, GitProblem, Repo
from .plandiff import PlanDiff, diff_plans


@dataclass(frozen=True)
class Revision:
    commit: Commit
    diff: PlanDiff  # against the revision before it (everything is "added" for the first)
    adopted: bool


PARALLEL_MIN = 24  # fewer versions to parse than this are parsed here: starting workers would cost more


def _parse(item: tuple[str, bytes | None]) -> Plan | None:
    path, data = item
    if data is None:
        return None
    from ..read.workspace import plan_from_bytes  # not needed when every version comes from the cache

    return plan_from_bytes(path, data)[0]


def _parsed_versions(repo: Repo, specs: list[tuple[str, str]], ids: list[str | None]) -> list[Plan | None]:
    """The plans at (commit, path) whose blob ids are `ids`, parsed once per blob per machine (cache.py): the
    cached ones are loaded, and only the others are read and parsed."""
    from ..read import cache

    plans: list[Plan | None] = [None] * len(specs)
    missing = []
    for k, (oid, (_sha, path)) in enumerate(zip(ids, specs, strict=True)):
        hit = cache.get(oid, path) if oid else None
        if hit is not None:
            plans[k] = hit
        elif oid:
            missing.append(k)
    read = dict(zip([(ids[k], specs[k][1]) for k in missing], repo.read_many([specs[k] for k in missing])))
    # a blob that comes back (a revert) is parsed once; many are parsed in worker processes (workers.py)
    parsed = dict(zip(read, run_all(_parse, [(path, data) for (_oid, path), data in read.items()], PARALLEL_MIN)))
    for (oid, path), plan in parsed.items():
        if plan is not None and oid:
            cache.put(oid, path, plan)
    for k in missing:
        plans[k] = parsed[(ids[k], specs[k][1])]
    return plans


def _with_later_tags(repo: Repo, commits: list[Commit]) -> list[Commit]:
    """The plan's commits, each also carrying the `vedtatt/…` tags of later main-line commits that did not touch
    the plan: the plan as of such a tag is the version of the last commit that did. One `git rev-list`, and only
    when such a tag exists."""
    touched = {c.sha for c in commits}
    elsewhere = {sha: names for sha, names in repo.tags_by_commit().items() if sha not in touched}
    if not commits or not elsewhere:
        return commits
    place = {sha: k for k, sha in enumerate(repo.main_line())}
    extra: dict[int, set[str]] = {}
    for sha, names in elsewhere.items():
        if sha not in place:
            continue  # not on the main line of HEAD: not a version of this history
        at = next((k for k, c in enumerate(commits) if place.get(c.sha, -1) >= place[sha]), None)
        if at is not None:
            extra.setdefault(at, set()).update(names)
    return [replace(c, tags=tuple(sorted(set(c.tags) | extra[k]))) if k in extra else c
            for k, c in enumerate(commits)]


def revisions(repo: Repo, path: str) -> list[Revision]:
    """Newest first. One `git log`, one `git cat-file --batch-check` for the blobs, and at most one
    `git cat-file --batch` for the versions not yet parsed.

    What one version changed against the one before it is kept per pair of blobs (cache.py, with the findings'
    language and the tool's code in the key, as parsecache.entry_key): a blob never changes, so a second
    `history` loads the changes and parses and compares nothing."""
    from ..messages import language
    from ..read import cache
    from ..read.parsecache import code_stamp

    commits = _with_later_tags(repo, repo.log(path))
    specs = [(c.sha, c.path) for c in commits]
    ids = repo.blob_ids(specs)
    keys = [f"endring:{ids[i + 1] if i + 1 < len(ids) else '-'}:{ids[i]}:{language()}:{code_stamp()}"
            for i in range(len(ids))]
    known = [_pair(cache.get(key, c.path)) if ids[i] else None for i, (key, c) in enumerate(zip(keys, commits))]
    needed = sorted({j for i, hit in enumerate(known) if hit is None for j in (i, i + 1) if j < len(commits)})
    parsed = dict(zip(needed, _parsed_versions(repo, [specs[j] for j in needed], [ids[j] for j in needed])))
    out: list[Revision] = []
    for i, commit in enumerate(commits):
        if known[i] is None:
            plan, before = parsed[i], parsed.get(i + 1)
            d = diff_plans(before, plan, commit.path)
            if i + 1 >= len(commits):  # the commit that adds the plan: adopted if it comes with its adoption
                recorded = plan is not None and (plan.meta.adopted is not None or bool(plan.meta.revisions))
            else:
                recorded = d.adopted_changed
            known[i] = (d, recorded)
            if ids[i]:
                cache.put(keys[i], commit.path, known[i])
        d, recorded = known[i]  # type: ignore[misc]
        out.append(Revision(commit, d, any(t.startswith("vedtatt/") for t in commit.tags) or recorded))
    return out


def _pair(hit: object) -> tuple[PlanDiff, bool] | None:
    """A cached (change, adoption recorded), or None: anything else under the key is a miss."""
    if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], PlanDiff) and isinstance(hit[1], bool):
        return hit
    return None


def version(repo: Repo, path: str, revision: str) -> Plan | None:
    """The plan as it was at `revision` (following renames), or None if it did not exist then."""
    sha = repo.resolve(revision)
    where = repo.path_at(sha, path) or path
    (data,) = repo.read_many([(sha, where)])
    return _parse((where, data))


def last_adopted(repo: Repo, path: str) -> tuple[Revision, Plan | None]:
    """The newest adopted revision, and the plan as it was then."""
    for rev in revisions(repo, path):
        if rev.adopted:
            (data,) = repo.read_many([(rev.commit.sha, rev.commit.path)])
            return rev, _parse((rev.commit.path, data))
    raise GitProblem(message("diff.no_adopted", path=path))


def changes_in_year_many(plan_paths: list[Path], year: int) -> dict[str, PlanDiff | None]:
    """What the commits dated in `year` changed in each plan (the version at the end of the year against the one
    before it began; None outside git or when nothing changed), with a few git processes per repository, not a
    history per plan: which plans changed during the year, and the first commit that touched each, is one
    `git log`; the ends of the year two `git rev-list`; the versions at those ends one `git cat-file --batch`.
    Keyed by the path as given.

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
            new = _parse((rel, blobs[k]))
            old = _parse((rel, old_bytes))
            d = diff_plans(old, new, rel)
            out[str(path)] = None if d.empty else d
    return out

