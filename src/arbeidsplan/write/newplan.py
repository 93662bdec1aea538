"""`arbeidsplan new`: a draft plan for a new period, from its parent plan.

Goals come from the parent's priorities; each requirement for the new plan's level becomes a draft measure,
already linked to it, to be reworded by the board. The national plan promises a «ny mal for arbeidsplan»:
this is it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..align.alignment import link_text
from ..align.links import link_to, resolve, short_name
from ..align.requirements import Requirement, priorities, requirements_for
from ..messages import language, message
from ..read.frontmatter import parse_period
from ..model import Level, Period, Plan


def scaffold(organisation: str, level: Level, period: Period, parent: Plan, ancestors: list[Plan],
             parent_ref: str) -> tuple[str, int, int, list[str]]:
    """The draft plan's text, how many goals and measures it has, and the requirements its measures could not
    be linked to: an id the plan above uses twice (Innlandet's 2.3d) names no one item, however it is written."""
    reqs: list[Requirement] = []
    for plan in [parent, *ancestors]:
        reqs += requirements_for(plan, level)
    chain = [parent, *ancestors]
    # A draft made in nynorsk is written in nynorsk («Heile perioden», «svarar på») and says so, or its report and
    # papers would follow the plan's default, bokmål. In English the plan itself stays Norwegian: bokmål.
    own_language = ["språk: nynorsk"] if language() == "nn" else []
    link_key = message("align.link_key")
    lines = [
        "---",
        f"organisasjon: {organisation}",
        f"nivå: {level.value}",
        f"periode: {period.first}–{period.last}",
        "overordnet:",
        f"  - {parent_ref}",
        *own_language,
        "---",
        "",
        f"# Arbeidsplan for {organisation} {period.first}–{period.last}",
        "",
        message("new.intro", parent=parent.title or parent.name),
        "",
    ]
    goals = measures = 0
    unlinked: list[str] = []
    used: set[int] = set()
    themes = [(source, goal) for source in chain for goal in priorities(source)]
    for source, theme in themes:
        mine = [r for r in reqs if r.plan is source and r.priority is theme and id(r) not in used]
        if not mine:
            continue
        goals += 1
        lines += [f"## Mål {goals}: {theme.title}", "", f"{link_key.capitalize()}: {link_to(theme.id, source, chain)}",
                  "", "### Tiltak", ""]
        for n, req in enumerate(mine, 1):
            used.add(id(req))
            measures += 1
            link = link_text(req, chain)
            lines += [
                f"- **{goals}.{n}** {req.text}",
                f"  - når: {message('new.timing')}",
                f"  - ansvar: {message('new.responsible')}",
            ]
            if resolve(link, chain).ok:
                lines.append(f"  - {link_key}: {link}")
            else:
                unlinked.append(f"{short_name(req.plan)}#{req.id}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n", goals, measures, unlinked


def parent_reference(parent_path: Path, output: Path | None, folder: Path | None = None) -> str:
    """The parent's path as the new plan will write it: relative to where the new plan is saved (the file
    `output`, else the `folder`, else the current folder)."""
    base = output.parent if output is not None else folder if folder is not None else Path.cwd()
    return Path(os.path.relpath(parent_path.resolve(), base.resolve())).as_posix()


_PERIOD_NAME = re.compile(r"\d{4}[-–]\d{4}")  # 2026-2029.md: how every plan in plans/ is named


def period_from_name(output: Path | None) -> Period | None:
    """The period the file name says («…/2026-2029.md» → 2026–2029), or None when it names none."""
    if output is None or output.suffix.lower() != ".md" or not _PERIOD_NAME.fullmatch(output.stem):
        return None
    return parse_period(output.stem)
