"""Reading a plan file from disk: bytes to text (NFC, LF line ends, no BOM), remembering the file's own line end
and BOM for writing back.

Everything that can be wrong with the bytes (missing, binary, not UTF-8, empty, too big) becomes a diagnostic
here, so the parser only ever sees text.
"""

from __future__ import annotations

import errno
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


def decode(path: str, data: bytes) -> tuple[SourceText | None, list[Diagnostic]]:
    span = Span(path, 1)
    if not data.strip():
        return None, [finding("AP101", span, reason=message("reason.empty"))]
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
    name = str(path)
    span = Span(name, 0)
    try:
        p = Path(path)
        if not p.exists():
            return None, [finding("AP108", span, reason=message("reason.missing"))]
        size = p.stat().st_size
        if size > MAX_BYTES:
            reason = message("reason.too_big", size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024))
            return None, [finding("AP101", Span(name, 1), reason=reason)]
        data = p.read_bytes()
    except OSError as err:
        return None, [finding("AP101", Span(name, 1), reason=os_reason(err))]
    return decode(name, data)
