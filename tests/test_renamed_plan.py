"""`diff` and `report` follow a plan that was renamed, as `history` does: each version is read under the name the
plan had at that revision. Real git repositories in temporary directories.

The scenario from a county secretary's trial: a plan `plans/hamar/2026-2029.md`, tags `vedtatt/2025` and
`vedtatt/2026` on revisions of it (every commit dated 2026), then `git mv` to `plans/hamar/arbeidsplan.md`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arbeidsplan.api.plans import report
from arbeidsplan.history import git as gitrepo
from arbeidsplan.history.revisions import changes_in_year_many
from planrepo import V2024, V2025, git

OLD, NEW = "plans/hamar/2026-2029.md", "plans/hamar/arbeidsplan.md"

# The 2026 meeting against the 2025 version: rewords 1.2, strikes 2.1, moves 2.2 from goal 1 to goal 3, inserts 3.2.
V2026 = (V2025.replace("Arrangere medlemsmøte annenhver måned, med mat.",
                       "Arrangere medlemsmøte annenhver måned, med mat og barnepass.")
         .replace("- **2.1** Stand på torget i valgkampen.\n  - når: i valgår\n  - ansvar: Valgkampleder\n", "")
         .replace("- **2.2** Lage en velkomstpakke.\n  - når: 2024\n  - ansvar: Styret\n", "")
         .replace("- **3.1** Kurs i dørbanking.\n  - når: 2026\n  - ansvar: Styret\n",
                  "- **3.1** Kurs i dørbanking.\n  - når: 2026\n  - ansvar: Styret\n"
                  "- **2.2** Lage en velkomstpakke.\n  - når: 2024\n  - ansvar: Styret\n"
                  "- **3.2** Studiesirkel om lokalpolitikk.\n  - når: Høsten 2026\n  - ansvar: Studieleder\n"))
assert V2026.count("- **") == V2025.count("- **")  # one struck, one inserted (a real change, not a no-op)

# What the 2026 meeting changed, as `diff --format json` lists it: (type, id).
MEETING_2026 = {("omformulert", "1.2"), ("strøket", "2.1"), ("flyttet", "2.2"), ("lagt til", "3.2")}


def _commit(root: Path, rel: str, text: str, msg: str, date: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", msg, date=date)


def hamar(root: Path, tags: str = "on the revisions") -> Path:
    """The secretary's repository. `tags`: where `vedtatt/…` sits — on the commits that revised the plan; on a
    later commit that did not touch it (the minutes checked in after the plan), for 2025 only or for both; or,
    for 2026, on the commit of the branch the revision was prepared on (merged with --no-ff). With the tag of
    2025 on the minutes, `diff` used to list the whole plan as new: a revision that did not touch the plan was
    read under the plan's present name."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    _commit(root, "README.md", "Hamar SV\n", "Start", "2026-01-02T12:00:00+01:00")
    _commit(root, OLD, V2024.format(adopted="2026-01-10"), "Første utkast", "2026-01-11T12:00:00+01:00")
    for n, (version, adopted, day) in enumerate(((V2025, "2026-02-10", "02-11"), (V2026, "2026-03-10", "03-11"))):
        tag = f"vedtatt/{2025 + n}"
        if tags == "on the branch" and n == 1:
            git(root, "checkout", "-q", "-b", "arsmote")
            _commit(root, OLD, version.format(adopted=adopted), tag, f"2026-{day}T12:00:00+01:00")
            git(root, "tag", tag)
            git(root, "checkout", "-q", "main")
            git(root, "merge", "-q", "--no-ff", "-m", "Flett årsmøtet", "arsmote", date=f"2026-{day}T13:00:00+01:00")
            continue
        _commit(root, OLD, version.format(adopted=adopted), tag, f"2026-{day}T12:00:00+01:00")
        if tags == "on a later commit" or (tags == "2025 on a later commit" and n == 0):
            _commit(root, f"protokoll/{2025 + n}.md", "Protokoll\n", "Protokoll", f"2026-{day}T18:00:00+01:00")
        git(root, "tag", tag)
    git(root, "mv", OLD, NEW)
    git(root, "commit", "-q", "-m", "Nytt navn", date="2026-04-01T12:00:00+02:00")
    return root


TAGS = ["on the revisions", "2025 on a later commit", "on a later commit", "on the branch"]


@pytest.fixture(scope="module", params=TAGS)
def repo(request, tmp_path_factory):
    return hamar(tmp_path_factory.mktemp("hamar") / "repo", request.param)


@pytest.fixture(scope="module", params=TAGS[:3])
def main_line_repo(request, tmp_path_factory):
    """Tagged on the main line, as docs/format.md §11 says (on a branch, the merge is the adopted version)."""
    return hamar(tmp_path_factory.mktemp("hamar") / "repo", request.param)


def _diff(cli, root: Path, *args: str) -> dict:
    result = cli("diff", "--format", "json", *args, cwd=root)
    assert result.code == 0, result.err
    (d,) = json.loads(result.out)["diff"]
    return d


def test_diff_between_two_tags_reads_each_under_the_name_it_had(cli, repo):
    d = _diff(cli, repo, "vedtatt/2025", "vedtatt/2026", NEW)
    assert {(c["type"], c["id"]) for c in d["endringer"]} == MEETING_2026
    assert d["front_matter"] == [{"nøkkel": "vedtatt", "før": "2026-02-10", "etter": "2026-03-10"}]


def test_diff_of_one_revision_against_the_working_copy(cli, repo):
    assert {(c["type"], c["id"]) for c in _diff(cli, repo, "vedtatt/2025", NEW)["endringer"]} == MEETING_2026


def test_diff_in_markdown_lists_the_meetings_changes(cli, repo):
    out = cli("diff", "--format", "md", "vedtatt/2025", "vedtatt/2026", NEW, cwd=repo).out
    sections = {s.split("\n", 1)[0]: s.split("\n", 1)[1].strip() for s in out.split("### ")[1:]}
    assert sections["Stryke"] == "- tiltak **2.1**: Stand på torget i valgkampen."
    assert sections["Endre til"] == ("- tiltak **1.2**: Arrangere medlemsmøte annenhver måned, med mat "
                                     "**og barnepass.**")
    assert sections["Nye"] == "- tiltak **3.2**: Studiesirkel om lokalpolitikk."
    assert sections["Flyttet"] == "- **2.2** fra 1 til 3"


def test_since_adopted_compares_with_the_last_tag(cli, main_line_repo):
    repo = main_line_repo
    d = _diff(cli, repo, "--since-adopted", NEW)
    assert (d["fra"], d["til"], d["endringer"]) == ("vedtatt/2026", "arbeidskopi", [])  # the rename changed nothing
    plan = repo / NEW
    original = plan.read_text(encoding="utf-8")
    try:
        plan.write_text(original.replace("Studiesirkel om lokalpolitikk.", "Studiesirkel om bypolitikk."),
                        encoding="utf-8")
        assert [(c["type"], c["id"]) for c in _diff(cli, repo, "--since-adopted", NEW)["endringer"]] == [
            ("omformulert", "3.2")]
    finally:
        plan.write_text(original, encoding="utf-8")


def test_a_revision_before_the_plan_existed_is_everything_new(cli, repo):
    start = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    d = _diff(cli, repo, start, "vedtatt/2025", NEW)
    assert {c["type"] for c in d["endringer"]} == {"lagt til"}
    assert sorted(c["id"] for c in d["endringer"] if c["hva"] == "tiltak") == ["1.1", "1.2", "1.4", "2.1", "2.2", "3.1"]


def test_report_has_the_years_changes_of_a_renamed_plan(cli, repo):
    """Every commit is from 2026, so the plan came in during the year: the section compares the version it came
    in with (under its old name) and the one at the end of the year."""
    out = cli("report", "2026", NEW, cwd=repo).out
    section = out.split("## Endringer i planen i år\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Omformulert tiltak 1.2: «Arrangere medlemsmøte hver måned.» → «Arrangere medlemsmøte annenhver måned, "
        "med mat og barnepass.»",
        "- Ny tid for tiltak 3.1: 2025 → 2026",
        "- Flyttet tiltak 2.2 fra mål 2 til mål 3",
        "- Strøket tiltak 2.1: Stand på torget i valgkampen.",
        "- Strøket tiltak 2.3: Starte en Instagram-konto.",
        "- Lagt til tiltak 1.4: Dørbanke i alle bydeler før valget.",
        "- Lagt til tiltak 3.2: Studiesirkel om lokalpolitikk.",
    ]


# A county's plans in one repository, adopted in 2024, all revised the same way in 2025, and in 2026:
PLANS_2026 = {
    "a": ["a-ny"],                       # only renamed
    "b": ["b", "b-ny"],                  # revised, then renamed
    "c": ["c"],                          # revised, never renamed
    "d": ["d-mellom", "d-mellom", "d-ny"],  # renamed, revised, renamed again
    "e": ["e-ny"],                       # renamed and revised in the same commit
}
CHANGES_2025 = [  # V2024 → V2025 (the fixture's meeting of 2025)
    "Omformulert tiltak 1.2: «Arrangere medlemsmøte hver måned.» → «Arrangere medlemsmøte annenhver måned, med mat.»",
    "Flyttet tiltak 2.2 fra mål 2 til mål 1",
    "Ny tid for tiltak 3.1: 2025 → 2026",
    "Strøket tiltak 2.3: Starte en Instagram-konto.",
    "Lagt til tiltak 1.4: Dørbanke i alle bydeler før valget.",
]
CHANGES_2026 = [  # V2025 → V2026
    "Omformulert tiltak 1.2: «Arrangere medlemsmøte annenhver måned, med mat.» → «Arrangere medlemsmøte annenhver "
    "måned, med mat og barnepass.»",
    "Flyttet tiltak 2.2 fra mål 1 til mål 3",
    "Strøket tiltak 2.1: Stand på torget i valgkampen.",
    "Lagt til tiltak 3.2: Studiesirkel om lokalpolitikk.",
]


def _text(version: str, name: str, adopted: str) -> str:
    return version.format(adopted=adopted).replace("Testby SV", f"{name.upper()} SV")


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("fylke") / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name in PLANS_2026:
        (root / "plans" / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / "plans" / f"{name}.md").write_text(_text(V2024, name, "2024-01-27"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Vedtatt 2024", date="2024-01-28T12:00:00+01:00")
    for name in PLANS_2026:
        (root / "plans" / f"{name}.md").write_text(_text(V2025, name, "2025-01-25"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Vedtatt 2025", date="2025-01-26T12:00:00+01:00")
    date = iter(f"2026-0{m}-01T12:00:00+01:00" for m in range(1, 10))
    mv = lambda old, new, msg: (git(root, "mv", f"plans/{old}.md", f"plans/{new}.md"),  # noqa: E731
                                git(root, "commit", "-q", "-m", msg, date=next(date)))
    revise = lambda name: _commit(root, f"plans/{name}.md", _text(V2026, name[0], "2026-01-31"),  # noqa: E731
                                  f"Revidert {name}", next(date))
    revise("b")
    mv("a", "a-ny", "a får nytt navn")
    mv("b", "b-ny", "b får nytt navn")
    revise("c")
    mv("d", "d-mellom", "d får nytt navn")
    revise("d-mellom")
    mv("d-mellom", "d-ny", "d får nytt navn igjen")
    git(root, "mv", "plans/e.md", "plans/e-ny.md")
    _commit(root, "plans/e-ny.md", _text(V2026, "e", "2026-01-31"), "e revidert og flyttet", next(date))
    return root


def _changes_by_plan(root: Path, year: int) -> dict[str, list[str] | None]:
    result = report(year, [root / "plans"])
    return {Path(r["fil"]).stem: r.get("endringer") for r in result.data["rapporter"]}


def test_report_of_many_plans_follows_renames_in_the_year(county):
    assert _changes_by_plan(county, 2026) == {
        "a-ny": None,  # a rename is no change: not the whole plan new
        "b-ny": CHANGES_2026, "c": CHANGES_2026, "d-ny": CHANGES_2026, "e-ny": CHANGES_2026}


def test_report_of_a_year_before_the_renames_reads_the_old_names(county):
    assert _changes_by_plan(county, 2025) == {name: CHANGES_2025 for name in ("a-ny", "b-ny", "c", "d-ny", "e-ny")}


def test_the_years_changes_of_many_plans_are_one_log_and_one_batch_read(county, monkeypatch):
    calls: list[str] = []
    real, real_stream = gitrepo._git, gitrepo._git_stream
    monkeypatch.setattr(gitrepo, "_git", lambda repo, *args, **kw: calls.append(args[0]) or real(repo, *args, **kw))
    monkeypatch.setattr(gitrepo, "_git_stream",
                        lambda repo, *args, **kw: calls.append(args[0]) or real_stream(repo, *args, **kw))
    paths = sorted((county / "plans").glob("*.md"))
    changed = changes_in_year_many(paths, 2026)
    assert sorted(Path(p).stem for p, d in changed.items() if d is not None) == ["b-ny", "c", "d-ny", "e-ny"]
    assert calls.count("log") == 1 and calls.count("cat-file") == 1 and calls.count("rev-list") == 2


def test_a_revision_in_the_first_minute_of_the_year_is_that_years_change(tmp_path, monkeypatch):
    """git reads a bare date (`--before=2026-01-01`) as that day at the present time of day, so a revision made
    early on New Year's Day fell out of the year's changes whenever the report ran later in the day."""
    monkeypatch.setenv("TZ", "UTC")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    _commit(root, OLD, V2024.format(adopted="2024-01-27"), "Vedtatt 2024", "2024-01-28T12:00:00+00:00")
    _commit(root, OLD, V2025.format(adopted="2025-12-31"), "Vedtatt 2025", "2025-12-31T23:59:00+00:00")
    _commit(root, OLD, V2026.format(adopted="2026-01-01"), "Vedtatt 2026", "2026-01-01T00:01:00+00:00")
    assert _changes_by_plan(root, 2026)["2026-2029"] == CHANGES_2026
    assert _changes_by_plan(root, 2025)["2026-2029"] == CHANGES_2025


def test_a_new_plan_made_like_another_does_not_take_on_its_history(cli, tmp_path):
    """`git log --follow` follows a copy as well as a rename: a new lag's plan, made from the same draft as another
    lag's (`arbeidsplan new` gives both the same measures), got that plan's revisions and adoptions as its own."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    _commit(root, "plans/hamar/2026-2029.md", V2025.format(adopted="2026-02-10"), "Hamar vedtatt",
            "2026-02-11T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    _commit(root, "plans/stange/2026-2029.md", V2025.format(adopted="2026-02-10").replace("Testby", "Stange"),
            "Stange: utkast", "2026-05-01T12:00:00+02:00")
    out = cli("history", "--format", "json", "plans/stange/2026-2029.md", cwd=root)
    assert out.code == 0, out.err
    assert [r["melding"] for r in json.loads(out.out)["revisjoner"]] == ["Stange: utkast"]
    since = cli("diff", "--since-adopted", "plans/stange/2026-2029.md", cwd=root)
    assert since.code == 0 and "vedtatt/2026" not in since.out  # its own first version (it says `vedtatt`),
    assert since.out.startswith("Endringer i plans/stange/2026-2029.md: ")  # not Hamar's adoption
