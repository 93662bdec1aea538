"""Reading a plan's history from git, through the git command line.

Every call is `subprocess.run([...])` without a shell; revisions are checked with `rev-parse --verify
--end-of-options`, and one starting with "-" is refused before git sees it. A plan's whole history is one
`git log --follow` (which follows renames) and one `git cat-file --batch` for the file contents, not a
process per revision.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..messages import message

_SEP = "\x1f"
_END = "\x1e"


class GitProblem(Exception):
    """Something about the repository or a revision that the user must know; the message is Norwegian."""


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    date: datetime
    subject: str
    tags: tuple[str, ...]
    path: str  # the plan's path (relative to the repository) in this commit: renames are followed
    status: str  # A, M, R…, D as git reports it for the plan


def _git(repo: Path, *args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_PAGER": "cat"}
    try:
        return subprocess.run(["git", "-C", str(repo), *args], input=input_bytes, capture_output=True,
                              env=env, check=False)
    except FileNotFoundError:
        raise GitProblem(message("git.no_git")) from None


class Repo:
    def __init__(self, root: Path):
        self.root = root
        self._logs: dict[tuple[str, str], list[Commit]] = {}
        self._tags: dict[str, dict[str, list[str]]] = {}

    @classmethod
    def discover(cls, path: Path) -> "Repo":
        start = path if path.is_dir() else path.parent
        if not start.exists():
            raise GitProblem(message("reason.missing"))
        run = _git(start, "rev-parse", "--show-toplevel")
        if run.returncode != 0:
            raise GitProblem(message("git.not_a_repo", path=path))
        return cls(Path(run.stdout.decode().strip()))

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()

    def is_shallow(self) -> bool:
        run = _git(self.root, "rev-parse", "--is-shallow-repository")
        return run.stdout.decode().strip() == "true"

    def shallow_note(self) -> str | None:
        """How much history is missing in a shallow clone, or None."""
        if not self.is_shallow():
            return None
        count = _git(self.root, "rev-list", "--count", "HEAD").stdout.decode().strip()
        # In a shallow clone the cut-off commits have no parents: the last of them is where history stops.
        oldest = _git(self.root, "log", "--format=%as", "--max-parents=0", "HEAD").stdout.decode().strip()
        return message("git.shallow", n=int(count) if count.isdigit() else count, since=oldest.splitlines()[-1] if oldest else "?")

    def resolve(self, revision: str) -> str:
        if not revision or revision.startswith("-"):
            raise GitProblem(message("git.bad_revision", rev=revision))
        run = _git(self.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        if run.returncode != 0:
            hint = message("git.shallow_hint") if self.is_shallow() else ""
            raise GitProblem(message("git.unknown_revision", rev=revision) + hint)
        return run.stdout.decode().strip()

    def tags_by_commit(self, pattern: str = "vedtatt/*") -> dict[str, list[str]]:
        """Commit → the names of the tags matching `pattern` on it (annotated tags peeled). Read once per
        repository object."""
        if pattern not in self._tags:
            self._tags[pattern] = self._read_tags(pattern)
        return self._tags[pattern]

    def _read_tags(self, pattern: str) -> dict[str, list[str]]:
        run = _git(self.root, "for-each-ref", "--format=%(refname:short)%09%(objectname)%09%(*objectname)",
                   f"refs/tags/{pattern}")
        out: dict[str, list[str]] = {}
        for line in run.stdout.decode().splitlines():
            name, obj, peeled = (line.split("\t") + ["", ""])[:3]
            out.setdefault(peeled or obj, []).append(name)
        return out

    def log(self, path: str, revision: str = "HEAD") -> list[Commit]:
        """Every commit that touched `path` (following renames), newest first, with the plan's path in it.
        Kept per repository object: `diff` asks for the same history for both of its revisions."""
        if (path, revision) not in self._logs:
            self._logs[(path, revision)] = self._read_log(path, revision)
        return self._logs[(path, revision)]

    def _read_log(self, path: str, revision: str) -> list[Commit]:
        fmt = _END + _SEP.join(["%H", "%an", "%aI", "%s"])
        # --first-parent: the main line is the plan's history; a merged branch's revision is the merge commit,
        # which is where a tag like vedtatt/2026 sits.
        run = _git(self.root, "-c", "core.quotePath=false", "log", "--first-parent", "--follow", "-M",
                   f"--format={fmt}", "--name-status", revision, "--", path)
        if run.returncode != 0:
            raise GitProblem(message("git.failed", what="log", reason=run.stderr.decode(errors="replace").strip()))
        tags = self.tags_by_commit()
        commits: list[Commit] = []
        for chunk in run.stdout.decode("utf-8", errors="replace").split(_END)[1:]:
            head, *files = [line for line in chunk.split("\n") if line.strip()]
            sha, author, date, subject = (head.split(_SEP) + ["", "", "", ""])[:4]
            status, current = "M", path
            if files:
                fields = files[0].split("\t")
                status, current = fields[0], fields[-1]
            commits.append(Commit(sha, author, datetime.fromisoformat(date), subject,
                                  tuple(sorted(tags.get(sha, []))), current, status))
        return commits

    def main_line(self, revision: str = "HEAD") -> list[str]:
        """The commits on the main line (`--first-parent`), newest first."""
        run = _git(self.root, "rev-list", "--first-parent", revision)
        return run.stdout.decode().split()

    def commit_before(self, moment: str) -> str | None:
        """The last commit on the main line dated before `moment` (ISO date), or None."""
        run = _git(self.root, "rev-list", "--first-parent", "-1", f"--before={moment}", "HEAD")
        return run.stdout.decode().strip() or None

    def first_touches(self, since: str, until: str) -> dict[str, tuple[str, str | None]]:
        """Path (relative to the root) → (the first main-line commit dated in [since, until) that touched it,
        the path it had before if that commit renamed it). One `git log` for the whole repository."""
        run = _git(self.root, "-c", "core.quotePath=false", "log", "--first-parent", "--reverse", "-M",
                   f"--format={_END}%H", "--name-status", f"--since={since}", f"--until={until}", "HEAD")
        first: dict[str, tuple[str, str | None]] = {}
        for chunk in run.stdout.decode("utf-8", errors="replace").split(_END)[1:]:
            sha, *lines = [line for line in chunk.splitlines() if line.strip()]
            for line in lines:
                fields = line.split("\t")
                renamed_from = fields[1] if fields[0].startswith("R") and len(fields) == 3 else None
                first.setdefault(fields[-1], (sha.strip(), renamed_from))
        return first

    def read_many(self, specs: list[tuple[str, str]]) -> list[bytes | None]:
        """File contents at (commit, path) pairs, in one `git cat-file --batch`; None where there is no file."""
        return [data for _oid, data in self.read_many_with_ids(specs)]

    def blob_ids(self, specs: list[tuple[str, str]]) -> list[str | None]:
        """The blob object ids at (commit, path) pairs, in one `git cat-file --batch-check`."""
        if not specs:
            return []
        request = "".join(f"{sha}:{path}\n" for sha, path in specs).encode("utf-8")
        run = _git(self.root, "cat-file", "--batch-check", input_bytes=request)
        out: list[str | None] = []
        for line in run.stdout.decode(errors="replace").splitlines()[: len(specs)]:
            out.append(None if line.endswith(("missing", "ambiguous")) else line.split()[0])
        return out

    def read_many_with_ids(self, specs: list[tuple[str, str]]) -> list[tuple[str | None, bytes | None]]:
        if not specs:
            return []
        request = "".join(f"{sha}:{path}\n" for sha, path in specs).encode("utf-8")
        run = _git(self.root, "cat-file", "--batch", input_bytes=request)
        data, pos = run.stdout, 0
        out: list[tuple[str | None, bytes | None]] = []
        for _ in specs:
            end = data.index(b"\n", pos)
            header = data[pos:end].decode(errors="replace")
            pos = end + 1
            if header.endswith("missing") or header.endswith("ambiguous"):
                out.append((None, None))
                continue
            oid, _kind, size = header.split()[-3:]
            out.append((oid, data[pos:pos + int(size)]))
            pos += int(size) + 1
        return out

    def path_at(self, sha: str, path: str) -> str | None:
        """Where the plan now at `path` was in commit `sha` (following renames), or None."""
        for commit in self.log(path):
            if commit.sha == sha:
                return commit.path
        return None

    def is_dirty(self, path: str) -> bool:
        run = _git(self.root, "status", "--porcelain", "--", path)
        return bool(run.stdout.strip())
