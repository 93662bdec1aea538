"""AP212: a plan kept in git whose goals or measures have only derived ids. Its history is read by matching
texts, but links, status lines and the meeting's papers name items by id, and a derived id (`2.t4`) moves
when a measure is inserted before it: `arbeidsplan ids` writes fixed ones, once."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Iterator

from ..diagnostics import Diagnostic, finding
from ..model import Plan
from ..read.workspace import repository_root


def derived_ids_in_git(plan: Plan, ctx: object) -> Iterator[Diagnostic]:
    derived = [item for item in [*plan.walk_goals(), *plan.measures()] if not item.explicit_id]
    if not derived or not (repository_root(Path(plan.path)) / ".git").exists():
        return
    first = min(derived, key=lambda item: (item.span.line, item.span.col))
    # quoted as a shell needs it («vår plan.md»): the line is a command to copy
    yield finding("AP212", first.span, n=len(derived), example=first.id, path=shlex.quote(plan.path))
