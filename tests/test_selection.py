"""`check --select/--ignore` and the plan repository's settings ([tool.arbeidsplan] in pyproject.toml, or
arbeidsplan.toml): which finding codes are reported."""

from __future__ import annotations

import re

import json
import shutil
import subprocess

import pytest

from conftest import REPO


@pytest.fixture
def plan_repo(tmp_path):
    """A copy of plans/ in its own git repository, as a board's plan repository."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def codes(cli, *args, cwd):  # type: ignore[no-untyped-def]
    result = cli("check", "--format", "json", *args, cwd=cwd)
    return result, [f["kode"] for f in json.loads(result.out)["funn"]] if result.out else []


def test_ignore_and_select_by_code_and_by_beginning(cli, plan_repo):
    _, everything = codes(cli, cwd=plan_repo)
    assert {"AP202", "AP302", "AP601", "AP602"} <= set(everything)
    _, without = codes(cli, "--ignore", "AP6,AP302", cwd=plan_repo)
    assert without == [c for c in everything if not c.startswith("AP6") and c != "AP302"]
    result, only = codes(cli, "--select", "AP2", cwd=plan_repo)
    assert only == [c for c in everything if c.startswith("AP2")]
    assert result.code == 1  # AP202 is an error
    result, none = codes(cli, "--select", "AP3", "--select", "AP5", cwd=plan_repo)
    assert set(none) == {"AP302"} and result.code == 0  # warnings only: the repeated id is not selected


def test_the_coverage_summary_comes_with_the_coverage_findings(cli, plan_repo):
    """The matrix after the findings adds up the AP6 findings: shown when they are, not when they are left out."""
    assert "Dekning av prioriteringene" in cli("check", cwd=plan_repo).err
    for args in (["--ignore", "AP6"], ["--select", "AP2,AP3"]):
        result = cli("check", *args, cwd=plan_repo)
        assert "Dekning" not in result.err and "filer kontrollert" in result.err
        assert json.loads(cli("check", "--format", "json", *args, cwd=plan_repo).out)["dekning"] == []
    assert "Dekning av prioriteringene" in cli("check", "--select", "AP601", cwd=plan_repo).err


def test_settings_in_pyproject_and_the_option_wins(cli, plan_repo):
    (plan_repo / "pyproject.toml").write_text('[tool.arbeidsplan]\nignore = ["AP602", "AP601"]\n', encoding="utf-8")
    _, from_settings = codes(cli, cwd=plan_repo)
    assert from_settings and not {"AP601", "AP602"} & set(from_settings)
    _, from_a_subfolder = codes(cli, "..", cwd=plan_repo / "plans" / "innlandet")
    assert from_a_subfolder == from_settings  # found upwards from where check runs
    _, overridden = codes(cli, "--ignore", "AP302", cwd=plan_repo)
    assert "AP601" in overridden and "AP302" not in overridden


def test_arbeidsplan_toml(cli, plan_repo):
    (plan_repo / "arbeidsplan.toml").write_text('select = ["AP202"]\n', encoding="utf-8")
    assert codes(cli, cwd=plan_repo)[1] == ["AP202"]


@pytest.mark.parametrize(("settings", "says"), [
    ('[tool.arbeidsplan]\nignore = ["XP6"]\n', "«XP6» er ingen funnkode"),
    ('[tool.arbeidsplan]\nignore = "AP6"\n', "«ignore» må være en liste"),
    ('[tool.arbeidsplan]\nignorer = ["AP6"]\n', "ukjent innstilling «ignorer»"),
    ('[tool.arbeidsplan]\nignore = ["AP6"\n', "innstillingene kan ikke leses"),
])
def test_bad_settings_are_one_line_and_exit_2(cli, plan_repo, settings, says):
    (plan_repo / "pyproject.toml").write_text(settings, encoding="utf-8")
    result = cli("check", cwd=plan_repo)
    assert result.code == 2 and result.out == ""
    assert says in result.err and "pyproject.toml" in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_an_unknown_code_on_the_command_line_gets_a_suggestion(cli, plan_repo):
    result = cli("check", "--ignore", "AP6O2", cwd=plan_repo)
    assert result.code == 2 and "--ignore: «AP6O2» er ingen funnkode" in result.err and "AP602" in result.err


def test_unreadable_files_cannot_be_ignored(cli, plan_repo):
    (plan_repo / "plans" / "tom.md").write_bytes(b"")
    result, found = codes(cli, "--ignore", "AP1", cwd=plan_repo)
    assert "AP101" in found and result.code == 2


def test_a_broken_settings_file_is_one_line_with_its_place(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "arbeidsplan.toml").write_text('select = ["AP2"\nignore = []\n', encoding="utf-8")
    (tmp_path / "plan.md").write_text("---\norganisasjon: Testlaget SV\nnivå: lokallag\nperiode: 2026–2029\n---\n",
                                      encoding="utf-8")
    result = cli("check", "plan.md", cwd=tmp_path)
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert re.search(r"arbeidsplan\.toml:2:1: innstillingene kan ikke leses, feil i TOML: «.+»$", line), line
