"""Which version of a plan is the adopted one (docs/format.md §11), in real repositories: a `vedtatt/…` tag on
any commit, a change to `vedtatt`/`revisjoner`, and the commit that adds a plan with them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from arbeidsplan.history.git import Repo
from arbeidsplan.history.revisions import revisions
from conftest import header
from idplans import commit
from planrepo import git

BODY = """
# Plan

## Mål 1: Medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer.
- **1.2** Holde medlemsmøte.
"""



def with_adoption(body: str) -> str:
    return header(vedtatt="2026-02-01") + body


def since_adopted(cli, root: Path) -> dict:
    result = cli("diff", "--since-adopted", "--format", "json", "plans/plan.md", cwd=root)
    assert result.code == 0, result.err
    (d,) = json.loads(result.out)["diff"]
    return d


def new_repo(tmp_path):
    """An empty git repository, on branch main."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_tag_on_a_commit_that_did_not_touch_the_plan(cli, tmp_path):
    root = new_repo(tmp_path)
    plan = root / "plans" / "plan.md"
    commit(root, plan, header() + BODY, "Forslag", "2026-01-10T12:00:00+01:00")
    commit(root, root / "README.md", "Laget\n", "Readme", "2026-02-02T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    commit(root, plan, header() + BODY + "- **1.3** Verve ti nye.\n", "Nytt tiltak", "2026-03-01T12:00:00+01:00")

    d = since_adopted(cli, root)
    assert d["fra"] == "vedtatt/2026"
    assert [(c["type"], c["id"], c["etter"]) for c in d["endringer"]] == [("lagt til", "1.3", "Verve ti nye.")]
    revs = revisions(Repo(root), "plans/plan.md")
    assert [(r.commit.subject, r.adopted, r.commit.tags) for r in revs] == [
        ("Nytt tiltak", False, ()), ("Forslag", True, ("vedtatt/2026",))]
    out = " ".join(cli("history", "plans/plan.md", cwd=root).out.split())
    assert "Forslag vedtatt (vedtatt/2026)" in out and "Nytt tiltak vedtatt" not in out


def test_tag_before_the_plan_existed_is_not_its_adoption(cli, tmp_path):
    root = new_repo(tmp_path)
    commit(root, root / "README.md", "Laget\n", "Readme", "2025-02-02T12:00:00+01:00")
    git(root, "tag", "vedtatt/2025")
    commit(root, root / "plans" / "plan.md", header() + BODY, "Forslag", "2026-01-10T12:00:00+01:00")
    result = cli("diff", "--since-adopted", "plans/plan.md", cwd=root)
    assert result.code == 2 and "plans/plan.md har ingen vedtatt versjon i historikken" in result.err


def test_the_commit_that_adds_an_adopted_plan_is_its_adopted_version(cli, tmp_path):
    root = new_repo(tmp_path)
    plan = root / "plans" / "plan.md"
    commit(root, plan, with_adoption(BODY), "Vedtatt plan", "2026-02-02T12:00:00+01:00")
    first = git(root, "rev-parse", "HEAD").strip()
    commit(root, plan, with_adoption(BODY.replace("Holde medlemsmøte.", "Holde medlemsmøte hver måned.")),
           "Omformulert", "2026-03-01T12:00:00+01:00")
    d = since_adopted(cli, root)
    assert d["fra"] == first[:8]
    assert [(c["type"], c["id"]) for c in d["endringer"]] == [("omformulert", "1.2")]


def test_a_change_to_vedtatt_is_an_adoption(cli, tmp_path):
    root = new_repo(tmp_path)
    plan = root / "plans" / "plan.md"
    commit(root, plan, header() + BODY, "Forslag", "2026-01-10T12:00:00+01:00")
    commit(root, plan, with_adoption(BODY), "Vedtatt", "2026-02-02T12:00:00+01:00")
    adopted = git(root, "rev-parse", "HEAD").strip()
    commit(root, plan, with_adoption(BODY.replace("- **1.2** Holde medlemsmøte.\n", "")), "Strøket",
           "2026-03-01T12:00:00+01:00")
    d = since_adopted(cli, root)
    assert d["fra"] == adopted[:8]
    assert [(c["type"], c["id"]) for c in d["endringer"]] == [("strøket", "1.2")]
    assert [r.adopted for r in revisions(Repo(root), "plans/plan.md")] == [False, True, False]


def test_two_meetings_that_left_the_plan_as_it_was(cli, tmp_path):
    root = new_repo(tmp_path)
    plan = root / "plans" / "plan.md"
    commit(root, plan, header() + BODY, "Forslag", "2025-01-10T12:00:00+01:00")
    git(root, "tag", "vedtatt/2025")
    commit(root, root / "README.md", "Laget\n", "Readme", "2026-02-02T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    d = since_adopted(cli, root)
    assert d["fra"] == "vedtatt/2026" and d["endringer"] == []
    (rev,) = revisions(Repo(root), "plans/plan.md")
    assert rev.adopted and rev.commit.tags == ("vedtatt/2025", "vedtatt/2026")


def test_a_paper_of_many_plans_leaves_out_a_plan_not_yet_adopted_and_says_so(cli, tmp_path):
    """From a new-user trial: a county's `diff --since-adopted plans/` failed for every plan, with exit 2 and no
    paper, because one lag's new plan had not been adopted yet."""
    root = new_repo(tmp_path)
    commit(root, root / "plans" / "plan.md", header() + BODY, "Forslag", "2026-01-10T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    commit(root, root / "plans" / "plan.md", header() + BODY + "- **1.3** Verve ti nye.\n", "Nytt tiltak",
           "2026-03-01T12:00:00+01:00")
    commit(root, root / "plans" / "nytt-lag.md", header(organisasjon="Nytt lag SV") + BODY, "Nytt lag",
           "2026-04-01T12:00:00+01:00")
    (root / "plans" / "ikke-sjekket-inn.md").write_text(header(organisasjon="Utkast SV") + BODY, encoding="utf-8")

    result = cli("diff", "--since-adopted", "--format", "json", "plans/", cwd=root)
    assert result.code == 0, result.err
    (d,) = json.loads(result.out)["diff"]
    assert d["fil"] == "plans/plan.md"
    assert [(c["type"], c["id"]) for c in d["endringer"]] == [("lagt til", "1.3")]
    assert result.err.count("ikke med: ") == 2
    assert "plans/nytt-lag.md har ingen vedtatt versjon" in result.err
    assert "plans/ikke-sjekket-inn.md har ingen vedtatt versjon" in result.err


def test_near_miss_one_plan_not_yet_adopted_asked_for_alone_is_exit_2(cli, tmp_path):
    root = new_repo(tmp_path)
    commit(root, root / "plans" / "nytt-lag.md", header() + BODY, "Nytt lag", "2026-04-01T12:00:00+01:00")
    result = cli("diff", "--since-adopted", "plans/nytt-lag.md", cwd=root)
    assert result.code == 2 and result.out == ""
    assert result.err == ("arbeidsplan: plans/nytt-lag.md har ingen vedtatt versjon i historikken "
                          "(tagg vedtatt/… eller endret «vedtatt»)\n")


def test_since_adopted_with_an_older_revision_never_reads_the_history_backwards(cli, tmp_path):
    """From a new-user trial: `diff --since-adopted vedtatt/2026 PLAN` after the 2027 meeting compared vedtatt/2027
    with vedtatt/2026 — the paper said «Stryke» for the measure the 2027 meeting had added. With a revision, the
    adopted version is the last one at or before it."""
    root = new_repo(tmp_path)
    plan = root / "plans" / "plan.md"
    commit(root, plan, header() + BODY, "Vedtatt 2026", "2026-02-01T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    commit(root, plan, header() + BODY + "- **1.3** Verve ti nye.\n", "Forslag 2027", "2026-12-01T12:00:00+01:00")
    commit(root, plan, header() + BODY + "- **1.3** Verve ti nye.\n- **1.4** Stand.\n", "Vedtatt 2027",
           "2027-02-01T12:00:00+01:00")
    git(root, "tag", "vedtatt/2027")

    def changes(*args: str) -> tuple[str, str, list[tuple[str, str]]]:
        result = cli("diff", "--since-adopted", "--format", "json", *args, "plans/plan.md", cwd=root)
        assert result.code == 0, result.err
        (d,) = json.loads(result.out)["diff"]
        return d["fra"], d["til"], [(c["type"], c["id"]) for c in d["endringer"]]

    assert changes("vedtatt/2026") == ("vedtatt/2026", "vedtatt/2026", [])
    assert changes("HEAD~1") == ("vedtatt/2026", "HEAD~1", [("lagt til", "1.3")])
    # Near miss: the newest adopted version, or none given, is as before.
    assert changes("vedtatt/2027") == ("vedtatt/2027", "vedtatt/2027", [])
    assert changes()[:2] == ("vedtatt/2027", "arbeidskopi")


def test_the_meetings_paper_is_in_the_plans_own_language(cli, tmp_path):
    """From a new-user trial: a nynorsk lag's change paper came out in bokmål unless --lang nn was given, while its
    report follows the plan's `språk`. Now both do, and --lang still chooses."""
    root = new_repo(tmp_path)
    plan = root / "plans" / "plan.md"
    commit(root, plan, header(språk="nynorsk") + BODY, "Vedteke 2026", "2026-02-01T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    commit(root, plan, header(språk="nynorsk") + BODY + "- **1.3** Verve ti nye.\n", "Framlegg 2027",
           "2026-12-01T12:00:00+01:00")
    paper = cli("diff", "--since-adopted", "--format", "md", "plans/plan.md", cwd=root).out
    assert paper.startswith("## Endringar i plans/plan.md: vedtatt/2026 → arbeidskopi\n")
    english = subprocess.run([sys.executable, "-m", "arbeidsplan", "--lang", "en", "diff", "--since-adopted", "--format",
                              "md", "plans/plan.md"], cwd=root, capture_output=True, text=True)
    assert english.stdout.startswith("## Changes in plans/plan.md: vedtatt/2026 → working copy\n"), english.stderr
    # An English interface (not --lang) leaves the paper in nynorsk: the working copy is named in nynorsk too.
    interface = subprocess.run([sys.executable, "-m", "arbeidsplan", "diff", "--since-adopted", "--format", "md",
                                "plans/plan.md"], cwd=root, capture_output=True, text=True,
                               env={**os.environ, "ARBEIDSPLAN_LANG": "en"})
    assert interface.stdout.startswith("## Endringar i plans/plan.md: vedtatt/2026 → arbeidskopi\n"), interface.stderr
