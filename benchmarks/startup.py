"""Start-up time of the command line against its floor, `python -c "import typer"`: each a new process, the median
of --runs runs. The goal: `arbeidsplan --help` (and each command's --help) within 1.3× the floor.

    python3 benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    cli = [sys.executable, "-m", "arbeidsplan"]
    commands = {"import typer (gulv)": [sys.executable, "-c", "import typer"],
                "arbeidsplan --version": cli + ["--version"], "arbeidsplan --help": cli + ["--help"],
                "arbeidsplan report --help": cli + ["report", "--help"],
                "arbeidsplan status set --help": cli + ["status", "set", "--help"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that a busy moment on the machine falls on all of them alike
        for name, command in commands.items():
            times[name].append(_seconds(command))
    floor = statistics.median(times["import typer (gulv)"])
    print(f"{'mål':<36}{'tid':>8}{'forhold':>9}   mål  (median av {runs})")
    for name in commands:
        t = statistics.median(times[name])
        verdict = "" if name.startswith("import") else f"   ≤1.3 {'OK' if t / floor <= 1.3 else 'BOM'}"
        print(f"{name:<36}{t:>7.3f}s{t / floor:>8.2f}×{verdict}")


if __name__ == "__main__":
    main()
