"""Revision history from git: real repositories in temporary directories."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from arbeidsplan.history import git as gitrepo
from arbeidsplan.history.git import GitProblem, Repo
from arbeidsplan.history.revisions import revisions
from conftest import golden
from planrepo import git, make_repo


@pytest.fixture(scope="module")
def plan_repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    return make_repo(root / "testby")


def test_history_tells_the_story_of_three_meetings(cli, plan_repo):
    result = cli("history", "plans/testby/2024-2027.md", cwd=plan_repo.parents[2], columns=120)
    assert result.code == 0
    out = " ".join(result.out.split())
    for line in ("2024-01-28 3e260e79"[:10], "Kari Nordmann: Arbeidsplan vedtatt av årsmøtet 2024 vedtatt (vedtatt/2024)",
                 "6 tiltak lagt til, 3 mål lagt til",
                 "Status etter 2024", "ingen endringer i mål og tiltak · status: 2 endret",
                 "Revidert på årsmøtet 2025 vedtatt (vedtatt/2025)",
                 "1 tiltak lagt til, 1 tiltak strøket, 1 tiltak omformulert, 1 tiltak flyttet, 1 tiltak ny tid",
                 "Revidert på årsmøtet 2026 vedtatt (vedtatt/2026)",
                 "1 tiltak lagt til, 1 tiltak omformulert, 1 tiltak ny id"):
        assert line in out, line


def test_history_follows_the_rename(plan_repo):
    repo = Repo.discover(plan_repo)
    revs = revisions(repo, "plans/testby/2024-2027.md")
    assert [r.commit.path for r in revs][-3:] == ["plans/lag/plan.md"] * 3
    assert [r.adopted for r in revs] == [False, True, False, True, False, True]
    assert revs[1].commit.tags == ("vedtatt/2026",)  # the merge commit on main


def test_diff_between_adopted_versions_lists_exactly_what_changed(cli, plan_repo):
    root = plan_repo.parents[2]
    result = cli("diff", "--format", "json", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md", cwd=root)
    (d,) = json.loads(result.out)["diff"]
    changes = {(c["type"], c["id"]) for c in d["endringer"]}
    assert changes == {("strøket", "2.3"), ("omformulert", "1.2"), ("lagt til", "1.4"), ("flyttet", "2.2"),
                       ("ny tid", "3.1")}
    # 2.3 was struck as done: its status line for 2024 stays as its record, and is a status change here
    assert d["status"] == [{"id": "1.1", "år": 2024, "før": None, "etter": "gjennomført"},
                           {"id": "2.3", "år": 2024, "før": None, "etter": "gjennomført — 300 følgere"}]

    result = cli("diff", "--format", "json", "vedtatt/2025", "vedtatt/2026", "plans/testby/2024-2027.md", cwd=root)
    (d,) = json.loads(result.out)["diff"]
    assert {(c["type"], c["id"]) for c in d["endringer"]} == {("ny id", "1.5"), ("omformulert", "1.5"),
                                                                 ("lagt til", "3.2")}
    reworded = next(c for c in d["endringer"] if c["type"] == "omformulert")
    assert reworded["ord"] == [["=", "Dørbanke i alle bydeler før valget"], ["+", "i 2027."]]


def test_diff_in_markdown_for_the_meeting_papers(cli, plan_repo):
    result = cli("diff", "--format", "md", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md",
                 cwd=plan_repo.parents[2])
    assert "### Stryke\n\n- tiltak **2.3**: Starte en Instagram-konto." in result.out
    assert "- tiltak **1.2**: Arrangere medlemsmøte ~~hver~~ **annenhver** måned, **med mat.**" in result.out
    golden("diff-2024-2025.md", result.out)


def test_since_adopted_and_uncommitted_changes(cli, plan_repo, tmp_path):
    root = plan_repo.parents[2]
    since = json.loads(cli("diff", "--since-adopted", "--format", "json", "plans/testby/2024-2027.md",
                           cwd=root).out)["diff"][0]
    assert since["fra"] == "vedtatt/2026" and since["endringer"] == []
    assert since["status"] == [{"id": "3.1", "år": 2026, "før": None, "etter": "gjennomført — 18 deltakere"}]
    original = plan_repo.read_text(encoding="utf-8")
    try:
        plan_repo.write_text(original.replace("Studiesirkel om lokalpolitikk.", "Studiesirkel om bypolitikk."),
                             encoding="utf-8")
        head = json.loads(cli("diff", "--format", "json", cwd=root).out)["diff"][0]
        assert head["fra"] == "HEAD" and head["til"] == "arbeidskopi"
        assert [(c["type"], c["id"]) for c in head["endringer"]] == [("omformulert", "3.2")]
        history = cli("history", "plans/testby/2024-2027.md", cwd=root)
        assert "har endringer som ikke er sjekket inn; historikken viser det som er sjekket inn" in history.err
        assert "arbeidskopi" not in history.out  # the history lists commits only, and says so
    finally:
        plan_repo.write_text(original, encoding="utf-8")


def test_uncommitted_changes_after_the_history_is_read(plan_repo):
    """The history knows the newest version's blob id: the working copy is compared with it without asking git,
    and only an exact match is taken as unchanged (line ends and real edits go to the byte comparison)."""
    root, rel = plan_repo.parents[2], "plans/testby/2024-2027.md"
    original = plan_repo.read_bytes()
    repo = Repo.discover(plan_repo)
    revisions(repo, rel)
    try:
        assert not repo.is_dirty(rel)
        plan_repo.write_bytes(original.replace(b"\n", b"\r\n"))  # Windows line ends: the same plan
        assert not repo.is_dirty(rel)
        plan_repo.write_bytes(original.replace(b"Studiesirkel om lokalpolitikk.", b"Studiesirkel om bypolitikk."))
        assert repo.is_dirty(rel)
    finally:
        plan_repo.write_bytes(original)
    assert not Repo(root).is_dirty(rel)  # a repository object that has not read the history asks git


def test_whole_history_is_one_log_and_one_batch_read(plan_repo, monkeypatch):
    calls = []
    real = gitrepo._git_start  # where every git but the streamed one begins

    def counting(repo, *args, **kwargs):
        calls.append(args[0] if args[0] != "-c" else args[2])
        return real(repo, *args, **kwargs)

    real_stream = gitrepo._git_stream

    def counting_stream(repo, *args, **kwargs):
        calls.append(args[0])
        return real_stream(repo, *args, **kwargs)

    repo = Repo(plan_repo.parents[2])  # reads the repository's own drivers once (git config)
    monkeypatch.setattr(gitrepo, "_git_start", counting)
    monkeypatch.setattr(gitrepo, "_git_stream", counting_stream)
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")  # cold: the batch read is counted too
    revisions(repo, "plans/testby/2024-2027.md")
    # --batch: the log gave the blob ids (--raw). The main line is begun beside the log when there are `vedtatt/…`
    # tags (here: on the plan's own commits, so it was not needed and was stopped).
    assert sorted(calls) == ["cat-file", "for-each-ref", "log", "rev-list"]
    # Whether the working copy has changes: it is the newest version in the log, so git is not asked.
    assert not repo.is_dirty("plans/testby/2024-2027.md")
    assert sorted(calls) == ["cat-file", "for-each-ref", "log", "rev-list"]


def test_report_has_the_changes_adopted_during_the_year(cli, plan_repo):
    result = cli("report", "2025", "plans/testby/2024-2027.md", cwd=plan_repo.parents[2])
    section = result.out.split("## Endringer i planen i år\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Omformulert tiltak 1.2: «Arrangere medlemsmøte hver måned.» → «Arrangere medlemsmøte annenhver måned, "
        "med mat.»",
        "- Flyttet tiltak 2.2 fra mål 2 til mål 1",
        "- Ny tid for tiltak 3.1: 2025 → 2026",
        "- Strøket tiltak 2.3: Starte en Instagram-konto.",
        "- Lagt til tiltak 1.4: Dørbanke i alle bydeler før valget.",
    ]


def test_shallow_clone_says_how_much_history_is_missing(cli, plan_repo, tmp_path):
    clone = tmp_path / "grunn"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{plan_repo.parents[2]}", str(clone)],
                   check=True, capture_output=True)
    result = cli("history", "plans/testby/2024-2027.md", cwd=clone)
    assert result.code == 0
    assert "Repoet er en grunn klone: bare 2 innsjekkinger er med" in result.err
    assert "git fetch --unshallow" in result.err
    old = cli("diff", "vedtatt/2024", "plans/testby/2024-2027.md", cwd=clone)
    assert old.code == 2 and "finner ikke revisjonen «vedtatt/2024»" in old.err and "grunn klone" in old.err


def test_outside_a_repository(cli, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("---\norganisasjon: X\nnivå: lokallag\nperiode: 2026-2029\n---\n", encoding="utf-8")
    for args in (("history", str(plan)), ("diff", str(plan))):
        result = cli(*args, cwd=tmp_path)
        assert result.code == 2
        assert "er ikke i et git-repo" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("revision", ["--output-directory=/tmp/x", "-p", "--all"])  # diff has its own -o/--output
def test_revisions_that_look_like_options_are_refused(cli, plan_repo, revision):
    root = plan_repo.parents[2]
    as_option = cli("diff", revision, "plans/testby/2024-2027.md", cwd=root)
    assert as_option.code == 2 and "ukjent valg" in as_option.err
    as_revision = cli("diff", "--", revision, "plans/testby/2024-2027.md", cwd=root)
    assert as_revision.code == 2 and f"«{revision}» er ikke en gyldig revisjon" in as_revision.err
    assert not (root / "x").exists() and not (root.parent / "x").exists()


def test_unknown_revision(plan_repo):
    with pytest.raises(GitProblem, match="finner ikke revisjonen «vedtatt/1999»"):
        Repo.discover(plan_repo).resolve("vedtatt/1999")


def test_a_plan_not_yet_committed(cli, plan_repo):
    root = plan_repo.parents[2]
    new = root / "plans" / "ny.md"
    new.write_text("---\norganisasjon: Ny\nnivå: lokallag\nperiode: 2026-2029\n---\n", encoding="utf-8")
    try:
        result = cli("history", "plans/ny.md", cwd=root)
        assert result.code == 2 and "har ingen historikk i git ennå" in result.err
    finally:
        new.unlink()
        git(root, "status")


def test_a_second_history_compares_nothing_and_a_new_commit_only_itself(cli, tmp_path, monkeypatch):
    """What each version changed is kept per pair of blobs: a second `history` prints the same without parsing
    or comparing a version; after a new commit only that commit's change is worked out."""
    from arbeidsplan.history import revisions as revisions_module

    plan = make_repo(tmp_path / "lag")
    root = plan.parents[2]
    first = cli("history", "plans/testby/2024-2027.md", cwd=root, columns=120)
    compared: list[str] = []
    real = revisions_module.diff_plans
    monkeypatch.setattr(revisions_module, "diff_plans",
                        lambda before, after, path: compared.append(path) or real(before, after, path))
    second = cli("history", "plans/testby/2024-2027.md", cwd=root, columns=120)
    assert compared == [] and (second.code, second.out) == (first.code, first.out)
    plan.write_text(plan.read_text(encoding="utf-8").replace("Kurs i dørbanking.", "Kurs i dørbanking for alle."),
                    encoding="utf-8")
    git(root, "commit", "-q", "-am", "Omformulert 3.1", date="2026-11-20T12:00:00+01:00")
    third = cli("history", "plans/testby/2024-2027.md", cwd=root, columns=120)
    assert compared == ["plans/testby/2024-2027.md"]
    assert "Omformulert 3.1" in third.out and third.out.count("\n") > first.out.count("\n")


def test_the_blob_ids_the_log_gives_are_those_git_finds_by_path(plan_repo):
    # The log's --raw ids stand in for `cat-file --batch-check` of (commit, path): renames, the merge, the start.
    repo = Repo(plan_repo.parents[2])
    commits = repo.log("plans/testby/2024-2027.md")
    specs = [(c.sha, c.path) for c in commits] + [("HEAD", "plans/testby/2024-2027.md")]
    from_log = repo.blob_ids(specs)
    assert len(repo._blobs) == len(commits)
    by_path = Repo(plan_repo.parents[2]).blob_ids(specs)
    assert from_log == by_path and all(from_log)
    assert repo.read_many_with_ids(specs) == Repo(plan_repo.parents[2]).read_many_with_ids(specs)


def test_a_long_history_worked_out_in_workers_is_the_same(plan_repo, monkeypatch):
    # Past VERSIONS_PARALLEL_MIN the versions go to one share per core, each share's first version read whole.
    from arbeidsplan.history import revisions as revisions_module

    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    here = revisions(Repo(plan_repo.parents[2]), "plans/testby/2024-2027.md")
    monkeypatch.setattr(revisions_module, "VERSIONS_PARALLEL_MIN", 2)
    from arbeidsplan import workers

    monkeypatch.setattr(workers, "cores", lambda: 2)
    shared = revisions(Repo(plan_repo.parents[2]), "plans/testby/2024-2027.md")
    assert [(r.commit, r.diff, r.adopted) for r in shared] == [(r.commit, r.diff, r.adopted) for r in here]


def test_a_long_history_read_in_two_halves_is_the_same(plan_repo, monkeypatch, tmp_path):
    # Past VERSIONS_BESIDE_MIN the older half of the versions is read in a second process, with its own git,
    # while this one reads the newer half: the same revisions, in the same order, as one process reading all.
    from arbeidsplan import workers
    from arbeidsplan.history import revisions as revisions_module

    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    here = revisions(Repo(plan_repo.parents[2]), "plans/testby/2024-2027.md")
    assert len(here) >= 4
    readers = tmp_path / "readers"
    stream = revisions_module._stream_changes

    def noted(repo, commits, todo):
        with readers.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {todo[0]}-{todo[-1]}\n")
        return stream(repo, commits, todo)

    monkeypatch.setattr(revisions_module, "_stream_changes", noted)
    monkeypatch.setattr(revisions_module, "VERSIONS_BESIDE_MIN", 2)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    halves = revisions(Repo(plan_repo.parents[2]), "plans/testby/2024-2027.md")
    assert [(r.commit, r.diff, r.adopted) for r in halves] == [(r.commit, r.diff, r.adopted) for r in here]
    read = sorted(line.split() for line in readers.read_text(encoding="utf-8").splitlines())
    assert len({pid for pid, _span in read}) == 2 and os.getpid() in {int(pid) for pid, _span in read}
    assert sorted(span for _pid, span in read) == sorted([f"0-{len(here) * 9 // 20 - 1}",
                                                          f"{len(here) * 9 // 20}-{len(here) - 1}"])


def test_history_in_a_pipe_is_written_without_drawing_a_terminal(plan_repo):
    """A cold `history` is a few tenths of a second, and importing rich to lay out lines a pipe shows as they are
    was a twentieth of it: in a pipe the lines are written as plain text, the same bytes as rich wrote them."""
    import subprocess
    import sys

    script = ("import sys; sys.argv = ['arbeidsplan', 'history', 'plans/testby/2024-2027.md']\n"
              "from arbeidsplan.cli.app import run\n"
              "try:\n    run()\nexcept SystemExit:\n    pass\n"
              "print('rich' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script], cwd=plan_repo.parents[2], capture_output=True, text=True,
                          env={**__import__("os").environ, "NO_COLOR": "1", "ARBEIDSPLAN_CACHE": "0"})
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Historikk for plans/testby/2024-2027.md" and lines[1] == ""
    assert all(line == line.rstrip() for line in lines)  # no padding to a width
