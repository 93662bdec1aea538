"""How well `check` suggests links: precision@1, recall@3 and true gaps, on the hand-labelled set.

    python benchmarks/alignment.py              # the development pool at the shipped thresholds, and cross-validated
    python benchmarks/alignment.py --sweep      # the pool at other gap thresholds
    python benchmarks/alignment.py -v           # every requirement of the pool: labelled answers and suggestions
    python benchmarks/alignment.py --held-out   # also the held-out split (test3), at the shipped thresholds
    python benchmarks/alignment.py --split test # the old view: the train split (cross-validated) and one split
    python benchmarks/alignment.py --per-pair   # each (child, parent) pair scored alone, not as `check` does
    python benchmarks/alignment.py --links      # learning from links: the other labelled plans' answers count
                                                # as confirmed `svarer på` links (never the plan being scored),
                                                # gathered and capped as `check` does (align/evidence.py)
    python benchmarks/alignment.py --links-share 0.5  # the same when only half the plans have confirmed links

Which data is used how (benchmarks/alignment_labels.yaml, `del:` of each block):
- The development pool: `train` (the real plans Innlandet and Bergen, and Vestmark, Elvedal, Åsheim), `test` and
  `test2` (three fictional plans each). `test` and `test2` were held out once, but have been looked at several
  times since, so they are no longer held out: since the work on «mulig svar» (issue 12) every choice — the
  vocabulary, the weights, the thresholds — is made on these 11 plans, and the figure to trust is the
  leave-one-plan-out cross-validation over them.
- The held-out split: `test3` (Storvang, Tjernsand, Lynghamn, written blind on 7 December 2026). Not used for any
  choice; scored with --held-out at the shipped thresholds, once the choice is final and committed. Every look
  is recorded in benchmarks/fictional/README.md.
- --split NAME gives the figures as they were reported before the pool: the train split alone (cross-validated
  over its 5 plans) and the split NAME at the shipped thresholds.

Definitions (per requirement):
- precision@1: of the requirements that have an answer, the share whose best suggestion is a labelled answer
  (a requirement reported as unanswered counts as a miss);
- recall@3:   of the requirements that have an answer, the share with a labelled answer among those shown
              (at most three: the best, and the runners-up above alignment.ALSO_AT, as `check` shows them);
- gaps:       of the true gaps, the share reported as unanswered (no candidate at the gap threshold);
- false gaps: requirements that have an answer but were reported as unanswered.
A «mulig svar» (a best candidate between alignment.MAYBE_AT and SUGGEST_AT, shown as uncertain) is not a reported
gap: for a true gap it is a gap not reported, for an answered requirement it is no false gap, and it counts
toward precision@1 and recall@3 only if its candidates are right. The report says how many there were.
Cross-validation: the gap threshold is chosen on all child plans but one and scored on that one (all its
parents), in turn; that is the figure to expect on plans the threshold was not tuned on. (The vocabulary and the
weights were chosen looking at the whole pool; the held-out split is what tells whether they generalise.)
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
from arbeidsplan.align.evidence import Evidence, Offer  # noqa: E402
from arbeidsplan.read.workspace import load_plan, path_key  # noqa: E402
from arbeidsplan.align.requirements import requirements_for  # noqa: E402

LABELS = ROOT / "benchmarks" / "alignment_labels.yaml"
THRESHOLDS = [round(0.06 + 0.02 * i, 2) for i in range(20)]
OLD_THRESHOLDS = [round(0.10 + 0.02 * i, 2) for i in range(16)]  # the grid of the figures before the pool
POOL = ("train", "test", "test2")  # the development pool: every choice is made on these, cross-validated
HELD_OUT = "test3"  # scored only with --held-out, at the shipped thresholds


def blocks() -> list[dict]:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


def cases(*splits: str):
    """The labelled (child, parent, requirements, labels) of the given `del:` values (default: train)."""
    wanted = set(splits or ("train",))
    out = []
    for block in blocks():
        if block.get("del", "train") not in wanted:
            continue
        child, _ = load_plan(ROOT / block["barn"])
        parent, _ = load_plan(ROOT / block["forelder"])
        reqs = requirements_for(parent, child.meta.level)
        labels = {str(k): {str(x) for x in v} for k, v in block["krav"].items()}
        assert set(labels) == {r.id for r in reqs}, f"{block['barn']} vs {block['forelder']}: labels and " \
                                                    f"requirements differ"
        out.append((child, parent, reqs, labels))
    return out


def confirmed(source_cases) -> Evidence:
    """The labelled answers of these plans as confirmed links (`svarer på`), as `check` gathers them
    (Aligner.offers): each answer is an Offer to its requirement, from its plan."""
    offers = []
    for other, parent, _reqs, labels in source_cases:
        by_id = {}
        for item in alignment.candidates_of(other):
            by_id.setdefault(item.id, item)
        key = (path_key(parent.path), other.meta.level.value)
        for req_id, answers in labels.items():
            offers.extend(Offer((*key, req_id), path_key(other.path), alignment.item_text(by_id[a]))
                          for a in sorted(answers))
    return Evidence(offers)


def ranked(all_cases, evidence_from=None, per_pair: bool = False):
    """Every candidate with its score, per requirement, computed once; thresholds are applied afterwards.
    As `check` does it (Aligner._align): one call per child plan, over the requirements of all its labelled
    parents together, so the figures are those a user gets. `evidence_from`: labelled cases whose answers count
    as confirmed links (never the plan being scored). `per_pair`: one call per (child, parent) pair instead, as
    this benchmark measured before; `check` does not do that, and its scores (and so its gaps) differ."""
    saved = alignment.SUGGEST_AT, alignment.MAYBE_AT, alignment.ALSO_AT, alignment.TOP
    alignment.SUGGEST_AT, alignment.MAYBE_AT, alignment.ALSO_AT, alignment.TOP = 0.0, 0.0, 0.0, 3
    by_child: dict[str, list[int]] = {}
    for k, (child, _parent, _reqs, _labels) in enumerate(all_cases):
        by_child.setdefault(f"{child.path}|{k}" if per_pair else child.path, []).append(k)
    out: list = [None] * len(all_cases)
    evidence = confirmed(evidence_from or [])
    try:
        for ks in by_child.values():
            child = all_cases[ks[0]][0]
            reqs = [r for k in ks for r in all_cases[k][2]]
            keys = [(path_key(all_cases[k][1].path), child.meta.level.value, r.id) for k in ks
                    for r in all_cases[k][2]]  # as Aligner.asked_keys names them
            # as the Aligner does it: the other plans' answers, never the plan's own, at most PER_REQUIREMENT
            # per requirement (the labelled plans write no links of their own, so nothing is skipped as answered)
            got = alignment.suggest(reqs, child, alignment.learned_from(evidence, keys, child))
            offset = 0
            for k in ks:
                _c, _p, case_reqs, labels = all_cases[k]
                out[k] = [(req, labels[req.id], [(c.item.id, c.score) for c in got[offset + i]])
                          for i, req in enumerate(case_reqs)]
                offset += len(case_reqs)
        return out
    finally:
        alignment.SUGGEST_AT, alignment.MAYBE_AT, alignment.ALSO_AT, alignment.TOP = saved


def metrics(pairs, threshold: float, suggest_at: float | None = None) -> dict[str, float]:
    """The figures at a gap threshold (`threshold`: below it a requirement is reported as unanswered). With
    `suggest_at`, also how many were shown as «mulig svar» (best below it) and how many of those were right."""
    p1 = r3 = answered = gaps = gaps_found = false_gaps = maybe = maybe_right = maybe_on_gap = 0
    for pair in pairs:
        for _req, gold, scored in pair:
            got = [i for i, _s in scored[:alignment.shown([s for _i, s in scored], threshold)]]
            unsure = bool(got) and suggest_at is not None and round(scored[0][1], 2) < suggest_at
            maybe += unsure
            if gold:
                answered += 1
                p1 += bool(got) and got[0] in gold
                r3 += any(g in gold for g in got[:3])
                false_gaps += not got
                maybe_right += unsure and got[0] in gold
            else:
                gaps += 1
                gaps_found += not got
                maybe_on_gap += unsure
    return {"krav": answered + gaps, "besvart": answered, "hull": gaps,
            "precision@1": p1 / answered if answered else 0.0, "recall@3": r3 / answered if answered else 0.0,
            "hull_funnet": gaps_found / gaps if gaps else 1.0, "falske_hull": false_gaps, "hull_antall": gaps_found,
            "mulig": maybe, "mulig_riktig": maybe_right, "mulig_hull": maybe_on_gap}


FALSE_GAPS_AT_MOST = 1 / 25  # issue 12: at most one answered requirement in 25 reported as a gap


def objective(m: dict[str, float]) -> tuple:
    """How a gap threshold is chosen: an answered requirement reported as unanswered is what makes a board stop
    trusting the check, so the threshold must keep false gaps within the target (1 in 25); among those that do,
    the one with the best precision@1 + recall@3 + share of gaps found. When none does, the fewest false gaps."""
    ok = m["falske_hull"] <= FALSE_GAPS_AT_MOST * m["besvart"]
    return (ok, m["precision@1"] + m["recall@3"] + m["hull_funnet"] if ok else -m["falske_hull"])


def old_objective(m: dict[str, float]) -> float:
    """The choice before «mulig svar»: precision@1 + recall@3 + share of gaps found (--split reproduces it)."""
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


def cross_validate(pairs, children, grid=None, choose=None) -> dict[str, float]:
    """Leave one child plan out: choose the gap threshold on the others, score the one left out."""
    total = pooled()
    for held in dict.fromkeys(children):
        train = [p for p, c in zip(pairs, children) if c != held]
        best = max(grid or THRESHOLDS, key=lambda t: (choose or objective)(metrics(train, t)))
        add_to(total, metrics([p for p, c in zip(pairs, children) if c == held], best))
    return {"precision@1": total["p1"] / total["answered"], "recall@3": total["r3"] / total["answered"],
            "hull_funnet": total["gaps_found"] / total["gaps"], "falske_hull": total["false_gaps"],
            "hull_antall": total["gaps_found"]}


def report(title: str, pairs, children, cross: bool = True, grid=None, choose=None) -> None:
    m = metrics(pairs, alignment.MAYBE_AT, alignment.SUGGEST_AT)
    print(title)
    print(f"Krav: {m['krav']} ({m['besvart']} besvart, {m['hull']} hull) i {len(pairs)} par av planer "
          f"({len(set(children))} planer)")
    cv = cross_validate(pairs, children, grid, choose) if cross and len(set(children)) > 1 else None
    def both(key: str, fmt: str = ".2f") -> str:
        return f"{m[key]:{fmt}}" + (f"   (kryssvalidert: {cv[key]:{fmt}})" if cv else "")
    print(f"precision@1: {both('precision@1')}")
    print(f"recall@3:    {both('recall@3')}")
    print(f"hull meldt som hull: {m['hull_funnet']:.2f} ({m['hull_antall']} av {m['hull']})"
          + (f"   (kryssvalidert: {cv['hull_funnet']:.2f}, {cv['hull_antall']} av {m['hull']})" if cv else ""))
    print(f"falske hull (besvart krav meldt som ubesvart): {m['falske_hull']} av {m['besvart']}"
          + (f"   (kryssvalidert: {cv['falske_hull']})" if cv else ""))
    if alignment.MAYBE_AT < alignment.SUGGEST_AT:
        print(f"«mulig svar» (beste under {alignment.SUGGEST_AT}): {m['mulig']} krav, riktig først for "
              f"{m['mulig_riktig']}, {m['mulig_hull']} av dem er hull")


def links_share(share: float, seeds=(1, 2, 3, 4, 5)) -> None:
    """Learning from links when only some plans have confirmed theirs: per seed, a fixed draw of the pool's
    plans whose labelled answers count as links; every plan of the pool scored, cross-validated as usual."""
    import random

    dev_cases = cases(*POOL)
    children = [c[0].path for c in dev_cases]
    plans = list(dict.fromkeys(children))
    rows = []
    for seed in seeds:
        chosen = set(random.Random(seed).sample(plans, round(share * len(plans))))
        pairs = ranked(dev_cases, [c for c in dev_cases if c[0].path in chosen])
        m, cv = metrics(pairs, alignment.MAYBE_AT), cross_validate(pairs, children)
        rows.append((m["precision@1"], cv["precision@1"], m["recall@3"], cv["recall@3"], m["hull_antall"],
                     cv["hull_antall"], m["falske_hull"], cv["falske_hull"]))
    mean = [sum(col) / len(rows) for col in zip(*rows)]
    print(f"Koblinger bekreftet i {round(share * len(plans))} av {len(plans)} planer (snitt over {len(seeds)} "
          f"trekninger), terskel for hull {alignment.MAYBE_AT}:")
    print(f"precision@1: {mean[0]:.2f}   (kryssvalidert: {mean[1]:.2f})")
    print(f"recall@3:    {mean[2]:.2f}   (kryssvalidert: {mean[3]:.2f})")
    print(f"hull meldt som hull: {mean[4]:.1f}   (kryssvalidert: {mean[5]:.1f})")
    print(f"falske hull: {mean[6]:.1f}   (kryssvalidert: {mean[7]:.1f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--held-out", action="store_true",
                    help=f"also score the held-out split ({HELD_OUT}) at the shipped thresholds")
    ap.add_argument("--split", metavar="DEL", action="append",
                    help="the view before the pool: the train split (cross-validated over its plans) and the "
                         "split with this `del:` at the shipped thresholds (e.g. test, test2)")
    ap.add_argument("--test", action="store_true", help="the same as --split test (kept for old commands)")
    ap.add_argument("--per-pair", action="store_true",
                    help="score each (child, parent) pair alone, as this benchmark did before (check does not)")
    ap.add_argument("--links", action="store_true",
                    help="learn from links: the other plans' labelled answers count as confirmed links")
    ap.add_argument("--links-share", type=float, metavar="F",
                    help="as --links, but only a share F of the pool's plans (a fixed draw per seed) has confirmed "
                         "its links; the figures are the mean over five draws")
    args = ap.parse_args()
    splits = list(dict.fromkeys((["test"] if args.test else []) + (args.split or [])))
    known = {block.get("del", "train") for block in blocks()} - {"train", HELD_OUT}
    for split in splits:
        if split not in known:
            ap.error(f"--split: give one of {', '.join(sorted(known))}; the held-out split is scored with "
                     "--held-out")
    started = time.perf_counter()
    if args.links_share is not None:
        links_share(args.links_share)
        print(f"Tid: {time.perf_counter() - started:.2f} s")
        return
    base = ("train",) if splits else POOL
    dev_cases = cases(*base)
    pairs = ranked(dev_cases, dev_cases if args.links else None, args.per_pair)
    children = [c[0].path for c in dev_cases]
    if args.verbose:
        for pair in pairs:
            for req, gold, scored in pair:
                got = [(i, round(s, 2)) for i, s in scored[:alignment.shown([s for _i, s in scored])]]
                ok = (gold and got and got[0][0] in gold) or (not gold and not got)
                unsure = bool(got) and round(got[0][1], 2) < alignment.SUGGEST_AT
                print(f"  {'ok  ' if ok else 'MISS'} {Path(req.plan.path).stem:9} {req.id:6} "
                      f"svar={sorted(gold) or 'hull'} {'mulig svar' if unsure else 'forslag'}={got}")
    if args.sweep:
        print(f"{'terskel':>8} {'P@1':>6} {'R@3':>6} {'hull':>6} {'falske hull':>12}")
        for t in THRESHOLDS:
            m = metrics(pairs, t)
            print(f"{t:8.2f} {m['precision@1']:6.2f} {m['recall@3']:6.2f} {m['hull_funnet']:6.2f} "
                  f"{m['falske_hull']:12d}")
    thresholds = (f"Terskel for hull: {alignment.MAYBE_AT}, for forslag: {alignment.SUGGEST_AT}"
                  if alignment.MAYBE_AT < alignment.SUGGEST_AT else f"Terskel: {alignment.SUGGEST_AT}")
    print(thresholds + ("   (med koblinger fra de andre planene)" if args.links else "")
          + ("   (hvert par av planer for seg, ikke slik check gjør det)" if args.per_pair else ""))
    if splits:
        report("Treningsdel:", pairs, children, grid=OLD_THRESHOLDS, choose=old_objective)
    else:
        report("Utviklingsdel (train, test og test2; valgt på disse, kryssvalidert per plan):", pairs, children)
    for split in splits + ([HELD_OUT] if args.held_out else []):
        test_cases = cases(split)
        title = ("Testdel (ikke brukt under justeringen):" if split == "test" else
                 f"Holdt-ut del «{split}» (ikke brukt til noe valg):" if split == HELD_OUT else
                 f"Testdel «{split}» (ikke brukt under justeringen):")
        report(title, ranked(test_cases, dev_cases if args.links else None, args.per_pair),
               [c[0].path for c in test_cases], cross=False)
    print(f"Tid: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
