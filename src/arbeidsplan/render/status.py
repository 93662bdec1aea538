"""`arbeidsplan status`: one year's measures and their status, as a rich table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
from itertools import groupby
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..messages import message
from ..model import Goal, StatusWord
from ..status.year import PlanYear, Row, Summary, is_recurring, summarise
from .mdtext import md_cell, md_text

STATUS_STYLE = {
    StatusWord.GJENNOMFORT: "green",
    StatusWord.DELVIS: "yellow",
    StatusWord.I_GANG: "cyan",
    StatusWord.PLANLAGT: "blue",
    StatusWord.UTSATT: "magenta",
    StatusWord.IKKE_GJENNOMFORT: "red",
    StatusWord.STROKET: "dim strike",
}


def bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def status_text(row: Row) -> Text:
    word = row.status.word
    if word is None:
        return Text(message("status.not_reported"), style="dim")
    label = message(f"word.{word.value}")
    if row.status.carried_from is not None:
        label += " " + message("status.carried", year=row.status.carried_from)
    return Text(label, style=STATUS_STYLE[word])


def _note(row: Row) -> str:
    parts = []
    if row.status.entry and row.status.entry.note and row.status.carried_from is None:
        parts.append(row.status.entry.note)
    if row.old_id:
        parts.append(message("status.old_id", id=row.old_id))
    if row.overdue_years:
        key = "status.missed" if is_recurring(row.measure) else "status.overdue"
        parts.append(message(key, years=", ".join(map(str, row.overdue_years))))
    if not row.scheduled:
        parts.append(message("status.unscheduled"))
    return "; ".join(parts)


def _goal_of(row: Row) -> Goal | None:
    return row.chain[-1] if row.chain else None


def _goal_title(goal: Goal | None) -> str:
    if goal is None:
        return message("show.loose")
    return f"{message('label.' + goal.kind.value)} {goal.label or goal.id} {goal.title}"


def _measure_cell(row: Row) -> Text:
    m = row.measure
    cell = Text(m.text)
    details = " · ".join(x for x in (m.timing_text, m.responsible) if x)
    if details:
        cell.append("\n" + details, style="dim")
    return cell


def plan_table(py: PlanYear) -> Table:
    """A bold row per goal with its progress, then its measures; timing and responsible under each measure's
    text, so that the table reads in an 80-column terminal."""
    table = Table(title=message("status.title", name=py.plan.label, year=py.year), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold", expand=True)
    table.add_column("Id", no_wrap=True, style="bold")
    table.add_column(message("status.col.measure"), ratio=3)
    table.add_column(message("report.status"), min_width=10)
    table.add_column(message("status.col.note"), ratio=1)
    for goal, rows in groupby(py.rows, key=_goal_of):
        rows = list(rows)
        s = summarise(rows)
        table.add_row("", Text(_goal_title(goal), style="bold"), Text(f"{bar(s.done, s.counted, 5)} "
                                                                       f"{s.done}/{s.counted}"), "")
        for row in rows:
            table.add_row(row.measure.id, _measure_cell(row), status_text(row), _note(row))
        table.add_section()
    return table


def total_line(summary: Summary) -> Text:
    line = Text(message("status.total", done=summary.done, scheduled=summary.counted, n=summary.counted,
                        share=round(100 * summary.share_done)))
    line.append("  " + bar(summary.done, summary.counted, 20))
    parts = [f"{message('word.' + k)}: {v}" for k, v in summary.by_status.items()]
    if summary.done_unscheduled:
        parts.append(message("status.done_unscheduled", n=summary.done_unscheduled))
    if parts:
        line.append("\n" + " · ".join(parts), style="dim")
    return line


def summary_table(items: list[PlanYear]) -> Table:
    year = items[0].year if items else ""
    table = Table(title=message("status.summary_title", year=year), title_justify="left", pad_edge=False,
                  box=box.SIMPLE_HEAD, title_style="bold")
    table.add_column("Plan", no_wrap=True, overflow="ellipsis")
    table.add_column(message("status.col.scheduled"), justify="right")
    table.add_column(message("status.col.done"), justify="right")
    table.add_column(message("status.col.not_reported"), justify="right")
    table.add_column(message("status.col.progress"), no_wrap=True)
    for py in items:
        s = py.summary
        progress = f"{bar(s.done, s.counted, 8)} {message('num.percent', n=round(100 * s.share_done))}" if s.counted else "–"
        table.add_row(py.plan.label, str(s.counted), str(s.done), str(s.not_reported), progress)
    return table


def as_rich(items: list[PlanYear]) -> Group:
    if len(items) == 1:
        return Group(plan_table(items[0]), total_line(items[0].summary))
    if any(py.selected for py in items):  # «which are missing?»: the measures of each plan that has any
        found = [py for py in items if py.rows]
        if found:
            return Group(*[part for py in found for part in (plan_table(py), total_line(py.summary))])
    return Group(summary_table(items))


def row_data(row: Row) -> dict[str, Any]:
    m = row.measure
    entry = row.status.entry
    return {
        "id": m.id,
        "mål": [g.id for g in row.chain],
        "tiltak": m.text,
        "når": m.timing_text,
        "ansvar": m.responsible,
        "planlagt_i_år": row.planned,  # a measure struck this year is no longer planned (as in the totals)
        "status": entry.word.value if entry else None,
        "merknad": entry.note if entry else None,
        "overført_fra": row.status.carried_from,
        "gammel_id": row.old_id,  # the status line still names the id the measure had before the annual meeting
        "forsinket_fra": list(row.overdue_years),
        "linje": m.span.line,
    }


def summary_data(s: Summary) -> dict[str, Any]:
    return {"planlagt": s.counted, "gjennomført": s.done, "ikke_rapportert": s.not_reported,
            "andel_gjennomført": round(s.share_done, 3), "per_status": s.by_status,
            "gjennomført_uten_å_være_planlagt": s.done_unscheduled}


def as_json(items: list[PlanYear]) -> str:
    data = {
        "år": items[0].year if items else None,
        "planer": [
            {"fil": py.plan.path, "organisasjon": py.plan.meta.organisation,
             "sammendrag": summary_data(py.summary), "tiltak": [row_data(r) for r in py.rows]}
            for py in items
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(items: list[PlanYear]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["plan", "år", "id", "mål", "tiltak", "når", "ansvar", "planlagt_i_år", "status", "merknad",
                     "forsinket_fra"])
    for py in items:
        for r in py.rows:
            d = row_data(r)
            writer.writerow([py.plan.path, py.year, d["id"], " > ".join(d["mål"]), d["tiltak"], d["når"] or "",
                             d["ansvar"] or "", "ja" if d["planlagt_i_år"] else "nei", d["status"] or "",
                             d["merknad"] or "", " ".join(map(str, d["forsinket_fra"]))])
    return out.getvalue()


def as_markdown(items: list[PlanYear]) -> str:
    lines: list[str] = []
    for py in items:
        lines.append(f"## {message('status.title', name=md_text(py.plan.label), year=py.year)}\n")
        for goal, rows in groupby(py.rows, key=_goal_of):
            rows = list(rows)
            s = summarise(rows)
            lines.append(f"### {md_cell(_goal_title(goal))} ({s.done}/{s.counted})\n")
            lines.append(f"| Id | {message('status.col.measure')} | {message('report.timing')} | "
                         f"{message('report.responsible')} | {message('report.status')} | "
                         f"{message('status.col.note')} |")
            lines.append("| --- | --- | --- | --- | --- | --- |")
            for r in rows:
                m = r.measure
                lines.append(f"| {md_cell(m.id)} | {md_cell(m.text)} | {md_cell(m.timing_text or '')} | "
                             f"{md_cell(m.responsible or '')} | {md_cell(status_text(r).plain)} | "
                             f"{md_cell(_note(r))} |")
            lines.append("")
        lines.append(total_line(py.summary).plain + "\n")
    return "\n".join(lines)
