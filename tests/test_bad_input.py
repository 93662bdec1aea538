"""Bad input: one clear Norwegian line with file and line for each problem, no traceback, nothing lost.

The corpus is tests/corpus/bad/*.md; forventet.txt says which finding (code@line) each file must give, or OK.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus" / "bad"
LINE = re.compile(r"^(?P<file>[^:]+\.md)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<code>AP\d{3}) (?P<msg>.+)$")


def expected() -> dict[str, str]:
    out = {}
    for raw in (CORPUS / "forventet.txt").read_text(encoding="utf-8").splitlines():
        if raw and not raw.startswith("#"):
            name, want = raw.split(": ", 1)
            out[name] = want.strip()
    return out


def test_the_corpus_is_large_enough_and_fully_listed():
    files = {p.name for p in CORPUS.glob("*.md")}
    assert len(files) >= 50
    assert files == set(expected())


def _lines_for(out: str, name: str) -> list[re.Match]:
    return [m for m in map(LINE.match, out.splitlines()) if m and Path(m["file"]).name == name]


def test_whole_corpus_in_one_run_every_file_gets_its_finding(cli):
    result = cli("check", str(CORPUS))
    assert "Traceback" not in result.out + result.err
    assert result.code == 2  # some files cannot be read at all
    for line in result.out.splitlines():
        assert LINE.match(line), f"not one clear line: {line!r}"
    for name, want in expected().items():
        found = _lines_for(result.out, name)
        if want == "OK":
            assert found == [], f"{name}: {[m.group(0) for m in found]}"
            continue
        code, line = want.split("@")
        assert any(m["code"] == code and m["line"] == line for m in found), (
            f"{name}: expected {want}, got {[m.group(0) for m in found]}"
        )


@pytest.mark.parametrize("name", sorted(expected()))
def test_each_file_alone(cli, name):
    result = cli("check", str(CORPUS / name))
    assert "Traceback" not in result.out + result.err
    want = expected()[name]
    if want == "OK":
        assert result.code == 0 and result.out == ""
    else:
        assert result.code in (1, 2) or want.startswith(("AP107", "AP203", "AP205", "AP206", "AP209", "AP211",
                                                         "AP301"))
        assert _lines_for(result.out, name)


def test_bom_crlf_and_decomposed_letters_parse_like_clean_files():
    from arbeidsplan import load_plan

    for name in ("bom.md", "crlf.md", "decomposed-letters.md"):
        plan, found = load_plan(CORPUS / name)
        assert found == []
        assert plan.counts() == {"områder": 0, "mål": 1, "delmål": 0, "tiltak": 1}
        assert plan.goals[0].title == "Flere aktive"
        assert plan.goals[0].span.line == 6


def test_nothing_below_a_measure_is_lost():
    from arbeidsplan import load_plan

    plan, found = load_plan(CORPUS / "deep-list.md")
    (measure,) = plan.measures()
    assert "nivå 0" in measure.text and "nivå 39" in measure.text
    assert len([d for d in found if d.code == "AP205"]) == 40


def test_directory_without_plans_and_missing_path(cli, tmp_path):
    (tmp_path / "tom").mkdir()
    result = cli("check", str(tmp_path / "tom"), str(tmp_path / "finnes-ikke.md"), str(CORPUS / "crlf.md"))
    assert result.code == 2
    lines = result.out.splitlines()
    assert f"{tmp_path / 'tom'}: AP108 ingen planer (*.md) i mappen {tmp_path / 'tom'}" in lines
    assert f"{tmp_path / 'finnes-ikke.md'}: AP108 finnes ikke" in lines
    assert "1 fil kontrollert" in result.err


def test_latin1_names_the_line_and_the_fix(cli):
    result = cli("check", str(CORPUS / "latin1.md"))
    assert result.out == f"{CORPUS / 'latin1.md'}:3:1: AP101 filen kan ikke leses: ikke gyldig UTF-8 på linje 3; " \
                         "lagre filen som UTF-8\n"


def _run_installed(args: list[str], cwd) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "arbeidsplan"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "arbeidsplan"]
    # The timeout guards against a hang; it is not a performance assertion (see benchmarks/).
    return subprocess.run(cmd + args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_a_20_mb_plan_is_refused_with_one_line(tmp_path):
    big = tmp_path / "stor.md"
    line = "- **{n}** " + "tekst " * 30 + "\n"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("---\norganisasjon: Stor\nnivå: lokallag\nperiode: 2026-2029\n---\n## Mål 1: x\n### Tiltak\n")
        n = 0
        while handle.tell() < 20 * 1024 * 1024:
            n += 1
            handle.write(line.format(n=n))
    run = _run_installed(["check", str(big)], tmp_path)
    assert run.returncode == 2
    assert run.stdout == f"{big}:1:1: AP101 filen kan ikke leses: filen er 20 MB; største tillatte er 8 MB\n"


def test_ten_thousand_measures_in_one_goal(tmp_path):
    plan = tmp_path / "mange.md"
    rows = "".join(f"| 1.{n} | Tiltak nummer {n} | Årlig |\n" for n in range(1, 10001))
    plan.write_text("---\norganisasjon: Mange\nnivå: lokallag\nperiode: 2026-2029\n---\n## Mål 1: Alt\n"
                    "### Tiltak\n| Nr | Tiltak | Tidsrom |\n| --- | --- | --- |\n" + rows, encoding="utf-8")
    run = _run_installed(["show", "--format", "json", str(plan)], tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    data = json.loads(run.stdout)
    assert data["antall"]["tiltak"] == 10000
    assert data["mål"][0]["tiltak"][-1]["id"] == "1.10000"
