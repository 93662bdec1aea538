"""The outline of an imported document: what structure.py recognised, in document order, before it is
written as a plan (write.py). Every element remembers where in the source it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    kind: str  # "title", "free", "area", "goal", "subgoal", "section"
    text: str  # as it will be written, e.g. «Mål 1.1: Tydelig politisk stemme», «Tiltak»
    where: int
    id: str | None = None


@dataclass
class Paragraph:
    text: str
    where: int
    strong: bool = False  # a sub-title directly under a goal area, written in bold


@dataclass
class Bullets:
    items: list[str]
    where: int


@dataclass
class Entry:
    """A measure, priority or listed sub-goal, with its id (the document's own or one given at import)."""

    id: str
    text: str
    where: int
    when: str | None = None
    who: str | None = None
    own_id: bool = True  # the id is the document's own, not numbered at import


@dataclass
class Items:
    entries: list[Entry]
    where: int


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    where: int
    entries: list[Entry] = field(default_factory=list)  # for a measure table: one per row


Element = Heading | Paragraph | Bullets | Items | Table


@dataclass
class Outline:
    layout: str  # which of the known structures the document has, or "ukjent"
    elements: list[Element]
    notes: list[str] = field(default_factory=list)  # what could not be placed, said to the user
    revisions: list[tuple[str, str, int]] = field(default_factory=list)  # (id, mark, where)

    def entries(self) -> list[Entry]:
        out: list[Entry] = []
        for element in self.elements:
            if isinstance(element, Items):
                out += element.entries
            elif isinstance(element, Table):
                out += element.entries
        return out
