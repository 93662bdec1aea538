"""The one cache between runs, in the user's cache folder: entries keyed by (a key, a path).

Its users: parsecache.py keeps a plan file's tree and findings by its bytes (`show`, `status`, `report` … of an
unchanged file parse nothing); checks/outcomes.py keeps a plan's `check` outcome by its bytes, valid while the
files it was measured with are unchanged (a second `check` of an unchanged repository parses nothing);
history/revisions.py keeps what each version of a plan changed by the pair of blob ids from git (a blob never
changes, so a second `history` over hundreds of revisions parses and compares nothing). Every key holds the
findings' language and a stamp of the tool's code; the folder is per package version.
ARBEIDSPLAN_CACHE=0 turns it off; ARBEIDSPLAN_CACHE_DIR moves it.

The entries are pickles, and loading a pickle can run code, so an entry is loaded only if nobody else could
have written it: the folder must be a real folder (not a symlink) owned by this user and writable by nobody
else, in a parent others cannot swap it out of (not writable by others, or sticky like /tmp); each file must
be a regular file (opened without following a symlink) owned by this user and writable by nobody else.
Anything else is a cache miss, never an error.

It does not grow for ever: an entry read is marked as used (its time set, at most once a day), and at most once
a day the first run that writes prunes what no run has used for KEEP_DAYS — entries, a crashed run's
temporary files, and the folders of other versions of the tool — deleting only regular files and folders that
are this user's, never through a symbolic link.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import stat
import tempfile
import time
from pathlib import Path

from .. import __version__

_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    uid = os.getuid() if hasattr(os, "getuid") else st.st_uid
    return st.st_uid == uid and not st.st_mode & _OTHERS_WRITE


KEEP_DAYS = 30  # an entry no run has used for this long is deleted
_DAY = 86400
_PRUNED = ".pruned"  # its time: when the folder was last pruned
_made: set[str] = set()  # folders this process has made (or found), so a run does not mkdir per entry


def on() -> bool:
    """Whether the cache is used at all (ARBEIDSPLAN_CACHE=0 turns it off): a caller need not build keys."""
    return os.environ.get("ARBEIDSPLAN_CACHE", "1") != "0"


def _folder() -> Path | None:
    """The cache folder, if it is safe to use now (checked on every call: two stat calls)."""
    if not on():
        return None
    base = os.environ.get("ARBEIDSPLAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "arbeidsplan")
    folder = os.path.join(base, f"planer-{__version__}")
    try:
        if folder not in _made:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            _made.add(folder)
        st = os.lstat(folder)
        parent = os.stat(os.path.dirname(folder))
    except OSError:
        _made.discard(folder)
        return None
    if not stat.S_ISDIR(st.st_mode) or not _private(st):
        return None
    if parent.st_mode & stat.S_IWOTH and not parent.st_mode & stat.S_ISVTX:
        return None  # anyone could rename our folder away and put theirs in its place
    return Path(folder)


def _name(blob: str, path: str) -> str:
    return hashlib.sha1(f"{blob}\0{path}".encode("utf-8")).hexdigest()


def get(blob: str, path: str):
    folder = _folder()
    if folder is None:
        return None
    try:
        fd = os.open(folder / _name(blob, path), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or not _private(st):
                return None
            value = pickle.load(handle)
            if st.st_mtime < time.time() - _DAY:  # used: kept from pruning (its time set once a day at most)
                os.utime(handle.fileno())
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
            IndexError, KeyError, RecursionError):
        return None


def put(blob: str, path: str, value) -> None:
    folder = _folder()
    if folder is None:
        return
    if str(folder) not in _pruned_now:
        _pruned_now.add(str(folder))
        prune(folder)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / _name(blob, path))
    except (OSError, pickle.PicklingError, RecursionError):
        pass


_pruned_now: set[str] = set()  # folders this process has considered pruning


def prune(folder: Path, now: float | None = None) -> int:
    """Delete what no run has used for KEEP_DAYS, if the folder was last pruned more than a day ago: entries,
    temporary files (a run that died while writing), and the sibling folders of other versions of the tool,
    whole. Only regular files and folders owned by this user are deleted, never through a symbolic link; a file
    that cannot be deleted is left. Returns how many files were deleted."""
    now = time.time() if now is None else now
    marker = folder / _PRUNED
    try:
        if os.lstat(marker).st_mtime > now - _DAY:
            return 0
    except OSError:
        pass  # never pruned: do it now
    try:
        marker.touch()
        os.utime(marker, (now, now))
    except OSError:
        return 0
    old = now - KEEP_DAYS * _DAY
    deleted = _prune_files(folder, lambda name, st: name != _PRUNED and st.st_mtime < old)
    for other in _entries(folder.parent):
        name, st = other
        if _VERSION_FOLDER.fullmatch(name) and name != folder.name and stat.S_ISDIR(st.st_mode) and _private(st):
            deleted += _prune_files(folder.parent / name, lambda _name, fst: fst.st_mtime < old)
            try:
                os.rmdir(folder.parent / name)  # only if it is empty now
            except OSError:
                pass
    return deleted


def _entries(folder: Path) -> list[tuple[str, os.stat_result]]:
    try:
        with os.scandir(folder) as found:
            return [(e.name, e.stat(follow_symlinks=False)) for e in found]
    except OSError:
        return []


# What the cache writes, and so all pruning may delete: entries (_name), temporary files (put), the mark; and the
# folders of versions. ARBEIDSPLAN_CACHE_DIR may point anywhere (a folder of the user's own «planer-2025»): a file
# or folder named otherwise is never touched.
_CACHE_FILE = re.compile(r"[0-9a-f]{40}|\.tmp-\w+|\.pruned")
_VERSION_FOLDER = re.compile(r"planer-\d+(\.\d+)*([.+-]?[0-9A-Za-z.+-]*)?")


def _prune_files(folder: Path, stale) -> int:
    deleted = 0
    for name, st in _entries(folder):
        if _CACHE_FILE.fullmatch(name) and stat.S_ISREG(st.st_mode) and _private(st) and stale(name, st):
            try:
                os.unlink(folder / name)
                deleted += 1
            except OSError:
                pass
    return deleted
