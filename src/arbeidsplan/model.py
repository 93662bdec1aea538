"""The plan tree: frozen values built once by the parser and read by everything after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Iterator


@dataclass(frozen=True, order=True)
class Span:
    """Where a node or finding sits in its source: file path as given, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


class Level(str, Enum):
    """The organisational level a plan belongs to, or that an item is addressed to."""

    NASJONALT = "nasjonalt"
    FYLKESLAG = "fylkeslag"
    LOKALLAG = "lokallag"
    BYDELSLAG = "bydelslag"
    STUDENTLAG = "studentlag"
    REGIONLAG = "regionlag"
    ANNET = "annet"  # a body outside the party's own branches (a youth council, an alliance): nothing is asked of it

    @property
    def rank(self) -> int | None:
        """Where the level stands in the party, top first (a parent plan must stand above its child); None for
        a body outside the party. Bydelslag and studentlag stand under a lokallag or beside one."""
        return {"nasjonalt": 0, "fylkeslag": 1, "regionlag": 2, "lokallag": 3, "bydelslag": 4,
                "studentlag": 4}.get(self.value)

    @property
    def in_party(self) -> bool:
        """A branch of the party, which the party's plans can ask things of; False for `annet`."""
        return self is not Level.ANNET


@dataclass(frozen=True)
class Period:
    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)

    def overlaps(self, other: Period) -> bool:
        return self.first <= other.last and other.first <= self.last

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"  # a one-year plan: «2025»


# Norway votes every odd year: general elections (stortingsvalg) 2025, 2029, …; local elections
# (kommune- og fylkestingsvalg) 2023, 2027, …
ELECTION_YEARS = {
    "valgår": lambda y: y % 2 == 1,
    "mellomvalgår": lambda y: y % 2 == 0,
    "lokalvalgår": lambda y: y % 4 == 3,
    "stortingsvalgår": lambda y: y % 4 == 1,
}


@dataclass(frozen=True)
class Timing:
    text: str
    years: frozenset[int] | None = None
    from_year: int | None = None
    months: frozenset[int] = frozenset()
    frequency: str | None = None
    whole_period: bool = False
    election: str | None = None
    anchor: str | None = None
    half: int | None = None
    season: str | None = None
    unread: str | None = None

    @property
    def understood(self) -> bool:
        """True when at least one part of the text was read."""
        return any((
            self.years, self.from_year, self.months, self.frequency, self.whole_period,
            self.election, self.anchor, self.half, self.season,
        ))

    @property
    def recurring(self) -> bool:
        """Applies in every (matching) year of the period rather than in named years."""
        return self.years is None and self.from_year is None and self.understood

    def named_years(self) -> frozenset[int]:
        return self.years or frozenset()

    def years_in(self, period: Period) -> frozenset[int]:
        """The years of `period` this timing applies to."""
        if self.years is not None:
            years = set(self.years)
        elif self.from_year is not None:
            years = set(range(self.from_year, period.last + 1))
        elif self.understood:
            years = set(period.years)
        else:
            years = set()
        if self.election:
            years = {y for y in years if ELECTION_YEARS[self.election](y)}
        return frozenset(y for y in years if y in period)

    def outside(self, period: Period) -> frozenset[int]:
        """Named years that fall outside `period`."""
        named = set(self.named_years())
        if self.from_year is not None:
            named.add(self.from_year)
        return frozenset(y for y in named if y not in period)


@dataclass(frozen=True)
class Adoption:
    date: date | None
    body: str | None


@dataclass(frozen=True)
class Revision:
    date: date | None
    body: str | None
    note: str | None


@dataclass(frozen=True)
class NotApplicable:
    """A requirement of a plan above that the board has considered and found not to apply to it («ikke aktuelt»
    in the front matter), with the board's reason."""

    reference: str  # written as a `svarer på` link is: a bare id, or plan#id
    reason: str  # "" when none was given (AP606)
    span: Span  # where the reference is written


@dataclass(frozen=True)
class PlanMeta:
    organisation: str | None = None
    level: Level | None = None
    period: Period | None = None
    parents: tuple[str, ...] = ()
    adopted: Adoption | None = None
    revisions: tuple[Revision, ...] = ()
    language: str = "bokmål"
    note: str | None = None
    source: str | None = None
    span: Span = Span("")
    parent_spans: tuple[Span, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()  # «ikke aktuelt»: requirements the board says do not apply


class GoalKind(str, Enum):
    AREA = "område"
    GOAL = "mål"
    SUBGOAL = "delmål"

    @property
    def depth(self) -> int:
        return {"område": 0, "mål": 1, "delmål": 2}[self.value]


class Section(str, Enum):
    """What kind of list a measure or sub-goal came from; tells the reader who an item is for."""

    TILTAK = "tiltak"
    SENTRALE_TILTAK = "sentrale tiltak"
    ROLLE = "rolle"
    PRIORITERINGER = "prioriteringer"
    DELMAL = "delmål"
    OVERSKRIFT = "overskrift"


class StatusWord(str, Enum):
    PLANLAGT = "planlagt"
    I_GANG = "i gang"
    GJENNOMFORT = "gjennomført"
    DELVIS = "delvis gjennomført"
    UTSATT = "utsatt"
    IKKE_GJENNOMFORT = "ikke gjennomført"
    STROKET = "strøket"


@dataclass(frozen=True)
class StatusEntry:
    year: int
    word: StatusWord
    note: str | None
    span: Span


@dataclass(frozen=True)
class Measure:
    id: str
    text: str
    span: Span
    explicit_id: bool = True
    timing_text: str | None = None
    timing: Timing | None = None
    responsible: str | None = None
    links: tuple[str, ...] = ()
    addressed_to: Level | None = None
    section: Section = Section.TILTAK
    statuses: tuple[StatusEntry, ...] = ()
    in_table: bool = False
    links_column: bool = False  # in a table that has a «Svarer på» column (align.confirm_line)

    def status_for(self, year: int) -> StatusEntry | None:
        for entry in self.statuses:
            if entry.year == year:
                return entry
        return None


@dataclass(frozen=True)
class Goal:
    """A goal area, goal or sub-goal. Sub-goals from a list (Delmål a)–f), priorities) have no children."""

    kind: GoalKind
    id: str
    title: str
    span: Span
    explicit_id: bool = True
    label: str | None = None
    description: str = ""
    section: Section = Section.OVERSKRIFT
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()
    links: tuple[str, ...] = ()
    addressed_to: Level | None = None

    def walk(self) -> Iterator[Goal]:
        yield self
        for goal in self.goals:
            yield from goal.walk()

    def all_measures(self) -> Iterator[Measure]:
        for goal in self.walk():
            yield from goal.measures

    def children_in_file_order(self) -> tuple[Goal | Measure, ...]:
        """Measures and sub-goals in the order the file has them (a goal may interleave the two)."""
        return tuple(sorted((*self.measures, *self.goals), key=lambda node: (node.span.line, node.span.col)))


@dataclass(frozen=True)
class Plan:
    path: str
    meta: PlanMeta
    title: str | None = None
    goals: tuple[Goal, ...] = ()
    loose_measures: tuple[Measure, ...] = ()
    orphan_statuses: tuple[tuple[str, StatusEntry], ...] = ()
    text: str = field(default="", repr=False, compare=False)

    def walk_goals(self) -> Iterator[Goal]:
        for goal in self.goals:
            yield from goal.walk()

    def measures(self) -> Iterator[Measure]:
        yield from self.loose_measures
        for goal in self.goals:
            yield from goal.all_measures()

    def measures_with_parents(self) -> Iterator[tuple[tuple[Goal, ...], Measure]]:
        """Every measure with the chain of goals above it, outermost first."""

        def visit(goal: Goal, chain: tuple[Goal, ...]) -> Iterator[tuple[tuple[Goal, ...], Measure]]:
            chain = chain + (goal,)
            for measure in goal.measures:
                yield chain, measure
            for child in goal.goals:
                yield from visit(child, chain)

        for measure in self.loose_measures:
            yield (), measure
        for goal in self.goals:
            yield from visit(goal, ())

    @cached_property
    def _by_id(self) -> dict[str, list[Goal | Measure]]:
        index: dict[str, list[Goal | Measure]] = {}
        for item in [*self.walk_goals(), *self.measures()]:
            index.setdefault(item.id, []).append(item)
        return index

    def find(self, item_id: str) -> list[Goal | Measure]:
        """Goals and measures with this id (more than one when the plan repeats an id)."""
        return list(self._by_id.get(item_id, ()))

    def counts(self) -> dict[str, int]:
        goals = list(self.walk_goals())
        return {
            "områder": sum(g.kind is GoalKind.AREA for g in goals),
            "mål": sum(g.kind is GoalKind.GOAL for g in goals),
            "delmål": sum(g.kind is GoalKind.SUBGOAL for g in goals),
            "tiltak": sum(1 for _ in self.measures()),
        }

    @property
    def name(self) -> str:
        return self.meta.organisation or self.path

    @property
    def label(self) -> str:
        """Organisation and period, e.g. «SV 2026–2029»: tells the two national plans apart in a table."""
        return f"{self.name} {self.meta.period}" if self.meta.period else self.name

