"""Time and memory on hostile input, by size: does the cost grow in proportion to the input (ratio ≈ 2 when the
input doubles) or faster? Prints one line per case and size. Run: python3 benchmarks/hostile.py [--max-kb 400]

Cases: whitespace runs in a measure's text and in its timing, many statuses against many measures, a status set
on a large plan, and diffs of a long reworded measure and of a goal whose measures all moved. Memory is traced (tracemalloc), which slows every case about alike; compare ratios, not seconds
with benchmarks/run.py."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from arbeidsplan.read.parser import parse_plan  # noqa: E402
from arbeidsplan.read.source import decode  # noqa: E402
from arbeidsplan.read.timing import _parse_timing  # noqa: E402
from arbeidsplan.write.status import set_status  # noqa: E402

HEAD = "---\norganisasjon: X SV\nnivå: lokallag\nperiode: 2026–2029\n---\n\n## Mål 1: A\n\n### Tiltak\n\n"


def plan_with_spaces(kb: int) -> str:
    return HEAD + "- **1.1** a" + " " * (kb * 1024) + "b\n"


def plan_with_statuses(kb: int) -> str:
    n = kb * 1024 // 40
    measures = "".join(f"- **1.{i}** Tiltak {i}\n" for i in range(1, n + 1))
    statuses = "".join(f"- **1.{i}** gjennomført\n" for i in range(1, n + 1))
    return HEAD + measures + "\n## Status 2026\n\n" + statuses


def parse(text: str) -> None:
    source, _ = decode("x.md", text.encode("utf-8"))
    parse_plan(source)


def timing(kb: int) -> None:
    _parse_timing.cache_clear()
    _parse_timing("2024" + " " * (kb * 1024) + "x")


def status_set(kb: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.md"
        path.write_text(plan_with_statuses(kb), encoding="utf-8")
        set_status(path, "1.1", "utsatt", 2026)


def diff_reworded(kb: int) -> None:
    """One measure of kb kilobytes of words, reworded throughout: the word diff and the pairing by similarity."""
    from arbeidsplan.history.plandiff import diff_plans

    words = kb * 1024 // 8
    old = HEAD + "- " + " ".join(f"ord{i % 97}" for i in range(words)) + "\n"
    new = HEAD + "- " + " ".join(f"ord{(i * 7) % 89}" for i in range(words)) + "\n"
    diff_plans(*(parse_plan(decode("x.md", t.encode())[0])[0] for t in (old, new)), "x.md")


def diff_reordered(kb: int) -> None:
    """A goal of many measures, every one moved: the pairing of equal texts in order."""
    from arbeidsplan.history.plandiff import diff_plans

    n = kb * 1024 // 30
    texts = [f"Tiltak nummer {i} i planen." for i in range(n)]
    old = HEAD + "".join(f"- {t}\n" for t in texts)
    new = HEAD + "".join(f"- {t}\n" for t in texts[1::2] + texts[::2])
    diff_plans(*(parse_plan(decode("x.md", t.encode())[0])[0] for t in (old, new)), "x.md")


CASES = {
    "parser: mellomrom i et tiltak": lambda kb: parse(plan_with_spaces(kb)),
    "parser: statuser × tiltak": lambda kb: parse(plan_with_statuses(kb)),
    "tidsleser: mellomrom": timing,
    "status set: stor plan": status_set,
    "diff: omformulert langt tiltak": diff_reworded,
    "diff: alle tiltak flyttet": diff_reordered,
}


def measure(job, kb: int) -> tuple[float, float]:
    tracemalloc.start()
    start = time.perf_counter()
    job(kb)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=200)
    parser.add_argument("--give-up", type=float, default=20.0, help="stop a case once one size takes longer")
    args = parser.parse_args()
    print(f"{'tilfelle':34} {'kB':>6} {'tid':>9} {'forhold':>8} {'topp-minne':>11}")
    for name, job in CASES.items():
        kb, previous = 25, None
        while kb <= args.max_kb:
            seconds, peak = measure(job, kb)
            ratio = f"{seconds / previous:.1f}×" if previous else ""
            print(f"{name:34} {kb:>6} {seconds:>8.2f}s {ratio:>8} {peak:>9.0f} MB", flush=True)
            if seconds > args.give_up:
                break
            previous, kb = seconds, kb * 2


if __name__ == "__main__":
    main()
