"""`arbeidsplan report YEAR`: the board's yearly accounting to the annual meeting, from the plan itself.

The report is built as plain data (dicts, lists, strings) and rendered by a Jinja2 template: the built-in
Markdown or HTML one in templates/, or the user's own, which runs in a sandbox and sees only that data.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from itertools import groupby
from pathlib import Path
from typing import Any, Callable

from .messages import message
from .model import Goal, Plan
from .status import REPORT_ORDER, Row, rows_for_year, summarise

FORMATS = ("md", "html")
BUILTIN = {"md": "rapport.md.j2", "html": "rapport.html.j2"}
STATUS_ORDER = [w.value for w in REPORT_ORDER] + ["ikke rapportert"]
STATUS_CLASS = {
    "gjennomført": "gjennomfort", "delvis gjennomført": "delvis", "i gang": "igang", "planlagt": "planlagt",
    "utsatt": "utsatt", "ikke gjennomført": "ikke", "strøket": "stroket", "ikke rapportert": "mangler",
}


def template_dir() -> Path:
    """templates/ inside the installed package; in a source checkout, the repository's top-level templates/."""
    packaged = Path(__file__).resolve().parent / "templates"
    if (packaged / BUILTIN["md"]).exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def _measure(row: Row) -> dict[str, Any]:
    m = row.measure
    entry = row.status.entry
    word = entry.word.value if entry else "ikke rapportert"
    return {
        "id": m.id,
        "tekst": m.text,
        "når": m.timing_text or "",
        "ansvar": m.responsible or "",
        "status": word,
        "status_klasse": STATUS_CLASS[word],
        "merknad": (entry.note or "") if entry and row.status.carried_from is None else "",
        "overført_fra": row.status.carried_from,
        "planlagt": row.scheduled,
        "svarer_på": list(m.links),
    }


def _goal_heading(chain: tuple[Goal, ...]) -> list[dict[str, str]]:
    return [{"type": g.kind.value, "id": g.label or g.id, "tittel": g.title} for g in chain]


def plan_report(plan: Plan, year: int, extras: dict[str, Any] | None = None) -> dict[str, Any]:
    rows = rows_for_year(plan, year)
    scheduled = [r for r in rows if r.scheduled]
    summary = summarise(rows)
    counts = [{"status": k, "antall": summary.by_status[k], "klasse": STATUS_CLASS[k],
               "andel": summary.by_status[k] / summary.scheduled if summary.scheduled else 0.0}
              for k in STATUS_ORDER if k in summary.by_status]
    groups = []
    for chain, group_rows in groupby(scheduled, key=lambda r: r.chain):
        group_rows = list(group_rows)
        s = summarise(group_rows)
        groups.append({"mål": _goal_heading(chain), "gjennomført": s.done, "planlagt": s.scheduled,
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
            "planlagt": summary.scheduled,
            "gjennomført": summary.done,
            "andel_prosent": round(100 * summary.share_done),
            "ikke_rapportert": summary.not_reported,
            "per_status": counts,
        },
        "grupper": groups,
        "ikke_rapportert": [_measure(r) for r in scheduled if not r.reported],
        "gjennomført_uten_plan": [_measure(r) for r in rows if not r.scheduled and r.status.done],
        **(extras or {}),
    }


def _today() -> date:
    """Today, or SOURCE_DATE_EPOCH's date when set (reproducible output, golden files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def report_data(plans: list[Plan], year: int,
                extras: Callable[[Plan], dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "år": year,
        "laget": _today().isoformat(),
        "rapporter": [plan_report(p, year, extras(p) if extras else None) for p in plans],
        "tekst": {k.split(".", 1)[1]: message(k) for k in _TEXT_KEYS},
    }


_TEXT_KEYS = [
    "report.title", "report.period", "report.adopted", "report.summary", "report.scheduled", "report.done",
    "report.share", "report.by_status", "report.measures", "report.not_reported", "report.none_not_reported",
    "report.unscheduled_done", "report.revisions", "report.made_by", "report.status", "report.note",
    "report.timing", "report.responsible", "report.carried", "report.no_scheduled", "report.requirements",
    "report.requirements_none", "report.changes", "report.changes_none",
]


def report_extras(ws, year: int) -> Callable[[Plan], dict[str, Any]]:
    """For the report: the requirements of the plans above that the plan has not answered (no link, no likely
    answer), from the alignment check; and the changes made to the plan during the year, from git."""
    from .alignment import State, align
    from .history import changes_in_year_many
    from .links import short_name
    from .plandiff import change_lines

    yearly: dict[str, Any] = {}

    def extras(plan: Plan) -> dict[str, Any]:
        if not yearly:  # all plans at once: a few git processes for the whole party
            yearly.update(changes_in_year_many([Path(p.path) for p in ws.plans], year))
        out: dict[str, Any] = {}
        alignments = align(plan, ws)
        if alignments:
            out["krav"] = [{"id": a.requirement.id, "tekst": a.requirement.text,
                            "plan": short_name(al.parent)}
                           for al in alignments for a in al.answers if a.state is State.UNANSWERED]
        changes = yearly.get(str(Path(plan.path)))
        if changes is not None:
            out["endringer"] = change_lines(changes)
        return out

    return extras


class TemplateProblem(Exception):
    """The user's template could not be read or rendered; the message says where."""


_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember")


def _long_date(value: object) -> str:
    """"2024-01-27" → "27. januar 2024"; anything else is returned as it is."""
    try:
        d = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{d.day}. {_MONTHS[d.month - 1]} {d.year}"


def _md_cell(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(data: dict[str, Any], fmt: str, template: Path | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    autoescape = fmt == "html"
    if template is None:
        env: Environment = Environment(loader=FileSystemLoader(template_dir()), autoescape=autoescape,
                                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                       keep_trailing_newline=True)
        name = BUILTIN[fmt]
    else:
        # A user's template sees only the report data, and cannot reach Python internals.
        env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(template.resolve().parent),
                                            autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
                                            keep_trailing_newline=True)
        name = template.name
    env.filters["mdcelle"] = _md_cell
    env.filters["dato"] = _long_date
    try:
        return env.get_template(name).render(**data)
    except TemplateError as err:
        where = getattr(err, "lineno", None)
        location = f"{template or name}:{where}" if where else str(template or name)
        raise TemplateProblem(message("report.template_error", where=location, reason=err.message or err)) from None
    except OSError as err:
        raise TemplateProblem(message("report.template_error", where=str(template or name), reason=err)) from None


def format_for(output: Path | None, fmt: str | None) -> str:
    """--format if given, else from -o's extension, else Markdown."""
    if fmt:
        return fmt
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return "html"
    return "md"
