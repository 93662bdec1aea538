"""How well `arbeidsplan import` recovers SV's real plans: per document and format, the items (goals,
sub-goals, measures) recovered out of those in the source, wrong placements, words of text lost, and time.

    python benchmarks/import.py

The items in the source are those of the hand-converted plans in plans/ (counted by hand from the documents,
see plans/README.md); for the youth council's plan, which has no hand-converted plan, its six chapters and
its bullets. An item is recovered when the imported plan has an item with the same id; it is wrongly placed
when that item's kind, goal, text, timing or responsible differs from the hand-converted plan. The Word and PDF
versions are made from the same text by tests/importdocs.py (needs python-docx and fpdf2).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from arbeidsplan import api, load_plan  # noqa: E402
from importdocs import without_gutter, write_docx, write_pdf  # noqa: E402

KILDER = ROOT.parent / "shared" / "kilder"
DOCUMENTS = [
    ("landsstyret-2026-2029.txt", "landsstyret/2026-2029.md", {}),
    ("landsstyret-2022-2025.txt", "landsstyret/2022-2025.md", {"period": "2022-2025"}),
    ("innlandet-sv-2025-2028.txt", "innlandet/2025-2028.md", {}),
    ("bergen-sv-2024-2027.txt", "vestland/bergen/2024-2027.md", {}),
    ("andre/telemark-ungdomsrad-handlingsplan-2025.txt", None, {"organisation": "Telemark ungdomsråd",
                                                                 "level": "fylkeslag"}),
]


def _norm(text):
    return None if text is None else re.sub(r"\s+", " ", text).strip()


def items(plan) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for goal in plan.walk_goals():
        out["mål " + goal.id] = (goal.kind.value, _norm(goal.title))
    for chain, m in plan.measures_with_parents():
        out["tiltak " + m.id] = (chain[-1].id if chain else None, _norm(m.text), _norm(m.timing_text),
                                 _norm(m.responsible))
    return out


def score(result, hand_name, source: Path) -> tuple[int, int, int]:
    got = items(result.plan) if result.plan is not None else {}
    if hand_name is None:  # the youth council's chapters, and its bullets found as measures (by first line)
        text = source.read_text(encoding="utf-8")
        bullets = [_norm(line[1:]) for line in text.splitlines() if line.startswith("•")]
        measures = [v[1] for k, v in got.items() if k.startswith("tiltak ")]
        found = sum(1 for b in bullets if any(m.startswith(b) for m in measures))
        chapters = sum(1 for k in got if k.startswith("mål "))
        return found + min(chapters, 6), len(bullets) + 6, 0
    hand, _ = load_plan(ROOT / "plans" / hand_name)
    want = items(hand)
    recovered = sum(1 for k in want if k in got)
    wrong = sum(1 for k in want if k in got and got[k] != want[k])
    return recovered, len(want), wrong


def main() -> int:
    if not KILDER.is_dir():
        print(f"fant ikke kildene i {KILDER}")
        return 2
    print(f"{'dokument':<50}{'format':<7}{'gjenfunnet':>14}{'feilplassert':>14}{'ord tapt':>10}{'tid':>9}")
    totals = [0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for name, hand_name, options in DOCUMENTS:
            source = KILDER / name
            text = source.read_text(encoding="utf-8")
            versions = [("tekst", source),
                        ("word", write_docx(without_gutter(text), Path(tmp) / (source.stem + ".docx"))),
                        ("pdf", write_pdf(text, Path(tmp) / (source.stem + ".pdf"), footer="post@sv.no | sv.no"))]
            for kind, path in versions:
                start = time.perf_counter()
                try:
                    result = api.import_document(path, **options)
                except api.Problem as err:
                    print(f"{name:<50}{kind:<7}  {err}")
                    continue
                seconds = time.perf_counter() - start
                recovered, total, wrong = score(result, hand_name, source)
                lost = sum(len(x.text.split()) for x in result.lost)
                totals[0] += recovered
                totals[1] += total
                totals[2] += wrong
                print(f"{name:<50}{kind:<7}{f'{recovered}/{total}':>14}{wrong:>14}{lost:>10}{seconds:>8.2f}s")
    share = totals[0] / totals[1] if totals[1] else 0
    print(f"\nI alt: {totals[0]} av {totals[1]} punkter gjenfunnet ({share:.1%}), {totals[2]} feilplassert")
    print("\nMed --timing-from-text (tiltak uten kolonner for tid og ansvar):")
    for name, hand_name, options in DOCUMENTS:
        result = api.import_document(KILDER / name, timing_from_text=True, **options)
        listed = [m for m in result.plan.measures() if not m.in_table]
        if listed:
            timed = sum(1 for m in listed if m.timing_text)
            owned = sum(1 for m in listed if m.responsible)
            print(f"  {name:<50}{len(listed):>4} tiltak, {timed:>3} fikk tidsangivelse, {owned:>3} fikk ansvar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
