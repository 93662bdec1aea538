"""What `arbeidsplan import` tells the user on stderr: what it read from the document, what extraction had
added and was removed, what it could not place, the annual meeting's revision marks, anything of the text
that did not come with, the findings on the plan, and a summary line."""

from __future__ import annotations

from typing import Any

from ..messages import message
from .findings import text_line

_REMOVED_ORDER = ("linjenummer", "sidefot", "sidetall", "innholdsfortegnelse", "bokmerker", "eksport")


def import_report(result: Any) -> str:
    lines: list[str] = []
    lines += result.facts
    removed = [message(f"import.removed.{k}", n=result.removed[k]) for k in _REMOVED_ORDER if result.removed.get(k)]
    if removed:
        lines.append(message("import.removed", what=", ".join(removed)))
    lines += result.notes
    if result.derived_ids:
        lines.append(message("import.note.derived", n=result.derived_ids))
    where = result.output or result.source
    for rid, mark, _at in result.revisions:
        lines.append(message("import.revision", path=where, id=rid, mark=mark))
    for lost in result.lost:
        lines.append(message("import.lost", source=result.source, where=lost.where, text=lost.text[:80]))
    for finding in result.findings:
        lines.append(text_line(finding))
    if not result.lost:
        lines.append(message("import.kept", kept=result.kept, words=result.words))
    counts = result.counts or {}
    figures = {"goals": counts.get("mål", 0) + counts.get("områder", 0), "subgoals": counts.get("delmål", 0),
               "measures": counts.get("tiltak", 0), "source": result.source,
               "layout": message(f"import.layout.{result.layout}")}
    if result.output:
        lines.append(message("import.written", path=result.output, **figures))
    else:
        lines.append(message("import.printed", **figures))
    return "\n".join(lines) + "\n"
