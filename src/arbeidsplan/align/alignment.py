"""How a plan answers what the plans above it ask of it.

For each requirement (requirements.py) of each ancestor plan: the child's items that link to it, or — when
none does — the child's goals and measures that most likely answer it, by Norwegian-aware text similarity
(textmatch.py). A requirement with no link and no candidate at MAYBE_AT is unanswered: a gap is reported
as a gap, not papered over with a weak match; one whose best candidate lies between MAYBE_AT and SUGGEST_AT is
«mulig svar» (state.Stated.unsure): the check shows the candidate and says that it is not sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Collection

from ..messages import catalogue, message
from ..model import Goal, GoalKind, Level, Measure, NotApplicable, Plan, Section
from ..read.workspace import Workspace, path_key
from .evidence import Evidence, Offer, RequirementKey
from .links import link_to, resolve
from .notapplicable import Marks, marks
from .state import MAYBE_AT, SUGGEST_AT, Counted, Grouped, State, Stated, covered  # the thresholds: see state.py
from .requirements import Requirement, priorities, priority_of, requirements_for
from .textmatch import OWN_LEVEL_WORDS, Document, Index

ALSO_AT = 0.15  # once the best is shown, the runners-up down to this are shown beside it
TOP = 3


@dataclass(frozen=True)
class Candidate:
    item: Goal | Measure
    score: float
    shared: tuple[str, ...]  # the candidate's words that match the requirement: why it was suggested
    alike: int = 0  # how many of the other plans' confirmed answers to the requirement it resembles (evidence)


@dataclass(frozen=True)
class Answer(Stated):
    requirement: Requirement
    linked: tuple[Goal | Measure, ...]
    candidates: tuple[Candidate, ...]  # best first, at most TOP; none unless the best is at MAYBE_AT or above
    not_applicable: str | None = None  # the board's reason, when it marked the requirement «ikke aktuelt»


@dataclass(frozen=True)
class PriorityCoverage(Counted):
    priority: Goal | None
    answers: tuple[Answer, ...]
    linked_to_theme: tuple[Goal | Measure, ...]

    @property
    def theme_covered(self) -> bool:
        return covered(self.linked_to_theme, self.answers)


@dataclass(frozen=True)
class Alignment(Grouped):
    child: Plan
    parent: Plan
    level: Level
    coverage: tuple[PriorityCoverage, ...]


CONTEXT_WEIGHT = 0.35  # the goals above a measure, a requirement's later sentences
EVIDENCE_WEIGHT = 0.5  # other plans' answers to a requirement (see suggest() and evidence.py)
# Evidence lifts a candidate only when it is this much like the other plans' confirmed answers (its mean
# similarity to them): a measure worded like theirs is lifted, one that shares a word or two with them is not, so a
# plan that does not answer the requirement is still reported as a gap. Chosen on the development pool
# (benchmarks/alignment.py --links, thresholds as shipped): at 0 (every candidate lifted) 5 of 34 gaps are
# reported, at 0.2 9 of 34 with precision@1 0.82 (0.82 cross-validated), at 0.4 11 of 34 and 0.78.
LIFT_FROM = 0.2
GOAL_FACTOR = 0.95  # a goal answers only as well as its measures: on a tie, the measure is the concrete answer
DESCRIPTION_WEIGHT = 0.2  # a goal's description: long, so each sentence counts for little


def _sentences(text: str) -> list[str]:
    return list(_sentences_of(text))


@lru_cache(maxsize=16384)
def _sentences_of(text: str) -> tuple[str, ...]:
    """Kept: a whole party has the national plan's requirements, and the same descriptions, in plan after plan."""
    return tuple(s for s in _SENTENCE_END.split(text.strip()) if s)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


PURPOSE_WEIGHT = CONTEXT_WEIGHT  # «…, for å …»: what a requirement is for, not what it asks
_PURPOSE = re.compile(r",\s+for\s+å\s+")


def requirement_document(req: Requirement) -> Document:
    """The requirement's text, and its later sentences as context."""
    return list(_requirement_document(req.text, PURPOSE_WEIGHT, CONTEXT_WEIGHT))


@lru_cache(maxsize=4096)
def _requirement_document(text: str, purpose_weight: float, context_weight: float) -> tuple[tuple[str, float], ...]:
    """Kept: a national plan's requirement is compared with every plan below it."""
    first, *rest = _sentences(text) or [text]
    head, *purpose = _PURPOSE.split(first, maxsplit=1)
    return tuple([(head, 1.0)] + [(p, purpose_weight) for p in purpose] + [(s, context_weight) for s in rest])


def item_text(item: Goal | Measure) -> str:
    return item.text if isinstance(item, Measure) else item.title


def candidate_documents(plan: Plan) -> tuple[list[Goal | Measure], list[Document]]:
    """Every goal and measure of the plan, each with its text and (weighted less) its context."""
    items: list[Goal | Measure] = []
    docs: list[Document] = []

    def visit(goal: Goal, chain: list[Goal]) -> None:
        context = [(g.title, CONTEXT_WEIGHT) for g in chain]
        description = _sentences(goal.description)
        if goal.kind is not GoalKind.AREA:  # a goal area is too broad to be an answer
            items.append(goal)
            docs.append([(goal.title, 1.0)] + [(d, DESCRIPTION_WEIGHT) for d in description] + context)
        for m in goal.measures:
            items.append(m)
            docs.append([(m.text, 1.0), (goal.title, CONTEXT_WEIGHT)] + context)
        for child in goal.goals:
            visit(child, chain + [goal])

    for goal in plan.goals:
        visit(goal, [])
    for m in plan.loose_measures:
        items.append(m)
        docs.append([(m.text, 1.0)])
    return items, docs


def candidates_of(plan: Plan) -> list[Goal | Measure]:
    return [*plan.walk_goals(), *plan.measures()]


def links_into(child: Plan, ancestors: list[Plan]) -> dict[tuple[str, int], list[Goal | Measure]]:
    """(parent path, id(item)) → the child items whose links resolve to that parent item."""
    found: dict[tuple[str, int], list[Goal | Measure]] = {}
    for item in candidates_of(child):
        for link in item.links:
            res = resolve(link, ancestors)
            if res.ok:
                parent, target = res.target
                found.setdefault((parent.path, id(target)), []).append(item)
    return found


def shown(scores: list[float], suggest_at: float | None = None) -> int:
    """How many of the best-first `scores` to show: none when the best is below MAYBE_AT (the requirement is
    reported as unanswered), else the best and the runners-up above ALSO_AT, at most TOP. The gap decision rests
    on the best alone; the runners-up are the alternatives a board may know better. `suggest_at`: another gap
    threshold (the benchmark's sweep)."""
    at = MAYBE_AT if suggest_at is None else suggest_at
    if not scores or scores[0] < at:
        return 0
    return sum(1 for s in scores[:TOP] if s >= min(ALSO_AT, at))


def suggest(requirements: list[Requirement], child: Plan,
            evidence: dict[int, tuple[str, ...]] | None = None,
            skip: Collection[int] = ()) -> dict[int, tuple[Candidate, ...]]:
    """For each requirement (by position), the best-scoring child items, as many as shown() says. One index over
    the child's goals and measures and all the requirements, so each text is read once.

    `evidence`: by position, the texts of other plans' items confirmed to answer the requirement (learning from
    the party's own links). A candidate's score is lifted by EVIDENCE_WEIGHT times its mean similarity to those
    texts (the mean, so that the lift does not grow with the number of plans). benchmarks/alignment.py --links
    measures it on the development pool: with other plans' answers confirmed, precision@1 rises by two to four
    points cross-validated (README). The Aligner passes the answers of the other plans of the run (evidence.py).
    A candidate's `alike` counts the answers it resembles (similarity at MAYBE_AT or more): its why says so.
    `skip`: positions that get no candidates (marked «ikke aktuelt»: nothing is suggested for them); they stay in
    the index, so that the others' scores are the same.
    """
    items, docs = candidate_documents(child)
    if not requirements or not items:
        return {i: () for i in range(len(requirements))}
    own = OWN_LEVEL_WORDS.get(child.meta.level.value if child.meta.level else "", set())
    evidence = evidence or {}
    known = [(i, text) for i in range(len(requirements)) for text in evidence.get(i, ())]
    n, m = len(requirements), len(items)
    index = Index([requirement_document(r) for r in requirements] + docs, ignore=frozenset(own))
    # The other plans' answers are scored in an index of their own, so that the requirement's own scores (IDF,
    # lengths) stay as they were: evidence can only lift a candidate.
    extra = Index(docs + [[(t, 1.0)] for _i, t in known], ignore=frozenset(own)) if known else None
    docs_range = list(range(n, n + m))
    by_req: dict[int, list[int]] = {}
    for k, (req, _text) in enumerate(known):
        by_req.setdefault(req, []).append(k)
    goals = [n + j for j, item in enumerate(items) if isinstance(item, Goal)]
    out: dict[int, tuple[Candidate, ...]] = {}
    for i in range(n):
        if i in skip:
            out[i] = ()
            continue
        scores = index.scores(i, docs_range)
        lifted: dict[int, list[float]] = {}  # candidate → its similarity to each confirmed answer
        if i in by_req:  # the party's own words for what answers it
            for k in by_req[i]:
                for d, v in extra.scores(m + k, list(range(m))).items():
                    lifted.setdefault(d, []).append(v)
            count = len(by_req[i])
            for d, vs in lifted.items():  # the mean over the confirmed answers: as many plans as there are
                if sum(vs) / count >= LIFT_FROM:  # like their answers, not only a shared word
                    scores[n + d] = scores.get(n + d, 0.0) + EVIDENCE_WEIGHT * sum(vs) / count
        for d in goals:
            if d in scores:
                scores[d] *= GOAL_FACTOR
        best = _best(scores)
        keep = shown([round(s, 3) for _d, s in best])  # as shown: a runner-up at 0.150 is at ALSO_AT
        out[i] = tuple(Candidate(items[d - n], round(s, 3), tuple(index.shared(i, d, 3)),
                                 sum(v >= MAYBE_AT for v in lifted.get(d - n, ())))
                       for d, s in best[:keep])
    return out


def _best(scores: dict[int, float]) -> list[tuple[int, float]]:
    """The TOP best (document, score), best first, on a tie the earlier document first."""
    ranked = sorted(scores.items(), key=itemgetter(1), reverse=True)
    if len(ranked) > TOP:  # all tied with the TOP-th come along, so that the tie goes to the earlier
        at, end = ranked[TOP - 1][1], TOP
        while end < len(ranked) and ranked[end][1] == at:
            end += 1
        del ranked[end:]
    return sorted(ranked, key=lambda p: (-p[1], p[0]))[:TOP]


def learned_from(evidence: Evidence, keys: list[RequirementKey], child: Plan,
                 answered: Collection[int] = ()) -> dict[int, tuple[str, ...]] | None:
    """suggest()'s `evidence` for the child: by position, the other plans' answers to each requirement (`keys`,
    Aligner.asked_keys), except those the child has answered by its own links (`answered`, by position): their
    suggestions are not shown, and learning costs time. benchmarks/alignment.py --links calls this too."""
    if not evidence:
        return None
    mine = path_key(child.path)
    return {i: tuple(o.text for o in evidence.answers(key, mine)) for i, key in enumerate(keys) if i not in answered}


class Aligner:
    """The alignments of a workspace's plans, each computed once: `check`'s rules and summary, coverage and the
    report all ask, and a whole party asks the national plan for its requirements 350 times.

    `evidence`: the other plans' confirmed answers (evidence.py) that the suggestions learn from. By default those
    of the workspace's requested plans, gathered when first needed (`site`, a library user); `check` gathers them
    over all its plans, which its worker processes read in shares, and passes them in (checks/outcomes.py)."""

    def __init__(self, ws: Workspace, evidence: Evidence | None = None):
        self.ws = ws
        self._evidence = evidence
        self._requirements: dict[tuple[str, Level], list[Requirement]] = {}
        self._alignments: dict[str, list[Alignment]] = {}
        self._asked: dict[str, list[tuple[Plan, list[Requirement]]]] = {}
        self._linked: dict[str, dict[tuple[str, int], list[Goal | Measure]]] = {}
        self._priority_of: dict[str, dict[int, Goal]] = {}
        self._marks: dict[str, Marks] = {}

    @property
    def evidence(self) -> Evidence:
        if self._evidence is None:
            self._evidence = Evidence(o for plan in self.ws.plans for o in self.offers(plan))
        return self._evidence

    def requirements(self, parent: Plan, level: Level) -> list[Requirement]:
        key = (parent.path, level)
        if key not in self._requirements:
            self._requirements[key] = requirements_for(parent, level)
        return self._requirements[key]

    def align(self, child: Plan) -> list[Alignment]:
        """The child's alignment with every plan above it that asks something of its level."""
        if child.path not in self._alignments:
            self._alignments[child.path] = self._align(child)
        return self._alignments[child.path]

    def asked(self, child: Plan) -> list[tuple[Plan, list[Requirement]]]:
        """The plans above the child that ask something of its level, each with what it asks; once per plan, as
        align() is (its answers, marks and suggestions all ask). Read-only."""
        found = self._asked.get(child.path)
        if found is None:
            level = child.meta.level
            if level is None or level is Level.NASJONALT or not level.in_party:
                found = []  # the national plan has no plan above it; nothing in the party's plans is asked of `annet`
            else:
                found = [(p, reqs) for p in self.ws.ancestors(child)
                         if p.meta.level is not level and (reqs := self.requirements(p, level))]
            self._asked[child.path] = found
        return found

    def asked_keys(self, child: Plan) -> list[RequirementKey]:
        """What the child is asked, as the evidence names it: the keys its suggestions learn from."""
        level = child.meta.level.value if child.meta.level else ""
        return [(key, level, r.id) for parent, reqs in self.asked(child) for key in (path_key(parent.path),)
                for r in reqs]

    def offers(self, plan: Plan) -> list[Offer]:
        """The plan's written links to what the plans above it ask of its level: its confirmed answers, which the
        other plans' suggestions learn from. A link that does not resolve, or resolves to something not asked of
        the plan's level, offers nothing; nor does an item that only repeats the requirement (a draft from
        `arbeidsplan new`, not yet written in the branch's own words: it says nothing the requirement does not)."""
        asked = {id(r.item): (key, r.id, _plain(r.text))
                 for parent, reqs in self.asked(plan) for key in (path_key(parent.path),) for r in reqs}
        if not asked:
            return []
        level = plan.meta.level.value  # type: ignore[union-attr]  # asked() is empty without a level
        ancestors = self.ws.ancestors(plan)
        mine, out = path_key(plan.path), []
        for item in candidates_of(plan):
            for link in item.links:
                res = resolve(link, ancestors)
                if res.ok and id(res.target[1]) in asked:
                    parent, req_id, asked_text = asked[id(res.target[1])]
                    if _plain(item_text(item)) not in asked_text:
                        out.append(Offer((parent, level, req_id), mine, item_text(item)))
        return out

    def linked(self, child: Plan) -> dict[tuple[str, int], list[Goal | Measure]]:
        """links_into() for the child and the plans above it, once (its answers and its alignment both ask)."""
        if child.path not in self._linked:
            self._linked[child.path] = links_into(child, self.ws.ancestors(child))
        return self._linked[child.path]

    def marks(self, child: Plan) -> Marks:
        """The requirements the child's board marked «ikke aktuelt», resolved (notapplicable.py), once."""
        if child.path not in self._marks:
            self._marks[child.path] = marks(child, self.asked(child), self.ws.ancestors(child))
        return self._marks[child.path]

    def answered(self, child: Plan) -> set[int]:
        """What the child answers by its own links or has marked «ikke aktuelt», by place in asked_keys(): its
        suggestions for those are not shown, so they learn from nothing (the cache's digest leaves them out too:
        checks/outcomes.py)."""
        linked = self.linked(child)
        marked = self.marks(child).marked
        return {i for i, r in enumerate(r for _p, reqs in self.asked(child) for r in reqs)
                if (r.plan.path, id(r.item)) in linked or (r.plan.path, id(r.item)) in marked}

    def _align(self, child: Plan) -> list[Alignment]:
        per_parent = self.asked(child)
        if not per_parent:
            return []
        level = child.meta.level
        all_reqs = [r for _p, reqs in per_parent for r in reqs]
        linked = self.linked(child)
        answered = self.answered(child)
        marked = self.marks(child).marked
        skip = {i for i, r in enumerate(all_reqs)  # marked and not linked: nothing to suggest
                if (r.plan.path, id(r.item)) in marked and (r.plan.path, id(r.item)) not in linked}
        suggestions = suggest(all_reqs, child, learned_from(self.evidence, self.asked_keys(child), child, answered),
                              skip)
        out, offset = [], 0
        for parent, reqs in per_parent:
            answers = [Answer(r, tuple(linked.get((parent.path, id(r.item)), ())), suggestions[offset + i],
                              _reason(marked.get((parent.path, id(r.item)))))
                       for i, r in enumerate(reqs)]
            offset += len(reqs)
            out.append(Alignment(child, parent, level,  # type: ignore[arg-type]
                                 _coverage(parent, answers, linked, self._themes(parent))))
        return out

    def _themes(self, parent: Plan) -> dict[int, Goal]:
        """priority_of(parent), once per parent: every plan below it asks."""
        if parent.path not in self._priority_of:
            self._priority_of[parent.path] = priority_of(parent)
        return self._priority_of[parent.path]


def _coverage(parent: Plan, answers: list[Answer], linked: dict[tuple[str, int], list[Goal | Measure]],
              theme_of: dict[int, Goal]) -> tuple[PriorityCoverage, ...]:
    """The answers grouped under the parent's priorities (`theme_of`: priority_of(parent)), with the child items
    linked to each priority itself."""
    coverage = []
    for goal in priorities(parent):
        mine = tuple(a for a in answers if a.requirement.priority is goal)
        theme_links = tuple(item for (path, ident), got in linked.items() if path == parent.path
                            and theme_of.get(ident) is goal for item in got)
        coverage.append(PriorityCoverage(goal, mine, theme_links))
    orphans = tuple(a for a in answers if a.requirement.priority is None)
    if orphans:
        coverage.append(PriorityCoverage(None, orphans, ()))
    return tuple(coverage)


def _reason(mark: NotApplicable | None) -> str | None:
    return mark.reason if mark is not None else None


def link_text(requirement: Requirement, ancestors: list[Plan]) -> str:
    """How the child writes a link to this requirement: the bare id, or qualified when it is ambiguous."""
    return link_to(requirement.id, requirement.plan, ancestors)


def _plain(text: str) -> str:
    """A text as compared for «only repeats the requirement»: lower case, single spaces."""
    return " ".join(text.casefold().split())


def as_in_others(alike: int, level: Level | None) -> str:
    """How a suggestion says that other plans confirmed answers like it (Candidate.alike): «som i 3 andre
    lokallag». Empty when none did."""
    if not alike or level is None:
        return ""
    return message("align.as_in_others", n=alike, level=message(f"level.{level.value}"))


def why(shared: tuple[str, ...], alike: int, level: Level | None) -> str:
    """Why a candidate was suggested, as check shows it: the words it shares with the requirement, and how many
    other plans of its level confirmed an answer like it."""
    return "; ".join(part for part in (", ".join(shared), as_in_others(alike, level)) if part)


def link_key(plan: Plan) -> str:
    """How the plan writes a link: «svarar på» in a nynorsk plan, «svarer på» in the others (both are read), in
    whatever language the hint around it is."""
    return str(catalogue("nn" if plan.meta.language == "nynorsk" else "nb")["align.link_key"])


def confirm_line(item: Goal | Measure, link: str, key: str = "svarer på") -> str:
    """The exact text to add to the child plan to confirm that `item` answers `link`; `key`: link_key()."""
    existing = list(dict.fromkeys(item.links))  # a link written twice is shown once
    value = ", ".join(existing + [link])
    column = f"{key[:1].upper()}{key[1:]}"  # a column's or a paragraph's: «Svarer på: …»
    if isinstance(item, Measure) and item.in_table:  # the cell to fill, or the column the table lacks
        return message("align.fill_cell" if item.links_column else "align.add_cell", link=value, line=item.span.line,
                       column=column)
    if isinstance(item, Measure) or item.section in (Section.DELMAL, Section.PRIORITERINGER):
        how = "align.change_attribute" if existing else "align.add_attribute"  # one line, not a second beside it
        return message(how, text=f"  - {key}: {value}", line=item.span.line, key=key)
    how = "align.change_paragraph" if existing else "align.add_paragraph"
    return message(how, text=f"{column}: {value}", line=item.span.line, column=column)
