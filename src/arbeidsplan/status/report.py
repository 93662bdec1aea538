"""The data of `arbeidsplan report YEAR`, the board's yearly accounting to the annual meeting: plain dicts,
lists and strings built from the plan's statuses, for a template (render/report.py) to render."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from ..messages import message, using
from ..model import Goal, Plan
from .schedule import stamp
from .year import NO_OLD_IDS, REPORT_ORDER, OldIds, Row, rows_for_year, summarise

STATUS_ORDER = [w.value for w in REPORT_ORDER] + ["ikke rapportert"]
STATUS_CLASS = {
    "gjennomført": "gjennomfort", "delvis gjennomført": "delvis", "i gang": "igang", "planlagt": "planlagt",
    "utsatt": "utsatt", "ikke gjennomført": "ikke", "strøket": "stroket", "ikke rapportert": "mangler",
}


def _measure(row: Row) -> dict[str, Any]:
    m = row.measure
    entry = row.status.entry
    word = entry.word.value if entry else "ikke rapportert"
    note = (entry.note or "") if entry and row.status.carried_from is None else ""
    old_id = message("status.old_id", id=row.old_id) if row.old_id else ""
    return {
        "id": m.id,
        "tekst": m.text,
        "når": m.timing_text or "",
        "ansvar": m.responsible or "",
        "status": word,
        "status_tekst": message(f"word.{word}"),
        "status_klasse": STATUS_CLASS[word],
        "merknad": note,
        "overført_fra": row.status.carried_from,
        # the annual meeting gave the measure a new id and its status line still names the old one
        "gammel_id": row.old_id or "",
        "gammel_id_tekst": old_id,
        "merknader": "; ".join(n for n in (note, old_id) if n),  # both, as one text: what a list item shows
        "planlagt": row.scheduled,
        "svarer_på": list(m.links),
    }


def _goal_heading(chain: tuple[Goal, ...]) -> list[dict[str, str]]:
    return [{"type": g.kind.value, "type_tekst": message("label." + g.kind.value), "id": g.label or g.id,
             "tittel": g.title} for g in chain]


def plan_report(plan: Plan, year: int, extras: dict[str, Any] | None = None,
                old_ids: OldIds = NO_OLD_IDS) -> dict[str, Any]:
    rows = rows_for_year(plan, year, old_ids)
    scheduled = [r for r in rows if r.scheduled]
    summary = summarise(rows)
    counts = [{"status": k, "tekst": message(f"word.{k}"), "antall": summary.by_status[k], "klasse": STATUS_CLASS[k],
               "andel": summary.by_status[k] / summary.scheduled if summary.scheduled else 0.0}
              for k in STATUS_ORDER if k in summary.by_status]
    groups = []
    for chain, group_rows in groupby(scheduled, key=lambda r: r.chain):
        group_rows = list(group_rows)
        s = summarise(group_rows)
        groups.append({"mål": _goal_heading(chain), "gjennomført": s.done, "planlagt": s.counted,
                       "tiltak": [_measure(r) for r in group_rows]})
    meta = plan.meta
    revisions = [{"dato": r.date.isoformat() if r.date else "", "av": r.body or "", "merknad": r.note or ""}
                 for r in meta.revisions if r.date and r.date.year == year]
    return {
        "fil": plan.path,
        "tittel": plan.title or plan.name,
        "organisasjon": meta.organisation or "",
        "nivå": meta.level.value if meta.level else "",
        "periode": str(meta.period) if meta.period else "",
        "år": year,
        "vedtatt": {"dato": meta.adopted.date.isoformat() if meta.adopted and meta.adopted.date else "",
                    "av": (meta.adopted.body or "") if meta.adopted else ""},
        "merknad": meta.note or "",
        "revisjoner_i_år": revisions,
        "sammendrag": {
            "planlagt": summary.counted,  # struck measures are no longer planned
            "gjennomført": summary.done,
            "andel_prosent": round(100 * summary.share_done),
            "andel_prosent_tekst": message("num.percent", n=round(100 * summary.share_done)),
            # «5 of 9» and «measures planned this year are done (56 %)»: the line as the report shows it
            "antall_tekst": message("report.done_count", done=summary.done, scheduled=summary.counted),
            "andel_tekst": message("report.done_share", n=summary.counted, share=round(100 * summary.share_done)),
            "ikke_rapportert": summary.not_reported,
            "per_status": counts,
        },
        "grupper": groups,
        "ikke_rapportert": [_measure(r) for r in scheduled if not r.reported],
        "gjennomført_uten_plan": [_measure(r) for r in rows if not r.scheduled and r.status.done],
        # the board's other statuses for the year on measures not planned in it (a measure of 2027 started
        # early is «i gang» in 2026): the report says what the board wrote, as `status` does
        "annen_status_uten_plan": [_measure(r) for r in rows if not r.scheduled and r.reported and not r.status.done],
        **(extras or {}),
    }


def report_data(plans: list[Plan], year: int, extras: dict[str, dict[str, Any]] | None = None,
                language: str = "nb", sections: dict[str, str] | None = None,
                old_ids: dict[str, OldIds] | None = None) -> dict[str, Any]:
    """The whole report's data, its texts in `language`; `extras` adds computed parts per plan path (unanswered
    requirements, the year's changes: api.report). `sections`: a plan's own language by path, where its part of
    the report is written in another (a nynorsk lag in a county's report): that part has its own `språk` and
    `tekst`, which the built-in templates use. `old_ids`: by path, what git knows of the status lines for ids
    the plan no longer has (status/year.OldIds)."""
    sections = sections or {}
    parts = []
    for p in plans:
        own = sections.get(p.path, language)
        with using(own):
            known = (old_ids or {}).get(p.path, NO_OLD_IDS)
            parts.append({**plan_report(p, year, (extras or {}).get(p.path), known), "språk": own, "tekst": _texts()})
    with using(language):
        return {"språk": language, "år": year, "laget": stamp().date().isoformat(), "rapporter": parts,
                "tekst": _texts()}


def _texts() -> dict[str, str]:
    return {k.split(".", 1)[1]: message(k) for k in _TEXT_KEYS}


_TEXT_KEYS = [
    "report.title", "report.period", "report.adopted", "report.summary", "report.scheduled", "report.done",
    "report.share", "report.by_status", "report.measures", "report.not_reported", "report.none_not_reported",
    "report.unscheduled_done", "report.unscheduled_other", "report.revisions", "report.made_by", "report.status", "report.note",
    "report.timing", "report.responsible", "report.carried", "report.no_scheduled", "report.requirements",
    "report.requirements_none", "report.requirements_help", "report.not_applicable", "report.not_applicable_help", "report.changes", "report.changes_none", "report.measure", "report.done_of_scheduled",
]
