"""`status set`: record one measure's status for one year in the plan file, changing only those bytes.

The file is edited as text, not re-rendered. Where the text goes is found from the same Markdown parse the
plan reader makes (markdown-it block tokens), so setext headings, code fences and subheadings are what they are
to the reader:
- an existing status item for the measure and year is replaced, all its lines (a status written over several
  lines, or with sub-items, is one item), keeping its list marker, and its note unless a new note is given
  (`note=""` removes it);
- otherwise a new item goes at the end of the list directly under the year's "Status ÅÅÅÅ" heading (before any
  subheading), or right under the heading when it has no list yet, with blank lines so that it can neither
  swallow nor be swallowed by a paragraph;
- otherwise a new section is added at the end of the file (refused if the file ends in an unclosed code block).
Line ends and a BOM are kept (read/source.py finds them). Before anything is written the result is parsed
again and compared with the plan: the measure must have exactly the new status for the year, and nothing else
in the plan may differ (measures, goals, other statuses, no new findings). Otherwise nothing is written.

The whole read–edit–write runs under an exclusive lock on the plan (write/lock.py), so concurrent `status set`
on one file do not lose each other's changes. A symlinked plan is edited at its target (the link stays); a
plan with several hard links is refused (replacing it would split them; see write/files.py).
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it.token import Token

from ..diagnostics import Diagnostic, Severity
from ..messages import message
from ..model import Measure, Plan, Span, StatusWord
from ..read.parser import block_tokens, parse_plan
from ..read.source import SourceText, TooBig, decode, os_reason, read_limited
from ..vocabulary import classify_section, known_status_words, match_status, status_meant
from .files import Unwritable, write_atomically
from .lock import locked

# The block structure only, as the plan reader sees it (read/parser.py uses the same settings).
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")  # after \n, or after a \r not followed by \n
_WRITABLE_ID = re.compile(r"[^*\s]+")  # what a status line's **ID** can hold (read/parser.py: _BOLD_ID)


class Refused(Exception):
    """The change cannot be made; the message says why, and the file is untouched. As it is, the plan's content
    stands in the way (errors in the plan, an id used twice …): exit 1."""


class BadInput(Refused):
    """The request itself is wrong or the file cannot be used: an unknown status word or id, a year outside the
    period, a note over several lines, a plan that cannot be read or written. Exit 2, as for any bad usage."""


@dataclass(frozen=True)
class Change:
    path: Path
    before: str | None  # the old status line(s), if there were any
    after: str  # the new status line


@dataclass(frozen=True)
class Request:
    item_id: str
    word: StatusWord
    word_text: str  # as written in the file (lower case)
    year: int
    note: str | None
    keep_note: bool = False  # no --note given: an existing status keeps its note

    @property
    def line(self) -> str:
        return f"**{self.item_id}** {self.word_text}" + (f" — {self.note}" if self.note else "")


def set_status(path: Path, item_id: str, word_text: str, year: int, note: str | None = None) -> Change:
    request = make_request(item_id, word_text, year, note)
    try:
        with locked(path) as target:
            data = _read(target)
            new, change = plan_status_edit(path, data, request)
            if new != data:
                write_atomically(target, new)
    except Unwritable as err:
        raise BadInput(str(err)) from None
    return change


def _english(word_text: str) -> StatusWord | None:
    """A status said with the English interface's words («done», «in progress»: the help shows them beside the
    plan's own words); written into the plan as the plan's word."""
    from ..messages import catalogue

    english = catalogue("en")
    typed = " ".join(word_text.split()).lower()
    return next((w for w in StatusWord if str(english.get(f"word.{w.value}", "")).lower() == typed), None)


def make_request(item_id: str, word_text: str, year: int, note: str | None) -> Request:
    word, rest = match_status(word_text)
    english = _english(word_text) if word is None or rest.strip() else None
    if english is not None:
        word, rest, word_text = english, "", english.value
    if word is None or rest.strip():
        raise BadInput(message("set.unknown_status", word=word_text, known=known_status_words(),
                                suggestion=status_meant(word_text)))
    if note is not None and ("\n" in note or "\r" in note):
        raise BadInput(message("set.note_newline"))
    if not _WRITABLE_ID.fullmatch(item_id):
        raise Refused(message("set.id_unwritable", id=item_id))
    keep = note is None  # `--note ""` removes a note; no --note keeps it
    note = unicodedata.normalize("NFC", note.strip()) if note and note.strip() else None  # as the reader sees it
    return Request(item_id, word, " ".join(word_text.split()).lower(), year, note, keep)


def _read(path: Path) -> bytes:
    try:
        return read_limited(path)
    except TooBig as err:
        raise BadInput(f"{path}: {err}") from None
    except OSError as err:
        raise BadInput(message("set.unreadable", path=path, reason=os_reason(err))) from None


def plan_status_edit(path: Path, data: bytes, request: Request) -> tuple[bytes, Change]:
    """The file's new bytes with the status recorded, verified; or Refused. Nothing is written here."""
    source, plan, found = parse_for_edit(path, data)
    measure = _the_measure(plan, request.item_id, path)
    period = plan.meta.period
    if period is not None and request.year not in period:
        raise BadInput(message("set.year_outside", year=request.year, period=period))
    lines = _LINE_END.split(data[3 if source.bom else 0:].decode("utf-8"))
    if lines and lines[-1] == "":
        lines.pop()
    tokens = block_tokens(source.text)
    existing = measure.status_for(request.year)
    if existing is not None and request.keep_note and existing.note:  # a new status word, the same note (on one
        request = replace(request, note=" ".join(existing.note.split()))  # line; _verify checks it reads back)
    if existing is not None:
        before, at = _rewrite(lines, tokens, existing.span.line, request)
    else:
        before, at = None, _insert(lines, tokens, request, source.newline, path)
    new = (("\ufeff" if source.bom else "") + "".join(lines)).encode("utf-8")
    _verify(path, plan, found, new, request, at)
    return new, Change(path, before, lines[at].rstrip("\r\n"))


def parse_for_edit(path: Path, data: bytes) -> tuple[SourceText, Plan, list[Diagnostic]]:
    """The plan a writer edits, or Refused when it cannot be read or has errors: an edit is only made to a plan
    that reads cleanly, so the result can be checked by reading it back."""
    source, diags = decode(str(path), data)
    if source is None:  # not text a plan can be read from: a file that cannot be used (exit 2)
        raise BadInput(f"{diags[0].span}: {diags[0].message}")
    plan, found = parse_plan(source)
    errors = [d for d in found if d.severity is Severity.ERROR]
    if errors:
        raise Refused(message("set.parse_errors", path=path, n=len(errors),
                              first=f"{errors[0].span}: {errors[0].message}"))
    return source, plan, found


def _the_measure(plan: Plan, item_id: str, path: Path) -> Measure:
    matches = [m for m in plan.measures() if m.id == item_id]
    if not matches:
        close = sorted({m.id for m in plan.measures() if m.id.lower() == item_id.lower()})
        hint = message("did_you_mean", suggestion=close[0]) if close else ""
        if not hint and any(not m.explicit_id for m in plan.measures()):
            hint = message("set.no_written_ids", path=shlex.quote(str(path)))
        raise BadInput(message("set.unknown_id", id=item_id, path=path) + hint)
    if len(matches) > 1:
        lines_text = ", ".join(str(m.span.line) for m in matches)
        raise Refused(message("set.ambiguous_id", id=item_id, path=path, lines=lines_text))
    if not matches[0].explicit_id:  # a status line names its measure by id: one made from a place would move
        raise Refused(message("set.derived_id", id=item_id, path=shlex.quote(str(path))))
    return matches[0]


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _blank(line: str) -> bool:
    return not line.strip()


def _rewrite(lines: list[str], tokens: list[Token], line_no: int, request: Request) -> tuple[str, int]:
    """Replace the status item that starts on `line_no` (1-based), all of its lines. (old text, line index)"""
    item = next((t for t in tokens if t.type == "list_item_open" and t.map and t.map[0] == line_no - 1), None)
    start = line_no - 1
    end = item.map[1] if item is not None and item.map else start + 1
    while end > start + 1 and _blank(lines[end - 1]):
        end -= 1
    prefix = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+)\*\*" + re.escape(request.item_id) + r"\*\*", lines[start])
    if prefix is None:
        raise Refused(message("set.line_changed", line=line_no))
    before = " ".join(line.strip() for line in lines[start:end])
    lines[start:end] = [prefix.group(1) + request.line + (_ending(lines[end - 1]) or "")]
    return before, start


def _headings(tokens: list[Token]) -> list[tuple[int, int, int, int]]:
    """Every heading (ATX or setext, never one inside a code block): (index in tokens, level, first line,
    line after it)."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            out.append((i, int(tok.tag[1]), tok.map[0], tok.map[1]))
    return out


def _year_of(tokens: list[Token], index: int) -> int | None:
    return classify_section(" ".join(tokens[index + 1].content.split()))[2]


def _insert(lines: list[str], tokens: list[Token], request: Request, newline: str, path: Path) -> int:
    """Add the status item for a measure that has none this year. Returns the line index it went to."""
    headings = _headings(tokens)
    section = next((k for k, h in enumerate(headings) if _year_of(tokens, h[0]) == request.year), None)
    if section is None:
        return _append_section(lines, tokens, headings, request, newline, path)
    _index, _level, _first, after_heading = headings[section]
    region_end = headings[section + 1][2] if section + 1 < len(headings) else len(lines)
    lists = [t for t in tokens if t.type in ("bullet_list_open", "ordered_list_open") and t.level == 0
             and t.map and after_heading <= t.map[0] < region_end]
    at = min(lists[-1].map[1], region_end) if lists else after_heading
    while lists and at > lists[-1].map[0] + 1 and _blank(lines[at - 1]):
        at -= 1
    new = [f"- {request.line}{newline}"]
    if not lists and at > 0 and not _blank(lines[at - 1]):
        new.insert(0, newline)
    if at < len(lines) and not _blank(lines[at]):
        new.append(newline)
    if at > 0 and not _ending(lines[at - 1]):
        lines[at - 1] += newline
    lines[at:at] = new
    return at + (1 if new[0] == newline else 0)


def _append_section(lines: list[str], tokens: list[Token], headings: list[tuple[int, int, int, int]],
                    request: Request, newline: str, path: Path) -> int:
    fence = _unclosed_fence(tokens, len(lines), lines)
    if fence is not None:
        raise Refused(message("set.unclosed_fence", where=Span(str(path), fence + 1)))
    levels = [level for i, level, _f, _a in headings if _year_of(tokens, i) is not None]
    level = "#" * (levels[0] if levels else 2)
    if lines and not _ending(lines[-1]):
        lines[-1] += newline
    lines += [newline, f"{level} Status {request.year}{newline}", newline, f"- {request.line}{newline}"]
    return len(lines) - 1


def _unclosed_fence(tokens: list[Token], count: int, lines: list[str]) -> int | None:
    """The first line of a code block left open at the end of the file (a section appended there would be
    inside it), or None."""
    for tok in tokens:
        if tok.type == "fence" and tok.map and tok.map[1] >= count:
            last = lines[tok.map[1] - 1].strip()
            closed = tok.map[1] - tok.map[0] > 1 and last.startswith(tok.markup) and set(last) == {tok.markup[0]}
            if not closed:
                return tok.map[0]
    return None


def _verify(path: Path, plan: Plan, found: list[Diagnostic], new: bytes, request: Request, at: int) -> None:
    """Refuse unless the new text reads as the old plan with exactly this one status changed."""
    source, _diags = decode(str(path), new)
    if source is None:
        raise Refused(message("set.verify_failed", where=Span(str(path), at + 1)))
    after, after_found = parse_plan(source)
    entry = next((m for m in after.measures() if m.id == request.item_id), None)
    entry_status = entry.status_for(request.year) if entry is not None else None
    ok = (entry_status is not None and entry_status.word is request.word and entry_status.note == request.note
          and _snapshot(after, request) == _snapshot(plan, request)
          and not Counter(d.code for d in after_found) - Counter(d.code for d in found))
    if not ok:
        raise Refused(message("set.verify_failed", where=Span(str(path), at + 1)))


def _snapshot(plan: Plan, request: Request) -> tuple:
    """Everything a plan says except line numbers and the one status being set."""
    def statuses(m: Measure) -> tuple:
        return tuple((e.year, e.word, e.note) for e in m.statuses
                     if not (m.id == request.item_id and e.year == request.year))

    measures = tuple((m.id, m.text, m.timing_text, m.responsible, m.links, m.addressed_to, m.section,
                      m.in_table, statuses(m)) for m in plan.measures())
    goals = tuple((g.kind, g.id, g.title, g.description, g.links, g.addressed_to, len(g.measures), len(g.goals))
                  for g in plan.walk_goals())
    orphans = tuple((i, e.year, e.word, e.note) for i, e in plan.orphan_statuses)
    meta = replace(plan.meta, span=Span(""), parent_spans=())
    return meta, plan.title, goals, measures, orphans
