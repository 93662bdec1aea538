"""The one exit-code policy, for every command that reads plans: 2 when a file cannot be read or a path has no
plan, 1 when a plan it reads has an error (a reading error such as missing front matter too), 0 otherwise.

`check` prints its findings on stdout; the other commands print the reading errors on stderr, one line each,
and their own output on stdout."""

from __future__ import annotations

import pytest

from conftest import header

CLEAN = header() + "## Mål 1: Flere aktive medlemmer\n### Tiltak\n- **1.1** Ringe alle medlemmer.\n  - når: 2026\n"
NO_FRONT_MATTER = "## Mål 1: Flere aktive medlemmer\n### Tiltak\n- **1.1** Ringe alle medlemmer.\n"

# name → (file content or None for no file, exit code, the line the user gets about the file, or None)
PLANS = {
    "clean": (CLEAN, 0, None),
    "no front matter": (NO_FRONT_MATTER, 1, "plan.md:1:1: AP102 mangler front matter: filen må begynne med en "
                                           "YAML-blokk mellom to linjer «---», med minst organisasjon, nivå og periode "
                                           "(som «arbeidsplan new» lager)"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, "plan.md:1:1: AP101 filen kan ikke leses: ser ut som en "
                                                         "binærfil (inneholder NUL-tegn)"),
    "empty": ("\n\n", 2, "plan.md:1:1: AP101 filen kan ikke leses: filen er tom"),
    # Notepad's «Unicode», in either byte order: said as what it is, not as a binary file
    "utf-16": (CLEAN.encode("utf-16"), 2, "plan.md:1:1: AP101 filen kan ikke leses: filen er UTF-16; lagre den som UTF-8"),
    "utf-16 big-endian": (b"\xfe\xff" + CLEAN.encode("utf-16-be"), 2,
                          "plan.md:1:1: AP101 filen kan ikke leses: filen er UTF-16; lagre den som UTF-8"),
    "missing": (None, 2, "plan.md: AP108 finnes ikke"),
}
COMMANDS = {
    "check": ["check"],
    "show": ["show"],
    "status": ["status", "--year", "2026"],
    "report": ["report", "2026"],
    "coverage": ["coverage"],
}


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("command", COMMANDS)
def test_exit_code_and_the_line_about_the_file(cli, tmp_path, command, plan):
    text, code, line = PLANS[plan]
    if isinstance(text, bytes):
        (tmp_path / "plan.md").write_bytes(text)
    elif text is not None:
        (tmp_path / "plan.md").write_text(text, encoding="utf-8")
    result = cli(*COMMANDS[command], "plan.md", cwd=tmp_path)
    assert result.code == code
    findings, other = (result.out, result.err) if command == "check" else (result.err, result.out)
    assert [x for x in findings.splitlines() if "plan.md" in x] == ([line] if line else [])
    assert "AP1" not in other
    assert "Traceback" not in result.err


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "show"])
def test_a_folder_with_no_plans_is_2(cli, tmp_path, command):
    (tmp_path / "tom").mkdir()
    result = cli(*COMMANDS[command], "tom", cwd=tmp_path)
    assert result.code == 2
    assert "tom: AP108 ingen planer (*.md) i mappen tom" in (result.out if command == "check" else result.err)


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_usage_is_2(cli, tmp_path, command):
    result = cli(*COMMANDS[command], "--bogus", "plan.md", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[0] == "arbeidsplan: ukjent valg «--bogus»"


def test_show_of_a_folder_is_2(cli, tmp_path):
    (tmp_path / "tom").mkdir()
    result = cli("show", "tom", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("tom:1:1: AP101 filen kan ikke leses: ")


def test_show_of_a_folder_says_why_in_norwegian(cli, tmp_path):
    (tmp_path / "tom").mkdir()
    assert cli("show", "tom", cwd=tmp_path).err == "tom:1:1: AP101 filen kan ikke leses: det er en mappe, ikke en fil\n"


def test_the_console_script_ends_at_once_with_everything_written(cli):
    """The console script leaves without taking every object apart (entry.py, as mypy does): all the output is
    still written, in a pipe too, with the exit code kept; a reader that stops early (`| head`) gets no
    traceback."""
    import subprocess
    import sys

    from conftest import REPO

    plan = REPO / "plans" / "landsstyret" / "2026-2029.md"
    in_process = cli("show", str(plan), "--format", "json").out
    done = subprocess.run([sys.executable, "-m", "arbeidsplan", "show", str(plan), "--format", "json"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and len(done.stdout) > 20_000  # more than the output buffer holds
    assert done.stdout == in_process
    head = subprocess.run(f'"{sys.executable}" -m arbeidsplan show "{plan}" --format json | head -n 1', shell=True,
                          capture_output=True, text=True)
    assert head.stdout == "{\n" and head.stderr == ""
    failed = subprocess.run([sys.executable, "-m", "arbeidsplan", "check", str(REPO / "no-such-plan.md")],
                            capture_output=True, text=True)
    assert failed.returncode == 2 and "AP108" in failed.stdout
