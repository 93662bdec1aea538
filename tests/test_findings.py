"""Every finding code as the user meets it: the exact `file:line:col: CODE message` lines and the exit code of
`arbeidsplan check`, for a plan that triggers the code and for a near miss that must not.

The cases live in tests/fixtures/findings.txt (format described at its top); adding a case is adding text.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from arbeidsplan.diagnostics import CODES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "findings.txt"
TITLE = re.compile(r"^(?P<code>AP\d{3}) (?P<kind>trigger|near miss|known bug): (?P<what>.+)$")
EXIT = re.compile(r"^exit (?P<code>[012])$")
# Codes that are not in the fixture file, and where they are tested instead.
ELSEWHERE = {"AP900": "tests/test_checks.py::test_a_crashing_rule_becomes_a_finding"}


@dataclass(frozen=True)
class Case:
    title: str
    code: str
    kind: str  # "trigger", "near miss" or "known bug" (what a user should see, not what the tool prints yet)
    line: int  # of the title in the fixture file, for the failure message
    files: dict[str, str]  # path -> text; a path ending in "/" is an empty folder
    args: list[str]  # after «arbeidsplan»
    out: list[str]
    exit: int


def _blocks(lines: list[str]):
    """(line number, title, input lines, expected lines) for each case: a title, then input and expected
    output each closed by a line with a single «.». Blank lines and «#» lines between cases are comments."""
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        start, title = i + 1, lines[i]
        assert lines[i + 1] == ".", f"findings.txt:{start}: the title must be followed by a line «.»"
        parts, i = [], i + 2
        for _ in range(2):
            end = lines.index(".", i)
            parts.append(lines[i:end])
            i = end + 1
        yield start, title, parts[0], parts[1]


def _files(start: int, lines: list[str]) -> dict[str, str]:
    files: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("=== "):
            current = line[4:].strip()
            files[current] = []
        else:
            assert current is not None, f"findings.txt:{start}: the input must begin with «=== PATH»"
            files[current].append(line)
    return {path: "".join(line + "\n" for line in body) for path, body in files.items()}


def read_cases() -> list[Case]:
    cases = []
    for start, title, given, expected in _blocks(FIXTURES.read_text(encoding="utf-8").split("\n")):
        head = TITLE.match(title)
        assert head, f"findings.txt:{start}: the title must be «APnnn trigger|near miss|known bug: …»"
        assert expected and expected[0].startswith("$ arbeidsplan "), (
            f"findings.txt:{start}: the expected output must begin with «$ arbeidsplan ARGS»")
        done = EXIT.match(expected[-1])
        assert done, f"findings.txt:{start}: the expected output must end with «exit 0», «exit 1» or «exit 2»"
        cases.append(Case(title=title, code=head["code"], kind=head["kind"], line=start,
                          files=_files(start, given) if given else {},
                          args=shlex.split(expected[0])[2:], out=expected[1:-1], exit=int(done["code"])))
    return cases


CASES = read_cases()


def _codes_in(lines: list[str]) -> set[str]:
    return {m[1] for m in (re.search(r": (AP\d{3}) ", line) for line in lines) if m}


def _param(case: Case):
    if case.kind == "known bug":
        # Strict: when the bug is fixed this fails, and the case becomes a trigger or a near miss.
        return pytest.param(case, id=case.title, marks=pytest.mark.xfail(strict=True, reason=case.title))
    return pytest.param(case, id=case.title)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case, cli, tmp_path):
    for name, text in case.files.items():
        path = tmp_path / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = cli(*case.args, cwd=tmp_path)
    assert "Traceback" not in result.err
    assert result.out.splitlines() == case.out, f"findings.txt:{case.line}: {case.title}"
    assert result.code == case.exit, f"findings.txt:{case.line}: {case.title}"


def test_every_code_has_a_trigger_and_a_near_miss():
    """A new code in CODES fails here until findings.txt has a case that gives it and a case that does not."""
    for code in CODES:
        if code in ELSEWHERE:
            continue
        triggers = [c for c in CASES if c.code == code and c.kind == "trigger"]
        misses = [c for c in CASES if c.code == code and c.kind == "near miss"]
        assert triggers, f"findings.txt has no «{code} trigger: …» case"
        assert misses, f"findings.txt has no «{code} near miss: …» case"
    assert set(ELSEWHERE) <= set(CODES)


def test_each_title_says_what_its_case_shows():
    """A trigger's expected output has its code and a near miss's does not (test_case checks that the real
    CLI prints that output)."""
    wrong = [f"findings.txt:{c.line}: {c.title}" for c in CASES
             if c.code not in CODES
             or (c.kind == "trigger" and c.code not in _codes_in(c.out))
             or (c.kind == "near miss" and c.code in _codes_in(c.out))]
    assert wrong == []
