"""The command line as a user meets it: help, the README, exit codes, the installed console script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arbeidsplan.cli.app import app
from arbeidsplan.diagnostics import CODES, code_table
from conftest import PLANS, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    """Every command a user can type, sub-commands as "status set"."""
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for group in app.registered_groups:
        names.append(group.name)
        names += [f"{group.name} {c.name or c.callback.__name__}" for c in group.typer_instance.registered_commands]
    return sorted(names)


def _help_of(name: str) -> str | None:
    parts = name.split()
    if len(parts) == 1:
        for c in app.registered_commands:
            if (c.name or c.callback.__name__) == name:
                return c.help
        group = next(g for g in app.registered_groups if g.name == name)
        return group.typer_instance.info.help
    group = next(g for g in app.registered_groups if g.name == parts[0])
    return next(c.help for c in group.typer_instance.registered_commands if c.name == parts[1])


def test_every_command_has_help_and_is_in_the_readme(cli):
    assert {"check", "show", "status", "status set", "report"} <= set(_commands())
    for name in _commands():
        result = cli(*name.split(), "--help")
        assert result.code == 0, result.err
        assert "Bruk: " in result.out and "Usage" not in result.out and "Show this message" not in result.out
        shown = name if name != "status show" else "status"  # `status show` is what `status` runs
        assert f"arbeidsplan {shown}" in README, f"the README does not show `arbeidsplan {shown}`"
        assert _help_of(name), f"{name} has no help text"


def test_readme_code_table_is_the_registry():
    block = README.split("<!-- koder:start -->\n")[1].split("<!-- koder:end -->")[0]
    assert block == code_table()
    assert set(re.findall(r"\| (AP\d{3}) \|", block)) == set(CODES)


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m pip install '.[test]' && python3 -m pytest"
    assert command in README
    lines = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert lines[-1] == command
    # Before it, at most one line: installing the browser the site's tests drive, the packages the README names.
    browser = "apt-get install chromium chromium-driver"
    assert browser in README
    assert len(lines) <= 2 and all("apt-get" in line and "chromium chromium-driver" in line for line in lines[:-1])


def test_version_and_no_arguments(cli):
    version = cli("--version")
    assert version.code == 0 and version.out.startswith("arbeidsplan ")
    bare = cli()  # no command is bad usage: exit 2, with the commands to choose from
    assert bare.code == 2
    assert bare.err.startswith("arbeidsplan: feil bruk: ")
    assert all(f"  {name} " in bare.err for name in ("check", "show", "status", "report", "coverage"))


def test_usage_errors_are_one_norwegian_line_and_exit_2(cli):
    result = cli("check", "--bogus")
    assert result.code == 2
    assert result.err.splitlines()[0] == "arbeidsplan: ukjent valg «--bogus»"
    result = cli("show")
    assert result.code == 2 and "mangler argumentet PLAN" in result.err
    result = cli("check", "--format", "xml", "plans", cwd=REPO)
    assert result.code == 2 and "ukjent format «xml»" in result.err


@pytest.mark.parametrize("args, line", [
    # From a new-user trial: click's own English came through for these.
    (["status", "--year", "abc"], "ugyldig verdi for ÅR: «abc» er ikke et heltall"),
    (["show", "a.md", "b.md"], "for mange argumenter: «b.md»"),
    (["status", "set", "plan.md", "1.3", "delvis", "gjennomført", "--year", "2026"],
     "for mange argumenter: «gjennomført»; et statusord i to ord står i anførselstegn: «\"delvis gjennomført\"»"),
    # The closest option, not the first in the alphabet (it said «--select» for all three).
    (["check", "--strcit"], "ukjent valg «--strcit»; mente du «--strict»?"),
    (["check", "--stirct"], "ukjent valg «--stirct»; mente du «--strict»?"),
])
def test_usage_errors_say_what_is_wrong_in_the_users_language(cli, tmp_path, args, line):
    result = cli(*args, cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err.splitlines()[0] == f"arbeidsplan: {line}"


def test_near_miss_in_nynorsk_too(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    result = cli("status", "--year", "abc", cwd=tmp_path)
    assert result.err.splitlines()[0] == "arbeidsplan: ugyldig verdi for ÅR: «abc» er ikkje eit heiltal"


def test_lang_after_the_command_says_where_it_goes(cli):
    result = cli("check", "--lang", "en", "plans", cwd=REPO)
    assert result.code == 2
    assert result.err.splitlines()[0] == ("arbeidsplan: ukjent valg «--lang»; --lang står foran kommandoen: "
                                          "«arbeidsplan --lang en check …»")


def test_check_without_arguments_uses_plans_here(cli, tmp_path):
    assert cli("check", cwd=REPO).code == 1
    result = cli("check", cwd=tmp_path)
    assert result.code == 2 and "fant ingen plans/-mappe her" in result.err


def test_strict_turns_warnings_into_failure(cli):
    bergen = "plans/vestland/bergen/2024-2027.md"
    assert cli("check", bergen, cwd=REPO).code == 0
    assert cli("check", "--strict", bergen, cwd=REPO).code == 1


def test_github_annotations(cli):
    result = cli("check", "--format", "github", "plans/vestland/bergen/2024-2027.md", cwd=REPO)
    lines = result.out.splitlines()
    assert all(re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=AP\d{3}::\S", line)
               for line in lines)
    assert [line for line in lines if "AP206" in line] == [
        "::warning file=plans/vestland/bergen/2024-2027.md,line=166,col=3,title=AP206::hull i nummereringen: "
        "«c)» mangler mellom «b)» og «d)»",
        "::warning file=plans/vestland/bergen/2024-2027.md,line=241,col=1,title=AP206::hull i nummereringen: "
        "«5.6» mangler mellom «5.5» og «5.7»",
    ]


def _installed_script() -> str | None:
    here = Path(sys.executable).parent / "arbeidsplan"
    return str(here) if here.exists() else shutil.which("arbeidsplan")


def test_installed_console_script_in_a_subprocess(tmp_path):
    script = _installed_script()
    if script is None:
        pytest.skip("the console script is not installed in this environment")
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run([script, "check", str(REPO / "plans")], cwd=tmp_path, capture_output=True,
                         text=True, env=env, timeout=120)
    assert run.returncode == 1
    assert "AP202 id-en «2.3d» er brukt før, på linje 312" in run.stdout
    assert "4 filer kontrollert" in run.stderr
    bad = subprocess.run([script, "check", "--nope"], cwd=tmp_path, capture_output=True, text=True, env=env,
                         timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_a_parent_plan_is_named_the_same_from_inside_a_plans_folder(cli):
    """`check .` inside plans/innlandet reads the national plan as ../landsstyret/…; its findings name it as
    from the repository's root: «fra landsstyret/2026-2029», not «fra ../landsstyret/2026-2029»."""
    inside = cli("check", ".", cwd=PLANS / "innlandet").out
    assert "fra landsstyret/2026-2029" in inside and "../landsstyret" not in inside


def test_a_parent_plan_that_cannot_be_used_says_why(cli, tmp_path):
    """new --parent and coverage --parent: a missing file and a file that is not UTF-8 get different reasons,
    the second with its file:line."""
    missing = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--parent", tmp_path / "finnes.md")
    assert missing.code == 2 and missing.err.strip().endswith("kan ikke leses: finnes ikke")
    latin = tmp_path / "latin.md"
    latin.write_bytes("---\norganisasjon: Ringsaker SV\nnivå: fylkeslag\n".encode("latin-1") + "æ\n".encode("latin-1"))
    for args in (["new", "--level", "lokallag", "--org", "Ringsaker SV", "--parent", latin],
                 ["coverage", PLANS, "--parent", latin]):
        bad = cli(*args)
        assert bad.code == 2 and f"{latin}:3:1:" in bad.err and "UTF-8" in bad.err, bad.err


@pytest.mark.parametrize("lang, words, not_words", [
    ("en", ["suggested", "unanswered"], ["foreslått", "ubesvart", "koblet"]),
    ("nn", ["føreslått", "utan svar"], ["foreslått", "ubesvart", "koblet"]),
])
def test_an_answers_state_is_in_the_readers_language(cli, monkeypatch, lang, words, not_words):
    """coverage --detail: the state column is in the language asked for (json keeps the data's words)."""
    monkeypatch.setenv("ARBEIDSPLAN_LANG", lang)
    out = cli("coverage", "--detail", PLANS).out
    table = out.split("\n", 1)[1]  # below the title
    assert all(w in table for w in words), table[:400]
    assert not any(f" {w} " in table or f"│ {w}" in table for w in not_words), table[:400]


def test_a_plan_above_that_asks_nothing_of_the_level_gets_no_table_of_zeros(cli, tmp_path):
    """A county plan that asks nothing of local branches: `check` of a local plan under it shows the national
    plan's table and no table for the county plan."""
    shutil.copytree(PLANS, tmp_path / "plans")
    county = tmp_path / "plans" / "fjell" / "2026-2029.md"
    county.parent.mkdir(parents=True)
    county.write_text("---\norganisasjon: Fjellfylke SV (oppdiktet)\nnivå: fylkeslag\nperiode: 2026–2029\n"
                      "overordnet: ../landsstyret/2026-2029.md\n---\n\n## Mål 1: Et synlig fylkeslag\n\n"
                      "### Tiltak\n\n- **1.1** Fylkesstyret holder pressemøte før fylkestinget.\n", encoding="utf-8")
    made = cli("new", "--level", "lokallag", "--org", "Dalby SV", "--period", "2026-2029", "--parent",
               "plans/fjell/2026-2029.md", "-o", "plans/fjell/dalby/2026-2029.md", cwd=tmp_path)
    assert made.code == 0, made.err
    err = cli("check", "plans/fjell/dalby", cwd=tmp_path).err
    assert "Dekning av landsstyret/2026-2029 (lokallag)" in err
    assert "Dekning av fjell/2026-2029" not in err


def test_near_miss_innlandet_asks_its_local_branches_and_gets_its_table(cli, tmp_path):
    shutil.copytree(PLANS, tmp_path / "plans")
    made = cli("new", "--level", "lokallag", "--org", "Hamar SV", "--period", "2025-2028", "--parent",
               "plans/innlandet/2025-2028.md", "-o", "plans/innlandet/hamar/2025-2028.md", cwd=tmp_path)
    assert made.code == 0, made.err
    err = cli("check", "plans/innlandet/hamar", cwd=tmp_path).err
    assert "Dekning av landsstyret/2026-2029 (lokallag)" in err
    assert "Dekning av innlandet/2025-2028 (lokallag)" in err


def test_show_of_a_plan_with_nothing_read_says_why(cli, write):
    """A plan whose headings the reader does not know: `show` says so (AP209), not only «0 mål, 0 tiltak»."""
    path = write("plan.md", "---\norganisasjon: X SV\nnivå: lokallag\nperiode: 2026–2029\n---\n"
                            "## Skolering\n- Kurs for nye\n")
    result = cli("show", path)
    assert result.code == 0 and "AP209 planen har ingen mål og ingen tiltak" in result.err
