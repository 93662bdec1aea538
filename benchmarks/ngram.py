"""Would a second lexical signal lift the suggestions? Character n-grams beside the shipped BM25, measured on the
train split of the labelled set (issue 12), leaving one child plan out at a time.

    python benchmarks/ngram.py
    python benchmarks/ngram.py --speed /tmp/parti   # whole-party alignment time (benchmarks/generate.py /tmp/parti)

Signal: each document of the shipped index (the same documents, with the same weighted parts: a measure, its goal
and the goals above it; a requirement's first sentence and its later ones) also becomes a bag of character 3–5-grams
of its words (the words `textmatch.tokens` keeps: stop words and the plan's own level left out, nynorsk forms
mapped), each word padded at both ends («<dør», «ing>»). Two n-gram scores are tried: TF-IDF cosine (sublinear
tf), and the shipped BM25 «share of the requirement explained» over the n-grams instead of word features. Each is
combined with the shipped score as a weighted sum (1 - w)·bm25 + w·ngram, a max(bm25, w·ngram), and a weighted
geometric mean bm25^(1-w)·ngram^w. Norwegian compounds and inflections (dørbankansvarlig ~ dørbanking,
skoleringsrekke ~ skolering, folkevalgtkonferanse ~ folkevalgte) are where it could help.

A second, cheaper idea: the requirement's first clause (up to the first comma, «og»-less) weighted up, on the
theory that the verb phrase says what is asked and the rest says how or why («first clause» rows).

A third: a residual fuzzy match («residual add»): only the requirement's words whose stem the candidate lacks,
credited by their best look-alike word in it (n-gram Dice >= 0.4), added to the shipped score; and the n-gram score
used only to re-order what the shipped score shows («order only»: the shipped gap decision and number shown).
And the weight of context (CONTEXT_WEIGHT, the goals above a measure and a requirement's later sentences).

Every row: the threshold chosen on the other plans (as benchmarks/alignment.py does), per variant; «ranking
alone» is the order without any threshold (no gaps). The last rows choose the variant (and its weight) AND the
threshold on the other plans, and score the plan left out: that is the figure to compare with the shipped one,
since the best single row is chosen with the answers in view. Nothing here reads the test split.
`--speed PARTY` times whole-party alignment in one process with the shipped index and two n-gram ones (these are
straightforward prototypes, not tuned for speed: pure Python over every candidate).

What it printed when written (2026-11, train split: 82 requirements, 65 answered, 17 gaps, five plans; shipped
P@1 0.71, R@3 0.89, 13 of 17 gaps, 3 false gaps; ranking alone 0.74 / 0.92): no variant raises precision@1, by
itself or with the threshold cross-validated. A weighted sum lifts recall@3 without a threshold (0.95 at w 0.1–0.3)
but not precision@1 (0.72–0.74), and with the threshold it costs 2–11 false gaps: n-grams of generic words
(«lokal», «medlem», «politisk») raise every candidate's score, the gaps' best ones too, so the gap decision gets
worse. «Order only» keeps the gaps and gives R@3 0.92, P@1 0.69–0.71. Max never changes the best candidate
(w·n-gram stays under the BM25 score); the geometric mean and the residual match are worse; so is weighting the
first clause (0.69, 4 false gaps) and any other context weight (0.68–0.69). Chosen by cross-validation among all
n-gram variants: P@1 0.63, R@3 0.86, 7 false gaps. The misses left (benchmarks/alignment.py -v) are of meaning,
not morphology — which of three measures for the elected representatives answers «møteplasser for de folkevalgte»
— and the compound splitter, the -ing rule and the thesaurus already cover dørbankansvarlig ~ dørbanking and
skoleringsrekke ~ skolering. So nothing is shipped. Speed (366 plans, /tmp/parti from benchmarks/generate.py):
alignment 1.2 s shipped, 10.5 s with the cosine prototype, 7.3 s with the residual one.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import alignment as bench  # noqa: E402  (benchmarks/alignment.py)
from arbeidsplan.align import alignment  # noqa: E402
from arbeidsplan.align.textmatch import Index, stem, tokens  # noqa: E402

SIZES = (3, 4, 5)
WEIGHTS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.7)
CONTEXT_WEIGHTS = (0.15, 0.25, 0.45, 0.6)  # the shipped 0.35 is the «shipped» row


def grams(text: str, ignore: frozenset[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for w in tokens(text, ignore):
        padded = f"<{w}>"
        for n in SIZES:
            for i in range(len(padded) - n + 1):
                out[padded[i:i + n]] += 1
    return out


class Ngrams:
    """Character n-gram vectors of the same documents as an Index: cosine (TF-IDF) or BM25 share."""

    K1, B = Index.K1, Index.B

    def __init__(self, docs, ignore: frozenset[str]):
        parts = [[(d, 1.0)] if isinstance(d, str) else d for d in docs]
        self.tf: list[dict[str, float]] = []
        for doc in parts:
            total: dict[str, float] = {}
            for text, weight in doc:
                for g, c in grams(text, ignore).items():
                    total[g] = total.get(g, 0.0) + c * weight
            self.tf.append(total)
        n = len(self.tf)
        df: Counter[str] = Counter()
        for f in self.tf:
            df.update(f.keys())
        self.idf = {g: math.log((n + 1) / (v + 1)) + 1 for g, v in df.items()}
        self.bm25_idf = {g: math.log(1 + (n - v + 0.5) / (v + 0.5)) for g, v in df.items()}
        self.vec = []
        for f in self.tf:
            v = {g: (1 + math.log(c) if c >= 1 else c) * self.idf[g] for g, c in f.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            self.vec.append({g: x / norm for g, x in v.items()})
        lengths = [sum(f.values()) for f in self.tf]
        average = (sum(lengths) / n) if n and sum(lengths) else 1.0
        self.norms = [self.K1 * (1 - self.B + self.B * length / average) for length in lengths]

    def cosine(self, query: int, docs: list[int]) -> dict[int, float]:
        q = self.vec[query]
        return {d: s for d in docs if (s := sum(x * self.vec[d].get(g, 0.0) for g, x in q.items())) > 0}

    def share(self, query: int, docs: list[int]) -> dict[int, float]:
        q = self.tf[query]
        possible = sum(self.bm25_idf[g] * min(c, 2.0) for g, c in q.items()) or 1.0
        out = {}
        for d in docs:
            f, norm, got = self.tf[d], self.norms[d], 0.0
            for g, c in q.items():
                tf = f.get(g)
                if tf:
                    got += self.bm25_idf[g] * min(c, 2.0) * tf * (self.K1 + 1) / (tf + norm)
            if got:
                out[d] = got / possible
        return out


@lru_cache(maxsize=None)
def gram_set(word: str) -> frozenset[str]:
    padded = f"<{word}>"
    return frozenset(padded[i:i + n] for n in SIZES for i in range(len(padded) - n + 1))


@lru_cache(maxsize=None)
def dice(a: str, b: str) -> float:
    x, y = gram_set(a), gram_set(b)
    return 2 * len(x & y) / (len(x) + len(y))


class Fuzzy:
    """Residual fuzzy word matches: the share of the requirement's (IDF-weighted) words whose stem the document
    lacks but which have a look-alike word in it (character n-gram Dice >= CUT), credited by that similarity.
    Only what the shipped features missed: a stem already shared is BM25's, not counted twice."""

    CUT = 0.4

    def __init__(self, docs, ignore: frozenset[str]):
        parts = [[(d, 1.0)] if isinstance(d, str) else d for d in docs]
        self.words: list[dict[str, float]] = []
        for doc in parts:
            got: dict[str, float] = {}
            for text, weight in doc:
                for w in tokens(text, ignore):
                    got[w] = max(got.get(w, 0.0), weight)
            self.words.append(got)
        self.stems = [{stem(w) for w in ws} for ws in self.words]
        df: Counter[str] = Counter()
        for st in self.stems:
            df.update(st)
        n = len(self.words)
        self.idf = {k: math.log(1 + (n - v + 0.5) / (v + 0.5)) for k, v in df.items()}

    def residual(self, query: int, docs: list[int]) -> dict[int, float]:
        q = [(w, stem(w), x) for w, x in self.words[query].items()]
        possible = sum(self.idf[s] * x for _w, s, x in q) or 1.0
        out = {}
        for d in docs:
            got = 0.0
            for w, s, x in q:
                if s in self.stems[d]:
                    continue
                best = max((dice(w, v) * y for v, y in self.words[d].items()), default=0.0)
                if best >= self.CUT:
                    got += self.idf[s] * x * best
            if got:
                out[d] = got / possible
        return out


def combine(how: str, w: float, a: float, b: float) -> float:
    if how == "sum":
        return (1 - w) * a + w * b
    if how == "add":
        return a + w * b
    if how == "max":
        return max(a, w * b)
    return (a ** (1 - w)) * (b ** w) if a and b else 0.0  # "geo"


def variant(kind: str, how: str, w: float):
    """An Index that scores as the shipped one, combined with the n-gram score."""

    class Combined(Index):
        def __init__(self, docs, ignore=frozenset()):
            super().__init__(docs, ignore)
            self._grams = Fuzzy(docs, ignore) if kind == "residual" else Ngrams(docs, ignore)

        def scores(self, query, docs):
            base = super().scores(query, docs)
            extra = getattr(self._grams, kind)(query, docs)
            return {d: s for d in set(base) | set(extra)
                    if (s := combine(how, w, base.get(d, 0.0), extra.get(d, 0.0))) > 0}

    return Combined


def first_clause(factor: float):
    """requirement_document with the first clause of the first sentence counted `factor` times more."""
    shipped = alignment.requirement_document

    def document(req):
        doc = shipped(req)
        first = doc[0][0]
        head = first.split(",")[0]
        if head == first or len(head.split()) < 3:
            return doc
        return doc + [(head, factor - 1.0)]

    return document


def reordered(shipped: list, other: list) -> list:
    """The shipped gap decision and number shown (its scores), in the order of `other`: the n-gram signal used only
    to re-order the candidates, never to decide that a requirement is answered."""
    out = []
    for pair_a, pair_b in zip(shipped, other):
        rows = []
        for (req, gold, a), (_r, _g, b) in zip(pair_a, pair_b):
            rows.append((req, gold, [(i, s) for (i, _x), (_y, s) in zip(b, a)]))
        out.append(rows)
    return out


def figures(total) -> dict[str, float]:
    """Pooled sums (alignment.pooled) as the figures the benchmarks print."""
    return {"precision@1": total["p1"] / total["answered"], "recall@3": total["r3"] / total["answered"],
            "hull": total["gaps_found"], "av": total["gaps"], "falske_hull": total["false_gaps"],
            "besvart": total["answered"]}


def cross_validate(table: dict[str, list], children: list[str], names: list[str],
                   grid: list[float] | None = None) -> dict[str, float]:
    """Leave one child plan out: choose the variant among `names` and the threshold (from `grid`, default
    alignment.py's) on the others, score the one left out, and pool the figures as alignment.py does."""
    total = bench.pooled()
    picked = []
    for held in dict.fromkeys(children):
        def fit(name_t):
            name, t = name_t
            return bench.objective(bench.metrics([p for p, c in zip(table[name], children) if c != held], t))
        name, t = max(((n, t) for n in names for t in (grid or bench.THRESHOLDS)), key=fit)
        picked.append(f"{Path(held).parent.name}:{name}@{t}")
        bench.add_to(total, bench.metrics([p for p, c in zip(table[name], children) if c == held], t))
    return figures(total) | {"valgt": " ".join(picked)}


def speed(party: str) -> None:
    """Whole-party alignment (every plan against the plans above it, in one process), shipped index against the
    n-gram one (cosine, weighted sum: what the signal would cost if shipped); median of three runs each."""
    import statistics

    from arbeidsplan.read.workspace import load

    ws = load([Path(party) / "plans"])
    shipped = alignment.Index
    for name, index in (("shipped", shipped), ("cosine sum 0.2", variant("cosine", "sum", 0.2)),
                        ("residual add 0.2", variant("residual", "add", 0.2))):
        alignment.Index = index
        times = []
        for _ in range(3):
            aligner = alignment.Aligner(ws)
            t0 = time.perf_counter()
            for plan in ws.plans:
                aligner.align(plan)
            times.append(time.perf_counter() - t0)
        print(f"{name:24} {statistics.median(times):6.2f} s  ({len(ws.plans)} plans)")
    alignment.Index = shipped


def main() -> None:
    if sys.argv[1:2] == ["--speed"]:
        return speed(sys.argv[2])
    started = time.perf_counter()
    cases = bench.cases("train")
    children = [c[0].path for c in cases]
    table: dict[str, list] = {}
    shipped_index, shipped_doc = alignment.Index, alignment.requirement_document
    shipped_context = alignment.CONTEXT_WEIGHT
    try:
        table["shipped"] = bench.ranked(cases)
        for kind in ("cosine", "share"):
            for how in ("sum", "add", "max", "geo"):
                for w in WEIGHTS:
                    alignment.Index = variant(kind, how, w)
                    table[f"{kind} {how} {w}"] = bench.ranked(cases)
        for w in WEIGHTS:
            alignment.Index = variant("residual", "add", w)
            table[f"residual add {w}"] = bench.ranked(cases)
        alignment.Index = shipped_index
        for factor in (1.5, 2.0, 3.0):
            alignment.requirement_document = first_clause(factor)
            table[f"first clause x{factor}"] = bench.ranked(cases)
        alignment.requirement_document = shipped_doc
        for weight in CONTEXT_WEIGHTS:
            alignment.CONTEXT_WEIGHT = weight
            table[f"context weight {weight}"] = bench.ranked(cases)
    finally:
        alignment.Index, alignment.requirement_document = shipped_index, shipped_doc
        alignment.CONTEXT_WEIGHT = shipped_context

    for name in [n for n in table if n.startswith(("cosine sum", "share sum"))]:
        table[f"{name} (order only)"] = reordered(table["shipped"], table[name])
    print(f"{'variant':30} {'P@1':>5} {'R@3':>5} {'hull':>7} {'falske':>7}   {'ranking alone: P@1':>18} {'R@3':>5}")
    for name in table:
        m = cross_validate(table, children, [name])
        r = bench.metrics(table[name], 0.0)
        print(f"{name:30} {m['precision@1']:5.2f} {m['recall@3']:5.2f} {m['hull']:3d}/{m['av']:<3d} "
              f"{m['falske_hull']:4d}/{m['besvart']}   {r['precision@1']:18.2f} {r['recall@3']:5.2f}")
    print()
    print("Variant and threshold both chosen on the other plans (the honest figure for each family):")
    families = {
        "shipped": ["shipped"],
        "n-grams (all)": [n for n in table if n.startswith(("cosine", "share"))] + ["shipped"],
        "cosine sum": [n for n in table if n.startswith("cosine sum") and "order" not in n] + ["shipped"],
        "share sum": [n for n in table if n.startswith("share sum") and "order" not in n] + ["shipped"],
        "order only": [n for n in table if n.endswith("(order only)")] + ["shipped"],
        "residual add": [n for n in table if n.startswith("residual")] + ["shipped"],
        "first clause": [n for n in table if n.startswith("first")] + ["shipped"],
        "context weight": [n for n in table if n.startswith("context")] + ["shipped"],
    }
    for family, names in families.items():
        m = cross_validate(table, children, names)
        print(f"{family:30} {m['precision@1']:5.2f} {m['recall@3']:5.2f} {m['hull']:3d}/{m['av']:<3d} "
              f"{m['falske_hull']:4d}/{m['besvart']}   {m['valgt']}")
    print(f"Tid: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
