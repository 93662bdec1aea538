"""A fuzz run of the parser and the timing reader, with Hypothesis at scale.

    python benchmarks/fuzz.py [--examples 20000]

Feeds the plan parser documents stitched from plan fragments and random text (NUL bytes, BOMs, tabs, CRLF,
combining marks, fences, tables), and the timing reader any string. Any exception is a failure and is printed
with the input that caused it. Prints how many inputs were tried and how long it took.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from arbeidsplan.model import Period  # noqa: E402
from arbeidsplan.read.parser import parse_plan  # noqa: E402
from arbeidsplan.read.source import decode  # noqa: E402
from arbeidsplan.read.timing import parse_timing  # noqa: E402
from test_properties import MARKDOWN_BITS  # noqa: E402

COUNT = {"parser": 0, "timing": 0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=20000)
    n = ap.parse_args().examples
    opts = settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @opts
    @given(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=40)), max_size=80).map("".join))
    def parser(text: str) -> None:
        COUNT["parser"] += 1
        source, _ = decode("fuzz.md", text.encode("utf-8", errors="surrogatepass"))
        if source is not None:
            parse_plan(source)

    @opts
    @given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(
        ["2026", "-", "og", "årlig", "mars", "/", "første", "halvår", "valgår", "ikke-", "fra", "til", "(høst)",
         ",", "hele perioden", "etter årsmøtet", "2024 - 2027", "kvart", "år", "mellom"]), max_size=12).map(" ".join)))
    def timing(text: str) -> None:
        COUNT["timing"] += 1
        t = parse_timing(text)
        t.years_in(Period(2026, 2029))
        t.outside(Period(2026, 2029))

    for name, test in (("parser", parser), ("timing", timing)):
        started = time.perf_counter()
        try:
            test()
            verdict = "ingen feil"
        except Exception as err:  # the failing input is printed by Hypothesis above
            verdict = f"FEIL: {type(err).__name__}: {err}"
        print(f"{name}: {COUNT[name]} inndata på {time.perf_counter() - started:.0f} s – {verdict}")


if __name__ == "__main__":
    main()
