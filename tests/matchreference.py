"""The text matching as it was before it was made fast (main at 6467206: align/textmatch.py's Vocabulary.split,
word_features and Index; align/alignment.py's suggest, requirement_document and candidate_documents), kept
word for word as the plain reference the fast one must equal: every feature, score and shared word, to the
last bit. It shares only what did not change: the words (tokens, stems, concepts, a text's plain features)
and shown(), and the words a why shows as the plan wrote them (written_words, since 8 December: a phrase or a
spelling read as another word is shown as written, where before it was left out). Its suggest() has since
learned what learning from links added (wip/links: a candidate lifted only when like the answers, LIFT_FROM; how
many it is like, Candidate.alike), in the plain form, and to skip the requirements a plan marks «ikke aktuelt»
(wip/ikke-aktuelt: no candidates, the index as before)."""

from __future__ import annotations

import math
import re
from collections import Counter

from arbeidsplan.align.alignment import (CONTEXT_WEIGHT, DESCRIPTION_WEIGHT, EVIDENCE_WEIGHT, GOAL_FACTOR,
                                         LIFT_FROM, MAYBE_AT, PURPOSE_WEIGHT, TOP, Candidate, shown)
from arbeidsplan.align.textmatch import (CONCEPT_WEIGHT, CONCEPTS, OWN_LEVEL_WORDS, Document, _concepts,
                                         _plain_features, stem, tokens, written_words)
from arbeidsplan.model import Goal, GoalKind


class Vocabulary:
    def __init__(self, stems: frozenset[str]):
        self.stems = stems
        self._parts: dict[str, list[str]] = {}

    def parts(self, word: str) -> list[str]:
        if word not in self._parts:
            self._parts[word] = self.split(word)
        return self._parts[word]

    def split(self, word: str) -> list[str]:
        fallback: list[str] = []
        for i in range(len(word) - 4, 3, -1):
            head, tail = word[:i], word[i:]
            if head not in self.stems:
                continue
            for joint in ("s", "e", ""):
                if not tail.startswith(joint):
                    continue
                rest = tail[len(joint):]
                if len(rest) < 4:
                    continue
                if stem(rest) in self.stems:
                    return [stem(head), stem(rest)]
                if not fallback:
                    fallback = [stem(head), stem(rest)]
        return fallback


def word_features(text: str, vocab: Vocabulary | None, ignore: frozenset[str] = frozenset(),
                  common: frozenset[str] = frozenset()) -> dict[str, float]:
    plain, long = _plain_features(text, ignore)
    parts = [part for w, s in long if s not in common for part in vocab.parts(w)] if vocab is not None else []
    if not parts:
        return plain
    feats: Counter[str] = Counter(plain)
    for part in parts:
        feats[part] += 0.5
        for c in _concepts(part):
            feats[c] += 0.5 * CONCEPT_WEIGHT
    return feats


def _weighted(parts: Document, features) -> dict[str, float]:
    total: dict[str, float] = {}
    get = total.get
    for text, weight in parts:
        for k, v in features(text).items():
            total[k] = get(k, 0) + v * weight
    return total


class Index:
    K1 = 1.2
    B = 0.5

    def __init__(self, docs: list[Document | str], ignore: frozenset[str] = frozenset()):
        parts = [[(d, 1.0)] if isinstance(d, str) else d for d in docs]
        words = {w for doc in parts for t, _ in doc for w in tokens(t, ignore)}
        self.vocab = Vocabulary(frozenset({stem(w) for w in words} | words | set(CONCEPTS)))
        stem_df: Counter[str] = Counter()
        for doc in parts:
            stem_df.update({stem(w) for t, _ in doc for w in tokens(t, ignore)})
        common = frozenset(k for k, v in stem_df.items() if v >= 3)
        self._word_cache: dict[str, dict[str, float]] = {}

        def words(text: str) -> dict[str, float]:
            if text not in self._word_cache:
                self._word_cache[text] = word_features(text, self.vocab, ignore, common)
            return self._word_cache[text]
        self._words = words
        self._main = [doc[0][0] if doc else "" for doc in parts]
        self._ignore = ignore
        self.features = [_weighted(doc, self._words) for doc in parts]
        df: Counter[str] = Counter()
        for f in self.features:
            df.update(f.keys())
        n = len(self.features)
        self.idf = {k: math.log(1 + (n - v + 0.5) / (v + 0.5)) for k, v in df.items()}
        self.lengths = [sum(f.values()) for f in self.features]
        self.average = (sum(self.lengths) / n) if n and sum(self.lengths) else 1.0
        self._norms = [self.K1 * (1 - self.B + self.B * length / self.average) for length in self.lengths]
        self._postings: dict[str, list[tuple[int, float]]] | None = None
        self._own: dict[int, list[tuple[str, tuple[str, ...]]]] = {}

    def scores(self, query: int, docs: list[int]) -> dict[int, float]:
        if self._postings is None:
            self._postings = {}
            k1 = self.K1 + 1
            for i, f in enumerate(self.features):
                norm = self._norms[i]
                for term, tf in f.items():
                    self._postings.setdefault(term, []).append((i, tf * k1 / (tf + norm)))
        wanted = set(docs)
        explained: dict[int, float] = {}
        get = explained.get
        possible = 0.0
        postings = self._postings
        for term, qtf in self.features[query].items():
            weight = self.idf[term] * (qtf if qtf < 2.0 else 2.0)
            possible += weight
            for d, saturated in postings.get(term, ()):
                if d in wanted:
                    explained[d] = get(d, 0.0) + weight * saturated
        if not possible:
            return {}
        return {d: v / possible for d, v in explained.items()}

    def shared(self, query: int, doc: int, n: int = 4) -> list[str]:
        q = self.features[query]
        found: dict[str, float] = {}
        idf = self.idf
        for w, keys in self._own_words(doc):
            weight = sum(idf.get(k, 0.0) * q[k] for k in keys if k in q)
            if weight > 0.0:
                found[w] = weight
        return sorted(found, key=lambda w: -found[w])[:n]

    def _own_words(self, doc: int) -> list[tuple[str, tuple[str, ...]]]:
        if doc not in self._own:
            self._own[doc] = [(shown, tuple(self._words(" ".join(reads))))
                              for shown, reads in written_words(self._main[doc], self._ignore)]
        return self._own[doc]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", text.strip()) if s]


_PURPOSE = re.compile(r",\s+for\s+å\s+")


def requirement_document(req) -> Document:
    first, *rest = _sentences(req.text) or [req.text]
    head, *purpose = _PURPOSE.split(first, maxsplit=1)
    return ([(head, 1.0)] + [(p, PURPOSE_WEIGHT) for p in purpose]
            + [(s, CONTEXT_WEIGHT) for s in rest])


def candidate_documents(plan) -> tuple[list, list[Document]]:
    items: list = []
    docs: list[Document] = []

    def visit(goal: Goal, chain: list[Goal]) -> None:
        context = [(g.title, CONTEXT_WEIGHT) for g in chain]
        description = _sentences(goal.description)
        if goal.kind is not GoalKind.AREA:
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


def suggest(requirements, child, evidence=None, skip=()) -> dict[int, tuple[Candidate, ...]]:
    items, docs = candidate_documents(child)
    if not requirements or not items:
        return {i: () for i in range(len(requirements))}
    own = OWN_LEVEL_WORDS.get(child.meta.level.value if child.meta.level else "", set())
    evidence = evidence or {}
    known = [(i, text) for i in range(len(requirements)) for text in evidence.get(i, ())]
    n, m = len(requirements), len(items)
    index = Index([requirement_document(r) for r in requirements] + docs, ignore=frozenset(own))
    extra = Index(docs + [[(t, 1.0)] for _i, t in known], ignore=frozenset(own)) if known else None
    docs_range = list(range(n, n + m))
    by_req: dict[int, list[int]] = {}
    for k, (req, _text) in enumerate(known):
        by_req.setdefault(req, []).append(k)
    out: dict[int, tuple[Candidate, ...]] = {}
    for i in range(n):
        if i in skip:
            out[i] = ()
            continue
        scores = index.scores(i, docs_range)
        lifted: dict[int, list[float]] = {}
        if i in by_req:
            for k in by_req[i]:
                for d, v in extra.scores(m + k, list(range(m))).items():
                    lifted.setdefault(d, []).append(v)
            count = len(by_req[i])
            for d, vs in lifted.items():
                if sum(vs) / count >= LIFT_FROM:
                    scores[n + d] = scores.get(n + d, 0.0) + EVIDENCE_WEIGHT * sum(vs) / count
        scored = sorted(((s * (GOAL_FACTOR if isinstance(items[d - n], Goal) else 1.0), d - n)
                         for d, s in scores.items()), key=lambda p: (-p[0], p[1]))
        keep = shown([round(s, 3) for s, _j in scored[:TOP]])
        out[i] = tuple(Candidate(items[j], round(s, 3), tuple(index.shared(i, n + j, 3)),
                                 sum(v >= MAYBE_AT for v in lifted.get(j, ())))
                       for s, j in scored[:keep])
    return out

