"""What the versions of one plan share, read once: `history` parses a plan's versions one after the other, each
a few lines away from the one before it, and most of what a version holds was read for an earlier one.

A `Versions` is handed to parser.parse_plan in place of the tokeniser, for one run of versions (one job of
history/revisions.py). It keeps, for as long as it lives:
- the tokens of each piece of text at each line (chunks.ChunkedTokens): an unchanged piece gives the very
  token objects it gave before;
- what reading each list and table appended to the plan (`block`): a block whose opening token is one seen
  before (so the same text at the same line, tokenised to the same tokens), read under the same heading, is not
  read again: the measures, sub-goals, statuses, description lines and findings its reading appended are
  appended again, the same objects (drafts are not changed once appended);
- each front matter's reading, by its text and where it stands;
- the frozen goals and measures (drafts.Kept), by everything they are made of: an unchanged goal of a version
  is the very object the version before it had, so the comparison can skip it (history/plandiff.py);
- where the last version's walk stood at every MARK_EVERY-th piece (`mark`): a version whose first pieces are
  the last version's (the same token objects, so the same text at the same lines) takes up the walk where the
  two part (`resume`) instead of walking those pieces again. The walk before a piece depends on nothing but the
  pieces above it, the path and what was found before the walk began (compared), and it only ever appends to
  the plan's lists and to the goals on the heading stack: so the state at a mark is the lengths of those lists,
  the heading stack with each heading's `has_content`, the title, the front matter; taking it up cuts the lists
  back to those lengths (the version before has been frozen and handed on; nothing of it is changed).

A block's reading depends on its tokens, on the heading it stands under (section, status year, level addressed,
the heading's text, its goal) and on the goal it belongs to (its id and whether there is one); the key holds
all of these, and the plan's path (every span has it). The findings' language is fixed for the life of a
`Versions` (one job runs in one language). tests/test_versions.py proves every version's tree and findings equal
to reading it alone, on every plan the project holds, generated histories, edited versions and fuzzed text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from ..model import PlanMeta, Span
from .chunks import ChunkedTokens
from .drafts import Kept

if TYPE_CHECKING:
    from .parser import _Parser

MARK_EVERY = 8  # pieces between two marks: a version takes up the walk at most this many pieces above a change


def _state(parser: _Parser) -> tuple:
    """Where the walk stands: every length and value that the pieces walked so far made."""
    return (len(parser.diags), len(parser.statuses), len(parser.loose), len(parser.top), parser.title, parser.meta,
            parser.saw_front_matter, [(ctx, ctx.has_content) for ctx in parser.stack],
            [(g, len(g.goals), len(g.measures), len(g.description), len(g.links))
             for g in (ctx.goal for ctx in parser.stack) if g is not None])


class _Walk:
    """One version's walk, as the next version may take it up."""

    def __init__(self, parser: _Parser, start: int, order: list[list[Any]] | None, starts: list[int]) -> None:
        self.path, self.start, self.order, self.starts = parser.path, start, order, starts
        self.before = (list(parser.diags), parser.saw_front_matter)  # found before the walk began
        self.lists = (parser.diags, parser.statuses, parser.loose, parser.top)
        self.marks: list[tuple[int, tuple]] = []  # (piece, the state before it)
        self.next_piece = 0


class Versions:
    """Call it as block_tokens; parser.parse_plan also finds in it what earlier versions read."""

    def __init__(self) -> None:
        self.tokenise = ChunkedTokens()
        self.kept = Kept()
        self._blocks: dict[tuple, tuple[Any, int, list[list[Any]]]] = {}
        self._front: dict[tuple[str, Span], tuple[PlanMeta, list[Diagnostic]]] = {}
        self._walk: _Walk | None = None

    def __call__(self, text: str) -> list[Any]:
        return self.tokenise(text)

    def front_matter(self, text: str, span: Span) -> tuple[PlanMeta, list[Diagnostic]]:
        """frontmatter.parse_front_matter, once per text and place."""
        key = (text, span)
        if key not in self._front:
            from .frontmatter import parse_front_matter

            self._front[key] = parse_front_matter(text, span)
        meta, diags = self._front[key]
        return meta, list(diags)

    def block(self, parser: _Parser, tokens: list[Any], i: int) -> int:
        """Read the list or table that opens at tokens[i] (or append again what reading it appended before);
        the index after it."""
        ctx, goal = parser.ctx, parser.enclosing_goal()
        opening = tokens[i]
        key = (id(opening), parser.path, ctx.section, ctx.status_year, ctx.addressed_to, ctx.heading,
               ctx.goal is None, ctx.goal.title if ctx.goal is not None else None, goal is None,
               goal.id if goal is not None else None)
        targets = parser.appended_to(goal)
        seen = self._blocks.get(key)
        if seen is None:
            sizes = [len(t) for t in targets]
            end = parser.read_block(tokens, i)
            # The opening token is kept with its reading: while it lives, no other token has its id.
            seen = self._blocks[key] = (opening, end - i, [t[n:] for t, n in zip(targets, sizes, strict=True)])
            return end
        parser.mark_content()
        for target, added in zip(targets, seen[2], strict=True):
            target.extend(added)
        return i + seen[1]

    def resume(self, parser: _Parser, i: int) -> tuple[int, int]:
        """Before the walk of the text just tokenised, which begins at tokens[i]: where to begin it (after the
        pieces this version shares with the last, with the parser's state as it was there), and the token index
        of the next mark."""
        walk, last = _Walk(parser, i, self.tokenise.order, self.tokenise.starts), self._walk
        self._walk = walk
        if (walk.order is None or last is None or last.order is None or last.path != walk.path
                or last.start != i or last.before != walk.before):
            return i, self._next_mark(walk, 1)
        same = 0  # the pieces the two share from the top: the very same token objects
        for mine, theirs in zip(walk.order, last.order):
            if mine is not theirs:
                break
            same += 1
        found = None
        for mark in last.marks:  # in order of pieces; the state before a piece is made by the pieces above it
            if mark[0] > same or mark[0] >= len(walk.order):  # (a version that is the last one's first pieces)
                break
            found = mark
        if found is None:
            return i, self._next_mark(walk, 1)
        piece, (diags, statuses, loose, top, title, meta, saw, stack, goals) = found
        for kept, n in zip(last.lists, (diags, statuses, loose, top), strict=True):
            del kept[n:]
        parser.diags, parser.statuses, parser.loose, parser.top = walk.lists = last.lists
        parser.title, parser.meta, parser.saw_front_matter = title, meta, saw
        parser.stack = [ctx for ctx, _flag in stack]
        for ctx, flag in stack:
            ctx.has_content = flag
        for goal, n_goals, n_measures, n_description, n_links in goals:
            del goal.goals[n_goals:], goal.measures[n_measures:], goal.description[n_description:]
            del goal.links[n_links:]
        walk.marks = [mark for mark in last.marks if mark[0] <= piece]
        return walk.starts[piece], self._next_mark(walk, piece + 1)

    def mark(self, parser: _Parser, i: int) -> int:
        """The walk is at tokens[i], at or past the next mark: keep the state if the marked piece starts here;
        the token index of the next mark."""
        walk = self._walk
        assert walk is not None
        piece = walk.next_piece
        while piece < len(walk.starts) and walk.starts[piece] < i:  # (only where the walk began past it)
            piece += MARK_EVERY
        if piece < len(walk.starts) and walk.starts[piece] == i:
            walk.marks.append((piece, _state(parser)))
        return self._next_mark(walk, piece + 1)

    @staticmethod
    def _next_mark(walk: _Walk, piece: int) -> int:
        """The token index of the first marked piece from `piece` on (past the end if none)."""
        walk.next_piece = piece + (-piece % MARK_EVERY)
        return walk.starts[walk.next_piece] if walk.next_piece < len(walk.starts) else 1 << 62
