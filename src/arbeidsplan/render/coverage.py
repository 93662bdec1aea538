"""Coverage as tables: per plan and parent priority, how many requirements are linked, suggested, unanswered.
`check` prints a summary after the findings; `arbeidsplan coverage` a matrix or every requirement."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..align.state import State, any_in
from ..align.summary import AlignmentSummary, MatrixSummary, data
from ..messages import message
from .mdtext import md_cell, md_text
from .terminal import Lines

STYLES = {State.LINKED: "green", State.SUGGESTED: "yellow", State.MAYBE: "magenta", State.UNANSWERED: "red",
          State.NOT_APPLICABLE: "cyan"}
COLUMNS = {State.LINKED: "linked", State.SUGGESTED: "suggested", State.MAYBE: "maybe", State.UNANSWERED: "unanswered",
           State.NOT_APPLICABLE: "not_applicable"}


def summary_table(al: AlignmentSummary) -> Lines:
    """`check`'s summary for one child and one parent: a row per parent priority."""
    out = Lines()
    out.line((message("coverage.title", parent=al.parent.short, level=al.level.value), "bold"))
    # «ikke aktuelt» only when the board has marked something so: most plans never do
    states = [state for state in State if state is not State.NOT_APPLICABLE
              or any(cov.count(state) for cov in al.coverage)]
    heads = [message("coverage.col.priority")] + [message(f"coverage.col.{COLUMNS[state]}") for state in states]
    rows = [[(f"{cov.id} {cov.title}" if cov.id else message("coverage.other"), None)]
            + [(str(cov.count(state)), STYLES[state]) for state in states] for cov in al.coverage]
    out.grid(heads, rows)
    return out


def _cell_text(al: AlignmentSummary, index: int) -> tuple[str, str]:
    """A matrix cell and its style: linked + suggested / requirements, ✗ when nothing answers the priority. The
    requirements marked «ikke aktuelt» are not counted; a priority with only those says so."""
    cov = al.coverage[index]
    if not cov.answers:
        return "–", "dim"
    total = cov.applicable
    if not total:
        return message("coverage.cell_not_applicable"), STYLES[State.NOT_APPLICABLE]
    linked, suggested = cov.count(State.LINKED), cov.count(State.SUGGESTED)
    style = "green" if linked == total else "red" if linked + suggested == 0 else "yellow"
    mark = " ✗" if not cov.theme_covered else ""
    return f"{linked}+{suggested}/{total}{mark}", style


def matrix_table(m: MatrixSummary) -> Lines:
    """The matrix as aligned lines, one per plan, under a bold header and above the legend. Drawn as lines with
    styles rather than a rich Table: a party has hundreds of plans, and a Table measures every cell (0.15 s)."""
    coverage = m.rows[0][1].coverage
    out = Lines()
    out.line((message("coverage.matrix_title", parent=m.parent.short), "bold"))
    out.grid([message("coverage.col.plan")] + [cov.id if cov.id else "–" for cov in coverage],
             [[(plan.label, None)] + [_cell_text(al, i) for i in range(len(coverage))] for plan, al in m.rows])
    if named := _priorities(coverage):
        out.line((named, None))
    out.line((_legend(m), None))
    return out


def _priorities(coverage: Any) -> str:
    """What the matrix's numbered columns are: «Prioriteringer: 1 … · 2 …» ("" when none has an id)."""
    named = [f"{cov.id} {cov.title}" for cov in coverage if cov.id]
    return message("coverage.priorities", names=" · ".join(named)) if named else ""


def _legend(m: MatrixSummary) -> str:
    """The cells' legend; that requirements marked «ikke aktuelt» are not counted, when a plan has marked one, and
    where a possible answer went, when a plan has one (a «0+0/1» with no ✗ says nothing by itself)."""
    notes = [message("coverage.cell_legend")]
    if any_in(m, State.NOT_APPLICABLE):
        notes.append(message("coverage.cell_legend_marked"))
    if any_in(m, State.MAYBE):
        notes.append(message("coverage.cell_legend_maybe"))
    return " ".join(notes)


def _how(answer: Any) -> str:
    """The detail's answer: the linked items, the board's reason for «ikke aktuelt», or the candidates."""
    if answer.state is State.LINKED:
        return ", ".join(answer.linked)
    if answer.state is State.NOT_APPLICABLE:
        return answer.not_applicable or message("report.no_reason")
    return ", ".join(f"{c.id} ({c.score:.2f})" for c in answer.candidates)


def detail_table(m: MatrixSummary) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=message("coverage.matrix_title", parent=m.parent.short), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold", expand=True)
    table.add_column(message("coverage.col.plan"), no_wrap=True)
    table.add_column(message("coverage.col.requirement"), ratio=3)
    table.add_column(message("coverage.col.state"), no_wrap=True)
    table.add_column(message("coverage.col.answer"), ratio=1)
    for plan, al in m.rows:
        for answer in al.answers:
            how = _how(answer)
            table.add_row(plan.name, f"{answer.requirement_id} {answer.requirement_text}", Text(answer.state.word, style=STYLES[answer.state]),
                          how)
        table.add_section()
    return table


def as_json(ms: list[MatrixSummary]) -> str:
    return json.dumps({"dekning": data(ms)}, ensure_ascii=False, indent=2) + "\n"


def as_csv(ms: list[MatrixSummary]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["overordnet", "plan", "prioritering", "krav", "status", "koblet", "forslag", "tekst", "grunn"])
    for block in data(ms):
        for plan in block["planer"]:
            for prio in plan["prioriteringer"]:
                for req in prio["krav"]:
                    writer.writerow([block["overordnet"], plan["fil"], prio["id"] or "", req["id"], req["status"],
                                     " ".join(req["koblet"]),
                                     " ".join(f"{f['id']}:{f['skår']}" for f in req["forslag"]), req["tekst"],
                                     req.get("grunn", "")])
    return buf.getvalue()


def as_markdown(ms: list[MatrixSummary], detail: bool = False) -> str:
    lines: list[str] = []
    for m in ms:
        lines.append(f"## {message('coverage.matrix_title', parent=md_text(m.parent.short))}\n")
        coverage = m.rows[0][1].coverage
        heads = [md_cell(cov.id) if cov.id else "–" for cov in coverage]
        lines.append(f"| {md_cell(message('coverage.col.plan'))} | " + " | ".join(heads) + " |")
        lines.append("| --- |" + " --- |" * len(heads))
        for plan, al in m.rows:
            cells = " | ".join(_cell_text(al, i)[0] for i in range(len(heads)))
            lines.append(f"| {md_cell(plan.label)} | {cells} |")
        if named := _priorities(coverage):
            lines.append("\n" + md_text(named))
        lines.append("\n" + _legend(m) + "\n")
        if detail:
            heads = [message(f"coverage.col.{name}") for name in ("plan", "requirement", "state", "answer")]
            lines.append("| " + " | ".join(md_cell(head) for head in heads) + " |")
            lines.append("| --- | --- | --- | --- |")
            for plan, al in m.rows:
                for a in al.answers:
                    how = _how(a)
                    text = md_cell(f"{a.requirement_id} {a.requirement_text}")
                    lines.append(f"| {md_cell(plan.name)} | {text} | {a.state.word} | {md_cell(how)} |")
            lines.append("")
    return "\n".join(lines) + "\n"


def as_markdown_detail(ms: list[MatrixSummary]) -> str:
    return as_markdown(ms, detail=True)


def as_rich(ms: list[MatrixSummary]) -> Any:
    from rich.console import Group
    from rich.text import Text

    return Group(*[matrix_table(m) for m in ms]) if ms else Text(message("coverage.no_requirements"))


def as_rich_detail(ms: list[MatrixSummary]) -> Any:
    from rich.console import Group
    from rich.text import Text

    return Group(*[detail_table(m) for m in ms]) if ms else Text(message("coverage.no_requirements"))
