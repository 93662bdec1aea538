"""Editor and CI integration as a plan repository uses it: the pre-commit hook and the GitHub Actions recipe in
the README run real commands that do what the README says."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import yaml

from conftest import REPO, header

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_pre_commit_hook_runs_check_on_the_plans(cli, write, tmp_path):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "arbeidsplan-check" and hook["language"] == "python"
    assert f"id: {hook['id']}" in README
    files = re.compile(hook["files"])
    assert files.search("plans/innlandet/2025-2028.md") and not files.search("README.md")
    assert not files.search("src/arbeidsplan/api.py")
    program, *args = shlex.split(hook["entry"])
    assert program == "arbeidsplan" and hook["pass_filenames"] is False
    # In the repository's root, as pre-commit runs it: Innlandet's repeated id 2.3d stops the commit …
    assert cli(*args, cwd=REPO).code == 1
    # … and a repository whose plans are in order lets it through.
    write("plans/lag/2026-2029.md", header() + "\n## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Gjøre noe.\n  - når: 2026\n")
    assert cli(*args, cwd=tmp_path).code == 0


def test_the_github_actions_recipe_in_the_readme_runs(cli, tmp_path):
    block = README.split("GitHub Actions (`.github/workflows/arbeidsplan.yml`)")[1].split("```yaml\n")[1]
    workflow = yaml.safe_load(block.split("```")[0])
    runs = [step["run"].split("#")[0].strip() for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    commands = [shlex.split(r)[1:] for r in runs if r.startswith("arbeidsplan ")]
    assert [c[0] for c in commands] == ["check", "site"]
    check = cli(*commands[0], cwd=REPO)
    lines = check.out.splitlines()
    assert check.code == 1 and lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("file=plans/innlandet/2025-2028.md,line=313" in line for line in lines)  # AP202, the repeated id
    site = [str(tmp_path / "_site") if a == "_site" else a for a in commands[1]]
    assert cli(*site, "--no-history", cwd=REPO).code in (0, 1)
    assert (tmp_path / "_site" / "index.html").is_file()
    upload = next(s for s in workflow["jobs"]["check"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_site"


def test_the_gitlab_recipe_writes_a_code_quality_report(cli, tmp_path):
    block = README.split("GitLab CI (`.gitlab-ci.yml`)")[1].split("```yaml\n")[1]
    job = yaml.safe_load(block.split("```")[0])["arbeidsplan"]
    (command,) = [line.split(">")[0].strip() for line in job["script"] if line.startswith("arbeidsplan ")]
    report_name = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"  # the report is wanted most when check fails
    result = cli(*shlex.split(command)[1:], cwd=REPO)
    assert result.code == 1 and report_name in block
    issues = json.loads(result.out)
    findings = json.loads(cli("check", "--format", "json", "plans/", cwd=REPO).out)["funn"]
    assert len(issues) == len(findings) > 0
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue, finding in zip(issues, findings, strict=True):
        assert issue["check_name"] == finding["kode"]
        assert issue["location"] == {"path": finding["fil"], "lines": {"begin": max(finding["linje"], 1)}}
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[finding["alvor"]]
        assert finding["melding"] in issue["description"]


def _gitlab(cli, cwd, *args):
    return json.loads(cli("check", "--format", "gitlab", *args, cwd=cwd).out)


def test_code_quality_issues_are_the_same_from_any_folder_and_after_a_line_is_inserted(cli, tmp_path):
    """GitLab matches a merge request's issues by fingerprint and names files from the repository's root: the
    same issues whether CI runs `check plans/`, `check .` inside plans/ or `check` with an absolute path; and
    inserting lines above the findings (which moves them and the line numbers in their messages) changes no
    fingerprint."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "plans", repo / "plans")
    (repo / ".git").mkdir()
    root = _gitlab(cli, repo, "plans/")
    for other in (_gitlab(cli, repo / "plans", "."), _gitlab(cli, tmp_path, str(repo / "plans"))):
        assert [(i["fingerprint"], i["location"]["path"]) for i in other] == \
               [(i["fingerprint"], i["location"]["path"]) for i in root]
    assert root[0]["location"]["path"].startswith("plans/")
    plan = repo / "plans" / "innlandet" / "2025-2028.md"
    text = plan.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    plan.write_text(head + "\n---\n\n\n" + body, encoding="utf-8")  # two lines more above every finding
    moved = _gitlab(cli, repo, "plans/")
    assert sorted(i["fingerprint"] for i in moved) == sorted(i["fingerprint"] for i in root)
    assert any("linje" in i["description"] for i in moved)  # messages that name a line are among them


def test_with_strict_a_warning_is_a_major_issue_as_in_the_exit_code(cli):
    issues = json.loads(cli("check", "--format", "gitlab", "--strict", "plans/", cwd=REPO).out)
    findings = json.loads(cli("check", "--format", "json", "plans/", cwd=REPO).out)["funn"]
    for issue, finding in zip(issues, findings, strict=True):
        assert issue["severity"] == {"error": "major", "warning": "major", "info": "info"}[finding["alvor"]]


def test_bad_settings_still_leave_a_code_quality_report_gitlab_can_read(cli, tmp_path):
    """A typo in arbeidsplan.toml stops the run (exit 2, one line saying where), and the report file the job
    uploads is still JSON GitLab can read: an empty list, not an empty file."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    (tmp_path / ".git").mkdir()
    (tmp_path / "arbeidsplan.toml").write_text('ignore = ["AP2O2"]\n', encoding="utf-8")
    result = cli("check", "--format", "gitlab", "plans/", cwd=tmp_path)
    assert result.code == 2 and json.loads(result.out) == []
    assert "arbeidsplan.toml" in result.err and "AP2O2" in result.err
