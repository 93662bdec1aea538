"""The party office's commands on a whole party: `site` (with and without git history) and `calendar`.

    python benchmarks/site.py [--repo /tmp/parti] [--repeat 1]

Generates the synthetic party (benchmarks/generate.py) unless --repo names one, then times each command as a
user runs it (a new process; median of --repeat runs), beside `check` of the same plans, which reads and
aligns the same plans and so is the floor the site adds its pages to. Prints each figure, its ratio to
`check`, peak memory, and the size of what was written.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import arbeidsplan_cmd, measure  # noqa: E402


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="arbeidsplan-site-bench-"))
    repo = args.repo or work / "parti"
    if args.repo is None:
        generate(repo)
    cache = work / "cache"
    ap_ = arbeidsplan_cmd()
    out = work / "nettsted"
    runs = [
        ("check (gulv)", ap_ + ["check", "plans/"], None, {"ARBEIDSPLAN_CACHE": "0"}),
        ("site --no-history", ap_ + ["site", "--no-history", "plans/", "-o", str(out), "--force"], out,
         {"ARBEIDSPLAN_CACHE": "0"}),
        ("site, historikk, kald cache", ap_ + ["site", "plans/", "-o", str(out)], out,
         {"ARBEIDSPLAN_CACHE_DIR": str(cache)}),
        ("site, historikk, varm cache", ap_ + ["site", "plans/", "-o", str(out)], out,
         {"ARBEIDSPLAN_CACHE_DIR": str(cache)}),
        ("calendar", ap_ + ["calendar", "plans/", "-o", str(work / "k.ics")], work / "k.ics", None),
    ]
    plans = len(list((repo / "plans").rglob("*.md")))
    print(f"Repo: {plans} planer; {args.repeat} kjøring(er) per mål, median\n")
    print(f"{'mål':34}{'tid':>8}{'forhold':>9}{'minne':>9}{'skrevet':>10}")
    floor = None
    for name, cmd, written, env in runs:
        if name.startswith("site") and "kald" in name:
            shutil.rmtree(cache, ignore_errors=True)
        seconds, peak = measure(cmd, repo, args.repeat, env)
        floor = floor or seconds
        size = f"{size_mb(written):7.1f} MB" if written is not None and written.exists() else ""
        print(f"{name:34}{seconds:7.2f}s{seconds / floor:8.2f}×{peak:7.0f} MB{size:>10}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
