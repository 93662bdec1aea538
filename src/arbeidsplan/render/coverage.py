"""Coverage as tables: per plan and parent priority, how many requirements are linked, suggested, unanswered.
`check` prints a summary after the findings; `arbeidsplan coverage` a matrix or every requirement."""

from __future__ import annotations

import csv
import io
import json

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..align.alignment import Alignment, State
from ..align.coverage import Matrix, data
from ..align.links import short_name
from ..messages import message
from .mdtext import md_cell, md_text


def summary_table(al: Alignment) -> Table:
    """`check`'s summary for one child and one parent: a row per parent priority."""
    table = Table(title=message("coverage.title", parent=short_name(al.parent), level=al.level.value),
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold")
    table.add_column(message("coverage.col.priority"), ratio=1)
    for key, style in (("linked", "green"), ("suggested", "yellow"), ("unanswered", "red")):
        table.add_column(message(f"coverage.col.{key}"), justify="right", style=style)
    for cov in al.coverage:
        title = f"{cov.priority.id} {cov.priority.title}" if cov.priority else message("coverage.other")
        table.add_row(title, str(cov.count(State.LINKED)), str(cov.count(State.SUGGESTED)),
                      str(cov.count(State.UNANSWERED)))
    return table


def _cell(al: Alignment, index: int) -> Text:
    cov = al.coverage[index]
    total = len(cov.answers)
    if not total:
        return Text("–", style="dim")
    linked, suggested = cov.count(State.LINKED), cov.count(State.SUGGESTED)
    style = "green" if linked == total else "red" if linked + suggested == 0 else "yellow"
    mark = " ✗" if not cov.theme_covered else ""
    return Text(f"{linked}+{suggested}/{total}{mark}", style=style)


def matrix_table(m: Matrix) -> Table:
    table = Table(title=message("coverage.matrix_title", parent=short_name(m.parent)), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold", caption=message("coverage.cell_legend"),
                  caption_justify="left")
    table.add_column(message("coverage.col.plan"), no_wrap=True)
    coverage = m.rows[0][1].coverage
    for cov in coverage:
        table.add_column(cov.priority.id if cov.priority else "–", justify="right", no_wrap=True)
    for plan, al in m.rows:
        table.add_row(plan.label, *[_cell(al, i) for i in range(len(coverage))])
    return table


def detail_table(m: Matrix) -> Table:
    table = Table(title=message("coverage.matrix_title", parent=short_name(m.parent)), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold", expand=True)
    table.add_column(message("coverage.col.plan"), no_wrap=True)
    table.add_column(message("coverage.col.requirement"), ratio=3)
    table.add_column(message("coverage.col.state"), no_wrap=True)
    table.add_column(message("coverage.col.answer"), ratio=1)
    styles = {State.LINKED: "green", State.SUGGESTED: "yellow", State.UNANSWERED: "red"}
    for plan, al in m.rows:
        for answer in al.answers:
            req = answer.requirement
            if answer.state is State.LINKED:
                how = ", ".join(i.id for i in answer.linked)
            else:
                how = ", ".join(f"{c.item.id} ({c.score:.2f})" for c in answer.candidates)
            table.add_row(plan.name, f"{req.id} {req.text}", Text(answer.state.value, style=styles[answer.state]),
                          how)
        table.add_section()
    return table


def as_json(ms: list[Matrix]) -> str:
    return json.dumps({"dekning": data(ms)}, ensure_ascii=False, indent=2) + "\n"


def as_csv(ms: list[Matrix]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["overordnet", "plan", "prioritering", "krav", "status", "koblet", "forslag", "tekst"])
    for block in data(ms):
        for plan in block["planer"]:
            for prio in plan["prioriteringer"]:
                for req in prio["krav"]:
                    writer.writerow([block["overordnet"], plan["fil"], prio["id"] or "", req["id"], req["status"],
                                     " ".join(req["koblet"]),
                                     " ".join(f"{f['id']}:{f['skår']}" for f in req["forslag"]), req["tekst"]])
    return buf.getvalue()


def as_markdown(ms: list[Matrix], detail: bool = False) -> str:
    lines: list[str] = []
    for m in ms:
        lines.append(f"## {message('coverage.matrix_title', parent=md_text(short_name(m.parent)))}\n")
        coverage = m.rows[0][1].coverage
        heads = [md_cell(cov.priority.id) if cov.priority else "–" for cov in coverage]
        lines.append("| Plan | " + " | ".join(heads) + " |")
        lines.append("| --- |" + " --- |" * len(heads))
        for plan, al in m.rows:
            cells = " | ".join(_cell(al, i).plain for i in range(len(heads)))
            lines.append(f"| {md_cell(plan.label)} | {cells} |")
        lines.append("\n" + message("coverage.cell_legend") + "\n")
        if detail:
            lines.append("| Plan | Krav | Status | Svar |")
            lines.append("| --- | --- | --- | --- |")
            for plan, al in m.rows:
                for a in al.answers:
                    how = ", ".join(i.id for i in a.linked) if a.linked else \
                        ", ".join(f"{c.item.id} ({c.score:.2f})" for c in a.candidates)
                    text = md_cell(f"{a.requirement.id} {a.requirement.text}")
                    lines.append(f"| {md_cell(plan.name)} | {text} | {a.state.value} | {md_cell(how)} |")
            lines.append("")
    return "\n".join(lines) + "\n"


def as_markdown_detail(ms: list[Matrix]) -> str:
    return as_markdown(ms, detail=True)


def as_rich(ms: list[Matrix]) -> Group | Text:
    return Group(*[matrix_table(m) for m in ms]) if ms else Text(message("coverage.no_requirements"))


def as_rich_detail(ms: list[Matrix]) -> Group | Text:
    return Group(*[detail_table(m) for m in ms]) if ms else Text(message("coverage.no_requirements"))
