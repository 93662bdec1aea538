"""A plan as a meeting paper (`show -o plan.docx`, `.pdf`): its facts, goals with their descriptions, and each
list of measures or sub-goals under a heading that names its section («Tiltak», «Sentrale tiltak», «Rolle for
fylkeslag», «Delmål»), one level below the goal it belongs to. That heading is what makes the paper say which
goal a table belongs to: a table after a sub-goal's heading with a «Tiltak» heading one level below it is the
sub-goal's, one with the heading at the sub-goal's own level is the goal's – as in the Markdown, where a heading
belongs to the nearest heading above it with fewer #. The import reads the paper back on those terms
(read/importing/ownword.py), so every fact, goal, measure and status shown here is what it reads.

The plan's own text (a goal's description, a measure's text, a listed sub-goal's title) is shown as its Markdown
reads: **bold** in bold, *italic* in italic, a link as its text (paper.text_runs); the import writes bold and
italic back as **…** and *…*. A heading's text is shown as written."""

from __future__ import annotations

from ..messages import message
from ..model import Goal, Level, Measure, Plan, Section, StatusEntry
from .paper import (Block, Bullets, Cell, Facts, Footer, Heading, Para, Paper, Run, Table, counts_text, long_date,
                    text_runs)

# The custom document property an exported plan carries (docx.py writes it), and its value: what the import
# recognises the paper by. The number goes up if the paper's layout changes in a way the import must know.
MARKER = "arbeidsplan"
MARKER_VALUE = "plan 1"
_DEEPEST = 6  # Word has Heading 1–9; the Markdown the import writes has #–######


def facts_rows(plan: Plan) -> list[tuple[str, str]]:
    """The front matter as (label, value) rows: every key the tree keeps, so that the import can read it back."""
    meta = plan.meta
    rows = [(message("paper.organisation"), meta.organisation or "")]
    if meta.level:
        rows.append((message("show.level").capitalize(), meta.level.value))
    if meta.period:
        rows.append((message("show.period").capitalize(), str(meta.period)))
    if meta.adopted:
        rows.append((message("show.adopted").capitalize(), _dated(meta.adopted.date, meta.adopted.body, None)))
    if meta.parents:
        rows.append((message("show.parents").capitalize(), ", ".join(meta.parents)))
    for revision in meta.revisions:
        rows.append((message("paper.revised"), _dated(revision.date, revision.body, revision.note)))
    if meta.language != "bokmål":
        rows.append((message("paper.language"), meta.language))
    if meta.note:
        rows.append((message("paper.note"), meta.note))
    if meta.source:
        rows.append((message("paper.source"), meta.source))
    return rows


def _dated(when: object, body: str | None, note: str | None) -> str:
    """«27. januar 2024, Årsmøtet: Tiltak 2.3 strøket»: a date, who, and what."""
    text = long_date(when.isoformat()) if when is not None else ""  # type: ignore[attr-defined]
    if body:
        text += (", " if text else "") + body
    if note:
        text += ": " + note
    return text


def section_title(section: Section, level: Level | None) -> str:
    if section is Section.ROLLE and level is not None:
        return message("paper.section.rolle", level=message(f"level.{level.value}"))
    return message(f"paper.section.{section.value}")


def property_lines(links: tuple[str, ...], addressed: Level | None,
                   statuses: tuple[StatusEntry, ...] = ()) -> list[Run]:
    """The muted lines under a measure's or a listed sub-goal's text: its links, who it is for, its statuses."""
    out: list[Run] = []
    if links:
        out.append(("\n" + message("show.links").capitalize() + ": " + ", ".join(links), "muted"))
    if addressed is not None:
        out.append(("\n" + message("paper.addressed") + ": " + addressed.value, "muted"))
    for s in statuses:
        note = f" – {s.note}" if s.note else ""
        out.append((f"\n{s.year}: {message('word.' + s.word.value)}{note}", "muted"))
    return out


def _measures(measures: list[Measure], section_level: Level | None) -> Table:
    columns = [message("paper.col.id"), message("paper.col.measure"), message("report.timing"),
               message("report.responsible")]
    rows = []
    for m in measures:
        addressed = m.addressed_to if m.addressed_to != section_level else None
        text = text_runs(m.text) + property_lines(m.links, addressed, m.statuses)
        rows.append([Cell([(m.id, "b" if m.explicit_id else "muted")]), Cell(text),
                     Cell([(m.timing_text or "", "muted")]), Cell([(m.responsible or "", "muted")])])
    return Table(columns, [0.1, 0.56, 0.18, 0.16], rows)


def _listed(goals: list[Goal]) -> Bullets:
    """Sub-goals and priorities from a list, as the plan lists them: «a) Øke andelen aktive medlemmer»."""
    return Bullets([[(g.label or g.id, "b")] + _after_space(text_runs(g.title))
                    + property_lines(g.links, g.addressed_to) for g in goals])


def _after_space(runs: list[Run]) -> list[Run]:
    """A space, then the runs: in the first if it is plain, else in a plain run of its own (a bold space would
    join the title to the bold label before it)."""
    if runs and runs[0][1] == "":
        return [(" " + runs[0][0], "")] + runs[1:]
    return [(" ", "")] + runs


def _description(text: str) -> list[Block]:
    out: list[Block] = []
    items: list[list[Run]] = []
    for part in text.split("\n\n"):
        if part.startswith("• "):
            items.append(text_runs(part[2:]))
            continue
        if items:
            out.append(Bullets(items))
            items = []
        out.append(Para(text_runs(part)))
    if items:
        out.append(Bullets(items))
    return out


def _run_key(node: Goal | Measure) -> tuple[str, Section, Level | None]:
    """What a run of children shares to go under one heading: measures of one section (and role), or sub-goals
    of one list; a sub-goal with a heading of its own is a run of one."""
    if isinstance(node, Measure):
        return "measure", node.section, node.addressed_to if node.section is Section.ROLLE else None
    if node.section in (Section.DELMAL, Section.PRIORITERINGER):
        return "listed", node.section, None
    return "goal", node.section, None


def _goal(g: Goal, depth: int) -> list[Block]:
    level = min(depth, _DEEPEST)
    out: list[Block] = [Heading(level, f"{message('label.' + g.kind.value)} {g.id} {g.title}")]
    if g.description:
        out += _description(g.description)
    if g.links or g.addressed_to:  # «Svarer på: 1» under the heading, as the Markdown has it
        lines = property_lines(g.links, g.addressed_to)
        out.append(Para([(lines[0][0].lstrip("\n"), "muted")] + lines[1:]))
    runs: list[tuple[tuple[str, Section, Level | None], list]] = []
    for node in g.children_in_file_order():
        key = _run_key(node)
        if runs and runs[-1][0] == key and key[0] != "goal":
            runs[-1][1].append(node)
        else:
            runs.append((key, [node]))
    for (kind, section, role), nodes in runs:
        if kind == "goal":
            out += _goal(nodes[0], depth + 1)
            continue
        out.append(Heading(min(depth + 1, _DEEPEST), section_title(section, role)))
        out.append(_measures(nodes, role) if kind == "measure" else _listed(nodes))
    return out


def plan_paper(plan: Plan) -> Paper:
    title = plan.title or plan.meta.organisation or plan.path
    blocks: list[Block] = [Heading(1, title), Facts(facts_rows(plan)),
                           Para([(counts_text(plan.counts()), "muted")])]
    if plan.loose_measures:
        blocks += [Heading(2, message("show.loose")), _measures(list(plan.loose_measures), None)]
    for g in plan.goals:
        blocks += _goal(g, 2)
    blocks.append(Footer(f"{message('report.made_by')} · {plan.path}"))
    return Paper(title, blocks, marker=MARKER_VALUE)
