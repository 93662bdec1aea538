"""What the plan had before: the goals and measures of its committed versions, for the ones it no longer has.

The annual meeting strikes a measure that was carried out («Stryke, gjennomført»): the row goes, but the board's
status line for the year it was done stays, as the record of that year. Without the row, `check` would call the
status line an error (AP402) and the id a gap in the numbering (AP206), and the year's status and report would
count one measure too few. Read from git, a struck measure is known for what it was: the newest committed version
that had it says its text, its goal and its timing.

Asked only for a plan that has a status line without a measure or a gap in its numbering, so a whole party's
`check` reads no history for the plans that have neither. Outside git, nothing is known and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Goal, Measure
from .git import GitProblem, Repo


@dataclass(frozen=True)
class Earlier:
    """The ids of every goal and measure in the plan's committed versions, and each measure as its newest
    version had it, with the goals above it there."""

    ids: frozenset[str]
    measures: dict[str, tuple[tuple[Goal, ...], Measure]]


NOTHING = Earlier(frozenset(), {})


def earlier(path: str | Path) -> Earlier:
    """The plan at `path` as its committed versions had it (NOTHING outside git, or if git cannot say). Read
    anew at each call: a caller that asks twice in one run keeps the answer (checks/rules.Context)."""
    try:
        return _earlier(Path(path).resolve())
    except (GitProblem, OSError):
        return NOTHING


def _earlier(path: Path) -> Earlier:
    from ..read.parsecache import parse_cached

    repo = Repo.discover(path)
    rel = repo.relative(path)
    commits = [c for c in repo.log(rel) if not c.status.startswith("D")]
    ids: set[str] = set()
    measures: dict[str, tuple[tuple[Goal, ...], Measure]] = {}
    for commit, data in zip(commits, repo.read_many([(c.sha, c.path) for c in commits])):  # newest first
        if data is None:
            continue
        plan, _found = parse_cached(commit.path, data)
        if plan is None:
            continue
        ids.update(g.id for g in plan.walk_goals() if g.explicit_id)
        for chain, m in plan.measures_with_parents():
            if m.explicit_id:
                ids.add(m.id)
                measures.setdefault(m.id, (chain, m))
    return Earlier(frozenset(ids), measures)
