"""Benchmarks on a whole party: every command timed beside its floor, in one run.

    python benchmarks/run.py [--repo /tmp/parti] [--repeat 3] [--only history]

Generates the synthetic party (benchmarks/generate.py: 1 national, 15 county and 350 local plans, about
15,000 measures, about 300 commits) unless --repo names one, then times each command as a user runs it (a new
process each time, median of --repeat runs) and, in the same run, the floors:
- reading every plan file's bytes, in one Python process (the floor below every other);
- raw markdown-it-py tokenising of the same files, in one Python process (for check, coverage, report);
- the Rust markdown-it (`markdown-it-pyrs`, which read/tokens.py parses with) building every tree, in one
  Python process: the floor of the problem rather than of this implementation (issue 16: check ≤ 3× it cold);
  skipped, with a line saying so, when it is not installed;
- `git log -p --follow` of the same plan (for history and diff);
- `python -c "import typer"` (for start-up);
- `arbeidsplan check --help`: the command line's own start-up (typer building the command and its options), which a
  warm run pays before any work; the warm rows are also printed without it.
Prints each figure, its ratio to its floor, and whether the target is met. A row with a target is timed in turn
with the floor its target names (history with `git log -p`, start-up with `import typer`, check with the Rust
floor), run by run, and its ratio is the median of the ratios pair by pair: on a shared machine whose speed drifts
during the benchmark, both sides of a pair run alike, where the medians of two series taken one after the other
can be a fifth apart (the floors table still shows each floor's own median, from its own series). Start-up (and its floors) is
timed over five times --repeat runs, the warm rows and the Rust and reading floors over three times: a few
tenths of a second are easily moved by one slow run. Peak memory is the largest resident size of any
arbeidsplan process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

PARSE_FLOOR = """
import pathlib, sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable("table")
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    md.parse(p.read_text(encoding="utf-8"))
"""

READ_FLOOR = """
import pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    p.read_bytes()
"""

RUST_FLOOR = """
import pathlib, sys
from markdown_it_pyrs import MarkdownIt
md = MarkdownIt("commonmark").enable("table")
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    md.tree(p.read_text(encoding="utf-8"))
"""


# As a user runs it: with Python's bytecode cache, which pip's install writes (a development shell may turn it
# off, and then every module is compiled again in every run).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def have_rust_parser() -> bool:
    return subprocess.run([sys.executable, "-c", "import markdown_it_pyrs"], capture_output=True).returncode == 0


def arbeidsplan_cmd() -> list[str]:
    script = Path(sys.executable).parent / "arbeidsplan"
    return [str(script)] if script.exists() else [sys.executable, "-m", "arbeidsplan"]


def measure(cmd: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall time in seconds, and peak resident memory in MB, of `repeat` runs."""
    times, peak = [], 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**USER_ENV, "COLUMNS": "100", **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return statistics.median(times), peak


def measure_paired(cmd: list[str], floor_cmd: list[str], cwd: Path, repeat: int,
                   env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """The command and its floor in turn, `repeat` times each: the command's median wall time, its peak memory,
    and the median of the ratios pair by pair."""
    times, ratios, peak = [], [], 0.0
    for _ in range(repeat):
        floor, _ = measure(floor_cmd, cwd, 1)
        seconds, used = measure(cmd, cwd, 1, env)
        times.append(seconds)
        ratios.append(seconds / floor)
        peak = max(peak, used)
    return statistics.median(times), peak, statistics.median(ratios)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", help="bare målene der navnet inneholder denne teksten (f.eks. history), og gulvene deres")
    args = ap.parse_args()
    started = time.perf_counter()
    repo = args.repo
    if repo is None:
        repo = Path(tempfile.mkdtemp(prefix="arbeidsplan-parti-")) / "parti"
    if not (repo / "plans").is_dir():
        info = generate(repo)
        print(f"Generert: {info['planer']} planer, {info['tiltak']} tiltak, i {repo}")
    focus = "plans/fylke01/2026-2029.md"
    county = focus
    commits = subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
    files = len(list((repo / "plans").rglob("*.md")))
    print(f"Repo: {files} planer, {commits} innsjekkinger; {args.repeat} kjøringer per mål, median\n")

    ap_cmd = arbeidsplan_cmd()
    r = args.repeat
    cache = {"ARBEIDSPLAN_CACHE_DIR": tempfile.mkdtemp(prefix="arbeidsplan-cache-")}
    cold = {"ARBEIDSPLAN_CACHE": "0"}  # no parse cache read or written: every file parsed, as on a first run
    rows = [
        ("check, hele partiet, kald", ["check", "plans"], "parse", 2.0, cold),
        ("check, hele partiet, varm", ["check", "plans"], "parse", None, cache),
        ("coverage, hele partiet", ["coverage", "plans"], "parse", None, cold),
        ("report 2026, ett fylke", ["report", "2026", county], "parse", None, cold),
        ("report 2026, hele partiet", ["report", "2026", "plans"], "parse", None, cold),
        ("history, én plan, kald", ["history", focus], "gitlog", 5.0, cold),
        ("history, én plan, varm", ["history", focus], "gitlog", 5.0, cache),
        ("diff vedtatt/2026 vedtatt/2027", ["diff", "vedtatt/2026", "vedtatt/2027", focus], "gitlog", None, cold),
        ("arbeidsplan --version", ["--version"], "typer", 1.3, None),
        ("arbeidsplan --help", ["--help"], "typer", 1.3, None),
    ]
    rows = [row for row in rows if not args.only or args.only in row[0] or args.only in " ".join(row[1])]
    floor_cmds = {
        "read": [sys.executable, "-c", READ_FLOOR, "plans"],
        "parse": [sys.executable, "-c", PARSE_FLOOR, "plans"],
        "rust": [sys.executable, "-c", RUST_FLOOR, "plans"],
        "gitlog": ["git", "log", "-p", "--follow", "--", focus],
        "typer": [sys.executable, "-c", "import typer"],
        "cli": ap_cmd + ["check", "--help"],
    }
    wanted = {row[2] for row in rows} | ({"read", "rust"} if "parse" in {row[2] for row in rows} else set())
    wanted |= {"cli"} if any("varm" in row[0] for row in rows) else set()
    rust = have_rust_parser()
    if "rust" in wanted and not rust:
        wanted.discard("rust")
        print("markdown-it-pyrs er ikke installert (pip install markdown-it-pyrs): Rust-gulvet hoppes over\n")
    # Runs of a few tenths of a second, where one slow run moves a median of three: start-up five times as many,
    # the Rust floor and the warm rows (compared with it) three times as many.
    quick = {"typer", "cli"}
    repeats = {"typer": r * 5, "cli": r * 5, "rust": r * 3, "read": r * 3}
    floors = {key: measure(cmd, repo, repeats.get(key, r))[0]
              for key, cmd in floor_cmds.items() if key in wanted}
    measure(ap_cmd + ["history", focus], repo, 1, cache)  # fills the cache for the warm rows
    measure(ap_cmd + ["check", "plans"], repo, 1, cache)
    names = {"read": "lese filene", "parse": "markdown-it-py-parsing", "rust": "markdown-it-pyrs (Rust)",
             "gitlog": "git log -p", "typer": "import typer", "cli": "arbeidsplan check --help"}
    print(f"{'gulv':34} {'tid':>8}")
    for key, value in floors.items():
        print(f"{names[key]:34} {value:7.2f}s")
    print(f"\n{'mål':34} {'tid':>8} {'forhold':>8} {'mål':>6} {'minne':>9}   (forhold med mål: median par for par)")
    peak_all = 0.0
    timed = {}
    paired = {}  # label → the median of its ratios to the floor its target names, pair by pair
    for label, cmd, floor, target, env in rows:
        runs = r * 5 if floor in quick else r * 3 if env is cache else r
        against = "rust" if floor == "parse" and label.startswith("check") and "rust" in floors else (
            floor if target is not None and floor != "parse" else None)
        if against is None:
            seconds, peak = measure(ap_cmd + cmd, repo, runs, env)
        else:
            seconds, peak, paired[label] = measure_paired(ap_cmd + cmd, floor_cmds[against], repo, runs, env)
        timed[label] = seconds
        peak_all = max(peak_all, peak)
        ratio = paired[label] if against == floor else seconds / floors[floor]
        verdict = "" if target is None else (f"≤{target:<4}" + (" OK" if ratio <= target else " BOM"))
        print(f"{label:34} {seconds:7.2f}s {ratio:7.2f}× {verdict:>9} {peak:7.0f} MB   (gulv: {names[floor]})")
    if "rust" in floors:
        print()
        for label, target in (("check, hele partiet, kald", 3.0), ("check, hele partiet, varm", 1.0)):
            if label in timed:
                ratio = paired.get(label, timed[label] / floors["rust"])
                print(f"{label + ' / Rust-gulvet':50} {ratio:7.2f}×  mål ≤{target:g}× "
                      f"{'OK' if ratio <= target else 'BOM'}")
    if "cli" in floors:  # how much of a warm run is the command line's own start-up (typer, rich)
        print()
        for label, floor in (("check, hele partiet, varm", "rust"), ("history, én plan, varm", "gitlog")):
            if label in timed and floor in floors:
                rest = max(timed[label] - floors["cli"], 0.0)
                print(f"{label + ' uten oppstarten':50} {rest:6.2f}s {rest / floors[floor]:6.2f}× {names[floor]}")
    print(f"\nhøyeste minnebruk: {peak_all:.0f} MB (mål < 200 MB) {'OK' if peak_all < 200 else 'BOM'}")
    print(f"{len(list(Path(cache['ARBEIDSPLAN_CACHE_DIR']).rglob('*')))} filer i cachen (historikk og check)")
    print(f"hele benchmarken: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
