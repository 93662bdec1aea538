"""Reading the structure of a cleaned document into an outline: goals, sub-goals, sections, measures with
ids, timing and responsible, and the free text around them.

One pass over the lines. layout.py says which of the known structures the document has; the patterns of that
structure decide what a line is. A line that is none of them is free text: nothing is dropped here. A
document in a structure that is not recognised keeps every paragraph as text, with a note.
"""

from __future__ import annotations

import re

from ...messages import message
from ...model import Level, Section
from ...vocabulary import prose_heading
from .clean import Line, ends_open_style, join_lines
from .facts import ADOPTED
from .infer import responsible_in, timing_in
from .layout import (GOAL_ALONE, GOAL_COLON, LETTERED, NUMBER_ALONE, NUMBERED, SPACED_HEADER, SPACED_ROW,
                     SUBGOAL_TITLE, Layout, all_caps, caps_run, detect, entry_id, ids_in, measure_header,
                     numbered_goal, section_of, title_like)
from .outline import Bullets, Element, Entry, Heading, Items, Outline, Paragraph, Table
from .tables import REVISION, measure_rows, rows_as_text, spaced_rows

_ITEM_SECTIONS = {Section.TILTAK, Section.SENTRALE_TILTAK, Section.ROLLE, Section.PRIORITERINGER, Section.DELMAL}
# Layouts where a bullet list right under a goal (no section heading between) is the goal's measures. Not the
# national plans' ("roller", "mål-delmål"), where a goal's own bullets are its text, nor "nummerert", whose
# measures are in tables; "tema" makes its chapters goals itself (_Reader.bullet).
_BULLETS_ARE_MEASURES = {"mål-nummer", "ukjent"}


def read_structure(lines: list[Line], timing_from_text: bool = False) -> Outline:
    layout = detect(lines)
    reader = _Reader(lines, layout)
    reader.infer = timing_from_text
    reader.run()
    outline = Outline(layout.name, reader.out, reader.notes, reader.revisions)
    if not outline.entries() and not any(isinstance(e, Heading) and e.kind in ("area", "goal") for e in reader.out):
        outline.notes.append(message("import.note.unknown"))
    return outline


class _Reader:
    def __init__(self, lines: list[Line], layout: Layout):
        self.lines = lines
        self.layout = layout
        self.mid_word = ends_open_style(lines)
        self.out: list[Element] = []
        self.notes: list[str] = []
        self.revisions: list[tuple[str, str, int]] = []
        self.para: list[Line] = []
        self.bullets: list[list[Line]] = []
        self.entry: tuple[str, int, bool, list[Line]] | None = None  # id, where, own id, lines
        self.items: Items | None = None
        self.table: Table | None = None
        self.spaced: list[list[Line]] | None = None  # rows of a table flattened to text
        self.section: Section | None = None
        self.section_level: Level | None = None
        self.count = 0  # entries in the current section
        self.goal: Heading | None = None  # the innermost goal heading, for ids
        self.goals = 0
        self.subgoals = 0
        self.pending: str | None = None  # "goal" or "subgoal": the title is on the next line
        self.pending_text = ""
        self.open_title: Heading | None = None  # a goal title that may wrap onto the next line
        self.prev_blank = True
        self.seen_title = False
        self.last_heading: Heading | None = None
        self.infer = False  # timing and responsible from a listed measure's text
        self.taken = ids_in(lines)  # the document's own ids, and those given: never given again

    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            i += 1
            if line.blank:
                self.flush_para()
                self.prev_blank = True
                continue
            if NUMBER_ALONE.match(line.text) and i < len(self.lines) and self.lines[i].text:
                line = Line(f"{line.text} {self.lines[i].text}", line.where, True)
                i += 1
            self.line(line, i)
            self.prev_blank = False
        if self.pending:  # «Hovedmål:» last in the document, with no title after it: kept as text
            self.para.append(Line(self.pending_text, len(self.lines)))
        self.flush_all()

    def next_text(self, i: int) -> Line | None:
        while i < len(self.lines) and self.lines[i].blank:
            i += 1
        return self.lines[i] if i < len(self.lines) else None

    def next_is_blank(self, i: int) -> bool:
        return i >= len(self.lines) or self.lines[i].blank

    def line(self, line: Line, i: int) -> None:
        text = line.text
        if self.open_title is not None:
            title, self.open_title = self.open_title, None
            if text[:1].islower() and not line.cells:
                title.text += " " + text
                return
        if self.pending:
            self.start_goal(self.pending, None, text, line.where)
            self.pending = None
            return
        if line.full_row and self.table is not None and self.spaced is None and measure_header(tuple(self.table.header)):
            self.row_across(line, i)
            return
        if line.full_row:  # one cell across a table, before the table's header: a line of text
            line = Line(line.cells[0], line.where, True, (), 0, True)
            text = line.text
        if line.cells:
            self.table_row(line)
            return
        if self.spaced is None:
            self.flush_table()
        elif not self.ends_spaced_table(text):
            if SPACED_ROW.match(text) or not self.spaced:
                self.spaced.append([line])
            else:
                self.spaced[-1].append(line)
            return
        if line.heading:
            self.heading_line(line)
            return
        section, level = section_of(text)
        if section is not None:
            following = self.next_text(i)
            if (section is Section.DELMAL and self.layout.name == "mål-delmål"
                    and following is not None and not LETTERED.match(following.text)):
                self.flush_all()
                self.pending, self.pending_text = "subgoal", text
                return
            self.start_section(section, level, text, line.where)
            return
        if SPACED_HEADER.match(text) and self.section is not None:
            self.flush_entry_and_items()
            m = SPACED_HEADER.match(text)
            assert m is not None
            self.table = Table([m.group(1), "Tiltak", m.group(3), m.group(4)], [], line.where)
            self.spaced = []
            return
        if self.goal_line(line, i):
            return
        if text.startswith("• "):
            self.bullet(line)
            return
        lettered = LETTERED.match(text)
        if lettered and self.section is Section.DELMAL:
            self.new_entry(f"{lettered.group(1)})", line, lettered.group(2), own=True)
            return
        if ADOPTED.search(text) and len(text) < 90:  # «Vedtatt av landsstyret, 15. januar 2022»: not a measure's
            self.flush_all()
            self.section = None
            self.para.append(line)
            return
        if line.new_paragraph and not text[:1].islower():  # a Word paragraph after a list item is not part of
            # it, unless it begins in lower case: the rest of an item broken in two, as a sentence never begins
            self.flush_entry_and_items()
            self.flush_bullets()
        if self.entry is not None and self.section is not None and not (self.layout.name == "tema" and all_caps(text)):
            self.entry[3].append(line)
            return
        if self.bullets and (not self.prev_blank or text[:1].islower()):
            self.bullets[-1].append(line)
            return
        self.text_line(line, i)

    def goal_line(self, line: Line, i: int) -> bool:
        text, name = line.text, self.layout.name
        m = numbered_goal(text, bool(line.heading))
        if m:  # «Mål 1: …» is a goal in any document
            self.start_goal("goal", m.group(1), m.group(2), line.where, keyword=text.split()[0])
            return True
        m = GOAL_COLON.match(text)
        if m and name in ("mål-delmål", "roller"):
            self.start_goal("goal", None, m.group(1), line.where)
            return True
        if GOAL_ALONE.match(text) and name in ("mål-delmål", "roller"):
            self.flush_all()
            self.pending, self.pending_text = "goal", text
            return True
        m = NUMBERED.match(text)
        if m and name == "nummerert" and title_like(m.group(2)):
            kind = self.layout.numbered_depths[len(m.group(1).split("."))]
            self.start_goal(kind, m.group(1), m.group(2), line.where)
            return True
        if (name == "roller" and self.section is not None and title_like(text) and self.next_is_blank(i)
                and text[:1].isupper()):
            self.start_goal("goal", None, text, line.where)
            return True
        return False

    def heading_line(self, line: Line) -> None:
        """A Word heading: a goal if its words say so, else a section or a free heading."""
        section, level = section_of(line.text)
        if section is not None:
            self.start_section(section, level, line.text, line.where)
        elif not self.goal_line(line, 0):
            self.flush_all()
            kind = "title" if line.heading == 1 and not self.seen_title else "free"
            self.seen_title = True
            self.emit_heading(Heading(kind, line.text, line.where))

    def text_line(self, line: Line, i: int) -> None:
        text = line.text
        lone = self.prev_blank and self.next_is_blank(i)
        if not self.seen_title and "plan" in text.lower() and (title_like(text) or all_caps(text)) and self.goal is None:
            self.flush_all()
            self.seen_title = True
            self.emit_heading(Heading("title", self.caps_run(text, i), line.where))
            return
        if (self.last_heading is not None and self.last_heading.kind == "area" and not self.para
                and title_like(text) and self.out and self.out[-1] is self.last_heading):
            self.out.append(Paragraph(text, line.where, strong=True))
            return
        if all_caps(text) and len(text) <= 60:
            self.flush_all()
            self.emit_heading(Heading("free", self.caps_run(text, i), line.where))
            return
        free = self.prev_blank and prose_heading(text) or lone and title_like(text) and not self.heading_follows(i)
        if free and self.entry is None and not self.bullets:
            self.flush_all()
            self.emit_heading(Heading("free", text, line.where))
            return
        self.flush_bullets()
        self.para.append(line)

    def heading_follows(self, i: int) -> bool:
        """The next line would be a free heading too: then this one is a line of text, not an empty heading."""
        following = self.next_text(i)
        if following is None or following.cells or not title_like(following.text):
            return False
        t = following.text
        goal = numbered_goal(t) or GOAL_COLON.match(t) or (self.layout.name == "nummerert" and NUMBERED.match(t))
        return not goal and section_of(t)[0] is None

    def caps_run(self, text: str, i: int) -> str:
        return caps_run(self.lines, text, i)

    def bullet(self, line: Line) -> None:
        body = line.text[2:]
        if self.section in _ITEM_SECTIONS:  # a sub-goal in a list gets a letter, as «a) …» has: a), b) …
            self.new_entry(None, line, body, own=False)
            return
        if self.layout.name == "tema" and self.last_heading is not None and self.section is None \
                and self.last_heading.kind in ("free", "goal"):
            if self.last_heading.kind == "free":
                self.goals += 1
                self.flush_all()
                self.last_heading.kind, self.last_heading.id = "goal", str(self.goals)
                self.last_heading.text = f"Mål {self.goals}: {self.last_heading.text}"
                self.goal = self.last_heading
            self.start_section(Section.TILTAK, None, "Tiltak", line.where, emit_before_text=True)
            self.new_entry(None, line, body, own=False)
            return
        if self.layout.name in _BULLETS_ARE_MEASURES and self.section is None and self.goal is not None \
                and self.last_heading is self.goal and not body[:1].islower():
            # «Mål 1: …» and a bullet list under it (after its description, if any), with no «Tiltak» heading:
            # the goal's measures, as a board writes them, not a list in the goal's description. A line in
            # lower case is a sentence going on after a dash («– våre egne møter må …» in Bergen's text)
            self.start_section(Section.TILTAK, None, "Tiltak", line.where)
            self.new_entry(None, line, body, own=False)
            return
        self.flush_para()
        self.bullets.append([Line(body, line.where, line.open_end)])

    def table_row(self, line: Line) -> None:
        cells = list(line.cells)
        if self.table is not None and measure_header(line.cells) and not measure_header(tuple(self.table.header)):
            self.flush_table()  # a table of measures begins below another table
        if self.table is None or self.spaced is not None:
            self.flush_all_but_section()
            header = cells if measure_header(line.cells) or len(cells) > 1 else cells
            self.table = Table(header, [], line.where)
            if measure_header(line.cells) and self.section is None and self.goal is not None:
                self.start_section(Section.TILTAK, None, "Tiltak", line.where, keep_table=True)
            return
        if cells == self.table.header:  # the header again, on the next page
            return
        width = len(self.table.header)
        cells = (cells + [""] * width)[:width] if len(cells) <= width else cells[:width - 1] + [" ".join(cells[width - 1:])]
        self.table.rows.append(cells)

    def row_across(self, line: Line, i: int) -> None:
        """A row that is one cell across a table of measures: a sub-goal (or goal) heading for the rows below
        it when it reads like one, else a line of text between them; the rows below continue the table."""
        text, header = line.cells[0], list(self.table.header) if self.table is not None else []
        if self.table is not None and not self.table.rows:  # right under the header: the header goes below it
            last = self.out[-1] if self.out else None
            if isinstance(last, Heading) and last.kind == "section" and last.where == self.table.where:
                self.out.pop()  # the «Tiltak» opened for the table, which has no rows above this one
                self.section = None
            self.table = None
        self.flush_table()
        sub = SUBGOAL_TITLE.match(text)
        if sub and self.goal is not None:
            number = sub.group(1)
            parent = self.goal.id or ""
            if self.goal.kind == "subgoal":  # a sub-goal after a sub-goal: the same goal's (1a → 1, 2.1.1 → 2.1)
                parent = re.sub(r"(?:\.\d+|[a-zæøå])$", "", parent)
            gid = f"{parent}{number}" if number and number.isalpha() else number
            self.start_goal("subgoal", gid, sub.group(2), line.where)
            if number and number.isalpha() and self.goal is not None:  # «Delmål b) …» as written: read as 1b
                self.goal.text = " ".join(text.split())
        elif not self.goal_line(Line(text, line.where, True, (), 1), i):
            self.para.append(Line(text, line.where))  # not a heading: kept as text between the rows
            self.flush_para()
            self.table = Table(header, [], line.where)
            return
        self.table = Table(header, [], line.where)
        self.start_section(Section.TILTAK, None, "Tiltak", line.where, keep_table=True)

    def start_goal(self, kind: str, number: str | None, title: str, where: int, keyword: str | None = None) -> None:
        self.flush_all()
        self.section = None
        title = title.strip()
        if kind == "subgoal" and self.goal is None:  # a sub-goal before any goal: kept as a heading of text
            text = f"{number} {title}" if number else f"Delmål: {title}"
            self.notes.append(message("import.note.no_goal", where=where, text=text[:60]))
            self.out.append(Paragraph(text, where))
            return
        if kind == "subgoal":
            self.subgoals += 1
            parent = self.goal.id if self.goal is not None and self.goal.id else str(self.goals)
            if self.goal is not None and self.goal.kind == "subgoal":
                parent = parent.rsplit(".", 1)[0]
            gid = number or f"{parent}.{self.subgoals}"
            text = f"Delmål {gid}: {title}"
        elif kind == "area":
            gid = number or str(self.goals + 1)
            text = f"Målområde {gid}: {title}"
        else:
            self.goals += 1
            self.subgoals = 0
            gid = number or str(self.goals)
            word = keyword or ("Hovedmål" if self.layout.name == "roller" else "Mål")
            text = f"{word} {gid}: {title}"
        heading = Heading(kind, text, where, gid)
        self.emit_heading(heading)
        self.goal = heading
        if title[-1:] not in ".?!":
            self.open_title = heading

    def start_section(self, section: Section, level: object, text: str, where: int, emit_before_text: bool = False,
                      keep_table: bool = False) -> None:
        if self.goal is None and not emit_before_text:  # «Tiltak:» before any goal: a heading of text
            self.flush_all()
            self.notes.append(message("import.note.no_goal", where=where, text=text.strip()[:60]))
            self.para.append(Line(text.strip(), where))  # as a heading, the parser would read it as a section
            self.flush_para()
            self.section = None
            return
        if keep_table:
            table = self.table
            self.table = None
            self.flush_all()
            self.table = table
        else:
            self.flush_all()
        self.section, self.section_level, self.count = section, level if isinstance(level, Level) else None, 0
        heading = Heading("section", text.strip().rstrip(":").strip(), where)
        if keep_table and self.table is not None:
            self.out.append(heading)
        else:
            self.emit_heading(heading)
        self.last_heading = heading

    def emit_heading(self, heading: Heading) -> None:
        self.out.append(heading)
        if heading.kind != "section":
            self.last_heading = heading
        if heading.kind in ("free", "title"):  # written at ##, it closes the goal above it
            self.section = None
            self.goal = None

    def new_entry(self, given: str | None, line: Line, body: str, own: bool) -> None:
        self.flush_entry()
        if self.items is None:
            self.items = Items([], line.where)
        self.count += 1
        while not given and self.entry_id() in self.taken:  # an id the document uses itself is not given
            self.count += 1
        eid = given or self.entry_id()
        self.taken.add(eid)
        self.entry = (eid, line.where, own, [Line(body, line.where, line.open_end)])

    def entry_id(self) -> str:
        base = self.goal.id if self.goal is not None and self.goal.id else "0"
        return entry_id(self.layout.name, self.section, self.section_level, base, self.count)

    def ends_spaced_table(self, text: str) -> bool:
        return bool(numbered_goal(text) or section_of(text)[0] is not None)

    def flush_para(self) -> None:
        if self.para:
            self.out.append(Paragraph(join_lines(self.para, self.mid_word), self.para[0].where))
            self.para = []

    def flush_bullets(self) -> None:
        if self.bullets:
            self.out.append(Bullets([join_lines(b, self.mid_word) for b in self.bullets], self.bullets[0][0].where))
            self.bullets = []

    def flush_entry(self) -> None:
        if self.entry is None:
            return
        eid, where, own, lines = self.entry
        self.entry = None
        text = join_lines(lines, self.mid_word)
        assert self.items is not None
        entry = Entry(eid, text, where, own_id=own)
        if self.infer and self.section not in (Section.DELMAL, Section.PRIORITERINGER):
            entry.when, entry.who = timing_in(text), responsible_in(text)
        self.items.entries.append(entry)
        for mark in REVISION.findall(text):
            self.revisions.append((eid, mark.strip(), where))

    def flush_entry_and_items(self) -> None:
        self.flush_entry()
        if self.items is not None:
            if self.items.entries:
                self.out.append(self.items)
            self.items = None

    def flush_table(self) -> None:
        table, self.table = self.table, None
        if table is None:
            return
        base = self.goal.id if self.goal is not None and self.goal.id else "0"
        if self.spaced is not None:
            rows, self.spaced = self.spaced, None
            self.out += spaced_rows(table, rows, self.mid_word, self.revisions, self.notes)
        elif measure_header(tuple(table.header)) and self.goal is not None:
            if self.section is None:
                self.start_section(Section.TILTAK, None, "Tiltak", table.where)
            measure_rows(table, base, self.revisions, self.taken)
        elif self.goal is not None or measure_header(tuple(table.header)):
            # measures under no goal, or a table of something else among measures: the parser would misread
            # them as a table, so the rows are kept as lines of text
            self.notes.append(message("import.note.table_as_text", where=table.where))
            self.out += rows_as_text(table)
            return
        self.out.append(table)

    def flush_all_but_section(self) -> None:
        self.flush_para()
        self.flush_bullets()
        self.flush_entry_and_items()
        self.flush_table()

    def flush_all(self) -> None:
        self.flush_all_but_section()
        self.open_title = None
