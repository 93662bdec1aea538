"""Reading a plan's history from git, through the git command line.

Every call is `subprocess.run([...])` without a shell; revisions are checked with `rev-parse --verify
--end-of-options`, and one starting with "-" is refused before git sees it. A plan's whole history is one
`git log --follow --raw` (which follows renames, and gives each version's blob id) and one `git cat-file --batch`
for the file contents, by blob id, not a process per revision.

The repository is not trusted: anyone who can push to it can write `.gitattributes`, and a clone's
`.git/config` may come from anywhere. So git runs here so that nothing in the repository's config or
attributes can start a program (see `_git`): only commands that read objects and refs (no `git status`, no
`git diff` against the working tree, so no clean/smudge filters, no fsmonitor, no index refresh, no hooks);
every key that names a program overridden on the command line, which outranks every config file; filter,
diff and merge drivers the repository defines overridden by name; and no transport allowed, so a partial
clone cannot fetch a missing object through `ext::`, `core.sshCommand` or `remote.*.uploadpack`.
The user's own system and global config are still read (they hold `safe.directory`, which is kept: git refuses
a repository owned by someone else, and we say so); the overrides apply to them too. Keys git reads only from
that protected config (`uploadpack.packObjectsHook`, `safe.directory`) or only when writing, fetching or
serving (hooks, `core.editor`, `core.pager` with no terminal) are covered as well by the commands chosen.
Every call has a time limit (GIT_SECONDS); blobs are streamed, and one past MAX_BYTES is never held.
"""

from __future__ import annotations

import os
import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from ..messages import message
from ..read.source import MAX_BYTES

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


# Config keys whose value is a program (or turns on running one), set on the command line, where they outrank
# the system, global and repository config. An empty value turns the program off.
SAFE_CONFIG = (
    "core.fsmonitor=false",  # a hook run on index refresh
    "core.hooksPath=/dev/null",  # no hook can be found
    "core.pager=cat",  # (never a terminal here anyway)
    "core.editor=:",
    "core.askPass=",
    "core.sshCommand=",
    "core.gitProxy=",
    "core.alternateRefsCommand=",
    "credential.helper=",  # an empty value empties the list of helpers
    "diff.external=",
    "log.showSignature=false",  # would run gpg.program / gpg.ssh.program on signed commits
    "protocol.allow=never",  # no transport: a partial clone's lazy fetch fails instead of running a command
    "submodule.recurse=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "core.quotePath=false",
)
# No git call may take longer: a repository whose config includes a FIFO (include.path) would hang git forever.
GIT_SECONDS = 120
# Drivers the repository names itself: [filter "x"] clean/smudge/process, [diff "x"] textconv/command,
# [merge "x"] driver. Found per repository (`driver_overrides`) and emptied by name.
_DRIVER_KEYS = r"^(filter|diff|merge)\..*\.(clean|smudge|process|textconv|command|driver)$"
# Variables from the caller's environment that would point git at another repository, index or config.
_DROPPED_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_EXTERNAL_DIFF", "GIT_SSH",
                "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_PAGER="cat", GIT_ASKPASS="", SSH_ASKPASS="",
               GIT_ALLOW_PROTOCOL="",  # outranks protocol.<name>.allow in any config: no transport at all
               GIT_OPTIONAL_LOCKS="0", GIT_NO_REPLACE_OBJECTS="1")
    return env


def _command(repo: Path, args: tuple[str, ...], overrides: tuple[str, ...]) -> list[str]:
    config = [arg for pair in (*SAFE_CONFIG, *overrides) for arg in ("-c", pair)]
    return ["git", "--no-pager", "-C", str(repo), *config, *args]


def _git(repo: Path, *args: str, input_bytes: bytes | None = None,
         overrides: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    """The one place git runs (`_git_start` is the same, begun now and answered later; `_git_stream` the same,
    read as it comes). `overrides`: more `key=value` for this repository's own drivers."""
    return _git_result(_git_start(repo, *args, stdin=input_bytes is not None, overrides=overrides), input_bytes)


def _git_start(repo: Path, *args: str, stdin: bool = False, overrides: tuple[str, ...] = ()) -> subprocess.Popen:
    """git begun, to be answered by `_git_result`: meanwhile this process does other work (or waits for another
    git). Its output waits in the pipe; if that fills, git waits until it is read."""
    try:
        proc = subprocess.Popen(_command(repo, args, overrides), stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    except FileNotFoundError:
        raise GitProblem(message("git.no_git")) from None
    proc.what = args[0]  # type: ignore[attr-defined]
    return proc


def _git_result(proc: subprocess.Popen, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """A begun git's whole output and return code, within GIT_SECONDS from now."""
    try:
        out, err = proc.communicate(input_bytes, timeout=GIT_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        what = proc.what  # type: ignore[attr-defined]
        raise GitProblem(message("git.timeout", seconds=GIT_SECONDS, what=what)) from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _git_stream(repo: Path, *args: str, input_bytes: bytes, overrides: tuple[str, ...] = ()) -> subprocess.Popen:
    """git with its output read as it comes (a blob past the size limit is skipped, never held); the input is
    written from a thread so that neither side waits for the other."""
    try:
        proc = subprocess.Popen(_command(repo, args, overrides), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=_env())
    except FileNotFoundError:
        raise GitProblem(message("git.no_git")) from None

    def feed() -> None:
        try:
            proc.stdin.write(input_bytes)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    timer = threading.Timer(GIT_SECONDS, proc.kill)  # a read that never ends: git is stopped, the caller sees
    timer.daemon = True                              # its output end and a failed return code
    timer.start()
    proc.threads = (feeder, timer)  # type: ignore[attr-defined]
    return proc


def _done(proc: subprocess.Popen) -> None:
    """After the whole output is read: the timer stopped, and both threads gone, so that the caller may start
    worker processes (workers.py never forks while another thread runs)."""
    feeder, timer = proc.threads  # type: ignore[attr-defined]
    timer.cancel()
    timer.join()
    feeder.join(timeout=1.0)


def driver_overrides(repo: Path) -> tuple[str, ...]:
    """`-c` pairs that empty every filter, diff and merge driver the repository's config defines. Reading
    config (and the files it includes) runs nothing."""
    run = _git(repo, "config", "--null", "--name-only", "--get-regexp", _DRIVER_KEYS)
    names = run.stdout.decode("utf-8", errors="replace").split("\0")
    return tuple(sorted({f"{name}=" for name in names if name.strip()}))


class Repo:
    def __init__(self, root: Path):
        self.root = root
        self._logs: dict[tuple[str, str], list[Commit]] = {}
        self._tags: dict[str, dict[str, list[str]]] = {}
        self._main: dict[str, list[str]] = {}
        self._overrides = driver_overrides(root)
        # (commit, path) → the blob id `git log --raw` gave for the plan there (None: deleted there), so that
        # blob_ids asks git nothing more for a history's versions and cat-file reads them by id, not by path.
        self._blobs: dict[tuple[str, str], str | None] = {}
        self._begun: dict[tuple[str, ...], subprocess.Popen] = {}  # git begun by start_history, by its arguments

    def git(self, *args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """git's answer: from the git begun with these arguments (start_history), else from a git run now."""
        begun = self._begun.pop(args, None) if input_bytes is None else None
        if begun is not None:
            return _git_result(begun)
        return _git(self.root, *args, input_bytes=input_bytes, overrides=self._overrides)

    def start_history(self, path: str, revision: str = "HEAD") -> None:
        """Begin what a plan's history asks git (its log; the main line if there are `vedtatt/…` tags): both
        run while this process does other work (imports its parser), and log() and main_line() take their
        answers. The tags are read now (they decide whether the main line is needed: one quick git)."""
        if (path, revision) not in self._logs:
            self._begin(*_log_args(path, revision))
        if self.tags_by_commit() and revision not in self._main:
            self._begin("rev-list", "--first-parent", revision)

    def stop_begun(self) -> None:
        """The git begun by start_history whose answer nobody asked for (the main line, when every tag is on a
        commit of the plan's own): kept if it is done (the next plan's history may need it), else stopped."""
        for args, proc in self._begun.items():
            if args[0] == "rev-list" and proc.poll() is not None:
                run = _git_result(proc)
                if run.returncode == 0:
                    self._main[args[-1]] = run.stdout.decode().split()
                continue
            proc.kill()
            proc.communicate()
        self._begun.clear()

    def _begin(self, *args: str) -> None:
        if args not in self._begun:
            self._begun[args] = _git_start(self.root, *args, overrides=self._overrides)

    @classmethod
    def discover(cls, path: Path) -> "Repo":
        start = path if path.is_dir() else path.parent
        if not start.exists():
            raise GitProblem(message("reason.missing"))
        run = _git(start, "rev-parse", "--show-toplevel")
        if run.returncode != 0:
            if b"safe.directory" in run.stderr:  # owned by another user: git's own protection, kept
                raise GitProblem(message("git.unsafe_repository", path=path))
            raise GitProblem(message("git.not_a_repo", path=path))
        return cls(Path(run.stdout.decode().strip()))

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()

    def is_shallow(self) -> bool:
        run = self.git("rev-parse", "--is-shallow-repository")
        return run.stdout.decode().strip() == "true"

    def shallow_note(self) -> str | None:
        """How much history is missing in a shallow clone, or None."""
        if not self.is_shallow():
            return None
        count = self.git("rev-list", "--count", "HEAD").stdout.decode().strip()
        # In a shallow clone the cut-off commits have no parents: the last of them is where history stops.
        oldest = self.git("log", "--format=%as", "--max-parents=0", "HEAD").stdout.decode().strip()
        return message("git.shallow", n=int(count) if count.isdigit() else count,
                       since=oldest.splitlines()[-1] if oldest else "?")

    def resolve(self, revision: str) -> str:
        if not revision or revision.startswith("-"):
            raise GitProblem(message("git.bad_revision", rev=revision))
        run = self.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
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
        run = self.git("for-each-ref", "--format=%(refname:short)%09%(objectname)%09%(*objectname)",
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
        run = self.git(*_log_args(path, revision))
        if run.returncode != 0:
            raise GitProblem(message("git.failed", what="log", reason=run.stderr.decode(errors="replace").strip()))
        tags = self.tags_by_commit()
        commits: list[Commit] = []
        for head, changes in _log_entries(run.stdout):
            sha, author, date, subject = (head.split(_SEP) + ["", "", "", ""])[:4]
            status, current = "M", path
            if changes:
                status, _old, current, blob = changes[0]
                if blob is not None:
                    self._blobs[(sha, current)] = None if not blob.strip("0") else blob
            copied = status.startswith("C")
            commits.append(Commit(sha, author, datetime.fromisoformat(date), subject,
                                  tuple(sorted(tags.get(sha, []))), current, "A" if copied else status))
            if copied:
                # --follow also follows a copy: a new lag's plan made like another's would take on that plan's
                # history. A copy is where this plan begins; only a rename (the old path gone) is followed.
                break
        return commits

    def main_line(self, revision: str = "HEAD") -> list[str]:
        """The commits on the main line (`--first-parent`), newest first. Read once per repository object."""
        if revision not in self._main:
            self._main[revision] = self.git("rev-list", "--first-parent", revision).stdout.decode().split()
        return self._main[revision]

    def commit_before(self, moment: str) -> str | None:
        """The last commit on the main line dated before `moment` (ISO date and time, local time), or None."""
        run = self.git("rev-list", "--first-parent", "-1", f"--before={moment}", "HEAD")
        return run.stdout.decode().strip() or None

    def changes_after(self, start: str | None) -> list[tuple[str, list[tuple[str, str | None, str]]]]:
        """The main-line commits after commit `start` (all of them if None) up to HEAD, oldest first, each with
        what it did to which paths: [(status, the old path if renamed, path)]. One `git log` for the whole
        repository."""
        run = self.git("log", "-z", "--no-ext-diff", "--no-textconv", "--first-parent", "--reverse", "-M",
                       f"--format={_END}%H", "--name-status", f"{start}..HEAD" if start else "HEAD", "--")
        if run.returncode != 0:
            raise GitProblem(message("git.failed", what="log", reason=run.stderr.decode(errors="replace").strip()))
        return [(sha.strip(), [c[:3] for c in changes]) for sha, changes in _log_entries(run.stdout)]

    def read_many(self, specs: list[tuple[str, str]]) -> list[bytes | None]:
        """File contents at (commit, path) pairs, in one `git cat-file --batch`; None where there is no file."""
        return [data for _oid, data in self.read_many_with_ids(specs)]

    def blob_ids(self, specs: list[tuple[str, str]]) -> list[str | None]:
        """The blob object ids at (commit, path) pairs, in one `git cat-file --batch-check`."""
        asked = [spec for spec in specs if spec not in self._blobs]  # all of a history's are known from its log
        found: dict[tuple[str, str], str | None] = {}
        if asked:
            request = "".join(f"{sha}:{path}\n" for sha, path in asked).encode("utf-8")
            run = self._cat_file("--batch-check", request)
            for spec, line in zip(asked, run.stdout.decode(errors="replace").splitlines()):
                found[spec] = None if line.endswith(("missing", "ambiguous")) else line.split()[0]
        return [self._blobs[spec] if spec in self._blobs else found.get(spec) for spec in specs]

    def read_many_with_ids(self, specs: list[tuple[str, str]]) -> list[tuple[str | None, bytes | None]]:
        """(blob id, contents) at each (commit, path), in one `git cat-file --batch` read as it streams; a blob
        larger than MAX_BYTES (no plan is) is skipped unread, as (id, None)."""
        return list(self.stream_many(specs))

    def stream_many(self, specs: list[tuple[str, str]]) -> Iterator[tuple[str | None, bytes | None]]:
        """read_many_with_ids one by one, as git gives them: the caller works on one while git reads the next.
        A failure of git is raised once its output has ended. Until then a thread feeds git the list and a
        timer watches it, so a caller that starts worker processes reads it all first (workers.py)."""
        if not specs:
            return
        request = "".join(f"{self._blobs.get((sha, path)) or f'{sha}:{path}'}\n" for sha, path in specs).encode("utf-8")
        proc = _git_stream(self.root, "cat-file", "--batch", input_bytes=request, overrides=self._overrides)
        given = 0
        try:
            with proc:
                stream = proc.stdout
                for _ in specs:
                    header = stream.readline(4096).decode(errors="replace").strip()  # type: ignore[union-attr]
                    if not header or header.endswith(("missing", "ambiguous")):
                        if not header:
                            break
                        given += 1
                        yield None, None
                        continue
                    oid, _kind, size = header.split()[-3:]
                    data = _read_blob(stream, int(size))
                    given += 1
                    yield oid, data
                stderr = proc.stderr.read()  # type: ignore[union-attr]
        finally:  # also when the caller stops early: git is gone (its output closed) before this returns
            _done(proc)
        if proc.returncode != 0:  # e.g. a partial clone, whose missing objects are not fetched here
            reason = stderr.decode(errors="replace").strip().splitlines()
            raise GitProblem(message("git.failed", what="cat-file", reason=reason[-1] if reason else "?"))
        for _ in range(len(specs) - given):
            yield None, None

    def _cat_file(self, mode: str, request: bytes) -> subprocess.CompletedProcess[bytes]:
        run = self.git("cat-file", mode, input_bytes=request)
        if run.returncode != 0:  # e.g. a partial clone, whose missing objects are not fetched here
            reason = run.stderr.decode(errors="replace").strip().splitlines()
            raise GitProblem(message("git.failed", what="cat-file", reason=reason[-1] if reason else "?"))
        return run

    def path_at(self, sha: str, path: str) -> str | None:
        """Where the plan now at `path` was in commit `sha` (following renames), whether or not that commit
        touched it; None if it did not exist then. A main-line commit: the path of the plan's last commit at or
        before it. Another (a branch's): the newest of the plan's paths that is a file there."""
        commits = self.log(path)
        if not commits:
            return path  # not in git: only its present name is known
        for commit in commits:
            if commit.sha == sha:
                return None if commit.status.startswith("D") else commit.path
        place = {c: k for k, c in enumerate(self.main_line())}
        if sha in place:
            older = next((c for c in commits if place.get(c.sha, -1) >= place[sha]), None)
            return older.path if older is not None else None  # None: older than the plan
        names = list(dict.fromkeys(c.path for c in commits))
        return next((n for n, oid in zip(names, self.blob_ids([(sha, n) for n in names])) if oid), None)

    def is_dirty(self, path: str) -> bool:
        """Whether the working copy of `path` differs from HEAD's. Compared here, byte for byte (line ends
        aside), not with `git status`: that would refresh the index and so run the repository's fsmonitor and
        clean filters. When the plan's history is read already, its newest version's blob id is HEAD's: a
        working copy with that id is unchanged, and git is not asked."""
        try:
            on_disk = (self.root / path).read_bytes()
        except OSError:
            return True
        logged = self._logs.get((path, "HEAD"))
        newest = logged[0] if logged else None
        if newest is not None and newest.path == path and _blob_id(on_disk) == self._blobs.get((newest.sha, path)):
            return False
        committed = self.read_many([("HEAD", path)])[0]
        return committed is None or committed.replace(b"\r\n", b"\n") != on_disk.replace(b"\r\n", b"\n")


def _blob_id(data: bytes) -> str:
    """The id git gives a blob of these bytes (SHA-1; a SHA-256 repository's ids never equal it)."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _log_args(path: str, revision: str) -> tuple[str, ...]:
    """A plan's history. --first-parent: the main line is the plan's history; a merged branch's revision is the
    merge commit, which is where a tag like vedtatt/2026 sits."""
    fmt = _END + _SEP.join(["%H", "%an", "%aI", "%s"])
    return ("log", "-z", "--no-ext-diff", "--no-textconv", "--first-parent", "--follow", "-M", f"--format={fmt}",
            "--raw", "--no-abbrev", revision, "--", path)


def _read_blob(stream, size: int) -> bytes | None:
    """The next `size` bytes and the newline after them; None (read past, not kept) if `size` > MAX_BYTES."""
    if size > MAX_BYTES:
        left = size + 1
        while left > 0:
            chunk = stream.read(min(left, 1 << 20))
            if not chunk:
                break
            left -= len(chunk)
        return None
    data = stream.read(size + 1)
    return data[:size]


def _log_entries(out: bytes) -> list[tuple[str, list[tuple[str, str | None, str, str | None]]]]:
    """`git log -z --format=<_END>…` with `--name-status` or `--raw --no-abbrev` → [(header, [(status, old path
    or None, path, the new blob id with --raw, else None)])]. With -z no path is quoted, so a name with a tab, a
    quote or a non-ASCII letter comes back as it is."""
    entries = []
    for chunk in out.decode("utf-8", errors="replace").split(_END)[1:]:
        head, _, rest = chunk.partition("\0")
        fields = [f for f in rest.lstrip("\n").split("\0") if f != ""]
        changes: list[tuple[str, str | None, str, str | None]] = []
        i = 0
        while i < len(fields):
            status, blob = fields[i].strip(), None
            if status.startswith(":"):  # --raw: ":old mode, new mode, old blob, new blob, status"
                parts = status.split()
                status, blob = parts[-1], parts[3] if len(parts) == 5 else None
            if status[:1] in ("R", "C") and i + 2 < len(fields):
                changes.append((status, fields[i + 1], fields[i + 2], blob))
                i += 3
            elif i + 1 < len(fields):
                changes.append((status, None, fields[i + 1], blob))
                i += 2
            else:
                break
        entries.append((head, changes))
    return entries
