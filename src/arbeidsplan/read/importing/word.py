"""A Word document (.docx) read into source lines from its XML, so that every text it holds is read:

- tracked changes that are not yet accepted: inserted text (w:ins, w:moveTo) is read as text, deleted text
  (w:delText in w:del, w:moveFrom) as struck text ~~…~~, as struck-through formatting is: visible in the
  plan and reported, never carried out;
- footnotes and endnotes: their text in brackets after the reference («… i arbeidet [fotnote: Med aktiv
  menes …], og …»), where it belongs;
- comments are not put in the plan (a remark on the draft, not the text that was adopted, and a list item
  or a table row has no place for one without changing the measure); each is said in one line with its place;
- text boxes: their paragraphs as lines after the paragraph they are anchored in; content controls (w:sdt),
  links, smart tags and the results of fields: their text, in order;
- a table row that is one cell across a table of several columns is marked `full_row` (a sub-goal's heading
  or a line of text among the rows, not a row of measures).

Then a check independent of all that: the words of every w:t and w:delText in each paragraph or table row
(with its footnotes) are compared with those of the lines read from it, and any that are not among them are
returned as unread, so a kind of content this reader does not know is reported as lost, never silently
dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...messages import message
from .extract import ImportProblem, SourceLine, nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NOTE_WORD = {"footnote": "fotnote", "endnote": "sluttnote"}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Comment:
    where: int
    author: str
    text: str
    at: str  # the start of the paragraph or row it is on


@dataclass
class WordText:
    """What the reader found besides the lines: for the import's report."""

    inserted: int = 0  # tracked insertions (w:ins, w:moveTo) read as text
    deleted: int = 0  # tracked deletions (w:del, w:moveFrom) read as struck text
    comments: list[Comment] = field(default_factory=list)
    unread: list[tuple[int, str]] = field(default_factory=list)  # (where, words) the lines do not have


@dataclass(frozen=True)
class Block:
    """One paragraph as read: its text (struck text marked ~~…~~), and what its properties say about it."""

    text: str
    marked: str = ""  # with the reader's `emphasis`: the text with its bold and italic marked **…** and *…*
    style: str = ""
    numbered: bool = False  # a list paragraph (w:numPr)
    indented: bool = False  # indented from the left margin (w:ind), as text under a list item is
    boxes: tuple[Any, ...] = ()  # text boxes anchored in it (w:txbxContent), read after it


def _set(props: Any, *tags: str) -> bool:
    """A run property (w:rPr) switched on by one of `tags`: present, without a value that turns it off."""
    if props is None:
        return False
    for tag in tags:
        mark = props.find(W + tag)
        if mark is not None and mark.get(W + "val", "true").lower() not in ("0", "false", "off"):
            return True
    return False


def _struck(run: Any) -> bool:
    return _set(run.find(W + "rPr"), "strike", "dstrike")


def _emphasis(run: Any) -> str:
    """"b" for a run set in bold, "i" in italic, "bi" both, "" neither (set on the run itself, not by a style)."""
    props = run.find(W + "rPr")
    return ("b" if _set(props, "b") else "") + ("i" if _set(props, "i") else "")


# A piece of a paragraph's text: the text, whether it is struck (None for a note's text), its emphasis.
Segment = tuple[str, "bool | None", str]
_EMPHASIS_MARK = {"": "", "b": "**", "i": "*", "bi": "***"}


def _render(segments: list[Segment], emphasis: bool = False) -> str:
    """Text pieces joined, the struck ones marked ~~…~~ (neighbouring struck pieces in one mark); a note's
    text (struck None) is kept apart from a word that follows it by a space. With `emphasis`, bold and italic
    pieces are marked as Markdown marks them, **…** and *…*."""
    merged: list[list[Any]] = []
    for text, struck, emph in segments:
        if not text:
            continue
        emph = emph if emphasis and struck is not None else ""
        if merged and merged[-1][1] is None and struck is not None and text[:1].isalnum():
            text = " " + text
        if merged and merged[-1][1] == struck and struck is not None and merged[-1][2] == emph:
            merged[-1][0] += text
        else:
            merged.append([text, struck, emph])
    out: list[str] = []
    for text, struck, emph in merged:
        if (struck or emph) and text.strip():
            flat = " ".join(text.split())
            lead, trail = (" " if text[:1].isspace() else ""), (" " if text[-1:].isspace() else "")
            mark = _EMPHASIS_MARK[emph]
            flat = f"{mark}{flat}{mark}"
            out.append(f"{lead}~~{flat}~~{trail}" if struck else f"{lead}{flat}{trail}")
        else:
            out.append(text)
    return "".join(out)


class WordReader:
    def __init__(self, notes: dict[str, dict[str, Any]], comments: dict[str, tuple[str, Any]],
                 emphasis: bool = False):
        self.notes = notes  # "footnote"/"endnote" → id → element
        self.comment_parts = comments  # id → (author, element)
        self.emphasis = emphasis  # each Block's `marked` text too (the tool's own paper: ownword.py)
        self.found = WordText()
        self._comment_ids: list[str] = []

    # -- a paragraph's text --------------------------------------------------------------------------------

    def paragraph(self, p: Any, names: dict[str, str]) -> Block:
        segments: list[Segment] = []
        boxes: list[Any] = []
        self._walk(p, segments, boxes, False)
        props = p.find(W + "pPr")
        ref = props.find(W + "pStyle") if props is not None else None
        style = names.get(ref.get(W + "val"), "") if ref is not None else ""
        numbered = props is not None and props.find(W + "numPr") is not None
        indent = props.find(W + "ind") if props is not None else None
        left = (indent.get(W + "left") or indent.get(W + "start") or "0") if indent is not None else "0"
        indented = left.lstrip("-").isdigit() and int(left) > 0
        return Block(_render(segments), _render(segments, emphasis=True) if self.emphasis else "", style=style,
                     numbered=numbered, indented=indented, boxes=tuple(boxes))

    def take_comments(self) -> list[str]:
        ids, self._comment_ids = self._comment_ids, []
        return ids

    def _walk(self, element: Any, out: list[Segment], boxes: list[Any], deleted: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self._run(child, out, boxes, deleted or _struck(child))
            elif tag in (W + "del", W + "moveFrom"):
                self.found.deleted += 1
                self._walk(child, out, boxes, True)
            elif tag in (W + "ins", W + "moveTo"):
                self.found.inserted += 1
                self._walk(child, out, boxes, deleted)
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag in (W + "pPr", W + "rPr", _FALLBACK):
                continue
            elif isinstance(tag, str):  # links, smart tags, content controls, simple fields, custom XML …
                self._walk(child, out, boxes, deleted)

    def _run(self, run: Any, out: list[Segment], boxes: list[Any], struck: bool) -> None:
        emph = _emphasis(run) if self.emphasis else ""
        for part in run:
            tag = part.tag
            if tag == W + "t":
                out.append((part.text or "", struck, emph))
            elif tag == W + "delText":
                out.append((part.text or "", True, emph))
            elif tag in (W + "tab", W + "ptab"):
                out.append(("\t", struck, emph))
            elif tag == W + "br":
                out.append(("\n" if part.get(W + "type") in (None, "textWrapping") else "", struck, ""))
            elif tag == W + "cr":
                out.append(("\n", struck, ""))
            elif tag == W + "noBreakHyphen":
                out.append(("-", struck, emph))
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                note = self.notes.get(kind, {}).get(part.get(W + "id"))
                if note is not None:
                    text = self.note_text(note)
                    if text:
                        out.append((f" [{_NOTE_WORD[kind]}: {text}]", None, ""))
            elif tag == W + "commentReference":
                self._comment_ids.append(part.get(W + "id") or "")
            elif tag != W + "rPr" and isinstance(tag, str):  # drawings, pictures, objects: text boxes in them
                _find_boxes(part, boxes)

    def note_text(self, note: Any) -> str:
        """A footnote's or endnote's text, its paragraphs on one line (its own number mark left out)."""
        parts = [self.paragraph(p, {}).text for p in note.iter(W + "p")]
        return " ".join(" ".join(parts).split())

    def comments_at(self, where: int, at: str) -> None:
        """The comments referred to in what was just read, noted with their place."""
        for cid in self.take_comments():
            found = self.comment_parts.get(cid)
            if found is None:
                continue
            author, element = found
            text = " ".join(" ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in element.iter(W + "p")).split())
            if text:
                self.found.comments.append(Comment(where, author, text, _start(at.replace("~~", ""))))


def _start(text: str, most: int = 40) -> str:
    """The beginning of a text, cut between words, for saying where something is."""
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most].rsplit(" ", 1)[0] + " …"


def _find_boxes(element: Any, boxes: list[Any]) -> None:
    for child in element:
        if child.tag == _FALLBACK:  # the same text box again, for old versions of Word
            continue
        if child.tag == W + "txbxContent":
            boxes.append(child)
        elif isinstance(child.tag, str):
            _find_boxes(child, boxes)


def held_words(element: Any, notes: dict[str, dict[str, Any]]) -> list[str]:
    """The words of every text a paragraph or row holds (w:t, w:delText, its footnotes' text), read without
    any of the reader's rules: what the lines read from it must have."""
    parts: list[str] = []
    for node in element.iter(W + "t", W + "delText", W + "tab", W + "br", W + "cr", W + "p", W + "tc",
                             W + "footnoteReference", W + "endnoteReference"):
        if any(a.tag == _FALLBACK for a in node.iterancestors()):
            continue
        tag = node.tag
        if tag in (W + "t", W + "delText"):
            parts.append(node.text or "")
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            kind = "footnote" if tag == W + "footnoteReference" else "endnote"
            note = notes.get(kind, {}).get(node.get(W + "id"))
            if note is not None:
                parts.append(" " + " ".join(held_words(note, {})) + " ")
        else:
            parts.append(" ")
    return [w.lower() for w in _WORD.findall("".join(parts))]


def unread_words(held: list[str], read: str) -> str:
    """The held words that the text read lacks (a word split by a struck piece, «medlems~~møte~~», counts as
    read when its letters are there), in the document's order."""
    words = [w.lower() for w in _WORD.findall(read)]
    missing = Counter(held) - Counter(words)
    if not missing:
        return ""
    letters = "".join(words)
    out = []
    for word in held:
        if missing[word] > 0 and word not in letters:
            out.append(word)
            missing[word] -= 1
    return " ".join(out)


# -- the document ------------------------------------------------------------------------------------------

_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def read_docx(name: str, data: bytes) -> tuple[list[SourceLine], WordText]:
    import io
    import zipfile

    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ImportProblem(message("import.missing_library", path=name, library="python-docx")) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportProblem(message("import.corrupt", path=name, kind="Word"))
    try:
        document = docx.Document(io.BytesIO(data))
        notes = {"footnote": _part_items(document.part, _FOOTNOTES, "footnote"),
                 "endnote": _part_items(document.part, _ENDNOTES, "endnote")}
        comments = {cid: (element.get(W + "author") or "", element)
                    for cid, element in _part_items(document.part, _COMMENTS, "comment").items()}
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors … for a damaged package
        raise ImportProblem(message("import.corrupt", path=name, kind="Word")) from None
    names = {style.style_id: style.name or "" for style in document.styles}  # python-docx looks each up slowly
    reader = WordReader(notes, comments)
    out: list[SourceLine] = []
    number = 0
    continues = False  # the last paragraph was a list item, or went on with one

    def paragraph(p: Any) -> None:
        nonlocal number, continues
        number += 1
        start = len(out)
        block = reader.paragraph(p, names)
        text = block.text
        level = _heading_level(block.style)
        if continues and _continues(block) and out and out[-1].text == "":
            out.pop()  # the text of the list item above goes on (its style, or indented under it): its lines
            start -= 1
            out.extend(SourceLine(part, number) for part in text.split("\n"))
        elif level:
            out.append(SourceLine(" ".join(text.split()), number, heading=level, new_paragraph=True))
        elif _is_list(block) and text.strip():  # a line break in a list item: the item's text goes on
            first, *rest = text.strip().split("\n")
            out.append(SourceLine("• " + " ".join(first.split()), number, new_paragraph=True))
            out.extend(SourceLine(part, number) for part in rest)
        else:  # a line break inside a paragraph (Shift+Enter) starts a new line, as in the document
            out.extend(SourceLine(part, number, new_paragraph=n == 0) for n, part in enumerate(text.split("\n")))
        out.append(SourceLine("", number))
        continues = (continues and _continues(block)) or (_is_list(block) and bool(text.strip()))
        reader.comments_at(number, text)
        where = number
        for box in block.boxes:  # a text box's paragraphs, after the one it is anchored in
            blocks(box)
        _check(p, where, out[start:])

    def row(tr: Any, table: Any, columns: int) -> None:
        nonlocal number, continues
        continues = False
        number += 1
        cells = []
        boxes: list[Any] = []
        unique = _unique_cells(docx.table._Row(tr, table))
        for tc in unique:
            texts = []
            for p in _cell_paragraphs(tc):
                block = reader.paragraph(p, names)
                boxes += block.boxes
                if block.text.strip():
                    texts.append(" ".join(block.text.split()))
            cells.append(" ".join(texts))
        full = len(unique) == 1 and columns > 1
        line = SourceLine("\t".join(cells), number, cells=tuple(cells), full_row=full)
        start = len(out)
        out.append(line)
        reader.comments_at(number, line.text)
        for box in boxes:
            before = len(out)
            blocks(box)
            if len(out) > before:
                out.append(SourceLine("", number))
        _check(tr, line.where, out[start:])

    def blocks(parent: Any) -> None:
        for child in parent:
            if child.tag == W + "p":
                paragraph(child)
            elif child.tag == W + "tbl":
                table = docx.table.Table(child, document)
                columns = len(child.findall(W + "tblGrid/" + W + "gridCol"))
                for tr in child.iter(W + "tr"):
                    if _table_of(tr) is child:
                        row(tr, table, columns)
                out.append(SourceLine("", number))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"):
                blocks(child)  # a content control around paragraphs (a cover page, a table of contents …)

    def _check(element: Any, where: int, lines: list[SourceLine]) -> None:
        read = " ".join(" ".join(line.cells) if line.cells else line.text for line in lines)
        missing = unread_words(held_words(element, notes), read)
        if missing:
            reader.found.unread.append((where, missing))

    blocks(document.element.body)
    return ([SourceLine(nfc(line.text), line.where, tuple(nfc(c) for c in line.cells), line.heading,
                        line.new_paragraph, line.full_row) for line in out], reader.found)


def _part_items(part: Any, reltype: str, tag: str) -> dict[str, Any]:
    """The footnotes, endnotes or comments of the document, by id (none when it has no such part)."""
    from lxml import etree

    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            return {element.get(W + "id"): element for element in root.iter(W + tag)
                    if element.get(W + "type") in (None, "normal")}
    return {}


def _table_of(tr: Any) -> Any:
    parent = tr.getparent()
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent


def _cell_paragraphs(tc: Any):
    """A cell's paragraphs, those of a table inside it included, in order."""
    for child in tc:
        if child.tag == W + "p":
            yield child
        elif child.tag == W + "tbl":
            for inner in child.iter(W + "tc"):
                yield from (p for p in inner if p.tag == W + "p")
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _cell_paragraphs(child)


def _unique_cells(row: Any) -> list[Any]:
    out: list[Any] = []
    seen: set[int] = set()
    for cell in row.cells:  # a merged cell appears once per grid column it spans
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        out.append(cell._tc)
    return out


def _heading_level(style: str) -> int:
    s = style.lower()
    if s == "title" or s == "tittel":
        return 1
    for word in ("heading ", "overskrift "):
        if s.startswith(word) and s[len(word):].strip().isdigit():
            return int(s[len(word):].strip())
    return 0


def _is_list(block: Block) -> bool:
    return block.numbered or (block.style.lower().startswith(("list", "liste")) and not _continues(block))


def _continues(block: Block) -> bool:
    """A paragraph that goes on with the list item above it rather than being one: «List Continue»
    («Listefortsettelse»), or indented with no numbering."""
    style = block.style.lower()
    return not block.numbered and (style.startswith(("list continue", "listefortsettelse")) or block.indented)
