"""Which goal and which measure of one version of a plan is which of another, without trusting derived ids.

A derived id (`2.t4`) is a position: it shifts when the annual meeting inserts a measure before it. So two
versions are aligned as sequences, the way a reader compares them side by side:

1. goals: the same title (and kind) in order; then a written id they share; then titles (and the measures
   under them) alike enough, in order; then alike enough anywhere (a goal that moved);
2. measures, within each pair of goals: the same text in order; then the same text anywhere (a measure that
   moved to another goal); then a written id they share (reworded in place, or renumbered around); then texts
   alike enough, in order within the goal; then alike enough anywhere.

Order is the tie-breaker: between two equally good partners the one in the same place wins, so an inserted
measure is an insertion and not a rewording of the one that used to stand there. Written ids are trusted as
ids; derived ones never pair two items by themselves.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

from ..model import Goal, Measure, Plan

T = TypeVar("T")

# Word-level likeness at which two texts are one item reworded: in place (same goal, same order) a little less
# is asked than anywhere in the plan.
IN_PLACE = 0.5
ANYWHERE = 0.6


@lru_cache(maxsize=65536)  # versions of a plan repeat the same texts
def words(text: str) -> tuple[str, ...]:
    """The words of a text, lower case, without punctuation: «måned,» and «måned.» are one word."""
    return tuple(re.findall(r"\w+", text.lower()))


# Bounds that keep a diff of any plan up to the size limit in linear-ish time (difflib is quadratic at worst):
# texts longer than MAX_WORDS are compared as bags of words, not in order; within a goal, similar texts are
# paired only while the unpaired items make at most MAX_PAIRS comparisons (past that: equal texts and ids only);
# lists of keys longer than MAX_KEYS are paired greedily in order instead of by difflib's longest runs.
MAX_WORDS = 2_000
MAX_PAIRS = 250_000
MAX_KEYS = 400


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """0–1: the share of words the two texts have in common, in order (difflib's ratio over words); for very
    long texts, in any order."""
    wa, wb = words(a), words(b)
    if wa == wb:
        return 1.0
    if not wa or not wb:
        return 0.0
    if len(wa) > MAX_WORDS or len(wb) > MAX_WORDS:
        shared = sum((Counter(wa) & Counter(wb)).values())
        return 2 * shared / (len(wa) + len(wb))
    return difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()


def _in_order(old: Sequence[T], new: Sequence[T], score: Callable[[T, T], float],
              threshold: float) -> list[tuple[int, int]]:
    """The pairs (i, j), increasing in both, with the greatest total score, each pair scoring ≥ threshold."""
    n, m = len(old), len(new)
    if not n or not m or n * m > MAX_PAIRS:
        return []
    s = [[score(o, w) for w in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = s[i][j] + best[i + 1][j + 1] if s[i][j] >= threshold else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if s[i][j] >= threshold and best[i][j] == s[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _anywhere(old: Sequence[T], new: Sequence[T], score: Callable[[T, T], float],
              threshold: float) -> list[tuple[int, int]]:
    """Best pairs first, each item once, each pair scoring ≥ threshold; between equal scores the nearer places
    (then the earlier) win."""
    scored = sorted(((-score(o, w), abs(i - j), i, j) for i, o in enumerate(old) for j, w in enumerate(new)))
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs = []
    for negative, _distance, i, j in scored:
        if -negative < threshold:
            break
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((i, j))
    return pairs


def _same_in_order(old: Sequence[T], new: Sequence[T], key: Callable[[T], object]) -> list[tuple[int, int]]:
    """Pairs of items with equal keys, as the longest common runs (difflib over the keys)."""
    a, b = [key(o) for o in old], [key(n) for n in new]
    if a == b:  # the common case in a history: nothing in this list changed
        return [(k, k) for k in range(len(a))]
    if len(a) > MAX_KEYS or len(b) > MAX_KEYS:
        return _greedy_in_order(a, b)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(a + k, b + k) for a, b, size in matcher.get_matching_blocks() for k in range(size)]


def _greedy_in_order(a: list[object], b: list[object]) -> list[tuple[int, int]]:
    """Equal keys paired in order, each old one with the first equal new one after the last pair: linear."""
    positions: dict[object, list[int]] = {}
    for j, k in enumerate(b):
        positions.setdefault(k, []).append(j)
    pairs: list[tuple[int, int]] = []
    last = -1
    for i, k in enumerate(a):
        free = positions.get(k, [])
        at = bisect.bisect_right(free, last)
        if at < len(free):
            last = free[at]
            pairs.append((i, last))
    return pairs


def _same_anywhere(old: Sequence[T], new: Sequence[T], key: Callable[[T], object]) -> list[tuple[int, int]]:
    waiting: dict[object, list[int]] = {}
    for j, n in enumerate(new):
        waiting.setdefault(key(n), []).append(j)
    pairs = []
    for i, o in enumerate(old):
        free = waiting.get(key(o))
        if free:
            pairs.append((i, free.pop(0)))
    return pairs


class _Pairing:
    """Pairs of old and new items (by object identity), built step by step over what is still unpaired."""

    def __init__(self) -> None:
        self.old_to_new: dict[int, object] = {}
        self.new_to_old: dict[int, object] = {}
        self.pairs: list[tuple] = []

    def free(self, items: Sequence[T], side: dict[int, object]) -> list[T]:
        return [x for x in items if id(x) not in side]

    def step(self, old: Sequence[T], new: Sequence[T], pair_up) -> None:
        old_free = self.free(old, self.old_to_new)
        new_free = self.free(new, self.new_to_old)
        if not old_free or not new_free:
            return
        for i, j in pair_up(old_free, new_free):
            o, n = old_free[i], new_free[j]
            self.old_to_new[id(o)] = n
            self.new_to_old[id(n)] = o
            self.pairs.append((o, n))


def _written_id(item: Goal | Measure) -> str | None:
    return item.id if item.explicit_id else None


def _same_written_id(old, new) -> list[tuple[int, int]]:
    return _same_anywhere(old, new, lambda x: _written_id(x) or ("", id(x)))


@dataclass
class Matching:
    """The result: pairs in the new version's order, and what is only in the old (struck) or the new (added)."""

    goals: list[tuple[Goal, Goal]] = field(default_factory=list)
    measures: list[tuple[Measure, Measure]] = field(default_factory=list)
    struck_goals: list[Goal] = field(default_factory=list)
    added_goals: list[Goal] = field(default_factory=list)
    struck_measures: list[Measure] = field(default_factory=list)
    added_measures: list[Measure] = field(default_factory=list)
    old_parent: dict[int, Goal | None] = field(default_factory=dict)
    new_parent: dict[int, Goal | None] = field(default_factory=dict)
    goal_partner: dict[int, Goal] = field(default_factory=dict)  # id(old goal) → new goal

    def moved(self, old: Measure, new: Measure) -> bool:
        """Whether the measure stands under another goal than before (the partner of its old goal)."""
        before, after = self.old_parent.get(id(old)), self.new_parent.get(id(new))
        if before is None or after is None:
            return before is not after
        return self.goal_partner.get(id(before)) is not after


def _goal_measure_texts(goal: Goal) -> frozenset[tuple[str, ...]]:
    return frozenset(words(m.text) for m in goal.measures)


def _goal_score(a: Goal, b: Goal) -> float:
    if a.kind is not b.kind:
        return 0.0
    title = similarity(a.title, b.title)
    ma, mb = _goal_measure_texts(a), _goal_measure_texts(b)
    if not ma or not mb:
        return title
    content = 2 * len(ma & mb) / (len(ma) + len(mb))
    return max(title, (title + content) / 2)


def _parents(plan: Plan | None) -> tuple[list[Goal], list[Measure], dict[int, Goal | None], dict[int, list]]:
    """Goals in reading order, measures in reading order, each measure's goal, each goal's own measures (key 0
    for measures outside any goal)."""
    if plan is None:
        return [], [], {}, {0: []}
    goals = list(plan.walk_goals())
    parent: dict[int, Goal | None] = {}
    own: dict[int, list] = {0: list(plan.loose_measures)}
    for m in plan.loose_measures:
        parent[id(m)] = None
    for chain, m in plan.measures_with_parents():
        if chain:
            parent[id(m)] = chain[-1]
    measures = list(plan.measures())
    for g in goals:
        own[id(g)] = list(g.measures)
    return goals, measures, parent, own


_LAST: dict[int, tuple[Plan, tuple]] = {}  # the last plans' _parents, by object: history compares each version twice


def _parents_of(plan: Plan | None) -> tuple[list[Goal], list[Measure], dict[int, Goal | None], dict[int, list]]:
    """_parents, kept for the last three plans asked for (each held, so that its id is its own)."""
    if plan is None:
        return _parents(None)
    hit = _LAST.get(id(plan))
    if hit is None:
        if len(_LAST) >= 3:
            del _LAST[next(iter(_LAST))]
        hit = _LAST[id(plan)] = (plan, _parents(plan))
    return hit[1]  # type: ignore[return-value]


def match(old: Plan | None, new: Plan | None) -> Matching:
    old_goals, old_measures, old_parent, old_own = _parents_of(old)
    new_goals, new_measures, new_parent, new_own = _parents_of(new)

    goals = _Pairing()
    goals.step(old_goals, new_goals, lambda a, b: _same_in_order(a, b, lambda g: (g.kind, words(g.title))))
    goals.step(old_goals, new_goals, _same_written_id)
    goals.step(old_goals, new_goals, lambda a, b: _in_order(a, b, _goal_score, IN_PLACE))
    goals.step(old_goals, new_goals, lambda a, b: _anywhere(a, b, _goal_score, ANYWHERE))

    # The measures of each pair of goals (and those outside any goal) are compared as lists.
    lists = [(old_own[0], new_own[0])] + [(old_own[id(o)], new_own[id(n)]) for o, n in goals.pairs]
    measures = _Pairing()
    text = lambda m: words(m.text)  # noqa: E731
    # Each step pairs only what is unpaired on both sides: once every old or every new measure is paired, the
    # steps left would pair nothing (the common case in a history, after the first).
    done = lambda: len(measures.pairs) in (len(old_measures), len(new_measures))  # noqa: E731
    for a, b in lists:
        measures.step(a, b, lambda x, y: _same_in_order(x, y, text))
    if not done():
        measures.step(old_measures, new_measures, lambda x, y: _same_anywhere(x, y, text))
        measures.step(old_measures, new_measures, _same_written_id)
        score = lambda x, y: similarity(x.text, y.text)  # noqa: E731
        for a, b in lists:
            measures.step(a, b, lambda x, y: _in_order(x, y, score, IN_PLACE))
        measures.step(old_measures, new_measures, lambda x, y: _anywhere(x, y, score, ANYWHERE))

    new_order = {id(m): k for k, m in enumerate(new_measures)}
    goal_order = {id(g): k for k, g in enumerate(new_goals)}
    return Matching(
        goals=sorted(goals.pairs, key=lambda p: goal_order[id(p[1])]),
        measures=sorted(measures.pairs, key=lambda p: new_order[id(p[1])]),
        struck_goals=goals.free(old_goals, goals.old_to_new),
        added_goals=goals.free(new_goals, goals.new_to_old),
        struck_measures=measures.free(old_measures, measures.old_to_new),
        added_measures=measures.free(new_measures, measures.new_to_old),
        old_parent=old_parent, new_parent=new_parent,
        goal_partner={id(o): n for o, n in goals.pairs},
    )


__all__ = ["Matching", "match", "similarity", "words", "IN_PLACE", "ANYWHERE"]
