"""The plan tree as plain data (for --format json and golden files)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Goal, Measure, Plan


def measure_data(m: Measure) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id, "linje": m.span.line, "tekst": m.text}
    if not m.explicit_id:
        out["avledet_id"] = True
    if m.timing_text is not None:
        out["når"] = m.timing_text
    if m.responsible is not None:
        out["ansvar"] = m.responsible
    if m.addressed_to is not None:
        out["til"] = m.addressed_to.value
    if m.section.value != "tiltak":
        out["avsnitt"] = m.section.value
    if m.links:
        out["svarer_på"] = list(m.links)
    if m.statuses:
        out["status"] = [
            {"år": s.year, "status": s.word.value, **({"merknad": s.note} if s.note else {}), "linje": s.span.line}
            for s in m.statuses
        ]
    return out


def goal_data(g: Goal) -> dict[str, Any]:
    out: dict[str, Any] = {"type": g.kind.value, "id": g.id, "linje": g.span.line, "tittel": g.title}
    if not g.explicit_id:
        out["avledet_id"] = True
    if g.section.value not in ("overskrift", "delmål"):
        out["avsnitt"] = g.section.value
    if g.links:
        out["svarer_på"] = list(g.links)
    if g.goals:
        out["mål"] = [goal_data(c) for c in g.goals]
    if g.measures:
        out["tiltak"] = [measure_data(m) for m in g.measures]
    return out


def plan_data(plan: Plan) -> dict[str, Any]:
    meta = plan.meta
    return {
        "fil": plan.path,
        "tittel": plan.title,
        "organisasjon": meta.organisation,
        "nivå": meta.level.value if meta.level else None,
        "periode": [meta.period.first, meta.period.last] if meta.period else None,
        "overordnet": list(meta.parents),
        "vedtatt": (
            {"dato": meta.adopted.date.isoformat() if meta.adopted.date else None, "av": meta.adopted.body}
            if meta.adopted else None
        ),
        # the requirements the board marked «ikke aktuelt», as written, with its reasons
        **({"ikke_aktuelt": {m.reference: m.reason for m in meta.not_applicable}} if meta.not_applicable else {}),
        "antall": plan.counts(),
        "mål": [goal_data(g) for g in plan.goals],
        **({"tiltak_utenfor_mål": [measure_data(m) for m in plan.loose_measures]} if plan.loose_measures else {}),
    }


def as_json(plan: Plan) -> str:
    return json.dumps(plan_data(plan), ensure_ascii=False, indent=2) + "\n"
