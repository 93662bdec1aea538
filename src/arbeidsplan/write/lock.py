"""One writer at a time for a plan file: an exclusive `flock` on the file itself, held while it is read,
edited and replaced.

Replacing the file (write/files.py renames a new file over it) gives the path a new inode, so a process that was
waiting for the lock on the old inode would edit what is no longer the plan. So after the lock is taken, the
path is checked to still be the locked file; if it is not, the lock is taken again on the new one. No lock file
is left behind. Only programs that take the same lock (every `arbeidsplan status set`) are kept out: an
editor saving the file at the same moment is not.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..messages import message
from ..read.source import os_reason
from .files import Unwritable, output_target

try:
    import fcntl
except ImportError:  # not on POSIX: no lock (status set then relies on the read-back alone)
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = 60.0


@contextmanager
def locked(path: Path, wait: float = WAIT_SECONDS) -> Iterator[Path]:
    """Hold the lock on the file `path` stands for (a symlink's target), and give that file's path.
    Unwritable if the file cannot be replaced (see write/files.py) or the lock is not free within `wait`."""
    deadline = time.monotonic() + wait
    while True:
        target = output_target(path)
        try:
            fd = os.open(target, os.O_RDONLY)
        except OSError as err:
            raise Unwritable(message("set.unreadable", path=path, reason=os_reason(err))) from None
        try:
            _lock(fd, path, deadline)
            try:
                current = os.stat(target)
            except OSError:
                current = None
            held = os.fstat(fd)
            if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
                yield target
                return
        finally:
            os.close(fd)  # closing the file releases the lock


def _lock(fd: int, path: Path, deadline: float) -> None:
    if fcntl is None:
        return
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise Unwritable(message("set.locked", path=path)) from None
            time.sleep(0.02)
