"""Reading a plan file from disk: bytes to text (NFC, LF line ends, no BOM), remembering the file's own line end
and BOM for writing back.

Everything that can be wrong with the bytes (missing, binary, not UTF-8, empty, too big) becomes a diagnostic
here, so the parser only ever sees text.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, finding
from ..messages import message
from ..model import Span

MAX_BYTES = 8 * 1024 * 1024  # a real plan is 20–40 kB; anything past this is not a plan


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str  # NFC, LF line ends, no BOM
    newline: str  # the file's own line end, kept for writing back
    bom: bool


def wide_unicode(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" for text that begins with its byte order mark (either byte order), as Notepad's
    «Unicode» saves it; None for anything else."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    return None


def decode(path: str, data: bytes) -> tuple[SourceText | None, list[Diagnostic]]:
    span = Span(path, 1)
    if not data.strip():
        return None, [finding("AP101", span, reason=message("reason.empty"))]
    wide = wide_unicode(data)
    if wide is not None:  # its every other byte is NUL: said as what it is, not as a binary file
        return None, [finding("AP101", span, reason=message("reason.utf16", encoding=wide))]
    if b"\x00" in data:
        # A NUL in the first bytes is a binary file's magic header (line 1); further in, the line it is on.
        at = data.index(b"\x00")
        line = 1 if at < 16 else data[:at].count(b"\n") + 1
        return None, [finding("AP101", Span(path, line), reason=message("reason.binary"))]
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [finding("AP101", Span(path, line), reason=message("reason.not_utf8", line=line))]
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, unicodedata.normalize("NFC", text), newline, bom), []


_OS_REASONS = {errno.EISDIR: "reason.os.directory", errno.EACCES: "reason.os.access", errno.EPERM: "reason.os.access",
               errno.ENOENT: "reason.missing", errno.ENAMETOOLONG: "reason.os.name_too_long",
               errno.ELOOP: "reason.os.link_loop"}


def os_reason(err: OSError) -> str:
    """What the operating system refused, in the user's language (its own text is English)."""
    key = _OS_REASONS.get(err.errno or 0)
    return message(key) if key else message("reason.os", error=err.strerror or err)


def read_source(path: str | Path) -> tuple[SourceText | None, list[Diagnostic]]:
    data, diags = read_bytes(path)
    return (None, diags) if data is None else decode(str(path), data)


def read_bytes(path: str | Path) -> tuple[bytes | None, list[Diagnostic]]:
    """A plan file's bytes, or None and the one finding that says why it could not be read."""
    name = str(path)
    span = Span(name, 0)
    try:
        p = Path(path)
        if not p.exists():
            return None, [finding("AP108", span, reason=message("reason.missing"))]
        outside = outside_its_repository(name)
        if outside is not None:  # a link a pull request could point at any readable file on the machine
            return None, [finding("AP101", Span(name, 1), reason=message("reason.link_outside", target=outside))]
        mode = p.stat().st_mode
        if not stat.S_ISREG(mode):  # a FIFO would block, /dev/zero never end
            reason = message("reason.os.directory") if stat.S_ISDIR(mode) else message("reason.not_regular")
            return None, [finding("AP101", Span(name, 1), reason=reason)]
        return read_limited(p), []
    except TooBig as err:
        return None, [finding("AP101", Span(name, 1), reason=str(err))]
    except OSError as err:
        return None, [finding("AP101", Span(name, 1), reason=os_reason(err))]


def _git_folder(place: str) -> str | None:
    """The git repository an absolute path is in: the nearest folder above it holding .git, found without
    following links (the path's own place, not where a link leads); None outside any."""
    folder = os.path.dirname(place)
    while not os.path.exists(os.path.join(folder, ".git")):
        if os.path.dirname(folder) == folder:
            return None
        folder = os.path.dirname(folder)
    return folder


def repository_path(name: str) -> str:
    """A file's path from the root of the git repository it is in, as CI systems name files; the path as given
    outside any repository."""
    place = os.path.abspath(name)
    folder = _git_folder(place)
    return name if folder is None else os.path.relpath(place, folder).replace(os.sep, "/")


def outside_its_repository(name: str) -> str | None:
    """The real file a path leads to when a symbolic link takes it out of the git repository the path itself is
    in; None otherwise, and None outside any repository."""
    place, real = os.path.abspath(name), os.path.realpath(name)
    folder = _git_folder(place) if place != real else None
    if folder is None:
        return None
    root = os.path.realpath(folder)
    return None if real == root or real.startswith(root.rstrip(os.sep) + os.sep) else real


class TooBig(Exception):
    """The file is past MAX_BYTES; the message says how big it is and the limit."""


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, never more than `limit` read (the file may grow while it is read): TooBig past it."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
        if len(data) > limit:
            size = max(os.fstat(handle.fileno()).st_size, len(data))
            raise TooBig(message("reason.too_big", size=size // (1024 * 1024), limit=limit // (1024 * 1024)))
    return data
