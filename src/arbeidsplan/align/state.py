"""How a requirement stands in a child plan: linked by the plan, suggested by the matching, «mulig svar» (a
candidate the matching is not sure of: AP604), unanswered, or «ikke aktuelt» (the board has marked it as not
applying to them in the front matter, with its reason: align/notapplicable.py); and
the three questions asked of an answer, a priority and an alignment, and the one asked of a matrix of them, the
same for the full values (alignment.py, coverage.py) and the plain ones the renderers and the cache hold
(summary.py)."""

from __future__ import annotations

from enum import Enum
from typing import Any

# Chosen on the development pool of the labelled set (benchmarks/alignment_labels.yaml; python
# benchmarks/alignment.py). A requirement is reported as unanswered (AP601) only when its best candidate is below
# MAYBE_AT: among the thresholds that keep answered requirements reported as gaps within 1 in 25, the one with
# the best precision@1 + recall@3 + share of gaps found (here the highest of them); chosen the same way in every
# fold of the cross-validation. From MAYBE_AT up to SUGGEST_AT the best candidate is
# shown as «mulig svar» (AP604): in that band the first candidate is mostly wrong or the requirement a gap, so
# the check says it does not know. From SUGGEST_AT it is «kan være besvart av» (AP602). Here, not in
# alignment.py, so that reading a cached outcome's states does not import the matching (alignment.py takes them
# from here, and a benchmark that sweeps them sets them there).
SUGGEST_AT = 0.24
MAYBE_AT = 0.18


class State(str, Enum):
    LINKED = "koblet"
    SUGGESTED = "foreslått"
    MAYBE = "mulig svar"  # a candidate below SUGGEST_AT: perhaps answered, perhaps a gap
    UNANSWERED = "ubesvart"
    NOT_APPLICABLE = "ikke aktuelt"  # considered by the board and found not to apply to it: not a gap

    @property
    def word(self) -> str:
        """The state in the reader's language (the value is the data's word, as in json and csv)."""
        from ..messages import message

        return message(f"state.{self.value}")


class Stated:
    """An answer: linked if the plan links to the requirement, else «ikke aktuelt» if the board marked it so, else
    suggested if a candidate was found."""

    linked: tuple[Any, ...]
    candidates: tuple[Any, ...]
    not_applicable: str | None  # the board's reason when it marked the requirement «ikke aktuelt» ("" for none)

    @property
    def state(self) -> State:
        if self.linked:  # a link wins over a mark (AP607)
            return State.LINKED
        if self.not_applicable is not None:
            return State.NOT_APPLICABLE
        if not self.candidates:
            return State.UNANSWERED
        return State.MAYBE if self.unsure else State.SUGGESTED

    @property
    def unsure(self) -> bool:
        """A candidate, but the best is below SUGGEST_AT: «mulig svar» (AP604), neither a suggestion nor
        a gap. Every output says so alike: check, coverage, the report, the site."""
        # on the score as the finding prints it (two decimals): «0.24» is never called weak
        return (not self.linked and self.not_applicable is None and bool(self.candidates)
                and round(self.candidates[0].score, 2) < SUGGEST_AT)


class Counted:
    """A priority's answers, counted by state."""

    answers: tuple[Any, ...]

    def count(self, state: State) -> int:
        return sum(1 for a in self.answers if a.state is state)

    @property
    def applicable(self) -> int:
        """How many of its requirements apply to the plan: all but those marked «ikke aktuelt»."""
        return len(self.answers) - self.count(State.NOT_APPLICABLE)


class Grouped:
    """An alignment: every priority's answers, in order."""

    coverage: tuple[Any, ...]

    @property
    def answers(self) -> list[Any]:
        return [a for p in self.coverage for a in p.answers]


def covered(linked_to_theme: tuple[Any, ...], answers: tuple[Any, ...]) -> bool:
    """Whether something in the plan answers a priority (else AP603): an item linked to the priority itself, or a
    requirement under it linked, suggested or «mulig svar» (something that may answer the theme: no AP603 beside
    its AP604). A priority whose every requirement the board marked «ikke aktuelt» is no gap either; one with
    only some of them marked still is, when nothing answers the rest."""
    states = [a.state for a in answers]
    return (bool(linked_to_theme) or any(s not in (State.UNANSWERED, State.NOT_APPLICABLE) for s in states)
            or (bool(states) and all(s is State.NOT_APPLICABLE for s in states)))


def any_in(matrix: Any, state: State) -> bool:
    """Whether a requirement of a plan in a matrix (its rows: plan, alignment) is in `state`: the matrix's legend
    explains a state only where one is (a requirement marked «ikke aktuelt» is not counted; a «mulig svar» is in
    no count and gives no ✗), `coverage`'s and the site's alike."""
    return any(cov.count(state) for _plan, al in matrix.rows for cov in al.coverage)
