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
  is the very object the version before it had, so the comparison can skip it (history/plandiff.py).

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


class Versions:
    """Call it as block_tokens; parser.parse_plan also finds in it what earlier versions read."""

    def __init__(self) -> None:
        self.tokenise = ChunkedTokens()
        self.kept = Kept()
        self._blocks: dict[tuple, tuple[Any, int, list[list[Any]]]] = {}
        self._front: dict[tuple[str, Span], tuple[PlanMeta, list[Diagnostic]]] = {}

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
