"""Input built to hang, exhaust or crash the reader: FIFOs and devices named like plans, status words that
case-fold to something other than their lower case."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from arbeidsplan import load_plan
from arbeidsplan.vocabulary import STATUS_WORDS, match_status
from conftest import header


def run(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "arbeidsplan", *map(str, args)], capture_output=True, text=True,
                          timeout=60, cwd=cwd, env=env)


def test_a_fifo_named_like_a_plan_does_not_block(tmp_path):
    (tmp_path / "plan.md").write_text(header() + "\n## Mål 1: A\n\n### Tiltak\n\n- **1.1** x\n", encoding="utf-8")
    os.mkfifo(tmp_path / "rør.md")
    result = run("check", tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'rør.md'}:1" in result.stdout + result.stderr
    assert "ikke en vanlig fil" in result.stdout + result.stderr


def test_a_device_is_not_read_until_memory_runs_out(tmp_path):
    result = run("check", "/dev/zero")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "/dev/zero:1" in result.stdout + result.stderr


def _case_variants() -> dict[str, list[str]]:
    """Every character in the Basic Multilingual Plane that IGNORECASE matches to a letter of a status word."""
    letters = set("".join(STATUS_WORDS))
    return {letter: [chr(c) for c in range(0x10000) if chr(c) != letter
                     and re.fullmatch(re.escape(letter), chr(c), re.IGNORECASE)] for letter in letters}


def test_every_case_variant_of_a_status_word_reads_as_that_word():
    variants = _case_variants()
    assert "ſ" in variants["s"] and "İ" in variants["i"]  # the long s and the dotted capital I are among them
    for word, status in STATUS_WORDS.items():
        for i, letter in enumerate(word):
            for other in variants[letter]:
                assert match_status(word[:i] + other + word[i + 1:])[0] is status


def test_a_long_s_in_a_status_line_is_no_crash(write, cli):
    path = write("planer/plan.md", header() + "\n## Mål 1: A\n\n### Tiltak\n\n- **1.1** x\n- **1.2** y\n\n"
                 "## Status 2026\n\n- **1.1** utſatt\n- **1.2** İ gang\n")
    plan, _found = load_plan(path)
    assert [m.status_for(2026).word.value for m in plan.measures()] == ["utsatt", "i gang"]
    result = cli("check", str(path.parent))
    assert result.code == 0 and "Traceback" not in result.err


HUGE_PERIOD = """---
organisasjon: X SV
nivå: lokallag
periode: {period}
---

## Mål 1: A

### Tiltak

- **1.1** x
  - når: årlig
- **1.2** y
  - når: fra 2025
- **1.3** z

## Status 2025

- **1.1** gjennomført
"""


@pytest.mark.parametrize("period", ["[2024, 3000000000]", "[true, 2027]", "[1, 2027]"])
def test_an_absurd_period_is_a_finding(write, cli, period):
    path = write("plan.md", HUGE_PERIOD.format(period=period))
    checked = cli("check", str(path))
    assert checked.code == 1 and "AP106" in checked.out and "periode" in checked.out


def test_an_absurd_period_costs_no_memory(write):
    """status, overdue and report on a period of three billion years, in a process limited to 1 GB."""
    import resource

    path = write("plan.md", HUGE_PERIOD.format(period="[2024, 3000000000]"))

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))

    script = ("import sys; from arbeidsplan import api; p = [sys.argv[1]]; "
              "print(len(api.status(p, 2025).tables), len(api.status(p, 2025, overdue=True).tables), "
              "api.report(2025, p).data is not None)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60,
                            env=env, preexec_fn=limited)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "1", "True"]


def test_a_reworded_measure_of_thousands_of_words_still_diffs_to_what_changed():
    """Past MAX_WORDS the word diff keeps the common beginning and end and replaces the middle whole (difflib
    is quadratic on such texts); what a reader needs is still there."""
    from arbeidsplan.history.matching import MAX_WORDS
    from arbeidsplan.history.plandiff import word_diff

    head, tail = ["ringe"] * MAX_WORDS, ["dørbanke"] * 10
    pieces = word_diff(" ".join(head + ["i", "mars"] + tail), " ".join(head + ["i", "april"] + tail))
    assert [op for op, _ in pieces] == ["=", "-", "+", "="]
    assert pieces[1:3] == (("-", "mars"), ("+", "april"))


def test_ten_thousand_measures_reordered_are_paired_by_text(tmp_path):
    """A goal with more measures than difflib is given (MAX_KEYS): equal texts are still paired, in order."""
    from arbeidsplan.history.matching import MAX_KEYS
    from arbeidsplan.history.plandiff import diff_plans
    from arbeidsplan.read.workspace import plan_from_bytes

    head = "---\norganisasjon: X SV\nnivå: lokallag\nperiode: 2026–2029\n---\n\n## Mål 1: A\n\n### Tiltak\n\n"
    texts = [f"Tiltak nummer {i} i planen." for i in range(MAX_KEYS + 500)]
    old = head + "".join(f"- {t}\n" for t in texts)
    new = head + "".join(f"- {t}\n" for t in texts[1:] + ["Et nytt tiltak helt til slutt."])
    before, _ = plan_from_bytes("p.md", old.encode())
    after, _ = plan_from_bytes("p.md", new.encode())
    kinds = sorted(c.kind.value for c in diff_plans(before, after, "p.md").changes)
    assert kinds == ["lagt til", "strøket"]
