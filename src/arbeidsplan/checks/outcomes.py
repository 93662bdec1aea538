"""`check` plan by plan, each plan's outcome kept between runs: a second run of an unchanged repository reads
each file's bytes, finds its outcome in the cache and parses nothing.

A plan's outcome (its findings and its coverage) depends on its own bytes and on the files it was measured
with: the parent plans it names, their parents, and whether each exists. So an entry is found by the plan's
bytes (with its path, the findings' language and the tool's code, as parsecache.entry_key), and it is used only
if every file it depended on still has the bytes (and the real path) it had, and the plan is still in the same
repository (the boundary parent paths may not cross; whether it is in git). Anything else is a miss, and the
plan is checked again. Entries go through read/cache.py, which loads nothing someone else could have written.
Besides each plan's entry, a run keeps all its outcomes in one pack for its set of files, each with its own
key, and tries the pack first: one load instead of hundreds (the same rules decide whether each is used).

The plans that are not in the cache are checked in worker processes when there are many (workers.py): each
worker reads its share of the plans with the plans above them, and sends back only the outcomes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..align.summary import AlignmentSummary, PlanName, plan_name, summarise
from ..diagnostics import Diagnostic
from ..read import cache
from ..read.parsecache import digest, entry_key
from ..read.source import read_bytes
from ..read.workspace import Workspace, path_key, repository_root
from ..workers import run_in_shares

PARALLEL_MIN = 24  # fewer plans to check than this are checked here: starting workers would cost more
Depends = tuple[tuple[str, str | None], ...]  # (path as resolved, what it held: real path and digest; None: no file)


@dataclass(frozen=True)
class PlanOutcome:
    path: str
    plan: PlanName | None  # None: the file could not be read as a plan
    findings: tuple[Diagnostic, ...]
    alignments: tuple[AlignmentSummary, ...] = ()
    depends: Depends = ()
    place: str = ""  # the repository it was checked in: its root, and whether that is a git work tree
    read: int = 0  # how many of the findings, from the first, came from reading the files (the rest: the rules)

    @property
    def reading(self) -> tuple[Diagnostic, ...]:
        """The findings from reading the plan and the plans it was read with, without the rules' findings."""
        return self.findings[:self.read]


def _held(path: str, digest_: str) -> str:
    """What a file held: its real path (a symlink moved elsewhere is a change) and its bytes' digest."""
    return f"{os.path.realpath(path)}\0{digest_}"


@dataclass
class Files:
    """What files hold now, each asked once per run: a parent plan is named by hundreds of plans."""

    held: dict[str, str | None] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)

    def holds(self, path: str) -> str | None:
        key = path_key(path)
        if key not in self.held:
            data, _why = read_bytes(path)
            self.held[key] = None if data is None else _held(path, digest(data))
        return self.held[key]

    def place(self, path: str) -> str:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self.places:
            root = repository_root(Path(path))
            self.places[folder] = f"{root}\0{(root / '.git').exists()}"
        return self.places[folder]

    def still(self, outcome: PlanOutcome) -> bool:
        return outcome.place == self.place(outcome.path) and all(self.holds(p) == held
                                                                    for p, held in outcome.depends)


def check_files(files: list[Path]) -> list[PlanOutcome]:
    """Every file's outcome, in order: from the cache where it is still true, the rest checked now."""
    known = Files()
    outcomes: list[PlanOutcome | None] = []
    readable: list[tuple[int, str, bytes, str]] = []  # (place in outcomes, name, bytes, entry key)
    for f in files:
        name = str(f)
        data, why = read_bytes(f)
        if data is None:
            outcomes.append(PlanOutcome(name, None, tuple(why), read=len(why)))
            continue
        held = digest(data)
        known.held.setdefault(path_key(name), _held(name, held))
        outcomes.append(None)
        readable.append((len(outcomes) - 1, name, data, entry_key(data, "sjekk", known=held)))
    pack_key = _pack_key([name for _k, name, _d, _key in readable])
    pack = _pack(pack_key)
    todo = []
    from_pack = 0
    for k, name, data, key in readable:
        packed = pack.get(name)
        in_pack = packed is not None and packed[0] == key
        hit = packed[1] if in_pack else _entry(key, name)  # type: ignore[index]
        if hit is not None and hit.path == name and known.still(hit):
            outcomes[k] = hit
            from_pack += in_pack
        else:
            todo.append((k, name, data, key))
    for (k, name, _data, key), outcome in zip(todo, _check_all([(n, d) for _k, n, d, _key in todo]),
                                              strict=True):
        outcomes[k] = outcome
        cache.put(key, name, outcome)
    if from_pack != len(readable):
        cache.put(pack_key, "", {name: (key, outcomes[k]) for k, name, _d, key in readable})
    return outcomes  # type: ignore[return-value]


def _pack_key(names: list[str]) -> str:
    """The key of the pack for this set of files: the outcomes of a whole run in one entry, so that a second
    run of the same files loads one entry instead of one per plan. Kept per set of names (each plan's entry
    inside it holds its own key), so it is replaced, not added to, when a plan changes; and per folder the
    command runs in, as the names are (two repositories checked in turn keep a pack each)."""
    return entry_key("\0".join([os.getcwd(), *names]).encode("utf-8"), "sjekk-sett")


def _pack(key: str) -> dict[str, tuple[str, PlanOutcome]]:
    """The pack, or {} when it is missing or not what a pack is."""
    found = cache.get(key, "")
    if not isinstance(found, dict):
        return {}
    return {name: entry for name, entry in found.items()
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], PlanOutcome)}


def _entry(key: str, name: str) -> PlanOutcome | None:
    hit = cache.get(key, name)
    return hit if isinstance(hit, PlanOutcome) and hit.path == name else None


def _check_all(items: list[tuple[str, bytes]]) -> list[PlanOutcome]:
    return run_in_shares(check_some, items, PARALLEL_MIN, 4)


def check_some(items: list[tuple[str, bytes]]) -> list[PlanOutcome]:
    """These plans checked in one workspace (the plans above them read once for all)."""
    from ..align.alignment import Aligner  # here: a run that finds every plan in the cache never loads them
    from .rules import Context
    from .run import run_rules

    ws = Workspace()
    ws.parsed([(Path(name), data, []) for name, data in items])
    found: list[tuple[str, object, list[Diagnostic]]] = []
    for name, _data in items:
        before = len(ws.diagnostics)
        plan = ws.load_file(name)
        found.append((name, plan, ws.diagnostics[before:]))
    ctx = Context(ws, Aligner(ws))
    known = Files()
    out = []
    for name, plan, diags in found:
        if plan is None:
            out.append(PlanOutcome(name, None, tuple(diags), place=known.place(name), read=len(diags)))
            continue
        findings = tuple(diags) + tuple(run_rules(plan, ctx))
        alignments = tuple(summarise(al) for al in ctx.aligner.align(plan))
        out.append(PlanOutcome(name, plan_name(plan), findings, alignments, _depends(ws, plan, known),
                               known.place(name), len(diags)))
    return out


def _depends(ws: Workspace, plan, known: Files) -> Depends:
    """Every parent path named by the plan and by the plans above it, with what it held for this outcome: the
    bytes the workspace read (a file changed since is a miss next time, never a stale hit), or what it holds now
    for a file the workspace did not read (missing, outside the repository, unreadable)."""
    seen: set[str] = set()
    out = []
    queue = [plan]
    while queue:
        current = queue.pop(0)
        for _written, _span, resolved in ws.parent_paths(current):
            if resolved in seen:
                continue
            seen.add(resolved)
            read = ws.digests.get(path_key(resolved))  # the bytes this outcome was computed from, if it read them
            out.append((resolved, _held(resolved, read) if read else known.holds(resolved)))
            parent = ws.by_path.get(path_key(resolved))
            if parent is not None:
                queue.append(parent)
    return tuple(out)
