"""What the plan had before: the goals and measures of its committed versions, for the ones it no longer has.

The annual meeting strikes a measure that was carried out («Stryke, gjennomført»): the row goes, but the board's
status line for the year it was done stays, as the record of that year. Without the row, `check` would call the
status line an error (AP402) and the id a gap in the numbering (AP206), and the year's status and report would
count one measure too few. Read from git, a struck measure is known for what it was: the newest committed version
that had it says its text, its goal and its timing.

A measure the meeting gave a new id (moved to another goal as 2.3g → 1.2c) is not struck: its status lines under
the old id belong to the measure that is there under the new one (`renumbered`), as `diff` pairs them.

Asked only for a plan that has a status line without a measure or a gap in its numbering, so a whole party's
`check` reads no history for the plans that have neither. Outside git, nothing is known and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Goal, Measure, Plan
from .git import GitProblem, Repo


@dataclass(frozen=True)
class Earlier:
    """The ids of every goal and measure in the plan's committed versions, and each measure as its newest
    version had it, with the goals above it there."""

    ids: frozenset[str]
    measures: dict[str, tuple[tuple[Goal, ...], Measure]]
    versions: dict[str, Plan] = field(default_factory=dict)  # a measure's id → the newest version that had it


NOTHING = Earlier(frozenset(), {})


def renumbered(plan: Plan, before: Earlier) -> dict[str, Measure]:
    """The ids of the plan's status lines without a measure whose measure is still in the plan under another
    written id: the newest version that had the id, compared with the plan as `diff` compares them."""
    from .matching import match

    out: dict[str, Measure] = {}
    matched: dict[int, dict[str, Measure]] = {}
    for item_id, _entry in plan.orphan_statuses:
        old = before.versions.get(item_id)
        if old is None or item_id in out:
            continue
        if id(old) not in matched:
            matched[id(old)] = {o.id: n for o, n in match(old, plan).measures
                                if o.explicit_id and n.explicit_id and o.id != n.id}
        if item_id in matched[id(old)]:
            out[item_id] = matched[id(old)][item_id]
    return out


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
    versions: dict[str, Plan] = {}
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
                versions.setdefault(m.id, plan)
    return Earlier(frozenset(ids), measures, versions)
