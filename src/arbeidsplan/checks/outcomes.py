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

A plan's suggestions also learn from the other plans' confirmed answers (align/evidence.py): the links that
the other plans of the run write to the same requirements. So an outcome keeps the digest of the answers it
learned from, and the links its own plan offers the others; a plan found in the cache is used only when the
answers it would learn from now have the same digest (another plan adds, removes or rewords a linked answer: it
is checked again; another plan changes anything else: it is not). The answers of the plans found in the cache
come from their outcomes, so a second run reads no plan to know them.

The plans that are not in the cache are checked in worker processes when there are many (workers.py): each
worker reads its share of the plans with the plans above them and sends their links to the main process, which
gathers the answers of all plans and sends them back; each worker then checks its share, and sends back only
the outcomes. Each plan is read once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..align.evidence import Evidence, Offer, RequirementKey
from ..align.summary import AlignmentSummary, PlanName, plan_name, summarise
from ..diagnostics import Diagnostic
from ..model import Plan
from ..read import cache
from ..read.parsecache import digest, entry_key
from ..read.source import read_bytes
from ..read.workspace import Workspace, path_key, repository_root
from ..workers import run_in_two_steps

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
    # What the plan is asked (Aligner.asked_keys), by parent: (parent's path key, level, the requirements' ids)
    asked: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # Its own links to those, as (place in `asked`, the item's text): the answers the others learn from. Kept as
    # plain tuples, small in the cache: a second run loads them for every plan.
    offers: tuple[tuple[int, str], ...] = ()
    learned: str = ""  # the digest of the other plans' answers its suggestions learned from (Evidence.digest)
    answered: tuple[int, ...] = ()  # places in `asked` it answers by its own links (Aligner.answered)

    def keys(self) -> list[RequirementKey]:
        return [(parent, level, req_id) for parent, level, ids in self.asked for req_id in ids]

    def own_offers(self) -> list[Offer]:
        keys, plan = self.keys(), path_key(self.path)
        return [Offer(keys[i], plan, text) for i, text in self.offers]

    def learning(self) -> list[RequirementKey]:
        """What its suggestions learned from others' answers to: what it is asked and has not answered by its own
        links (as Aligner._align leaves them out; a link that only repeats the requirement answers it, and offers
        the others nothing)."""
        own = set(self.answered)
        return [k for i, k in enumerate(self.keys()) if i not in own]

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
    todo, hits = [], []
    from_pack: set[str] = set()
    for k, name, data, key in readable:
        packed = pack.get(name)
        in_pack = packed is not None and packed[0] == key
        hit = packed[1] if in_pack else _entry(key, name)  # type: ignore[index]
        if hit is not None and hit.path == name and known.still(hit):
            outcomes[k] = hit
            hits.append((k, name, data, key))
            if in_pack:
                from_pack.add(name)
        else:
            todo.append((k, name, data, key))
    # The answers of the plans found in the cache are in their outcomes; those of the others come from reading them
    kept = [o for k, _n, _d, _key in hits for o in outcomes[k].own_offers()]  # type: ignore[union-attr]
    evidence, done = _check_all([(n, d) for _k, n, d, _key in todo], lambda offers: Evidence(
        [*kept, *(o for share in offers for o in share)]))
    stale = [(k, name, data, key) for k, name, data, key in hits if outcomes[k].plan is not None  # type: ignore
             and outcomes[k].learned != evidence.digest(outcomes[k].learning(), path_key(name))]  # type: ignore
    if stale:  # another plan's answers changed what these learn from: their own links did not change
        _same, again = _check_all([(n, d) for _k, n, d, _key in stale], lambda _offers: evidence)
        done, todo = done + again, todo + stale
        from_pack -= {name for _k, name, _d, _key in stale}
    for (k, name, _data, key), outcome in zip(todo, done, strict=True):
        outcomes[k] = outcome
        cache.put(key, name, outcome)
    if len(from_pack) != len(readable):
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


def _check_all(items: list[tuple[str, bytes]], answers) -> tuple[Evidence, list[PlanOutcome]]:
    """These plans checked, in worker processes when there are many: each share is read (read_some), `answers`
    makes the evidence from the links of all shares, and each share is checked with it (check_read). Returns
    the evidence and the outcomes in order."""
    return run_in_two_steps(read_some, answers, check_read, items, PARALLEL_MIN)


@dataclass
class Read:
    """A share of plans read in one workspace (the plans above them read once for all), not yet checked."""

    ws: Workspace
    found: list[tuple[str, Plan | None, list[Diagnostic]]]
    offers: dict[str, list[Offer]]  # each plan's answers, by its name: the outcome keeps them (check_read)


def read_some(items: list[tuple[str, bytes]]) -> tuple[Read, list[Offer]]:
    """These plans read, with the links they write to what they are asked (the answers the others learn from)."""
    from ..align.alignment import Aligner  # here: a run that finds every plan in the cache never loads them

    ws = Workspace()
    ws.parsed([(Path(name), data, []) for name, data in items])
    found: list[tuple[str, Plan | None, list[Diagnostic]]] = []
    for name, _data in items:
        before = len(ws.diagnostics)
        plan = ws.load_file(name)
        found.append((name, plan, ws.diagnostics[before:]))
    aligner = Aligner(ws)
    offers = {name: aligner.offers(plan) for name, plan, _d in found if plan is not None}
    return Read(ws, found, offers), [o for name, plan, _d in found if plan is not None for o in offers[name]]


def check_read(read: Read, evidence: Evidence) -> list[PlanOutcome]:
    """A share read by read_some checked: every rule, and the alignment learning from `evidence`."""
    from ..align.alignment import Aligner
    from .rules import Context
    from .run import run_rules

    ws = read.ws
    aligner = Aligner(ws, evidence)
    ctx = Context(ws, aligner)
    known = Files()
    out = []
    for name, plan, diags in read.found:
        if plan is None:
            out.append(PlanOutcome(name, None, tuple(diags), place=known.place(name), read=len(diags)))
            continue
        findings = tuple(diags) + tuple(run_rules(plan, ctx))
        alignments = tuple(summarise(al) for al in aligner.align(plan))
        keys = aligner.asked_keys(plan)
        place = {key: i for i, key in enumerate(keys)}
        asked = tuple((parent, level, tuple(r for p, _l, r in keys if p == parent))
                      for parent, level in dict.fromkeys((p, lv) for p, lv, _r in keys))
        offers = tuple((place[o.requirement], o.text) for o in read.offers[name])
        outcome = PlanOutcome(name, plan_name(plan), findings, alignments, _depends(ws, plan, known),
                              known.place(name), len(diags), asked, offers, answered=tuple(aligner.answered(plan)))
        out.append(replace(outcome, learned=evidence.digest(outcome.learning(), path_key(name))))
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
