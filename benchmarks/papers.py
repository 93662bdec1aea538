"""Time to write the meeting papers, as a user runs them (a new process each, median of --runs): the yearly
report for every plan in plans/ as Markdown, HTML, Word and PDF, and Bergen's plan as Word and PDF; the floor is
the same report in Markdown. Also the size and page count of what is written.

    python3 benchmarks/papers.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "arbeidsplan", *args], cwd=REPO, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        jobs = {f"report 2026 plans/ -o rapport.{s}": ["report", "2026", "plans/", "-o", str(out / f"rapport.{s}")]
                for s in ("md", "html", "docx", "pdf")}
        for s in ("docx", "pdf"):
            jobs[f"show bergen -o plan.{s}"] = ["show", "plans/vestland/bergen/2024-2027.md", "-o",
                                                str(out / f"plan.{s}")]
        times = {name: statistics.median(_seconds(args) for _ in range(runs)) for name, args in jobs.items()}
        floor = times["report 2026 plans/ -o rapport.md"]
        print(f"{'jobb':<40}{'tid':>8}{'forhold':>9}{'størrelse':>12}")
        for name, args in jobs.items():
            size = Path(args[-1]).stat().st_size
            extra = ""
            if args[-1].endswith(".pdf"):
                from pypdf import PdfReader

                extra = f"  {len(PdfReader(args[-1]).pages)} sider"
            print(f"{name:<40}{times[name]:>7.2f}s{times[name] / floor:>8.2f}×{size / 1024:>9.0f} kB{extra}")


if __name__ == "__main__":
    main()
