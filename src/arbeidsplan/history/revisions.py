"""A plan's revisions from git, each with what it changed; the versions to compare for `diff`.

Adopted versions (docs/format.md §11): the plan as of a commit tagged `vedtatt/…` (e.g. `vedtatt/2026`) —
whether or not that commit touched the plan —, or a commit that changes the front matter's `vedtatt` or
`revisjoner`, the commit that adds the plan with them included: that is when the annual meeting's decision
was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from ..messages import message
from ..model import Plan
from ..workers import run_beside, run_in_shares
from .git import Commit, GitProblem, Repo
from .plandiff import PlanDiff, diff_plans


@dataclass(frozen=True)
class Revision:
    commit: Commit
    diff: PlanDiff  # against the revision before it (everything is "added" for the first)
    adopted: bool


PARALLEL_MIN = 24  # fewer changes to work out than this are worked out here: starting workers would cost more
# One plan's versions: a version after the first costs about a millisecond (read/versions.py), and a share in a
# worker reads its first version whole; measured on the 2-core machines this project runs on, shared with other
# work, 200 versions take longer in two workers than here (benchmarks/run.py). Past this many, one share of
# consecutive versions per core.
VERSIONS_PARALLEL_MIN = 1000
VERSIONS_BESIDE_MIN = 64  # from this many: the older half in one worker, beside this process (fork), each
# half read from its own git as it comes
SHARES_PER_CORE = 1
Change = tuple[PlanDiff, bool]  # what a version changed against the one before it, and whether that recorded an
# adoption (a change to `vedtatt`/`revisjoner`, or the plan added with them)


def _parse(item: tuple[str, bytes | None], tokenise: Callable[[str], list[Any]] | None = None) -> Plan | None:
    path, data = item
    if data is None:
        return None
    from ..read.workspace import plan_from_bytes  # not needed when every change comes from the cache

    return plan_from_bytes(path, data, tokenise)[0]


def _changes(job: list[tuple[str, bytes | None, bytes | None]]) -> list[Change]:
    """For each (path, the version's bytes, the bytes before it): what it changed. A run of consecutive versions,
    so each is parsed once (a blob that comes back, once too), and what a version shares with those before it is
    read once (read/versions.py); in a worker only the changes travel back, never the trees.

    Python's cycle collector is off meanwhile: it walks every object it tracks, again and again as a run's
    objects pile up (what the versions share is kept for the whole run), a tenth of the work, for cycles a run
    does not make; anything left is collected once it is back on."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        return _each_change(job)
    finally:
        if collecting:
            gc.enable()


def _each_change(job: list[tuple[str, bytes | None, bytes | None]]) -> list[Change]:
    from ..read.versions import Versions

    parsed: dict[tuple[str, bytes | None], Plan | None] = {}
    tokenise = Versions()

    def plan_of(path: str, data: bytes | None) -> Plan | None:
        if (path, data) not in parsed:
            parsed[(path, data)] = _parse((path, data), tokenise)
        return parsed[(path, data)]

    out: list[Change] = []
    for path, data, before_data in job:
        plan, before = plan_of(path, data), plan_of(path, before_data)
        d = diff_plans(before, plan, path)
        if before is None:  # the commit that adds the plan: adopted if it comes with its adoption
            recorded = plan is not None and (plan.meta.adopted is not None or bool(plan.meta.revisions))
        else:
            recorded = d.adopted_changed
        out.append((d, recorded))
    return out


def _work_out(repo: Repo, commits: list[Commit], todo: list[int]) -> list[Change]:
    """The changes of the commits at `todo` (indexes, newest first), from one `git cat-file --batch`: here, each
    version worked on as git gives it (git reads the next meanwhile); many in worker processes, each on a run of
    consecutive versions, once git has given them all."""
    if VERSIONS_BESIDE_MIN <= len(todo) < VERSIONS_PARALLEL_MIN:
        cut = len(todo) * 9 // 20  # this process: the newer 45 %, which are longer (a plan grows), and it renders
        newer, older = todo[:cut], todo[cut:]
        mine, theirs = run_beside(lambda: _stream_changes(repo, commits, older),
                                  lambda: _stream_changes(repo, commits, newer))
        return mine + theirs
    if len(todo) < VERSIONS_PARALLEL_MIN:
        return _stream_changes(repo, commits, todo)
    wanted = sorted({j for i in todo for j in (i, i + 1) if j < len(commits)})
    specs = [(commits[j].sha, commits[j].path) for j in wanted]
    blobs = dict(zip(wanted, repo.read_many(specs), strict=True))
    return run_in_shares(_changes, [(commits[i].path, blobs[i], blobs.get(i + 1)) for i in todo],
                         VERSIONS_PARALLEL_MIN, SHARES_PER_CORE)


def _stream_changes(repo: Repo, commits: list[Commit], todo: list[int]) -> list[Change]:
    """The changes of the commits at `todo`, each worked on as `git cat-file --batch` gives it."""
    wanted = sorted({j for i in todo for j in (i, i + 1) if j < len(commits)})
    specs = [(commits[j].sha, commits[j].path) for j in wanted]
    return _changes(_as_given(commits, todo, wanted, repo.stream_many(specs)))


def _as_given(commits: list[Commit], todo: list[int], wanted: list[int],
              stream: Iterator[tuple[str | None, bytes | None]]) -> Iterator[tuple[str, bytes | None, bytes | None]]:
    """(path, the version's bytes, the bytes before it) for each of `todo`, as soon as git has given both (the
    versions `wanted`, in that order: todo's and the ones before them)."""
    given = zip(wanted, (data for _oid, data in stream), strict=True)
    blobs: dict[int, bytes | None] = {}
    for i in todo:
        while i not in blobs or (i + 1 < len(commits) and i + 1 not in blobs):
            j, data = next(given)
            blobs[j] = data
        yield commits[i].path, blobs.pop(i), blobs.get(i + 1)


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
    """Newest first. One `git log` (which also gives each version's blob id), and at most one `git cat-file
    --batch` for the versions whose changes are not in the cache.

    What one version changed against the one before it is kept per pair of blobs (cache.py, with the findings'
    language and the tool's code in the key, as parsecache.entry_key): a blob never changes, so a second
    `history` loads the changes and parses and compares nothing."""
    repo.start_history(path)
    from ..messages import language
    from ..read import cache, parser, versions, workspace  # noqa: F401 - imported while git works, once for any workers
    from ..read.parsecache import code_stamp

    commits = _with_later_tags(repo, repo.log(path))
    repo.stop_begun()
    ids = repo.blob_ids([(c.sha, c.path) for c in commits])
    kept = cache.on()  # off: no keys (the code stamp reads every source file's size and time)
    keys = [f"endring:{ids[i + 1] if i + 1 < len(ids) else '-'}:{ids[i]}:{language()}:{code_stamp()}" if kept else ""
            for i in range(len(ids))]
    known: list[Change | None] = [_pair(cache.get(key, c.path)) if kept and ids[i] else None
                                  for i, (key, c) in enumerate(zip(keys, commits))]
    todo = [i for i, hit in enumerate(known) if hit is None]
    for i, change in zip(todo, _work_out(repo, commits, todo) if todo else [], strict=True):
        known[i] = change
        if kept and ids[i]:
            cache.put(keys[i], commits[i].path, change)
    out: list[Revision] = []
    for commit, change in zip(commits, known, strict=True):
        d, recorded = change  # type: ignore[misc]
        out.append(Revision(commit, d, any(t.startswith("vedtatt/") for t in commit.tags) or recorded))
    return out


def _pair(hit: object) -> Change | None:
    """A cached (change, adoption recorded), or None: anything else under the key is a miss."""
    if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], PlanDiff) and isinstance(hit[1], bool):
        return hit
    return None


def version(repo: Repo, path: str, revision: str) -> Plan | None:
    """The plan as it was at `revision` (following renames), or None if it did not exist then."""
    sha = repo.resolve(revision)
    where = repo.path_at(sha, path)
    if where is None:
        return None
    (data,) = repo.read_many([(sha, where)])
    return _parse((where, data))


class NotAdopted(GitProblem):
    """The plan has no adopted version (yet): a new plan, or one not committed."""


def last_adopted(repo: Repo, path: str, until: str | None = None) -> tuple[Revision, Plan | None]:
    """The newest adopted revision (at or before the revision `until` on its main line, if given), and the plan
    as it was then."""
    line = set(repo.main_line(repo.resolve(until))) if until is not None else None
    for rev in revisions(repo, path):
        if rev.adopted and (line is None or rev.commit.sha in line):
            (data,) = repo.read_many([(rev.commit.sha, rev.commit.path)])
            return rev, _parse((rev.commit.path, data))
    raise NotAdopted(message("diff.no_adopted", path=path))


Touched = list[tuple[str, list[tuple[str, str | None, str]]]]  # commits oldest first: (sha, [(status, old, path)])


def _year_ends(rel: str, in_year: Touched, after: Touched) -> tuple[str, str | None, tuple[str, str]] | None:
    """For the plan now at `rel`: its path at the end of the year; its path before the year began (None if it
    came into the repository during the year); and the version it came in with (commit, path) — following the
    renames back from now. None if the year's commits did not touch it (or it did not exist at the end)."""
    name = rel
    for _sha, changes in reversed(after):
        hit = next((c for c in changes if c[2] == name), None)
        if hit is not None and hit[0].startswith("R") and hit[1]:
            name = hit[1]
        elif hit is not None and hit[0] == "A":
            return None  # added after the year: it was not there at its end
    at_end, origin = name, None
    for sha, changes in reversed(in_year):
        hit = next((c for c in changes if c[2] == name), None)
        if hit is None:
            continue
        origin = (sha, name)
        if hit[0].startswith("R") and hit[1]:
            name = hit[1]
        elif hit[0] == "A":
            return at_end, None, origin
    return (at_end, name, origin) if origin is not None else None


def changes_in_year_many(plan_paths: list[Path], year: int) -> dict[str, PlanDiff | None]:
    """What the commits dated in `year` changed in each plan (the version at the end of the year against the one
    before it began; None outside git or when nothing changed), with a few git processes per repository, not a
    history per plan: the ends of the year are two `git rev-list`; which plans the commits after its start
    touched, and how they renamed them, one `git log`; the versions at the ends one `git cat-file --batch`.
    Keyed by the path as given.

    Renames are followed, during the year and after it: each end is read under the name the plan had then. A
    plan that came into the repository during the year is compared with the version it came in with (under the
    name it came in with); one only renamed is unchanged."""
    out: dict[str, PlanDiff | None] = {str(p): None for p in plan_paths}
    by_repo: dict[Path, list[tuple[Path, str]]] = {}
    found: dict[Path, Repo | None] = {}  # by folder: the plans of a folder are in one repository
    for path in plan_paths:
        folder = path.parent.resolve()
        if folder not in found:
            try:
                found[folder] = Repo.discover(path)
            except GitProblem:
                found[folder] = None
        repo = found[folder]
        if repo is not None:
            by_repo.setdefault(repo.root, []).append((path, repo.relative(path)))
    todo: list[tuple[Path, tuple[str, bytes | None, bytes | None]]] = []
    for root, entries in by_repo.items():
        try:
            repo = Repo(root)
            # Midnight written out: git reads a bare date as that day at the present time of day.
            end = repo.commit_before(f"{year + 1}-01-01 00:00:00")
            start = repo.commit_before(f"{year}-01-01 00:00:00")
            if end is None or end == start:
                continue  # no commit in the year
            log = repo.changes_after(start)
            cut = next((k + 1 for k, (sha, _c) in enumerate(log) if sha == end), 0)
            ends = [(p, rel, _year_ends(rel, log[:cut], log[cut:])) for p, rel in entries]
            wanted = [(p, rel, e) for p, rel, e in ends if e is not None]
            if not wanted:
                continue
            specs = [(end, e[0]) for _p, _rel, e in wanted]
            specs += [(start, e[1]) if start and e[1] else e[2] for _p, _rel, e in wanted]
            specs += [e[2] for _p, _rel, e in wanted]  # if not found before the year: the version it came in with
            blobs = repo.read_many(specs)
        except GitProblem:  # objects git cannot read (a partial clone): the report has no changes section
            continue
        n = len(wanted)
        for k, (path, _rel, e) in enumerate(wanted):
            old_bytes = blobs[n + k] if blobs[n + k] is not None else blobs[2 * n + k]
            if old_bytes != blobs[k]:  # the same bytes at both ends of the year: nothing changed, nothing to parse
                todo.append((path, (e[0], blobs[k], old_bytes)))
    changes = run_in_shares(_changes, [item for _p, item in todo], PARALLEL_MIN, 4)  # a party's: in workers
    for (path, _item), (d, _recorded) in zip(todo, changes, strict=True):
        out[str(path)] = None if d.empty else d
    return out

