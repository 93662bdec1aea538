"""Which of the known plan structures a document has, and the line patterns each of them uses.

The structures are those of SV's real plans (../shared/kilder/):
- "roller": the national plan 2026–2029: main goals, each with «Viktige prioriteringer i perioden»,
  «Sentrale tiltak», «Fylkeslagas rolle» and «Lokallagas rolle» as bullet lists, no ids;
- "mål-delmål": the national plan 2022–2025: «Mål:» → «Delmål:» → «Tiltak:» bullets, no ids;
- "nummerert": a county plan with numbered headings (1., 1.1, 2.1.1) and tables «Tiltak | Gjennomføring» with
  ids like 2.1.1a;
- "mål-nummer": a local plan with «Mål 1:» … , «Delmål» a)–f) and tables «Nr | Tiltak | Tidsrom | Ansvar»;
- "tema": themed chapters of bullets, no ids, timing or responsible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Level, Section
from ...vocabulary import classify_section, column_kind
from .clean import Line

GOAL_N = re.compile(r"^(?:Hoved)?[Mm]ål\s+(\d+)(?:\s*[:.]|\s+[–—-])\s*(\S.*)$")  # «Mål 1: Inkludering …»
GOAL_N_BARE = re.compile(r"^(?:Hoved)?[Mm]ål\s+(\d{1,2})\s+([A-ZÆØÅ].*)$")  # «Mål 1 Fleire aktive medlemer»
GOAL_COLON = re.compile(r"^(?:Hoved)?[Mm]ål\s*:\s*(\S.*)$")  # «Mål:		Partiet skal jobbe mer utadretta»
GOAL_ALONE = re.compile(r"^(?:Hoved)?[Mm]ål\s*:$")  # «Hovedmål:» with the title on the next line
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")  # «2.1.1 God ledelse av fylkeslaget»
NUMBER_ALONE = re.compile(r"^\d+\.$")  # «1.» with the heading on the next line (a Word bookmark between)
LETTERED = re.compile(r"^([a-zæøå])\)\s*(\S.*)$")  # «a) Øke andelen aktive medlemmer»
ROW_ID = re.compile(r"^\d+(?:\.\d+)*[a-zæøå]?$")
SPACED_HEADER = re.compile(r"^(Nr\.?|Id)\s+(Tiltak):?\s+(Tidsrom|Når|Tid|Frist|Gjennomføring)\s+(Ansvar\w*)$",
                           re.IGNORECASE)
SPACED_ROW = re.compile(r"^(\d+\.\d+)\s+(\S.*)$")
# «Delmål 1a: Unge medlemmer», «Delmål b) …», «Delmål: …» as a heading (a table row across a table of measures)
SUBGOAL_TITLE = re.compile(r"^[Dd]elmål\s*(\d+(?:\.\d+)*[a-zæøå]?|[a-zæøå](?=\)))?\)?\s*(?:[:.]|\s[–—-])?\s*(\S.*)$")
_TERMINAL = ".,;:!"


@dataclass(frozen=True)
class Layout:
    name: str
    numbered_depths: dict[int, str]  # for "nummerert": depth of a number (1.1 = 2) → area/goal/subgoal


def section_of(text: str) -> tuple[Section | None, object]:
    """A line that opens a section («Tiltak:», «Fylkeslagas rolle:», «Delmål»): its kind and addressee."""
    if len(text) > 60:
        return None, None
    section, level, _year = classify_section(text)
    return section, level


def numbered_goal(text: str, heading: bool = False) -> re.Match[str] | None:
    """«Mål 1: Inkludering …» (or «Mål 1.», «Mål 1 –»): the goal's number and title. Without a separator
    («Mål 1 Fleire aktive medlemer») only where the line is a heading: a Word heading, or short and title-like,
    not a sentence that begins with the word."""
    m = GOAL_N.match(text)
    if m:
        return m
    m = GOAL_N_BARE.match(text)
    return m if m and (heading or title_like(text)) else None


def title_like(text: str) -> bool:
    """Could this line be a heading: short, starting with a capital or a number, not ending like a sentence."""
    t = text.strip()
    if not t or len(t) > 90 or len(t.split()) > 12 or t[-1] in _TERMINAL or "," in t:
        return False
    return t[0].isupper() or t[0].isdigit()


def all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def measure_header(cells: tuple[str, ...]) -> bool:
    return any(column_kind(c) == "text" for c in cells)


def ids_in(lines: list[Line]) -> set[str]:
    """The ids the document writes itself (a table row's first cell, a numbered line): never given to another."""
    out = {line.cells[0].strip() for line in lines if line.cells and ROW_ID.match(line.cells[0].strip())}
    return out | {m.group(1) for line in lines if not line.cells and (m := NUMBERED.match(line.text))}


def detect(lines: list[Line]) -> Layout:
    texts = [line.text for line in lines if line.text and not line.cells]
    sections = [section_of(t)[0] for t in texts]
    if any(s in (Section.ROLLE, Section.SENTRALE_TILTAK, Section.PRIORITERINGER) for s in sections):
        return Layout("roller", {})
    if any(GOAL_COLON.match(t) for t in texts) and any(s is Section.DELMAL for s in sections):
        return Layout("mål-delmål", {})
    if sum(1 for line in lines if line.text and not line.cells and numbered_goal(line.text, bool(line.heading))) > 1:
        return Layout("mål-nummer", {})
    row_ids = [line.cells[0] for line in lines if line.cells and ROW_ID.match(line.cells[0])]
    if row_ids:
        depths = [len(m.group(1).split(".")) for t in texts if (m := NUMBERED.match(t)) and title_like(m.group(2))]
        deepest = max(depths, default=1)
        kinds = ["area", "goal", "subgoal"] if deepest >= 3 else ["goal", "subgoal"]
        return Layout("nummerert", {d: kinds[min(d, len(kinds)) - 1] for d in range(1, 7)})
    headed = _chapters_with_bullets(lines)
    if headed >= 2:
        return Layout("tema", {})
    return Layout("ukjent", {})


def _chapters_with_bullets(lines: list[Line]) -> int:
    chapters = 0
    seen_heading = False
    for line in lines:
        if line.heading or (line.text and all_caps(line.text)):
            seen_heading = True
        elif line.text.startswith("• ") and seen_heading:
            chapters += 1
            seen_heading = False
    return chapters


TIMING = re.compile(
    r"(?P<when>(?:Fra\s+)?20\d\d(?:(?:\s*[-–,/]\s*|\s+og\s+|\s+)20\d\d)*\.?(?:\s*\([^)]*\))?)"
    r"\s+(?P<who>[A-ZÆØÅ][^\d]*)$")


def split_spaced_row(text: str) -> tuple[str, str, str | None, str | None] | None:
    """A table row that extraction flattened to one line of text: «1.1 Plan for … SV-lag. 2024 Styret» →
    id, text, timing, responsible. The timing is the last run of years that only a responsible follows."""
    m = SPACED_ROW.match(text)
    if not m:
        return None
    rid, rest = m.group(1), m.group(2)
    best = None
    for start in range(len(rest)):
        found = TIMING.match(rest, start)
        if found and (start == 0 or rest[start - 1] == " "):
            best = found
            break
    if best is None:
        return rid, rest.strip(), None, None
    when = re.sub(r"(\d)\s+(?=(?:Fra\s+)?20\d\d\s*[-–])", r"\1<br>", best.group("when").strip())
    return rid, rest[: best.start()].strip(), when, best.group("who").strip()


_SECTION_LETTER = {Section.PRIORITERINGER: "P", Section.SENTRALE_TILTAK: "S"}
_ROLE_LETTER = {Level.FYLKESLAG: "F", Level.LOKALLAG: "L", Level.BYDELSLAG: "B", Level.STUDENTLAG: "ST",
                Level.REGIONLAG: "R"}


def entry_id(layout: str, section: Section | None, level: Level | None, base: str, n: int) -> str:
    """The id given to the n-th item without one: by section in the national plan (docs/format.md §9:
    1.P1, 1.S1, 1.F1, 1.L1), a sub-goal by letter as «a) …» (a), b) …: 1a, 1b), else under its goal (1.2.3)."""
    if section is Section.DELMAL and n <= 26:
        return f"{chr(ord('a') + n - 1)})"
    if section is Section.ROLLE:
        return f"{base}.{_ROLE_LETTER.get(level, 'R') if level else 'R'}{n}"
    letter = _SECTION_LETTER.get(section) if section is not None else None
    if letter and layout == "roller":
        return f"{base}.{letter}{n}"
    return f"{base}.{n}"


def caps_run(lines: list[Line], text: str, i: int) -> str:
    """An all-capitals heading broken over lines («UNGDOMSDEMOKRATI OG» / «MEDVIRKNING») made one; the lines
    taken into it are blanked."""
    if not all_caps(text):
        return text
    while i < len(lines) and lines[i].text and all_caps(lines[i].text) and not lines[i].text.startswith("• "):
        text += " " + lines[i].text
        lines[i] = Line("", lines[i].where)
        i += 1
    return text
