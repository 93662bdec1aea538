"""What every job shares: the one-line Problem, which reading findings a job reports, the default paths, and
one repository object per repository for a whole job."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from ..diagnostics import Diagnostic, Severity
from ..messages import message

PathLike = str | os.PathLike[str]


class Problem(Exception):
    """The job cannot be done as asked; the message says why, in one line. The CLI exits 2."""


def problem_from(err: Exception) -> Problem:
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
    from ..read.workspace import plan_files

    given = [Path(p) for p in paths or ()] or [Path("plans")]
    return tuple(f for p in given for f in (plan_files(p) if p.is_dir() else [p]))


def read_parent(path: PathLike, ws: Any = None):
    """The parent plan a command is given (`--parent`), read into `ws`; or a Problem that says why it cannot be
    used: the file is missing, or the first finding from reading it, with its file:line."""
    from ..read.workspace import Workspace

    ws = ws if ws is not None else Workspace()
    if not Path(path).is_file():
        raise Problem(message("new.parent_unreadable", path=path, reason=message("reason.missing")))
    plan = ws.load_file(path)
    if plan is None:
        first = next((d for d in ws.diagnostics if str(d.span.file) == str(path)), None)
        reason = f"{first.span}: {first.message}" if first else message("reason.missing")
        raise Problem(message("new.parent_unreadable", path=path, reason=reason))
    if plan.meta.period is None:
        raise Problem(message("new.parent_unreadable", path=path, reason=message("new.parent_no_period")))
    return plan


def load_paths(paths: Iterable[PathLike] | None):
    from ..read.workspace import load

    return load(default_paths(paths))



class Repos:
    """One repository object per repository for a whole command (so its git log is read once), and the notes
    about each (a shallow clone) once."""

    def __init__(self) -> None:
        self.by_root: dict[Path, Any] = {}
        self.notes: list[str] = []

    def of(self, path: Path):
        from ..history.git import GitProblem, Repo

        if not path.exists():
            raise GitProblem(f"{path}: " + message("reason.missing"))
        found = Repo.discover(path)
        if found.root not in self.by_root:
            self.by_root[found.root] = found
            note = found.shallow_note()
            if note:
                self.notes.append(note)
        return self.by_root[found.root]

    def locate(self, path: Path) -> tuple[Any, str]:
        """The repository a plan is in, and its path there."""
        repo = self.of(path)
        return repo, repo.relative(path)


def plan_paths(paths: list[Path]) -> list[Path]:
    """The plan files the paths name, for `history` and `diff`; a Problem (one line, exit 2) for one that
    cannot be read as `check` reads it (too big, a link out of the repository, not a file): git would give
    answers about it that are not true, or its own English error."""
    from ..read.source import read_bytes

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            from ..read.workspace import plan_files  # (a plan named as a file: imported while git works)

            out += plan_files(p)
        else:
            out.append(p)
    for p in out:
        if p.exists():
            data, why = read_bytes(p)
            if data is None and why:
                raise Problem(f"{why[0].span}: {why[0].message}")
    return out
