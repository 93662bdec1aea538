"""How well `check` suggests links: precision@1, recall@3 and true gaps, on the hand-labelled set.

    python benchmarks/alignment.py            # figures at the shipped threshold
    python benchmarks/alignment.py --sweep    # the same for other thresholds
    python benchmarks/alignment.py -v         # every requirement: labelled answers and what was suggested
    python benchmarks/alignment.py --test     # also the held-out test split (look at it once, at the end)
    python benchmarks/alignment.py --split test2  # also another held-out split, by its `del:` (same rule)
    python benchmarks/alignment.py --per-pair # each (child, parent) pair scored alone, not as `check` does
    python benchmarks/alignment.py --links    # learning from links: the other labelled plans' answers count
                                              # as confirmed `svarer på` links (never the plan being scored)

Definitions (per requirement):
- precision@1: of the requirements that have an answer, the share whose best suggestion is a labelled answer
  (a requirement reported as unanswered counts as a miss);
- recall@3:   of the requirements that have an answer, the share with a labelled answer among those shown
              (at most three: the best, and the runners-up above alignment.ALSO_AT, as `check` shows them);
- gaps:       of the true gaps, the share reported as unanswered (no suggestion above the threshold);
- false gaps: requirements that have an answer but were reported as unanswered.
Cross-validation: the threshold is chosen on all child plans but one and scored on that one (both its parents),
in turn; that is the figure to expect on plans the threshold was not tuned on.
The labels marked `del: test` are the test split: left out of every figure unless --test is given, and then
scored at the shipped threshold, which was chosen without them. Any other `del:` (test2: plans written after
issue 12's tuning) is a further held-out split, scored the same way with --split NAME.
Explicit links in the plans are ignored: the question is what the suggestions find on their own.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from arbeidsplan.align import alignment  # noqa: E402
from arbeidsplan.read.workspace import load_plan  # noqa: E402
from arbeidsplan.align.requirements import requirements_for  # noqa: E402

LABELS = ROOT / "benchmarks" / "alignment_labels.yaml"
THRESHOLDS = [round(0.10 + 0.02 * i, 2) for i in range(16)]


def cases(split: str = "train"):
    out = []
    for block in yaml.safe_load(LABELS.read_text(encoding="utf-8")):
        if block.get("del", "train") != split:
            continue
        child, _ = load_plan(ROOT / block["barn"])
        parent, _ = load_plan(ROOT / block["forelder"])
        reqs = requirements_for(parent, child.meta.level)
        labels = {str(k): {str(x) for x in v} for k, v in block["krav"].items()}
        assert set(labels) == {r.id for r in reqs}, f"{block['barn']} vs {block['forelder']}: labels and " \
                                                    f"requirements differ"
        out.append((child, parent, reqs, labels))
    return out


def confirmed(source_cases, child, parent) -> dict[str, tuple[str, ...]]:
    """requirement id → the texts of the labelled answers in the other plans: as if their boards had confirmed
    those links with `svarer på`."""
    out: dict[str, list[str]] = {}
    for other, other_parent, _reqs, labels in source_cases:
        if other.path == child.path or other_parent.path != parent.path:
            continue
        by_id = {}
        for item in alignment.candidates_of(other):
            by_id.setdefault(item.id, item)
        for req_id, answers in labels.items():
            out.setdefault(req_id, []).extend(alignment.item_text(by_id[a]) for a in sorted(answers))
    return {k: tuple(v) for k, v in out.items()}


def ranked(all_cases, evidence_from=None, per_pair: bool = False):
    """Every candidate with its score, per requirement, computed once; thresholds are applied afterwards.
    As `check` does it (Aligner._align): one call per child plan, over the requirements of all its labelled
    parents together, so the figures are those a user gets. `evidence_from`: labelled cases whose answers count
    as confirmed links (never the plan being scored). `per_pair`: one call per (child, parent) pair instead, as
    this benchmark measured before; `check` does not do that, and its scores (and so its gaps) differ."""
    saved = alignment.SUGGEST_AT, alignment.ALSO_AT
    alignment.SUGGEST_AT, alignment.ALSO_AT, alignment.TOP = 0.0, 0.0, 3
    by_child: dict[str, list[int]] = {}
    for k, (child, _parent, _reqs, _labels) in enumerate(all_cases):
        by_child.setdefault(f"{child.path}|{k}" if per_pair else child.path, []).append(k)
    out: list = [None] * len(all_cases)
    try:
        for ks in by_child.values():
            child = all_cases[ks[0]][0]
            reqs = [r for k in ks for r in all_cases[k][2]]
            evidence = {}
            for k in ks:
                _c, parent, case_reqs, _l = all_cases[k]
                known = confirmed(evidence_from, child, parent) if evidence_from else {}
                evidence.update({id(r): known.get(r.id, ()) for r in case_reqs})
            got = alignment.suggest(reqs, child, {i: evidence.get(id(r), ()) for i, r in enumerate(reqs)})
            offset = 0
            for k in ks:
                _c, _p, case_reqs, labels = all_cases[k]
                out[k] = [(req, labels[req.id], [(c.item.id, c.score) for c in got[offset + i]])
                          for i, req in enumerate(case_reqs)]
                offset += len(case_reqs)
        return out
    finally:
        alignment.SUGGEST_AT, alignment.ALSO_AT = saved


def metrics(pairs, threshold: float) -> dict[str, float]:
    p1 = r3 = answered = gaps = gaps_found = false_gaps = 0
    for pair in pairs:
        for _req, gold, scored in pair:
            got = [i for i, _s in scored[:alignment.shown([s for _i, s in scored], threshold)]]
            if gold:
                answered += 1
                p1 += bool(got) and got[0] in gold
                r3 += any(g in gold for g in got[:3])
                false_gaps += not got
            else:
                gaps += 1
                gaps_found += not got
    return {"krav": answered + gaps, "besvart": answered, "hull": gaps,
            "precision@1": p1 / answered if answered else 0.0, "recall@3": r3 / answered if answered else 0.0,
            "hull_funnet": gaps_found / gaps if gaps else 1.0, "falske_hull": false_gaps, "hull_antall": gaps_found}


def objective(m: dict[str, float]) -> float:
    return m["precision@1"] + m["recall@3"] + m["hull_funnet"]


def pooled() -> dict[str, float]:
    """The sums that cross-validation adds each left-out plan's figures to (`add_to`)."""
    return {"p1": 0.0, "r3": 0.0, "answered": 0, "gaps": 0, "gaps_found": 0, "false_gaps": 0}


def add_to(total: dict[str, float], m: dict[str, float]) -> None:
    """One left-out plan's metrics into the pooled sums: the rates weighted by its answered requirements."""
    total["p1"] += m["precision@1"] * m["besvart"]
    total["r3"] += m["recall@3"] * m["besvart"]
    total["answered"] += m["besvart"]
    total["gaps"] += m["hull"]
    total["gaps_found"] += m["hull_antall"]
    total["false_gaps"] += m["falske_hull"]


def cross_validate(pairs, children) -> dict[str, float]:
    """Leave one child plan out: choose the threshold on the others, score the one left out."""
    total = pooled()
    for held in dict.fromkeys(children):
        train = [p for p, c in zip(pairs, children) if c != held]
        best = max(THRESHOLDS, key=lambda t: objective(metrics(train, t)))
        add_to(total, metrics([p for p, c in zip(pairs, children) if c == held], best))
    return {"precision@1": total["p1"] / total["answered"], "recall@3": total["r3"] / total["answered"],
            "hull_funnet": total["gaps_found"] / total["gaps"], "falske_hull": total["false_gaps"]}


def report(title: str, pairs, children, cross: bool = True) -> None:
    m = metrics(pairs, alignment.SUGGEST_AT)
    print(title)
    print(f"Krav: {m['krav']} ({m['besvart']} besvart, {m['hull']} hull) i {len(pairs)} par av planer "
          f"({len(set(children))} planer)")
    cv = cross_validate(pairs, children) if cross and len(set(children)) > 1 else None
    def both(key: str, fmt: str = ".2f") -> str:
        return f"{m[key]:{fmt}}" + (f"   (kryssvalidert: {cv[key]:{fmt}})" if cv else "")
    print(f"precision@1: {both('precision@1')}")
    print(f"recall@3:    {both('recall@3')}")
    print(f"hull meldt som hull: {m['hull_funnet']:.2f} ({m['hull_antall']} av {m['hull']})"
          + (f"   (kryssvalidert: {cv['hull_funnet']:.2f})" if cv else ""))
    print(f"falske hull (besvart krav meldt som ubesvart): {m['falske_hull']} av {m['besvart']}"
          + (f"   (kryssvalidert: {cv['falske_hull']})" if cv else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--test", action="store_true", help="also score the held-out test split")
    ap.add_argument("--split", metavar="DEL", help="also score the held-out split with this `del:` (e.g. test2)")
    ap.add_argument("--per-pair", action="store_true",
                    help="score each (child, parent) pair alone, as this benchmark did before (check does not)")
    ap.add_argument("--links", action="store_true",
                    help="learn from links: the other plans' labelled answers count as confirmed links")
    args = ap.parse_args()
    known = {block.get("del", "train") for block in yaml.safe_load(LABELS.read_text(encoding="utf-8"))} - {"train"}
    if args.split is not None and args.split not in known:
        ap.error(f"--split: give a held-out split with labels in {LABELS.name} ({', '.join(sorted(known))}); "
                 "the train split is always scored")
    held_out = list(dict.fromkeys((["test"] if args.test else []) + ([args.split] if args.split else [])))
    started = time.perf_counter()
    train_cases = cases("train")
    pairs = ranked(train_cases, train_cases if args.links else None, args.per_pair)
    children = [c[0].path for c in train_cases]
    if args.verbose:
        for pair in pairs:
            for req, gold, scored in pair:
                got = [(i, round(s, 2)) for i, s in scored[:alignment.shown([s for _i, s in scored])]]
                ok = (gold and got and got[0][0] in gold) or (not gold and not got)
                print(f"  {'ok  ' if ok else 'MISS'} {Path(req.plan.path).stem:9} {req.id:6} "
                      f"svar={sorted(gold) or 'hull'} forslag={got}")
    if args.sweep:
        print(f"{'terskel':>8} {'P@1':>6} {'R@3':>6} {'hull':>6} {'falske hull':>12}")
        for t in THRESHOLDS:
            m = metrics(pairs, t)
            print(f"{t:8.2f} {m['precision@1']:6.2f} {m['recall@3']:6.2f} {m['hull_funnet']:6.2f} "
                  f"{m['falske_hull']:12d}")
    print(f"Terskel: {alignment.SUGGEST_AT}" + ("   (med koblinger fra de andre planene)" if args.links else "")
          + ("   (hvert par av planer for seg, ikke slik check gjør det)" if args.per_pair else ""))
    report("Treningsdel:", pairs, children)
    for split in held_out:
        test_cases = cases(split)
        report("Testdel (ikke brukt under justeringen):" if split == "test" else
               f"Testdel «{split}» (ikke brukt under justeringen):",
               ranked(test_cases, train_cases if args.links else None, args.per_pair),
               [c[0].path for c in test_cases],
               cross=False)
    print(f"Tid: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
