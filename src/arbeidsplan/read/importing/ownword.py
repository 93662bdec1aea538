"""A plan arbeidsplan itself wrote to Word (`show -o plan.docx`, render/planpaper.py), read back as the plan it
was – after a board has edited it in Word, with what the board changed.

The paper is recognised by the document property the export writes on purpose (`arbeidsplan: plan 1`), not by
how it looks: a document that merely resembles it is read like any other. Then it is read on the paper's own
terms, in any of the three languages it may be written in:

- the facts table (organisation, level, period, adopted …) is the front matter;
- «Mål 1 Tittel» headings are goals at their heading's level, «Tiltak», «Sentrale tiltak», «Rolle for
  fylkeslag», «Delmål» and «Viktige prioriteringer» headings the sections under the goal one level above them;
- a measure's cell holds its text, then the lines the export added: «Svarer på: …», «Til: …» and one line per
  status, «2026: gjennomført – 45 deltakere», which go back into properties and «Status ÅÅÅÅ» sections;
- what the export added and no plan holds (the line of counts, the column headers, the footer) is set aside
  and counted; a paragraph or heading the board wrote in is kept where it is;
- bold and italic in a goal's description, a measure's text and a listed sub-goal's title (where the export
  showed the plan's **bold** and *italic*, or the board set them in Word) are written **…** and *…*.

What it reads is handed on as parts (ownplan.py writes them as the plan's Markdown), with the document's own
text of each (`Line`s in the order the plan has them) for the «nothing lost» check.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from ...messages import LANGUAGES, message, using
from ...model import GoalKind, Level, Section, StatusWord
from ...vocabulary import STATUS_WORDS, classify_section, column_kind, level_word
from .clean import Line
from .word import _COMMENTS, _ENDNOTES, _FOOTNOTES, W, WordReader, _heading_level, _part_items

_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def exported_plan(document: Any) -> bool:
    """The document carries the property the plan export writes (render/planpaper.py's MARKER)."""
    from lxml import etree

    from ...render.planpaper import MARKER, MARKER_VALUE

    for rel in document.part.package.rels.values():
        if rel.reltype != _CUSTOM_REL or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except Exception:  # a damaged part: not our marker
            return False
        for prop in root.iter(_CUSTOM + "property"):
            if prop.get("name") == MARKER and "".join(prop.itertext()).strip() == MARKER_VALUE:
                return True
    return False


def _every_language(key: str, **args: object) -> set[str]:
    out = set()
    for code in LANGUAGES:
        with using(code):
            out.add(message(key, **args).lower())
    return out


@dataclass(frozen=True)
class Words:
    """The paper's own words in all three languages, lower case: what the reader recognises."""

    facts: dict[str, str]  # label → front-matter key
    kinds: list[tuple[str, GoalKind]]  # heading keyword → goal kind, longest first
    sections: dict[str, tuple[Section, Level | None]]
    loose: set[str]
    columns: set[tuple[str, ...]]  # the measure table's header
    links: set[str]
    addressed: set[str]
    statuses: list[tuple[str, StatusWord]]  # longest first
    made_by: set[str]


def words() -> Words:
    facts = {}
    for key, labels in (("organisasjon", _every_language("paper.organisation")),
                        ("nivå", _every_language("show.level")), ("periode", _every_language("show.period")),
                        ("vedtatt", _every_language("show.adopted")), ("overordnet", _every_language("show.parents")),
                        ("revisjoner", _every_language("paper.revised")), ("språk", _every_language("paper.language")),
                        ("merknad", _every_language("paper.note")), ("kilde", _every_language("paper.source"))):
        facts.update({label: key for label in labels})
    kinds = sorted(((w, kind) for kind in GoalKind for w in _every_language(f"label.{kind.value}")),
                   key=lambda x: -len(x[0]))
    sections: dict[str, tuple[Section, Level | None]] = {}
    for section in Section:
        if section is Section.ROLLE:
            for level in Level:
                for code in LANGUAGES:
                    with using(code):
                        sections[message("paper.section.rolle", level=message(f"level.{level.value}")).lower()] = \
                            (section, level)
        elif section is not Section.OVERSKRIFT:
            sections.update({w: (section, None) for w in _every_language(f"paper.section.{section.value}")})
    columns = set()
    for code in LANGUAGES:
        with using(code):
            columns.add(tuple(message(k).lower() for k in ("paper.col.id", "paper.col.measure", "report.timing",
                                                           "report.responsible")))
    statuses = {w: StatusWord(w2) for w2 in (s.value for s in StatusWord) for w in _every_language(f"word.{w2}")}
    statuses.update(STATUS_WORDS)
    return Words(facts, kinds, sections, _every_language("show.loose"), columns,
                 _every_language("show.links"), _every_language("paper.addressed"),
                 sorted(statuses.items(), key=lambda x: -len(x[0])), _every_language("report.made_by"))


# -- the document as blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    text: str  # line breaks kept as \n
    where: int
    level: int = 0  # a heading's level (1 the title), 0 for a paragraph
    bullet: bool = False
    # The text with its bold and italic marked **…** and *…*: where the paper drew the plan's own Markdown
    # (a goal's description, a listed sub-goal's title), what the plan had.
    marked: str = ""


@dataclass(frozen=True)
class Grid:
    rows: list[tuple[list[str], int]]  # each row's cells (their lines joined by \n) and where
    where: int
    marked: list[list[str]] = field(default_factory=list)  # each row's cells with bold and italic marked


def blocks(document: Any) -> list[Para | Grid]:
    """The body's paragraphs and tables in order, numbered as word.py numbers them (paragraphs and rows)."""
    notes = {"footnote": _part_items(document.part, _FOOTNOTES, "footnote"),
             "endnote": _part_items(document.part, _ENDNOTES, "endnote")}
    comments = {cid: (element.get(W + "author") or "", element)
                for cid, element in _part_items(document.part, _COMMENTS, "comment").items()}
    names = {style.style_id: style.name or "" for style in document.styles}
    reader = WordReader(notes, comments, emphasis=True)
    out: list[Para | Grid] = []
    number = 0

    def walk(parent: Any) -> None:
        nonlocal number
        for child in parent:
            if child.tag == W + "p":
                number += 1
                block = reader.paragraph(child, names)
                level = _heading_level(block.style) or _outline_level(child)
                bullet = block.numbered or block.style.lower().startswith(("list", "liste"))
                text, marked = block.text.strip(), block.marked.strip()
                if not bullet and text.startswith("• "):  # a template without «List Bullet»: the export's mark
                    text, marked, bullet = text[2:], marked[2:], True
                out.append(Para(text, number, level, bullet, marked))
            elif child.tag == W + "tbl":
                rows, marked_rows = [], []
                for tr in child.findall(W + "tr"):
                    number += 1
                    cells, marked_cells = [], []
                    for tc in tr.findall(W + "tc"):
                        read = [reader.paragraph(p, names) for p in tc.iter(W + "p")]
                        cells.append("\n".join(b.text for b in read).strip())
                        marked_cells.append("\n".join(b.marked for b in read).strip())
                    rows.append((cells, number))
                    marked_rows.append(marked_cells)
                out.append(Grid(rows, rows[0][1] if rows else number, marked_rows))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"):
                walk(child)

    walk(document.element.body)
    return out


def _outline_level(p: Any) -> int:
    """A heading written without a heading style (a board's template lacked it): its outline level, 1-based."""
    found = p.find(f"{W}pPr/{W}outlineLvl")
    value = found.get(W + "val") if found is not None else None
    return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else 0


def open_document(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


# -- the lines of a cell -----------------------------------------------------------------------------------


@dataclass
class Props:
    """What a cell or a listed sub-goal says besides its text."""

    text: str
    links: list[str] = field(default_factory=list)
    addressed: str | None = None
    statuses: list[tuple[int, StatusWord, str | None, str]] = field(default_factory=list)  # year, word, note, as written


_KEYED = re.compile(r"^(?P<key>[^:]{1,30}?)\s*:\s*(?P<value>.*)$")
_STATUS = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*[:.]?\s+(?P<rest>.+)$")
_NOTE = re.compile(r"^\s*(?:[—–:]|-(?=\s)|,)\s*")


def split_links(value: str) -> list[str]:
    return [part for part in re.split(r"[,;\s]+", value.strip()) if part and part.lower() not in ("og", "and")]


def status_of(line: str, w: Words) -> tuple[int, StatusWord, str | None] | None:
    m = _STATUS.match(line.strip())
    if not m:
        return None
    rest = m.group("rest").strip()
    for word, status in w.statuses:
        if rest.lower().startswith(word) and not rest[len(word):len(word) + 1].isalnum():
            note = _NOTE.sub("", rest[len(word):], count=1).strip()
            return int(m.group("year")), status, note or None
    return None


def cell_props(text: str, w: Words) -> Props:
    """A measure's cell (or a listed sub-goal): the first line its text, then the lines the export added. A line
    that is none of them is the board's text and goes on the measure's text."""
    first, *rest = text.split("\n") if text else [""]
    props = Props(first.strip())
    for line in rest:
        line = line.strip()
        keyed = _KEYED.match(line)
        key = keyed.group("key").strip().lower() if keyed else ""
        status = status_of(line, w)
        if keyed and (key in w.links or column_kind(key) == "links"):
            props.links += split_links(keyed.group("value"))
        elif keyed and (key in w.addressed or column_kind(key) == "addressed") and level_word(keyed.group("value")):
            props.addressed = level_word(keyed.group("value")).value  # type: ignore[union-attr]
        elif status is not None:
            props.statuses.append((*status, line))
        elif line:
            props.text = f"{props.text} {line}".strip()
    return props


def heading_goal(text: str, w: Words) -> tuple[GoalKind, str, str] | None:
    """«Mål 1 Inkludering …» → (goal, "1", "Inkludering …")."""
    lowered = text.lower()
    for word, kind in w.kinds:
        if lowered.startswith(word + " "):
            rest = text[len(word) + 1:].strip()
            gid, _, title = rest.partition(" ")
            if gid:
                return kind, gid.rstrip(":"), title.strip()
    return None


def section_of(text: str, w: Words) -> tuple[Section, Level | None] | None:
    found = w.sections.get(" ".join(text.lower().split()).rstrip(":"))
    if found is not None:
        return found
    section, level, _year = classify_section(text)  # a heading the board typed in the plan's own words
    return (section, level) if section is not None else None


def is_header(cells: list[str], w: Words) -> bool:
    return tuple(" ".join(c.lower().split()) for c in cells[:4]) in w.columns


def coverage_line(parts: list[str], where: int) -> Line:
    return Line(" ".join(p for p in parts if p), where)
