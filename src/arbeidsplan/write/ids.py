"""`arbeidsplan ids`: write an id on every goal and measure that has only a derived one (`2.t4`), once, so the
plan's ids stop shifting when a measure is inserted.

The new id is the parent's id and the item's place, as a board numbers by hand: goal 2's third measure is
`2.3`, its first sub-goal `2.1`. Goals and measures share one namespace, so where one of those ids is taken
(a sub-goal `2.1` and a measure `2.1`) the goal's measures keep their derived form (`2.t1`), written out.
Status lines that name a derived id are changed with it.

The file is edited as text, like `status set`: `**ID** ` put in front of a list item's text, the id after the
heading's key word (`## Mål 2: …`), an empty id cell filled, or a column «Nr» added in front of a table with
no id column. Line ends and a BOM are kept. The result is read back before anything is written: it must
parse without errors into the same goals and measures with the same texts and statuses, every id written,
each the one planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Severity
from ..messages import message
from ..model import Goal, Plan
from ..read.parser import parse_plan
from ..read.source import decode, os_reason
from ..vocabulary import column_kind
from .files import write_atomically
from .status import Refused, parse_for_edit

_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])[ \t]+)")
_GOAL_HEADING = re.compile(r"^(\s{0,3}#{1,6}[ \t]+[^\W\d_]+)[ \t]*:")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
ID_COLUMN = "Nr"


@dataclass(frozen=True)
class NewId:
    what: str  # "mål" or "tiltak"
    derived: str
    new: str
    line: int


@dataclass(frozen=True)
class IdEdit:
    """What `ids` would do (or did) to one plan file."""

    path: Path
    ids: tuple[NewId, ...]
    before: str
    after: str
    written: bool = False


def _beside(parent: str | None, derived: str) -> str:
    """The derived id's own part (`t3` of `m1.t3`) under the parent's new id: `1.t3`."""
    own = derived.rsplit(".", 1)[-1]
    return f"{parent}.{own}" if parent else own


def _planned_ids(plan: Plan) -> dict[int, str]:
    """id(item) → its id in the new file (the written one kept), for every goal and measure."""
    taken = {item.id for item in [*plan.walk_goals(), *plan.measures()] if item.explicit_id}
    out: dict[int, str] = {}

    def fresh(wanted: str, fallback: str) -> str:
        chosen = wanted if wanted not in taken else fallback
        taken.add(chosen)
        return chosen

    def goals(items: tuple[Goal, ...], parent: str | None) -> None:
        for n, goal in enumerate(items, 1):
            out[id(goal)] = goal.id if goal.explicit_id else fresh(f"{parent}.{n}" if parent else str(n),
                                                                   _beside(parent, goal.id))
            goals(goal.goals, out[id(goal)])

    def measures(goal: Goal) -> None:
        mine = out[id(goal)]
        unwritten = [(n, m) for n, m in enumerate(goal.measures, 1) if not m.explicit_id]
        plain = all(f"{mine}.{n}" not in taken for n, _m in unwritten)  # one form for a goal's measures
        for n, m in enumerate(goal.measures, 1):
            out[id(m)] = m.id if m.explicit_id else fresh(f"{mine}.{n}" if plain else _beside(mine, m.id),
                                                          _beside(mine, m.id))
        for child in goal.goals:
            measures(child)

    goals(plan.goals, None)
    for goal in plan.goals:
        measures(goal)
    for n, m in enumerate(plan.loose_measures, 1):
        out[id(m)] = m.id if m.explicit_id else fresh(str(n), m.id)
    return out


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text on a table line, outer pipes not counted."""
    bounds = [-1] + [m.start() for m in _CELL_SPLIT.finditer(line)] + [len(line)]
    cells = [(a + 1, b) for a, b in zip(bounds, bounds[1:])]
    if line[: cells[0][1]].strip() == "" and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and line[cells[-1][0]:].strip() == "":
        cells = cells[:-1]
    return cells


def _table_start(lines: list[str], row: int) -> int:
    """The header line of the table that line index `row` is in."""
    start = row
    while start > 0 and "|" in lines[start - 1] and lines[start - 1].strip():
        start -= 1
    return start


def _table_end(lines: list[str], row: int) -> int:
    end = row
    while end + 1 < len(lines) and "|" in lines[end + 1] and lines[end + 1].strip():
        end += 1
    return end


def _insert_cell(line: str, text: str) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    indent = body[: len(body) - len(body.lstrip())]
    rest = body.lstrip()
    if rest.startswith("|"):
        return f"{indent}| {text} {rest}{ending}"
    return f"{indent}{text} | {rest}{ending}"


def _edit_lines(plan: Plan, lines: list[str], planned: dict[int, str]) -> list[NewId]:
    done: list[NewId] = []
    new_columns: dict[int, dict[int, str]] = {}  # header index → {row index: id}
    fail = lambda line: Refused(message("ids.line_changed", path=plan.path, line=line))  # noqa: E731

    for goal in plan.walk_goals():
        if goal.explicit_id:
            continue
        index, new = goal.span.line - 1, planned[id(goal)]
        heading = _GOAL_HEADING.match(lines[index])
        item = _LIST_ITEM.match(lines[index])
        if heading:
            lines[index] = lines[index][: heading.end(1)] + f" {new}" + lines[index][heading.end(1):]
        elif item:
            lines[index] = lines[index][: item.end()] + f"**{new}** " + lines[index][item.end():]
        else:
            raise fail(goal.span.line)
        done.append(NewId("mål", goal.id, new, goal.span.line))

    for m in plan.measures():
        if m.explicit_id:
            continue
        index, new = m.span.line - 1, planned[id(m)]
        if m.in_table:
            start = _table_start(lines, index)
            kinds = [column_kind(lines[start][a:b]) for a, b in _cells(lines[start])]
            if "id" in kinds:
                a, b = _cells(lines[index])[kinds.index("id")]
                if lines[index][a:b].strip():
                    raise fail(m.span.line)
                lines[index] = lines[index][:a] + f" {new} " + lines[index][b:]
            else:
                new_columns.setdefault(start, {})[index] = new
        else:
            item = _LIST_ITEM.match(lines[index])
            if not item:
                raise fail(m.span.line)
            lines[index] = lines[index][: item.end()] + f"**{new}** " + lines[index][item.end():]
        for entry in m.statuses:
            s = entry.span.line - 1
            written = re.compile(r"^(\s*(?:[-*+]|\d+[.)])[ \t]+\*\*)" + re.escape(m.id) + r"(\*\*)")
            if not written.match(lines[s]):
                raise fail(entry.span.line)
            lines[s] = written.sub(lambda g: g.group(1) + new + g.group(2), lines[s], count=1)
        done.append(NewId("tiltak", m.id, new, m.span.line))

    for start, rows in new_columns.items():
        end = _table_end(lines, start)
        for k in range(start, end + 1):
            cell = ID_COLUMN if k == start else "---" if k == start + 1 else rows.get(k, "")
            lines[k] = _insert_cell(lines[k], cell)
    return done


def _shape(plan: Plan) -> list[tuple]:
    """What must not change: every goal's kind and title, every measure's text, timing, responsible, links and
    statuses, in order."""
    out: list[tuple] = []
    for goal in plan.walk_goals():
        out.append(("mål", goal.kind, goal.title, goal.links))
    for m in plan.measures():
        out.append(("tiltak", m.text, m.timing_text, m.responsible, m.links, m.addressed_to,
                    tuple((s.year, s.word, s.note) for s in m.statuses)))
    return out


def _ids_in_order(plan: Plan) -> list[tuple[str, bool]]:
    return [(item.id, item.explicit_id) for item in [*plan.walk_goals(), *plan.measures()]]


def plan_ids(path: Path) -> IdEdit:
    """The edit, checked by reading it back, or Refused. Nothing is written here."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise Refused(message("set.unreadable", path=path, reason=os_reason(err))) from None
    _source, plan, _found = parse_for_edit(path, data)
    if plan.orphan_statuses:  # a status for an id that is not there may be meant for one that moved
        item_id, entry = plan.orphan_statuses[0]
        raise Refused(message("ids.orphan_status", path=path, line=entry.span.line, id=item_id))
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if bom else 0:].decode("utf-8")
    lines = text.splitlines(keepends=True)
    planned = _planned_ids(plan)
    done = _edit_lines(plan, lines, planned)
    after = "".join(lines)
    if done:
        _verify(path, plan, ("\ufeff" if bom else "") + after, planned)
    return IdEdit(path, tuple(done), text, after)


def _verify(path: Path, before: Plan, text: str, planned: dict[int, str]) -> None:
    source, _diags = decode(str(path), text.encode("utf-8"))
    result, found = parse_plan(source) if source is not None else (None, [])
    wanted = [(planned[id(item)], True) for item in [*before.walk_goals(), *before.measures()]]
    if (result is None or any(d.severity is Severity.ERROR for d in found) or _shape(result) != _shape(before)
            or _ids_in_order(result) != wanted):
        raise Refused(message("ids.not_verified", path=path))


def write_ids(path: Path) -> IdEdit:
    """Write the edit atomically, then read the file back: it must hold exactly the bytes checked."""
    edit = plan_ids(path)
    if not edit.ids:
        return edit
    bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    data = (("\ufeff" if bom else "") + edit.after).encode("utf-8")
    write_atomically(path, data)
    if path.read_bytes() != data:
        raise Refused(message("ids.not_written_back", path=path))
    return IdEdit(edit.path, edit.ids, edit.before, edit.after, written=True)


__all__ = ["IdEdit", "NewId", "plan_ids", "write_ids", "ID_COLUMN"]
