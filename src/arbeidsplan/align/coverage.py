"""Coverage: for every plan, its alignment with one parent plan (the newest national plan unless one is asked
for), grouped into one matrix per parent. Computed here; render/coverage.py draws it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Level, Plan
from .alignment import Aligner, Alignment, State


@dataclass(frozen=True)
class Matrix:
    parent: Plan
    rows: tuple[tuple[Plan, Alignment], ...]


def choose_parent(alignments: list[Alignment], wanted: Plan | None) -> Alignment | None:
    if wanted is not None:
        return next((a for a in alignments if a.parent is wanted or a.parent.path == wanted.path), None)
    national = [a for a in alignments if a.parent.meta.level is Level.NASJONALT]
    pool = national or alignments
    return max(pool, key=lambda a: a.parent.meta.period.first if a.parent.meta.period else 0, default=None)


def matrices(aligner: Aligner, parent: Plan | None = None) -> list[Matrix]:
    """One matrix per parent plan: the plans measured against it, in the order loaded."""
    parents: dict[str, Plan] = {}
    rows: dict[str, list[tuple[Plan, Alignment]]] = {}
    for plan in aligner.ws.plans:
        chosen = choose_parent(aligner.align(plan), parent)
        if chosen is not None:
            parents.setdefault(chosen.parent.path, chosen.parent)
            rows.setdefault(chosen.parent.path, []).append((plan, chosen))
    return [Matrix(parents[key], tuple(found)) for key, found in rows.items()]


def data(ms: list[Matrix]) -> list[dict[str, Any]]:
    out = []
    for m in ms:
        plans = []
        for plan, al in m.rows:
            plans.append({
                "fil": plan.path,
                "organisasjon": plan.meta.organisation,
                "prioriteringer": [
                    {"id": cov.priority.id if cov.priority else None,
                     "tittel": cov.priority.title if cov.priority else None,
                     "koblet": cov.count(State.LINKED), "foreslått": cov.count(State.SUGGESTED),
                     "ubesvart": cov.count(State.UNANSWERED), "dekket": cov.theme_covered,
                     "krav": [{"id": a.requirement.id, "tekst": a.requirement.text, "status": a.state.value,
                               "koblet": [i.id for i in a.linked],
                               "forslag": [{"id": c.item.id, "skår": c.score, "linje": c.item.span.line,
                                            "felles_ord": list(c.shared)}
                                           for c in a.candidates]}
                              for a in cov.answers]}
                    for cov in al.coverage],
            })
        out.append({"overordnet": m.parent.path, "planer": plans})
    return out
