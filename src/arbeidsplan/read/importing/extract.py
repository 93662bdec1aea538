"""Reading a Word, PDF or text document into source lines: the text as the document has it, with where each
line came from (line in a text file, paragraph in Word, page in a PDF).

The file is read as what its first bytes say it is (content_kind), its name deciding only when they say
nothing: a Word file saved as plan.pdf is read as Word, with a note saying so.

Word paragraphs become one line each followed by a blank line, list paragraphs get a "•", table rows become
one line of tab-separated cells, and struck-through runs are kept as ~~…~~ (a revision mark the annual
meeting wrote into the document); word.py reads Word's XML, tracked changes and footnotes included.
Everything that can be wrong with the file becomes an ImportProblem with one
Norwegian line; nothing here raises anything else for a bad document.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...messages import message
from ..source import os_reason, wide_unicode
from .pdftables import MEASURE_COLUMN as _MEASURE_COLUMN
from .pdftables import table_rows

MAX_BYTES = 50 * 1024 * 1024  # a 300-page Word or PDF document is a few MB; past this it is not a plan
MAX_PAGES = 1000


class ImportProblem(Exception):
    """The document cannot be read; the message is one Norwegian line naming the file."""


@dataclass(frozen=True)
class SourceLine:
    text: str
    where: int  # 1-based: line of a text file, paragraph of a Word document, page of a PDF
    cells: tuple[str, ...] = ()  # a table row from Word, one entry per cell
    heading: int = 0  # a Word heading's level (1 = Heading 1), 0 for anything else
    new_paragraph: bool = False  # begins a paragraph of a Word or OpenDocument file: never a list item's wrapped line
    full_row: bool = False  # a Word table row that is one cell across all columns


@dataclass(frozen=True)
class Extracted:
    path: str
    kind: str  # "tekst", "word", "odt", "pdf", "markdown"
    unit: str  # what SourceLine.where counts: "linje", "avsnitt", "side"
    lines: list[SourceLine]
    notes: tuple[str, ...] = ()  # said to the user: the file is another kind than its name says, tracked changes …
    unread: tuple[tuple[int, str], ...] = ()  # (where, words) the document holds that no line has: reported as lost
    data: bytes = field(default=b"", repr=False)  # a Word document's bytes: a plan arbeidsplan wrote is read again


TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# What a file's name says it is. A file whose first bytes say it is another of these is read as what it is.
_NAMED = {".docx": "word", ".odt": "odt", ".pdf": "pdf", ".doc": "ole", "": "text",
          **{s: "text" for s in TEXT_SUFFIXES}, **{s: "markdown" for s in MARKDOWN_SUFFIXES}}
_ODT_TYPE = b"application/vnd.oasis.opendocument.text"


def content_kind(data: bytes) -> str | None:
    """What the bytes are, by how they begin: "word" (a ZIP package with word/document.xml), "odt", "pdf",
    "ole" (the old Word format, or an Office file with a password), "html" or "text" (UTF-8, no NUL); None
    when they show none of these (a damaged file, another format): then the name decides."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
                if "word/document.xml" in names:
                    return "word"
                if "content.xml" in names and package.read("mimetype").strip() == _ODT_TYPE:
                    return "odt"
        except Exception:  # a damaged package, or one without a mimetype
            return None
        return None
    if wide_unicode(data) is not None:  # text in UTF-16 (Notepad's «Unicode») or UTF-32, with its byte order mark
        data = _from_wide(data)
        if data is None:
            return None
    if b"\x00" in data[:4096] or data.startswith(b"{\\rtf"):  # binary; RTF (Word's other old format)
        return None
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "html" if re.match(r"\s*<(?:!doctype\s+html|html)\b", text, re.IGNORECASE) else "text"


def extract(path: str | Path) -> Extracted:
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ImportProblem(message("import.missing", path=name))
    if p.is_dir():
        raise ImportProblem(message("import.is_directory", path=name))
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ImportProblem(message("import.too_big", path=name, size=size // (1024 * 1024),
                                        limit=MAX_BYTES // (1024 * 1024)))
        data = p.read_bytes()
    except OSError as err:
        raise ImportProblem(message("import.os", path=name, error=os_reason(err))) from None
    if not data.strip():
        raise ImportProblem(message("import.empty", path=name))
    suffix = p.suffix.lower()
    named = _NAMED.get(suffix)
    if named is None:
        raise ImportProblem(message("import.unknown_kind", path=name, suffix=suffix))
    found = content_kind(data)
    notes: tuple[str, ...] = ()
    wide = wide_unicode(data)
    if found in ("text", "html") and wide is not None:  # read as the text it is, said so
        data = _from_wide(data) or data
        notes = (message("import.note.utf16", path=name, encoding=wide),)
    kind = named
    if found == "ole":
        raise ImportProblem(message(_ole_problem(data, suffix), path=name))
    if found == "html" and named in ("word", "odt", "pdf"):  # a web page saved under the document's name
        raise ImportProblem(message("import.really_html", path=name, suffix=suffix))
    if found in ("word", "odt", "pdf", "text") and found != named and not (found == "text" and named == "markdown"):
        # Read as what it is, by the same reader as a file with the right name, and said: refusing would only
        # make the user rename it and run again.
        kind = found
        if suffix:
            notes += (message("import.note.real_kind", path=name, suffix=suffix, what=message(f"import.kind.{found}")),)
    if kind == "ole":  # named .doc, and not found to be anything else
        raise ImportProblem(message("import.old_word", path=name))
    unread: tuple[tuple[int, str], ...] = ()
    if kind == "word":
        from .word import read_docx

        lines, found = read_docx(name, data)
        kind, unit = "word", "avsnitt"
        notes += _word_notes(name, found)
        unread = tuple(found.unread)
    elif kind == "odt":
        lines, kind, unit = _odt(name, data), "odt", "avsnitt"
    elif kind == "pdf":
        lines, kind, unit = _pdf(name, data), "pdf", "side"
    elif kind == "markdown":  # read for its headings, lists and tables (markdown.py)
        from .markdown import markdown_lines

        plain = _text(name, data)
        lines = markdown_lines(name, "\n".join(line.text for line in plain)) or plain
        kind, unit = "markdown", "linje"
    else:
        lines, kind, unit = _text(name, data), "tekst", "linje"
    if not any(line.text.strip() for line in lines):
        key = "import.no_text_pdf" if kind == "pdf" else "import.empty"
        raise ImportProblem(message(key, path=name))
    return Extracted(name, kind, unit, lines, notes, unread, data if kind == "word" else b"")


def _word_notes(name: str, found) -> tuple[str, ...]:
    """Said of a Word document: that it has tracked changes, and each comment that is not in the plan."""
    notes: list[str] = []
    if found.inserted or found.deleted:
        notes.append(message("import.note.tracked", path=name, inserted=found.inserted, deleted=found.deleted))
    for comment in found.comments:
        notes.append(message("import.note.comment", path=name, where=comment.where, text=comment.text[:120],
                             author=comment.author or "?", at=comment.at))
    return tuple(notes)


def _from_wide(data: bytes) -> bytes | None:
    """UTF-16 or UTF-32 text (with its byte order mark) as UTF-8; None when it does not decode, or holds NUL."""
    try:
        text = data.decode("utf-32" if wide_unicode(data) == "UTF-32" else "utf-16")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text.encode("utf-8")


def _ole_problem(data: bytes, suffix: str) -> str:
    """An OLE container: an Office file with a password (its package is stored in one), or the old Word format
    (.doc). Its stream names tell which; a .docx whose names cannot be read is taken to have a password."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "import.encrypted"
    if "WordDocument".encode("utf-16-le") in data or suffix != ".docx":
        return "import.old_word"
    return "import.encrypted"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _text(name: str, data: bytes) -> list[SourceLine]:
    if b"\x00" in data[:4096]:
        raise ImportProblem(message("import.binary", path=name))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ImportProblem(message("import.not_utf8", path=name, line=line)) from None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [SourceLine(t, n) for n, t in enumerate(text.split("\n"), 1)]


# -- OpenDocument (LibreOffice) -------------------------------------------------------------------------------

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _odt(name: str, data: bytes) -> list[SourceLine]:
    """An .odt file read with the standard library: its content.xml has headings (text:h), paragraphs
    (text:p), lists and tables. Struck-through text is not marked (that needs the document's styles)."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            root = ElementTree.fromstring(package.read("content.xml"))
    except Exception:  # not a zip, no content.xml, broken XML
        raise ImportProblem(message("import.corrupt", path=name, kind="OpenDocument")) from None
    t, tb = "{%s}" % _ODF_TEXT, "{%s}" % _ODF_TABLE
    out: list[SourceLine] = []
    counter = [0]

    def text_of(element) -> str:
        parts = [element.text or ""]
        for child in element:
            if child.tag == t + "s":
                parts.append(" " * int(child.get(t + "c", "1")))
            elif child.tag == t + "tab":
                parts.append(" ")
            elif child.tag == t + "line-break":
                parts.append("\n")
            else:
                parts.append(text_of(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(element, in_list: bool) -> None:
        for child in element:
            if child.tag == t + "h":
                counter[0] += 1
                out.append(SourceLine(" ".join(text_of(child).split()), counter[0],
                                      heading=int(child.get(t + "outline-level", "1"))))
                out.append(SourceLine("", counter[0]))
            elif child.tag == t + "p":
                counter[0] += 1
                text = text_of(child)
                if in_list and text.strip():
                    out.append(SourceLine("• " + " ".join(text.split()), counter[0], new_paragraph=True))
                else:
                    out.extend(SourceLine(part, counter[0], new_paragraph=n == 0)
                               for n, part in enumerate(text.split("\n")))
                out.append(SourceLine("", counter[0]))
            elif child.tag == t + "list":
                walk(child, True)
            elif child.tag == tb + "table":
                for row in child.iter(tb + "table-row"):
                    counter[0] += 1
                    cells = tuple(" ".join(" ".join(text_of(p).split()) for p in cell.iter(t + "p")).strip()
                                  for cell in row.findall(tb + "table-cell"))
                    out.append(SourceLine("\t".join(cells), counter[0], cells=cells))
                out.append(SourceLine("", counter[0]))
            else:
                walk(child, in_list)

    walk(root, False)
    return [SourceLine(nfc(x.text), x.where, tuple(nfc(c) for c in x.cells), x.heading, x.new_paragraph) for x in out]


# -- PDF ----------------------------------------------------------------------------------------------------


def _pdf(name: str, data: bytes) -> list[SourceLine]:
    import logging

    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ImportProblem(message("import.missing_library", path=name, library="pypdf")) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd PDFs are not the user's
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ImportProblem(message("import.encrypted", path=name))
            except ImportProblem:
                raise
            except Exception:
                raise ImportProblem(message("import.encrypted", path=name)) from None
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise ImportProblem(message("import.too_many_pages", path=name, pages=len(pages), limit=MAX_PAGES))
        out: list[SourceLine] = []
        for number, page in enumerate(pages, 1):
            text = page.extract_text() or ""
            rows = None
            if _MEASURE_COLUMN.search(text):  # a table of measures, perhaps: read the page with its layout
                rows = table_rows(page.extract_text(extraction_mode="layout") or "", number)
            if rows is not None:
                out += [SourceLine(nfc(line.text), number, tuple(nfc(c) for c in line.cells)) for line in rows]
            else:
                out += [SourceLine(nfc(line), number) for line in text.split("\n")]
            out.append(SourceLine("", number))
        return out
    except ImportProblem:
        raise
    except Exception:  # pypdf raises many kinds (PdfReadError, ValueError, KeyError …) for a damaged file
        raise ImportProblem(message("import.corrupt", path=name, kind="PDF")) from None
