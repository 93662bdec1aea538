"""Running the rules over a workspace. A rule that crashes becomes an AP900 finding, not a traceback."""

from __future__ import annotations

from typing import Iterable

from ..align.alignment import Aligner
from ..diagnostics import Diagnostic, finding
from ..model import Plan
from ..read.workspace import Workspace
from .rules import RULES, Context, Rule


def run_rules(plan: Plan, ctx: Context, rules: Iterable[tuple[str, Rule]] = RULES) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for name, rule in rules:
        try:
            out.extend(rule(plan, ctx))
        except Exception as err:  # a bug in one rule must not hide the others' findings
            out.append(finding("AP900", plan.meta.span, rule=name, reason=f"{type(err).__name__}: {err}"))
    return out


def check_workspace(ws: Workspace, aligner: Aligner | None = None) -> list[Diagnostic]:
    """All findings for the workspace's requested plans: from reading them and from every rule, sorted."""
    ctx = Context(ws, aligner or Aligner(ws))
    found = list(ws.diagnostics)
    for plan in list(ws.plans):
        found.extend(run_rules(plan, ctx))
    return sorted(set(found), key=lambda d: (d.span.file, d.span.line, d.span.col, d.code, d.message))
