"""The goal/measure tree of one plan as a rich Tree."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from ..messages import message
from ..model import Goal, Measure, Plan
from .paper import counts_text, text_runs

_KIND_STYLE = {"område": "bold magenta", "mål": "bold cyan", "delmål": "cyan"}


def _measure_label(m: Measure) -> Text:
    label = Text()
    label.append(m.id, style="bold" if m.explicit_id else "dim")
    label.append(" ")
    for piece, style in text_runs(m.text):  # **bold** in bold, as on paper (in a file or a pipe: the words alone)
        label.append(piece, style={"b": "bold", "i": "italic", "bi": "bold italic"}.get(style))
    details = []
    if m.timing_text:
        details.append(f"{message('show.timing')}: {m.timing_text}")
    if m.responsible:
        details.append(f"{message('show.responsible')}: {m.responsible}")
    if m.addressed_to:
        details.append(f"{message('show.addressed')}: {m.addressed_to.value}")
    if m.links:
        details.append(f"{message('show.links')}: {', '.join(m.links)}")
    for s in m.statuses:
        details.append(f"{s.year}: {message('word.' + s.word.value)}")
    if details:
        label.append("  [" + "; ".join(details) + "]", style="dim")
    return label


def _goal_label(g: Goal) -> Text:
    label = Text()
    label.append(f"{message('label.' + g.kind.value)} ", style=_KIND_STYLE[g.kind.value])
    label.append(g.label or g.id, style="bold")
    label.append(" " + g.title)
    return label


def _add_goal(tree: Tree, g: Goal) -> None:
    node = tree.add(_goal_label(g))
    for child in g.children_in_file_order():
        if isinstance(child, Goal):
            _add_goal(node, child)
        else:
            node.add(_measure_label(child))


def plan_tree(plan: Plan) -> Tree:
    meta = plan.meta
    head = Text(plan.title or plan.name, style="bold")
    facts = []
    if meta.organisation:
        facts.append(meta.organisation)
    if meta.level:
        facts.append(f"{message('show.level')}: {meta.level.value}")
    if meta.period:
        facts.append(f"{message('show.period')}: {meta.period}")
    if meta.adopted and meta.adopted.date:
        facts.append(f"{message('show.adopted')}: {meta.adopted.date.isoformat()}")
    head.append("\n" + " · ".join(facts), style="dim")
    head.append("\n" + counts_text(plan.counts()), style="dim")
    tree = Tree(head)
    if plan.loose_measures:
        loose = tree.add(Text(message("show.loose"), style="bold red"))
        for m in plan.loose_measures:
            loose.add(_measure_label(m))
    for g in plan.goals:
        _add_goal(tree, g)
    return tree

