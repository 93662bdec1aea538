"""`status set`: record one measure's status for one year in the plan file, changing only those bytes.

The file is edited as text, not re-rendered: an existing line for the measure in "## Status YEAR" is
rewritten after its `**ID**`, or a new line is added to the end of that section's list, or a new section is
added at the end of the file. Line ends (LF or CRLF) and a BOM are kept. The write is atomic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Severity
from ..messages import message
from ..read.parser import parse_plan
from ..read.source import decode, os_reason
from ..vocabulary import known_status_words, match_status
from .files import write_atomically

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_STATUS_HEADING = re.compile(r"^status(?:\s+for)?\s+(\d{4})\s*:?$", re.IGNORECASE)
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


class Refused(Exception):
    """The change cannot be made; the message says why, and the file is untouched."""


@dataclass(frozen=True)
class Change:
    path: Path
    before: str | None  # the old status line, if there was one
    after: str  # the new status line


def _status_line(item_id: str, word: str, note: str | None) -> str:
    return f"- **{item_id}** {word}" + (f" — {note}" if note else "")


def _split_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _find_section(lines: list[str], year: int) -> tuple[int, int, int] | None:
    """(heading index, level, end index) of the "Status YEAR" section, outside code fences."""
    in_fence = False
    start = level = None
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _HEADING.match(line)
        if not m:
            continue
        if start is not None and len(m.group(1)) <= level:
            return start, level, i
        y = _STATUS_HEADING.match(m.group(2).strip())
        if start is None and y and int(y.group(1)) == year:
            start, level = i, len(m.group(1))
    if start is not None:
        return start, level, len(lines)
    return None


def _existing_level(lines: list[str]) -> int:
    for raw in lines:
        m = _HEADING.match(raw.rstrip("\r\n"))
        if m and _STATUS_HEADING.match(m.group(2).strip()):
            return len(m.group(1))
    return 2


def plan_status_edit(path: Path, item_id: str, word_text: str, year: int, note: str | None) -> tuple[bytes, Change]:
    """The new bytes of the file, or Refused. Nothing is written here."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise Refused(message("set.unreadable", path=path, reason=os_reason(err))) from None
    source, diags = decode(str(path), data)
    if source is None:
        raise Refused(f"{diags[0].span}: {diags[0].message}")
    plan, found = parse_plan(source)
    errors = [d for d in found if d.severity is Severity.ERROR]
    if errors:
        raise Refused(message("set.parse_errors", path=path, n=len(errors), first=f"{errors[0].span}: "
                                                                             f"{errors[0].message}"))
    word, rest = match_status(word_text)
    if word is None or rest.strip():
        raise Refused(message("set.unknown_status", word=word_text, known=known_status_words()))
    matches = [m for m in plan.measures() if m.id == item_id]
    if not matches:
        close = sorted({m.id for m in plan.measures() if m.id.lower() == item_id.lower()})
        hint = message("did_you_mean", suggestion=close[0]) if close else ""
        raise Refused(message("set.unknown_id", id=item_id, path=path) + hint)
    if len(matches) > 1:
        lines_text = ", ".join(str(m.span.line) for m in matches)
        raise Refused(message("set.ambiguous_id", id=item_id, path=path, lines=lines_text))
    period = plan.meta.period
    if period is not None and year not in period:
        raise Refused(message("set.year_outside", year=year, period=period))
    if note is not None and ("\n" in note or "\r" in note):
        raise Refused(message("set.note_newline"))
    note = note.strip() if note else None

    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if bom else 0:].decode("utf-8")
    lines = _split_lines(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    new_line = _status_line(item_id, word_text.strip().lower(), note)
    existing = matches[0].status_for(year)
    before = None
    if existing is not None:
        index = existing.span.line - 1
        old = lines[index]
        ending = old[len(old.rstrip("\r\n")):]
        m = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+\*\*" + re.escape(item_id) + r"\*\*[:.]?)", old)
        if m is None:
            raise Refused(message("set.line_changed", line=index + 1))
        before = old.rstrip("\r\n")
        lines[index] = m.group(1) + " " + new_line.split("** ", 1)[1] + ending
        after = lines[index].rstrip("\r\n")
    else:
        section = _find_section(lines, year)
        if section is None:
            if lines and not lines[-1].endswith(("\n", "\r")):
                lines[-1] += newline
            level = "#" * _existing_level(lines)
            lines += [newline, f"{level} Status {year}{newline}", newline, new_line + newline]
        else:
            start, _level, end = section
            insert_at = start + 1
            for i in range(start + 1, end):
                stripped = lines[i].strip()
                if _LIST_LINE.match(lines[i]) or (stripped and lines[i][:1].isspace() and insert_at > start + 1):
                    insert_at = i + 1
            if insert_at == start + 1:
                # No list yet: leave one blank line under the heading.
                if insert_at < len(lines) and not lines[insert_at].strip():
                    insert_at += 1
                else:
                    lines.insert(insert_at, newline)
                    insert_at += 1
            if insert_at > 0 and not lines[insert_at - 1].endswith(("\n", "\r")):
                lines[insert_at - 1] += newline
            lines.insert(insert_at, new_line + newline)
        after = new_line
    out = ("\ufeff" if bom else "") + "".join(lines)
    return out.encode("utf-8"), Change(path, before, after)


def set_status(path: Path, item_id: str, word_text: str, year: int, note: str | None = None) -> Change:
    data, change = plan_status_edit(path, item_id, word_text, year, note)
    write_atomically(path, data)
    return change
