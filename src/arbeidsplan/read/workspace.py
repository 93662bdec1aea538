"""Files and folders → parsed plans, with their parent plans found and loaded. The library's entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..diagnostics import Diagnostic, finding
from ..messages import message
from ..model import Period, Plan, Span
from .parsecache import digest, parse_bytes, parse_cached, parse_cached_many
from .source import read_bytes

SKIPPED_NAMES = {"readme.md", "index.md", "changelog.md"}


@dataclass
class Workspace:
    """The plans asked for, every plan reached through their parent links, and the findings from reading."""

    plans: list[Plan] = field(default_factory=list)
    by_path: dict[str, Plan] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _failed: set[str] = field(default_factory=set)
    _roots: dict[Path, Path] = field(default_factory=dict)  # folder → repository_root, walked once per folder
    _ancestors: dict[str, list[Plan]] = field(default_factory=dict)  # plan path → ancestors
    _parents: dict[str, list[Plan]] = field(default_factory=dict)  # plan path → parents
    _escaped: dict[tuple[str, str], bool] = field(default_factory=dict)  # (plan path, parent path) → escapes
    _ready: dict[str, tuple[Plan | None, list[Diagnostic]]] = field(default_factory=dict)  # read ahead (preparse)
    digests: dict[str, str] = field(default_factory=dict)  # path key → digest of the bytes read from it

    def load_file(self, path: str | Path, requested: bool = True) -> Plan | None:
        key = path_key(path)
        if key in self.by_path:
            plan = self.by_path[key]
            if requested and plan not in self.plans:
                self.plans.append(plan)
            return plan
        if key in self._failed:
            return None
        ready = self._ready.pop(key, None)
        if ready is not None:
            plan, diags = ready
        else:
            data, diags = read_bytes(path)
            plan = None
            if data is not None:
                self.digests[key] = digest(data)
                plan, found = parse_cached(str(path), data)  # a second run of an unchanged file parses nothing
                diags += found
        if requested:
            self.files.append(str(path))
            self.diagnostics.extend(diags)
        if plan is None:
            self._failed.add(key)
            return None
        if requested:
            self.plans.append(plan)
        self.by_path[key] = plan
        return plan

    def preparse(self, files: list[Path]) -> None:
        """Read and parse many files at once (parse_cached_many: in parallel where that pays), for load_file."""
        self.parsed([(f, *read_bytes(f)) for f in files if path_key(f) not in self.by_path])

    def parsed(self, read: list[tuple[Path, bytes | None, list[Diagnostic]]]) -> None:
        """Files already read (their bytes, or None and why not), parsed at once for load_file."""
        good = [(str(f), data) for f, data, _diags in read if data is not None]
        parsed = iter(parse_cached_many(good))
        for f, data, diags in read:
            plan, found = next(parsed) if data is not None else (None, [])
            if data is not None:
                self.digests[path_key(f)] = digest(data)
            self._ready[path_key(f)] = (plan, diags + found)

    def parent_paths(self, plan: Plan) -> list[tuple[str, Span, str]]:
        """(as written, where written, resolved path) for each parent of `plan`."""
        base = Path(plan.path).parent
        spans = plan.meta.parent_spans or tuple(plan.meta.span for _ in plan.meta.parents)
        return [(p, s, os.path.normpath(base / p)) for p, s in zip(plan.meta.parents, spans, strict=True)]

    def escapes(self, plan: Plan, resolved: str) -> bool:
        """True when a parent path leads out of the plan's repository (repository_root): such a file is never
        read, since findings would quote it. Kept per (plan, parent path): several rules ask."""
        if (plan.path, resolved) not in self._escaped:
            self._escaped[(plan.path, resolved)] = self._find_escapes(plan, resolved)
        return self._escaped[(plan.path, resolved)]

    def _find_escapes(self, plan: Plan, resolved: str) -> bool:
        folder = Path(plan.path).resolve().parent
        if folder not in self._roots:
            self._roots[folder] = repository_root(Path(plan.path))
        root = self._roots[folder]
        try:
            Path(resolved).resolve().relative_to(root)
        except ValueError:
            return True
        return False

    def parents(self, plan: Plan) -> list[Plan]:
        """The parent plans that exist, in the order written. Kept: five rules and the alignment ask."""
        if plan.path not in self._parents:
            self._parents[plan.path] = self._find_parents(plan)
        return self._parents[plan.path]

    def _find_parents(self, plan: Plan) -> list[Plan]:
        found = []
        for _written, _span, resolved in self.parent_paths(plan):
            if Path(resolved).is_file() and not self.escapes(plan, resolved):
                parent = self.load_file(resolved, requested=False)
                if parent is not None:
                    found.append(parent)
        return found

    def ancestors(self, plan: Plan) -> list[Plan]:
        """The plans above `plan` that count for it (`above`), nearest first, each once. Kept: three rules, the
        alignment and the site ask."""
        if plan.path not in self._ancestors:
            self._ancestors[plan.path] = self.above(self.parents(plan), plan.meta.period, plan.path)
        return self._ancestors[plan.path]

    def above(self, parents: list[Plan], period: Period | None, own: str | None = None) -> list[Plan]:
        """The plans that count above a plan with these `parents` and this `period` (one not yet written, for
        `new`, as well as one read): the parents, then the plans above them, nearest first, each once, of
        which only those that `count_above` the period. The one place that decides which plans above a plan
        it is measured against: requirements, links, coverage, AP6xx, `new`'s draft, the report and the site
        all ask here. docs/format.md §10 says the same."""
        seen = {path_key(own)} if own is not None else set()
        order: list[Plan] = []
        queue: list[Plan] = []
        for parent in parents:  # named by the plan, so they count; AP503 says when a parent's period is wrong
            if path_key(parent.path) not in seen:
                seen.add(path_key(parent.path))
                order.append(parent)
                queue.append(parent)
        while queue:
            current = queue.pop(0)
            for parent in self.parents(current):  # walked through even when it does not count itself
                if path_key(parent.path) not in seen:
                    seen.add(path_key(parent.path))
                    queue.append(parent)
                    if count_above(parent, period):
                        order.append(parent)
        return order


def count_above(plan: Plan, period: Period | None) -> bool:
    """Whether a plan above a parent counts for a plan with `period`: only when their periods overlap (a plan
    that has run out asks nothing of one that starts after it). Without a period on either side: it counts."""
    return period is None or plan.meta.period is None or period.overlaps(plan.meta.period)


def repository_root(path: Path) -> Path:
    """The boundary a plan's parent paths must stay within: the git work tree it is in (found by looking for
    .git, without running git), else the folder holding the nearest `plans/` above it, else none (the file
    system root)."""
    here = path.resolve().parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    for folder in (here, *here.parents):
        if folder.name == "plans":
            return folder.parent
    return Path(here.anchor)


def path_key(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(str(path)))


def plan_files(directory: Path) -> list[Path]:
    """Markdown plans under a folder, sorted, skipping READMEs and hidden folders."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(".md") and name.lower() not in SKIPPED_NAMES:
                found.append(Path(root) / name)
    return found


def requested_files(paths: list[str | Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The plan files the paths name (folders expanded, each file once, in order), and a finding for each path
    that names nothing: missing, or a folder without plans."""
    files: list[Path] = []
    seen: set[str] = set()
    diags: list[Diagnostic] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = plan_files(p)
            if not found:
                reason = message("reason.directory_empty", path=str(p))
                diags.append(finding("AP108", Span(str(p), 0), reason=reason))
        elif p.exists():
            found = [p]
        else:
            near = nearest_path(p)
            reason = message("reason.missing") + (message("did_you_mean", suggestion=near) if near else "")
            diags.append(finding("AP108", Span(str(p), 0), reason=reason))
            found = []
        for f in found:
            if path_key(f) not in seen:
                seen.add(path_key(f))
                files.append(f)
    return files, diags


def nearest_path(path: Path) -> str | None:
    """The existing path a typo most likely meant («plans/innlandt/2025-2028.md» → «plans/innlandet/2025-2028.md»):
    each missing part replaced by the closest name in its folder, written as the user wrote the rest; None when
    a part has no close name, or the path is there."""
    import difflib

    parts = path.parts
    here = Path(parts[0]) if path.is_absolute() else Path(".")
    written: list[str] = [parts[0]] if path.is_absolute() else []
    for part in parts[1:] if path.is_absolute() else parts:
        if part in (".", "..") or (here / part).exists():
            here, written = here / part, written + [part]
            continue
        try:
            names = [entry.name for entry in os.scandir(here) if not entry.name.startswith(".")]
        except OSError:
            return None
        close = difflib.get_close_matches(part, names, n=1, cutoff=0.75)
        if not close:
            return None
        here, written = here / close[0], written + [close[0]]
    return str(Path(*written)) if written and here.exists() and here != path else None


def load(paths: list[str | Path]) -> Workspace:
    """Load plan files and folders of plans. Never raises for a bad path or file; see `.diagnostics`."""
    ws = Workspace()
    files, ws.diagnostics = requested_files(paths)
    ws.preparse(files)
    for f in files:
        ws.load_file(f)
    return ws


def plan_from_bytes(name: str, data: bytes, tokenise: Callable[[str], list[Any]] | None = None,
                    ) -> tuple[Plan | None, list[Diagnostic]]:
    """One plan from its bytes (a file's, or a version's from git): decoded, then parsed. The one way every
    reader turns bytes into a plan tree. `tokenise`: as parser.parse_plan (history's versions: read/chunks.py)."""
    return parse_bytes(name, data, tokenise)


def load_plan(path: str | Path) -> tuple[Plan | None, list[Diagnostic]]:
    """Load one plan file: the tree (None if the file could not be read) and the findings from reading it."""
    ws = Workspace()
    plan = ws.load_file(path)
    return plan, ws.diagnostics
