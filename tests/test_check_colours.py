"""`check`'s finding lines are coloured by severity on a terminal (error red, warning yellow, a warning counted
as an error under --strict red), plain in a pipe or with NO_COLOR; a plan's own `[...]` is printed as it is."""

from __future__ import annotations

import sys

import pytest

from conftest import header

RED, YELLOW, CYAN = "\x1b[31m", "\x1b[33m", "\x1b[36m"
PLAN = header() + """
## Mål 1: Flere aktive medlemmer
### Tiltak
- **1.1** Et tiltak
  - når: snart [bold]en[/bold] gang
- **1.1** Samme id to ganger
"""


@pytest.fixture
def check(capsys, monkeypatch, write):
    """`arbeidsplan check` with FORCE_COLOR (rich then colours as on a terminal) unless no_color is asked."""
    from arbeidsplan.cli.app import run

    def invoke(*args: str, no_color: bool = False, text: str = PLAN) -> str:
        plan = write("plan.md", text)
        monkeypatch.chdir(plan.parent)
        monkeypatch.setattr(sys, "argv", ["arbeidsplan", "check", "plan.md", *args])
        monkeypatch.setenv("COLUMNS", "40")  # narrower than the lines: they must not wrap
        monkeypatch.setenv("FORCE_COLOR", "1")
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
        capsys.readouterr()
        with pytest.raises(SystemExit):
            run()
        return capsys.readouterr().out

    return invoke


def _line(out: str, code: str) -> str:
    (line,) = [x for x in out.splitlines() if code in x]
    return line


def test_errors_are_red_and_warnings_yellow_on_a_terminal(check):
    out = check()
    assert _line(out, "AP202").startswith(RED) and "plan.md:11:3: AP202" in out
    warning = _line(out, "AP301")
    assert warning.startswith(YELLOW)
    assert "«snart [bold]en[/bold] gang»" in warning  # the plan's text, not markup
    assert len(out.splitlines()) == 2  # each finding one line, however narrow the terminal


def test_a_warning_counted_as_an_error_under_strict_is_red(check):
    out = check("--strict")
    assert _line(out, "AP301").startswith(RED) and "[" in _line(out, "AP301").split("gang»")[1]


def test_infos_are_cyan(check, write):
    write(".git/HEAD", "ref: refs/heads/main\n")  # a plan in git with a derived id: AP212, an info
    out = check(text=header() + "## Mål 1: Flere aktive medlemmer\n### Tiltak\n- Ringe alle medlemmer.\n")
    assert _line(out, "AP212").startswith(CYAN)


def test_no_color_gives_the_plain_lines(check):
    out = check(no_color=True)
    assert "\x1b[3" not in out  # no colour codes
    assert out.splitlines() == [
        "plan.md:9:3: AP301 tidsangivelsen «snart [bold]en[/bold] gang» kan ikke leses",
        "plan.md:11:3: AP202 id-en «1.1» er brukt før, på linje 9; gi dette punktet en ny id, f.eks. «1.2»",
    ]


def test_piped_output_is_plain_text(cli, write, tmp_path):
    write("plan.md", PLAN)
    result = cli("check", "plan.md", cwd=tmp_path, columns=30)
    assert "\x1b" not in result.out
    assert result.out == ("plan.md:9:3: AP301 tidsangivelsen «snart [bold]en[/bold] gang» kan ikke leses\n"
                          "plan.md:11:3: AP202 id-en «1.1» er brukt før, på linje 9; gi dette punktet en ny id, f.eks. «1.2»\n")


def test_lines_of_text_are_not_broken_at_the_width_in_a_pipe(cli):
    """coverage's matrix and legend, like check's findings, stay one line each however narrow the terminal: a
    line broken in a pipe reads as two (tables and trees, laid out to the width, are another matter)."""
    from conftest import REPO

    result = cli("coverage", REPO / "plans", cwd=REPO, columns=40)
    legend = [line for line in result.out.splitlines() if line.startswith("Celle:")]
    assert legend == ["Celle: koblet + foreslått / krav. ✗ = prioriteringen har krav, men ingenting svarer. "
                      "Et mulig svar (usikkert) telles ikke i cellen, men gir ikke ✗; --detail viser det."]
    assert any(line.startswith("Innlandet SV 2025–2028") and line.rstrip().endswith("/3")
               for line in result.out.splitlines())
