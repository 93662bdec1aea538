"""A repository is not trusted: nothing in its git config or attributes may start a program, whatever command
reads its history. Each test plants one mechanism that would run `touch MARKER` and runs every command that
calls git (history, diff against the working copy, diff between revisions, diff --since-adopted, report)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from planrepo import STATUS_2024, V2024, git

PLAN = "plans/lag/plan.md"


def small_repo(root: Path, name: str = PLAN) -> Path:
    """Two commits: the adopted plan (tag vedtatt/2024) and its statuses; the working copy then changed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    plan = root / name
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(V2024.format(adopted="2024-01-27"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Vedtatt", date="2024-01-28T12:00:00+01:00")
    git(root, "tag", "vedtatt/2024")
    plan.write_text(V2024.format(adopted="2024-01-27") + STATUS_2024, encoding="utf-8")
    git(root, "commit", "-q", "-am", "Status 2024", date="2024-12-10T12:00:00+01:00")
    # The same size, a new mtime: `git status` would have to hash it, through the clean filter.
    plan.write_text(plan.read_text(encoding="utf-8").replace("Kurs i dørbanking.", "Kurs i dørbanking!"),
                    encoding="utf-8")
    return plan


def every_git_command(cli, root: Path, name: str = PLAN) -> list:
    results = [cli("history", name, cwd=root), cli("diff", name, cwd=root),
               cli("diff", "vedtatt/2024", "HEAD", name, cwd=root), cli("diff", "--since-adopted", name, cwd=root),
               cli("report", "2024", name, cwd=root)]
    for result in results:
        assert "Traceback" not in result.err
    return results


def script(path: Path, marker: Path) -> Path:
    path.write_text(f"#!/bin/sh\ntouch '{marker}'\ncat\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    small_repo(root)
    return root


@pytest.fixture
def marker(tmp_path):
    path = tmp_path / "PWNED"
    yield path
    assert not path.exists(), "git ran a program from the repository's config"


def test_fsmonitor_hook_does_not_run(cli, repo, marker):
    git(repo, "config", "core.fsmonitor", f"touch '{marker}'; false")
    every_git_command(cli, repo)


@pytest.mark.parametrize("where", [".gitattributes", ".git/info/attributes"])
def test_filter_diff_and_merge_drivers_do_not_run(cli, repo, marker, where):
    (repo / where).parent.mkdir(exist_ok=True)
    (repo / where).write_text("*.md filter=evil diff=evil merge=evil\n", encoding="utf-8")
    evil = str(script(repo.parent / "evil.sh", marker))
    for key in ("filter.evil.clean", "filter.evil.smudge", "filter.evil.process", "diff.evil.textconv",
                "diff.evil.command", "merge.evil.driver"):
        git(repo, "config", key, evil)
    git(repo, "config", "filter.evil.required", "true")
    every_git_command(cli, repo)


def test_external_diff_does_not_run(cli, repo, marker):
    git(repo, "config", "diff.external", str(script(repo.parent / "ext.sh", marker)))
    every_git_command(cli, repo)


def test_no_hook_runs(cli, repo, marker):
    hooks = repo.parent / "hooks"
    hooks.mkdir()
    names = ("post-index-change", "reference-transaction", "post-checkout", "post-merge", "pre-auto-gc",
             "post-rewrite", "fsmonitor-watchman", "push-to-checkout", "sendemail-validate", "pre-commit")
    for name in names:
        script(hooks / name, marker)
        script(repo / ".git" / "hooks" / name, marker)
    git(repo, "config", "core.hooksPath", str(hooks))
    every_git_command(cli, repo)


def test_signature_program_does_not_run(cli, repo, marker):
    """log.showSignature would run gpg.program on every signed commit that `git log` shows."""
    head = git(repo, "cat-file", "commit", "HEAD")
    sig = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n =abcd\n -----END PGP SIGNATURE-----\n"
    headers, body = head.split("\n\n", 1)
    forged = headers + "\n" + sig + "\n" + body
    sha = subprocess.run(["git", "-C", str(repo), "hash-object", "-t", "commit", "-w", "--stdin"],
                         input=forged, capture_output=True, text=True, check=True).stdout.strip()
    git(repo, "update-ref", "refs/heads/main", sha)
    gpg = str(script(repo.parent / "gpg.sh", marker))
    for key in ("gpg.program", "gpg.openpgp.program", "gpg.ssh.program", "gpg.x509.program"):
        git(repo, "config", key, gpg)
    git(repo, "config", "log.showSignature", "true")
    every_git_command(cli, repo)


@pytest.fixture(scope="module")
def partial_source(tmp_path_factory):
    root = tmp_path_factory.mktemp("source") / "repo"
    small_repo(root)
    git(root, "commit", "-q", "-am", "Endret", date="2025-01-10T12:00:00+01:00")
    git(root, "config", "uploadpack.allowFilter", "true")
    return root


@pytest.mark.parametrize("mechanism", ["uploadpack", "ext", "sshCommand"])
def test_partial_clone_fetches_nothing(cli, tmp_path, partial_source, marker, mechanism):
    """A partial clone fetches a missing object when asked for it; the remote's settings would run then."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{partial_source}", str(clone)],
                   check=True, capture_output=True, env={**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null"})
    if mechanism == "uploadpack":
        git(clone, "config", "remote.origin.uploadpack", f"touch '{marker}'; git-upload-pack")
    elif mechanism == "ext":
        git(clone, "config", "remote.origin.url", f"ext::sh -c touch% {marker}")
        git(clone, "config", "protocol.ext.allow", "always")
    else:
        git(clone, "config", "remote.origin.url", "ssh://example.invalid/repo")
        git(clone, "config", "core.sshCommand", f"touch '{marker}'; false")
        git(clone, "config", "protocol.ssh.allow", "always")
    every_git_command(cli, clone)


@pytest.mark.parametrize("name", ["plans/lag\tmed tab.md", 'plans/"sitert".md', "plans/bølle\\sti.md"])
def test_paths_git_would_quote_are_read(cli, tmp_path, name):
    root = tmp_path / "repo"
    small_repo(root, name)
    result = cli("history", name, cwd=root)
    assert result.code == 0, result.err
    assert "Status 2024" in result.out and "status: 2 endret" in " ".join(result.out.split())


@pytest.mark.skipif(os.getuid() != 0, reason="giving a repository to another user needs root")
def test_a_repository_owned_by_someone_else_is_refused_in_one_line(cli, repo):
    """git's own protection (safe.directory) is kept, and said in words a user can act on."""
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 54321, 54321)
    result = cli("history", PLAN, cwd=repo)
    assert result.code == 2 and "eies av en annen bruker" in result.err and "\n" not in result.err.strip()


def test_a_blob_past_the_size_limit_is_skipped_unread(tmp_path, monkeypatch):
    """History is read as it streams: a version larger than the limit is never held, and the versions after it
    in the same batch still come out right."""
    from arbeidsplan.history import git as gitrepo

    root = tmp_path / "repo"
    plan = small_repo(root)
    plan.write_text(plan.read_text(encoding="utf-8") + "x" * 5000 + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Stor", date="2025-01-10T12:00:00+01:00")
    monkeypatch.setattr(gitrepo, "MAX_BYTES", 4000)
    repo = gitrepo.Repo(root)
    got = repo.read_many([("HEAD", PLAN), ("HEAD~1", PLAN), ("HEAD", "finnes/ikke.md"), ("HEAD~2", PLAN)])
    expected_small = [git(root, "show", f"{rev}:{PLAN}").encode("utf-8") for rev in ("HEAD~1", "HEAD~2")]
    assert got == [None, expected_small[0], None, expected_small[1]]


def test_commit_messages_and_authors_are_text_in_markdown(cli, repo):
    from test_hostile_templates import structure

    plan = repo / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("Kurs i dørbanking!", "Kurs i dørbanking?"),
                    encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-am", "Endret <img src=x onerror=alert(1)>"],
                   check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "<b>Mallory</b>", "GIT_AUTHOR_EMAIL": "m@x.invalid",
                        "GIT_COMMITTER_NAME": "M", "GIT_COMMITTER_EMAIL": "m@x.invalid",
                        "GIT_CONFIG_GLOBAL": "/dev/null"})
    out = cli("history", "--format", "md", PLAN, cwd=repo).out
    headings, html, _rows = structure(out)
    assert "Mallory" in out and html == [], html


def test_a_config_that_hangs_git_is_stopped(cli, repo, monkeypatch):
    """include.path to a FIFO makes every git command wait forever for a writer; each call has a time limit."""
    from arbeidsplan.history import git as gitrepo

    os.mkfifo(repo / ".git" / "evil")
    git(repo, "config", "include.path", str(repo / ".git" / "evil"))
    monkeypatch.setattr(gitrepo, "GIT_SECONDS", 1)
    result = cli("history", PLAN, cwd=repo)
    assert result.code == 2 and "ble ikke ferdig" in result.err and "\n" not in result.err.strip()


def test_a_plan_that_is_a_link_out_of_the_repository_is_not_read_nor_published(cli, repo, tmp_path):
    """A pull request adds plans/b/2024-2027.md → a file outside the repository (or /etc/passwd): check, show
    and site say it is a link out of the repository and read nothing of it; the site gets no page for it."""
    secret = tmp_path / "utenfor.md"
    secret.write_text("---\norganisasjon: Hemmelig SV\nnivå: lokallag\nperiode: 2024–2027\n---\n## Mål 1: X\n",
                      encoding="utf-8")
    (repo / "plans" / "b").mkdir(parents=True)
    (repo / "plans" / "b" / "2024-2027.md").symlink_to(secret)
    checked = cli("check", "plans", cwd=repo)
    assert checked.code == 2
    assert "plans/b/2024-2027.md:1:1: AP101 filen kan ikke leses: den er en symbolsk lenke ut av repoet" in checked.out
    assert "Hemmelig" not in checked.out + checked.err
    shown = cli("show", "plans/b/2024-2027.md", cwd=repo)
    assert shown.code == 2 and "Hemmelig" not in shown.out + shown.err
    site = tmp_path / "nettsted"
    cli("site", "plans", "-o", site, "--no-history", cwd=repo)
    assert not any("Hemmelig" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_the_near_miss_a_link_inside_the_repository_is_read(cli, repo):
    (repo / "plans" / "kopi").mkdir(parents=True)
    target = next((repo / "plans").rglob("*.md"))
    (repo / "plans" / "kopi" / "2024-2027.md").symlink_to(target)
    shown = cli("show", "plans/kopi/2024-2027.md", cwd=repo)
    assert shown.code == 0 and "Testby SV" in shown.out


def test_a_plan_too_big_to_read_gets_one_line_from_history_and_diff_not_made_up_answers(cli, repo):
    """A 9 MB plan in git: `check` refuses it (AP101); history and diff said «uncommitted changes» and «no
    changes» about it. Now they say what check says, in one line, exit 2."""
    big = repo / "plans" / "stor" / "2024-2027.md"
    big.parent.mkdir(parents=True)
    big.write_text("---\norganisasjon: Stor SV\nnivå: lokallag\nperiode: 2024–2027\n---\n" + "- tiltak\n" * 1_100_000,
                   encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Stor plan")
    for args in (["history", "plans/stor/2024-2027.md"], ["diff", "plans/stor/2024-2027.md"]):
        result = cli(*args, cwd=repo)
        assert result.code == 2 and result.out == ""
        (line,) = result.err.strip().splitlines()
        assert "plans/stor/2024-2027.md:1:1: filen kan ikke leses: filen er 9 MB" in line, line
