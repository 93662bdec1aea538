"""Would a learned re-ranker or a learned gap decision beat the shipped score and threshold? Measured on the
train split of the labelled set, leaving one child plan out at a time (the weights are fitted on the others).

    python benchmarks/rerank.py

Re-ranker: a logistic regression over features of each (requirement, candidate) pair among the best EIGHT by the
shipped score — the score itself, the score relative to the best, whether the candidate sits under the child
goal whose heading best matches the heading of the national priority the requirement belongs to (plans are
organised by the same themes), whether the candidate is a goal, its length, how many of its words are shared,
and whether it scores higher for another requirement of the same parent (it is that one's answer). Scored on
the ranking alone (no threshold): precision@1 and recall@3 of the requirements that have an answer.

Gap decision: a logistic regression over features of each requirement's best candidate — its score, its score
relative to the child plan's median best score, the margin to the runner-up, and the same
«another requirement's answer» ratio — with the probability cut-off chosen on the training plans; against the
shipped rule (one threshold, chosen on the training plans the same way).

What it printed when written (2026-11, five train plans): the shipped ranking gives P@1 0.74, R@3 0.92 without
a threshold; no learned one is better on both (the best P@1, 0.75 with «shared words» at one penalty and 0.71 at
the other, has R@3 0.91; the best R@3, 0.94 with «goal + length», has P@1 0.71): one or two requirements of 65.
No gap model beat the one threshold (13 of 17 gaps found, 3 false gaps). So nothing learned is shipped: with 65
answered requirements from five plans the weights follow the plan left out, not the language.
Pure Python (no numpy): the data are a few hundred rows.
"""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import alignment as bench  # noqa: E402  (benchmarks/alignment.py)
from arbeidsplan.align import alignment  # noqa: E402
from arbeidsplan.align.textmatch import OWN_LEVEL_WORDS, Index  # noqa: E402
from arbeidsplan.model import Goal  # noqa: E402

TOPK = 8
NAMES = ["score", "relativ", "tema", "mål", "lengde", "delte ord", "annet svar"]


def owners(plan) -> dict[int, list[Goal]]:
    """id(item) → the goal it belongs to (itself for a goal) and the goals above it."""
    out: dict[int, list[Goal]] = {}

    def visit(goal: Goal, chain: list[Goal]) -> None:
        out[id(goal)] = [goal, *chain]
        for m in goal.measures:
            out[id(m)] = [goal, *chain]
        for child in goal.goals:
            visit(child, [goal, *chain])

    for goal in plan.goals:
        visit(goal, [])
    return out


def theme(reqs, child) -> dict[tuple[int, int], float]:
    """(id(priority), id(child goal)) → how well the goal's heading matches the priority's, relative to the
    child goal that matches it best."""
    prios = list({id(r.priority): r.priority for r in reqs if r.priority is not None}.values())
    goals = list(child.walk_goals())
    own = frozenset(OWN_LEVEL_WORDS.get(child.meta.level.value, set()))
    index = Index([p.title for p in prios] + [g.title for g in goals], ignore=own)
    out = {}
    for i, p in enumerate(prios):
        got = index.scores(i, list(range(len(prios), len(prios) + len(goals))))
        best = max(got.values(), default=0.0) or 1.0
        for j, g in enumerate(goals):
            out[(id(p), id(g))] = got.get(len(prios) + j, 0.0) / best
    return out


def rows_of(cases):
    """Per requirement of one child plan's labelled cases: (labelled answers, [(item id, features)]) best first by
    the shipped score, computed as `check` does (one call over all the child's parents' requirements)."""
    child = cases[0][0]
    reqs = [r for _c, _p, case_reqs, _l in cases for r in case_reqs]
    labels = [case_labels[r.id] for _c, _p, case_reqs, case_labels in cases for r in case_reqs]
    saved = alignment.SUGGEST_AT, alignment.ALSO_AT, alignment.TOP
    alignment.SUGGEST_AT, alignment.ALSO_AT, alignment.TOP = 0.0, 0.0, 10_000
    try:
        got = alignment.suggest(reqs, child)
    finally:
        alignment.SUGGEST_AT, alignment.ALSO_AT, alignment.TOP = saved
    chain, themes = owners(child), theme(reqs, child)
    column: dict[tuple[str, int], list[tuple[float, int]]] = {}  # within one parent: its requirements compete
    for i, req in enumerate(reqs):
        for c in got[i]:
            column.setdefault((req.plan.path, id(c.item)), []).append((c.score, i))
    out = []
    for i, req in enumerate(reqs):
        best = got[i][0].score if got[i] else 1.0
        feats = []
        for c in got[i][:TOPK]:
            other = max((s for s, k in column[(req.plan.path, id(c.item))] if k != i), default=0.0)
            on_theme = max((themes.get((id(req.priority), id(g)), 0.0) for g in chain.get(id(c.item), [])),
                           default=0.0)
            feats.append((c.item.id, [c.score, c.score / best, on_theme, float(isinstance(c.item, Goal)),
                                      math.log1p(len(alignment.item_text(c.item).split())) / 4, len(c.shared) / 3,
                                      min(other / c.score, 3.0) if c.score else 0.0]))
        out.append((labels[i], feats))
    return out


def fit(xs: list[list[float]], ys: list[float], l2: float = 1.0, rounds: int = 30) -> list[float]:
    """Logistic regression by Newton's method with an L2 penalty (not on the intercept, the last weight)."""
    n = len(xs[0]) + 1
    w = [0.0] * n
    data = [x + [1.0] for x in xs]
    for _ in range(rounds):
        grad = [l2 * w[k] if k < n - 1 else 0.0 for k in range(n)]
        hess = [[(l2 if a == b and a < n - 1 else 0.0) for b in range(n)] for a in range(n)]
        for x, y in zip(data, ys):
            z = sum(a * b for a, b in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            for a in range(n):
                grad[a] += (p - y) * x[a]
                for b in range(n):
                    hess[a][b] += p * (1 - p) * x[a] * x[b]
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
    return w


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def value(w: list[float], x: list[float]) -> float:
    return sum(a * b for a, b in zip(w, x + [1.0]))


def rerank(folds, cols, l2) -> tuple[float, float]:
    """precision@1 and recall@3 of the learned ranking, each plan scored with weights fitted on the others."""
    p1 = r3 = answered = 0
    for held in folds:
        xs, ys = [], []
        for plan, rows in folds.items():
            if plan != held:
                for gold, feats in rows:
                    if gold:
                        xs += [[f[c] for c in cols] for _i, f in feats]
                        ys += [float(i in gold) for i, _f in feats]
        w = fit(xs, ys, l2)
        for gold, feats in folds[held]:
            if not gold:
                continue
            answered += 1
            order = [i for _v, _k, i in sorted((-value(w, [f[c] for c in cols]), k, i)
                                                for k, (i, f) in enumerate(feats))]
            p1 += bool(order) and order[0] in gold
            r3 += any(i in gold for i in order[:3])
    return p1 / answered, r3 / answered


def gap_rows(rows):
    bests = [feats[0][1][0] if feats else 0.0 for _g, feats in rows]
    median = statistics.median(bests) or 1.0
    out = []
    for gold, feats in rows:
        f0 = feats[0][1] if feats else [0.0] * len(NAMES)
        second = feats[1][1][0] if len(feats) > 1 else 0.0
        out.append((not gold, [f0[0], f0[0] / median, f0[0] - second, f0[6]]))
    return out


def choose(decide, rows, steps):
    """The cut-off that finds most gaps on `rows` at a cost of three per false gap (the targets weigh a false
    gap far more than a missed one)."""
    gaps = sum(g for g, _x in rows) or 1
    answered = sum(not g for g, _x in rows) or 1
    return max(steps, key=lambda t: sum(decide(x, t) for g, x in rows if g) / gaps
               - 3 * sum(decide(x, t) for g, x in rows if not g) / answered)


def gap_decision(folds, cols, l2):
    """Gaps found, gaps, false gaps, answered: a learned gap decision (cols given) or the one threshold."""
    found = gaps = false = answered = 0
    for held in folds:
        train = [r for plan, rows in folds.items() if plan != held for r in gap_rows(rows)]
        if cols is None:
            def decide(x, t):
                return x[0] < t
            steps = bench.THRESHOLDS
        else:
            w = fit([[x[c] for c in cols] for _g, x in train], [float(g) for g, _x in train], l2)

            def decide(x, t, w=w):
                return 1 / (1 + math.exp(-value(w, [x[c] for c in cols]))) >= t
            steps = [i / 40 for i in range(1, 40)]
        t = choose(decide, train, steps)
        for is_gap, x in gap_rows(folds[held]):
            gaps += is_gap
            answered += not is_gap
            found += is_gap and decide(x, t)
            false += (not is_gap) and decide(x, t)
    return found, gaps, false, answered


def main() -> None:
    cases = bench.cases("train")
    by_child: dict[str, list] = {}
    for case in cases:
        by_child.setdefault(case[0].path, []).append(case)
    folds = {path: rows_of(group) for path, group in by_child.items()}
    print(f"Treningsdel, én plan holdt utenfor om gangen ({len(folds)} planer):")
    print("Omrangering (uten terskel):")
    sets = [[0], [0, 1], [0, 2], [0, 1, 2], [0, 3, 4], [0, 5], [0, 6], [0, 1, 2, 3, 4, 5, 6]]
    for cols in sets:
        for l2 in (0.1, 1.0):
            p1, r3 = rerank(folds, cols, l2)
            label = "score alene (som i dag)" if cols == [0] else " + ".join(NAMES[c] for c in cols)
            print(f"  {label:58} L2={l2:<4} precision@1 {p1:.2f}  recall@3 {r3:.2f}")
    print("Hull (beste kandidat):")
    found, gaps, false, answered = gap_decision(folds, None, 0.0)
    print(f"  {'én terskel (som i dag)':58}          hull {found} av {gaps}, falske hull {false} av {answered}")
    gap_names = ["score", "score / planens median", "margin til nummer to", "annet svar"]
    for cols in ([0, 1], [0, 2], [0, 3], [0, 1, 2, 3]):
        found, gaps, false, answered = gap_decision(folds, cols, 1.0)
        print(f"  {' + '.join(gap_names[c] for c in cols):58} L2=1.0 hull {found} av {gaps}, "
              f"falske hull {false} av {answered}")


if __name__ == "__main__":
    main()
