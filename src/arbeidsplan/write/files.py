"""Writing a user's file: atomically, so a plan or report is never half-written, never over a file the command
read, never replacing something that is not a plain file; and read back afterwards to verify.

The rules every writer shares (`report -o`, `new -o`, `status set`):
- a symlink is followed: the file it points to is replaced, the link stays a link;
- a device, a FIFO, a socket or a folder is refused (`-o -` is standard output, handled by the command line);
- a file with more than one hard link is refused: replacing it would split the links, and writing it in place
  could leave it half-written;
- a file the command read (a plan, a template) is refused as the output;
- a missing folder is refused, except for `new -o` (`make_folders`): it is made just before the write, below
  the nearest folder that exists (a file in the way is refused), and removed again if the write fails;
- after the rename the file is read back and compared with what was meant to be there.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..messages import message
from ..read.source import os_reason


class Unwritable(Exception):
    """The file cannot or must not be written; the message (Norwegian) says why. Nothing was changed."""


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def output_target(path: Path, inputs: Iterable[str | Path] = (), may_exist: bool = True,
                  make_folders: bool = False) -> Path:
    """The file writing `path` replaces (a symlink's target), or Unwritable. Checks only; writes nothing."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if not target.parent.is_dir():
        if not make_folders:
            raise Unwritable(message("report.no_directory", path=target.parent))
        _missing_folders(target.parent)
        return target
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as err:
        raise Unwritable(message("write.failed", path=path, reason=os_reason(err))) from None
    if not may_exist:
        raise Unwritable(message("new.exists", path=path))
    if stat.S_ISDIR(st.st_mode):
        raise Unwritable(message("report.is_directory", path=path))
    if not stat.S_ISREG(st.st_mode):
        raise Unwritable(message("write.not_regular", path=path))
    if st.st_nlink > 1:
        raise Unwritable(message("write.hard_links", path=path, n=st.st_nlink))
    for given in inputs:
        try:
            if _same_file(st, os.stat(given)):
                raise Unwritable(message("write.is_input", path=path))
        except OSError:
            continue
    return target


def _missing_folders(folder: Path) -> list[Path]:
    """The folders to make for `folder` to exist, outermost first; Unwritable when something that is not a
    folder stands where one must be."""
    missing: list[Path] = []
    while not folder.is_dir():
        if os.path.lexists(folder) or folder == folder.parent:
            raise Unwritable(message("write.not_a_folder", path=folder))
        missing.insert(0, folder)
        folder = folder.parent
    return missing


def write_atomically(path: Path, data: bytes, inputs: Iterable[str | Path] = (), may_exist: bool = True,
                     make_folders: bool = False) -> Path:
    """Write to a temporary file beside the target, then rename over it: never a half-written file. Returns the
    file written (a symlink's target). Unwritable for a refused target or an error from the system."""
    target = output_target(path, inputs, may_exist, make_folders)
    made: list[Path] = []
    try:
        for folder in _missing_folders(target.parent) if make_folders else ():
            folder.mkdir()
            made.append(folder)
        _replace(target, data)
        written = target.read_bytes()
    except OSError as err:
        for folder in reversed(made):  # nothing left behind by a write that failed
            try:
                folder.rmdir()
            except OSError:
                break
        raise Unwritable(message("write.failed", path=path, reason=os_reason(err))) from None
    if written != data:
        raise Unwritable(message("write.verify_failed", path=path))
    return target


def _replace(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            old = target.stat()
            mode = old.st_mode & 0o7777
            try:  # the same owner and group as before (possible for root, or for the group alone)
                os.chown(tmp, old.st_uid, old.st_gid)
            except (OSError, AttributeError):
                pass
        except OSError:  # a new file: the permissions any new file would get
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
