"""Meeting papers (sakspapirer): the yearly report, a plan and a plan's changes as a short list of blocks –
headings, fact tables, paragraphs, a status bar, tables and bullet lists – built from the same data the
Markdown/HTML report and the JSON output get (a plan's paper is built from the plan itself: render/planpaper.py).
render/docx.py and render/pdf.py each draw these blocks; neither
decides what goes into a paper."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Union

from ..history.plandiff import status_shown
from ..messages import language, message, using

# A run of text and how it looks: "" plain, "b" bold, "i" italic, "bi" both, "muted" grey, "del" struck out (red),
# "ins" added (green).
Run = tuple[str, str]

# Status colours, the same as the HTML report's stylesheet (templates/rapport.html.j2): the light shade behind a
# status word, and the strong one for its share of the bar.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "gjennomfort": ("D8F0DD", "3C9A52"), "delvis": ("FDF1C7", "E0B526"), "igang": ("D9ECFB", "3B8FD9"),
    "planlagt": ("E7E7F7", "8A8AD6"), "utsatt": ("F6E0F2", "C26BB3"), "ikke": ("FADADB", "D9534F"),
    "stroket": ("ECECEC", "9E9E9E"), "mangler": ("FFFFFF", "CCCCCC"),
}
ACCENT = "B3123B"
MUTED = "5F6368"
RULE = "D0D4D9"


@dataclass(frozen=True)
class Heading:
    level: int  # 1 the paper's title, 2 a section, 3 a goal
    text: str
    note: str = ""  # shown muted after the text, e.g. "(2/4)"


@dataclass(frozen=True)
class Facts:
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Para:
    runs: list[Run]


@dataclass(frozen=True)
class Chart:
    """The share of each status as one bar, with a legend: (status class, share 0–1, status word, count)."""

    parts: list[tuple[str, float, str, int]]


@dataclass(frozen=True)
class Cell:
    runs: list[Run]
    status: str = ""  # a status class from STATUS_COLOURS: the cell is shaded in its colour


@dataclass(frozen=True)
class Table:
    columns: list[str]
    widths: list[float]  # shares of the text width, adding up to 1
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Bullets:
    items: list[list[Run]]


@dataclass(frozen=True)
class Footer:
    text: str


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class RunningTitle:
    """The title on the pages from here on (the PDF's page line), until the next one; before it, the paper's."""

    text: str


Block = Union[Heading, Facts, Para, Chart, Table, Bullets, Footer, PageBreak, RunningTitle]


# The language a paper is written in as Word and PDF name it (BCP 47), for their spelling check and screen readers.
LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


def _written_in() -> str:
    return LANGUAGE_TAGS.get(language(), "nb-NO")


@dataclass(frozen=True)
class Paper:
    title: str
    blocks: list[Block] = field(default_factory=list)
    # The language of its texts: the one they are looked up in when it is built (a report in its plan's
    # `språk` or --lang, a plan or its changes in the command line's).
    language: str = field(default_factory=_written_in)
    # What the paper is, for a program that reads it back: a plan's (render/planpaper.py) says so in a document
    # property of its Word file; empty for the others.
    marker: str = ""


def fit_widths(widths: list[float], needs: list[float], room: float) -> list[float]:
    """Column widths (shares of `room`) made wide enough for each column's longest word (`needs`, in the same
    unit as `room`), so an id like 2.1.1a is never broken over two lines; the width comes from the widest
    column, as far as it has more than its own need. A need over 40 % of the room is taken as 40 %."""
    total = sum(widths) or 1
    out = [room * w / total for w in widths]
    needs = [min(n, 0.4 * room) for n in needs]
    for i, need in enumerate(needs):
        if need <= out[i]:
            continue
        donor = max((j for j in range(len(out)) if j != i), key=lambda j: out[j] - needs[j], default=None)
        if donor is None:
            continue
        extra = min(need - out[i], max(0.0, out[donor] - needs[donor]))
        out[i] += extra
        out[donor] -= extra
    return out


def long_date(value: object, language: str | None = None) -> str:
    """"2024-01-27" → "27. januar 2024" in `language`, or the current one; anything else as it is (the templates'
    `dato` filter: `dato(r.språk)` for a plan's part in its own language)."""
    try:
        d = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    with using(language):
        return message("date.long", day=d.day, month=message("date.months").split()[d.month - 1], year=d.year)


def counts_text(counts: dict[str, int]) -> str:
    """A plan's counts (Plan.counts()) as words: "1 målområde, 6 mål, 28 delmål, 47 tiltak"."""
    shown = [message(f"show.count.{kind}", n=counts[key]) for kind, key in
             (("område", "områder"), ("mål", "mål"), ("delmål", "delmål"), ("tiltak", "tiltak"))]
    return ", ".join(shown)


def _plain(text: object) -> list[Run]:
    return [(str(text), "")]


# What may start Markdown's inline markup (emphasis, a link, code, an escape, an entity, an autolink): a text
# without any of them is its own one run, and markdown-it-py is not imported for it.
_INLINE_MARKS = frozenset("*_[`\\&<")
_INLINE: Any = None


def text_runs(text: str) -> list[Run]:
    """A plan's own text (a goal's description, a measure's text) as a reader of its Markdown sees it: **bold**
    and __bold__ in bold, *italic* and _italic_ in italic, a link as its text, an escaped mark as the mark. What
    else it holds is kept as written: `code` with its backticks, ~~struck~~ with its tildes (the import reads
    struck text back as ~~…~~), and HTML as text."""
    if not _INLINE_MARKS.intersection(text):
        return [(text, "")]
    global _INLINE
    if _INLINE is None:
        from markdown_it import MarkdownIt

        _INLINE = MarkdownIt("commonmark", {"html": False})
    parsed = _INLINE.parseInline(text)
    out: list[Run] = []
    bold = italic = 0
    for child in (parsed[0].children or []) if parsed else []:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
            continue
        if kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
            continue
        if kind == "text" or kind == "html_inline":
            piece = child.content
        elif kind == "code_inline":
            piece = f"{child.markup}{child.content}{child.markup}"
        elif kind == "softbreak":
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "image":
            piece = child.content  # its description
        else:  # link_open, link_close: a link is its text
            continue
        style = ("b" if bold else "") + ("i" if italic else "")
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + piece, style)
        elif piece:
            out.append((piece, style))
    return out or [(text, "")]


def inline_html(text: str) -> Any:
    """text_runs() as HTML (the templates' `uthevet` filter): escaped, bold in <strong>, italic in <em>."""
    from markupsafe import Markup, escape

    tags = {"b": ("<strong>", "</strong>"), "i": ("<em>", "</em>"), "bi": ("<strong><em>", "</em></strong>")}
    return Markup("".join(f"{tags[style][0]}{escape(piece)}{tags[style][1]}" if style in tags else str(escape(piece))
                          for piece, style in text_runs(str(text))))


# -- the yearly report ----------------------------------------------------------------------------------------


def _measure_cells(t: dict[str, Any], tekst: dict[str, str]) -> list[Cell]:
    text = text_runs(t["tekst"]) + [("\n" + note, "muted") for note in (t["merknad"], t["gammel_id_tekst"]) if note]
    status = [(t["status_tekst"], "")]
    if t["overført_fra"]:
        status.append((f" ({tekst['carried']} {t['overført_fra']})", "muted"))
    return [Cell([(t["id"], "b")]), Cell(text), Cell([(t["når"], "muted")]), Cell([(t["ansvar"], "muted")]),
            Cell(status, t["status_klasse"])]


def _id_and_text(t: dict[str, Any], extra: str = "") -> list[Run]:
    return [(t["id"], "b"), (" ", "")] + text_runs(t["tekst"]) + ([(extra, "muted")] if extra else [])


def _report_plan(r: dict[str, Any], year: int, tekst: dict[str, str], made: str) -> list[Block]:
    adopted = long_date(r["vedtatt"]["dato"]) + (f", {r['vedtatt']['av']}" if r["vedtatt"]["av"] else "")
    out: list[Block] = [
        RunningTitle(_report_title(tekst, year, r["organisasjon"])),
        Heading(1, f"{tekst['title']} {year} – {r['organisasjon']}"),
        Facts([(tekst["period"], r["periode"])] + ([(tekst["adopted"], adopted)] if adopted.strip(", ") else [])
              + [(message("paper.plan"), r["tittel"])]),  # no «Vedtatt» row when the plan does not say
        Heading(2, tekst["summary"]),
    ]
    s = r["sammendrag"]
    if s["planlagt"]:
        out.append(Para([(s["antall_tekst"], "b"), (" " + s["andel_tekst"], "muted")]))
        out.append(Chart([(p["klasse"], p["andel"], p["tekst"], p["antall"]) for p in s["per_status"]]))
    else:
        out.append(Para(_plain(tekst["no_scheduled"])))
    out.append(Heading(2, tekst["measures"]))
    columns = [message("paper.col.id"), message("paper.col.measure"), tekst["timing"], tekst["responsible"],
               tekst["status"]]
    for g in r["grupper"]:
        title = " › ".join(f"{m['type_tekst']} {m['id']} {m['tittel']}" for m in g["mål"])
        out.append(Heading(3, title, f"({g['gjennomført']}/{g['planlagt']})"))
        out.append(Table(columns, [0.06, 0.40, 0.15, 0.21, 0.18], [_measure_cells(t, tekst) for t in g["tiltak"]]))
    out.append(Heading(2, tekst["not_reported"]))
    if r["ikke_rapportert"]:
        out.append(Bullets([_id_and_text(t, f" ({t['ansvar']})" if t["ansvar"] else "")
                            for t in r["ikke_rapportert"]]))
    else:
        out.append(Para(_plain(tekst["none_not_reported"])))
    if r["gjennomført_uten_plan"]:
        out.append(Heading(2, tekst["unscheduled_done"]))
        out.append(Bullets([_id_and_text(t, f" – {t['merknader']}" if t["merknader"] else "")
                            for t in r["gjennomført_uten_plan"]]))
    if r.get("annen_status_uten_plan"):
        out.append(Heading(2, tekst["unscheduled_other"]))
        out.append(Bullets([_id_and_text(t, f" – {t['status_tekst']}" + (f": {t['merknader']}" if t["merknader"] else ""))
                            for t in r["annen_status_uten_plan"]]))
    if "krav" in r:
        out.append(Heading(2, tekst["requirements"]))
        if r["krav"] and "requirements_help" in tekst:
            out.append(Para([(tekst["requirements_help"], "muted")]))
        out.append(Bullets([[(k["id"], "b"), (" " + k["tekst"], ""), (f" ({k['plan']})", "muted")]
                            + ([(" – " + k["mulig"], "")] if "mulig" in k else []) for k in r["krav"]])
                   if r["krav"] else Para(_plain(tekst["requirements_none"])))
    if "ikke_aktuelt" in r:
        out.append(Heading(2, tekst["not_applicable"]))
        if "not_applicable_help" in tekst:
            out.append(Para([(tekst["not_applicable_help"], "muted")]))
        out.append(Bullets([[(k["id"], "b"), (" " + k["tekst"], ""), (f" ({k['plan']})", "muted"),
                             (" – " + k["grunn"], "")] for k in r["ikke_aktuelt"]]))
    if "endringer" in r:
        out.append(Heading(2, tekst["changes"]))
        out.append(Bullets([_plain(e) for e in r["endringer"]]) if r["endringer"]
                   else Para(_plain(tekst["changes_none"])))
    if r["revisjoner_i_år"]:
        out.append(Heading(2, tekst["revisions"]))
        out.append(Bullets([_plain(long_date(v["dato"]) + (f", {v['av']}" if v["av"] else "")
                                   + (f": {v['merknad']}" if v["merknad"] else "")) for v in r["revisjoner_i_år"]]))
    out.append(Footer(f"{tekst['made_by']}, {long_date(made)} · {r['fil']}"))
    return out


def _report_title(tekst: dict[str, str], year: int, organisation: str) -> str:
    return f"{tekst['title']} {year}" + (f" – {organisation}" if organisation else "")


def report_paper(data: dict[str, Any]) -> Paper:
    """The yearly report (status/report.py's report_data), one plan after the other, each from a new page with
    its own plan's name on its pages; the paper's title names the plan only when there is one."""
    blocks: list[Block] = []
    for i, r in enumerate(data["rapporter"]):
        if i:
            blocks.append(PageBreak())
        with using(r.get("språk")):  # each plan's part in its own language (status/report.py)
            blocks += _report_plan(r, data["år"], r.get("tekst", data["tekst"]), data["laget"])
    plans = data["rapporter"]
    return Paper(_report_title(data["tekst"], data["år"], plans[0]["organisasjon"] if len(plans) == 1 else ""),
                 blocks)


# -- a plan's changes -----------------------------------------------------------------------------------------


def _change_runs(c: dict[str, Any]) -> list[Run]:
    what = message("diff.goal") if c["hva"] == "mål" else message("diff.measure")
    head: list[Run] = [(f"{what} {c['id']}: ", "b")]
    if c["type"] == "strøket":
        return head + [(c["før"] or "", "del")]
    if c["type"] == "lagt til":
        return head + [(c["etter"] or "", "ins")]
    if c["type"] == "omformulert" and "ord" in c:
        styles = {"=": "", "-": "del", "+": "ins"}
        return head + [((" " if i else "") + text, styles[op]) for i, (op, text) in enumerate(c["ord"])]
    if c["type"] == "flyttet":
        return head + [(message("diff.moved_from", old=c["før"] or "–", new=c["etter"] or "–"), "")]
    return head + [(f"{c['før'] or '–'} → {c['etter'] or '–'}", "")]


def diff_paper(diffs: list[dict[str, Any]], sections: list[tuple[str, str]], unchanged: str = "") -> Paper:
    """What changed between two versions of each plan (render/diff.py's diff_data, the same as --format json),
    under the headings the annual meeting votes on (`sections`: change type → message key); `unchanged`: the
    line naming the plans without changes."""
    blocks: list[Block] = []
    for d in diffs:
        blocks.append(Heading(1 if len(diffs) == 1 else 2,
                              message("diff.title", path=d["fil"], old=d["fra"], new=d["til"])))
        if not (d["endringer"] or d["front_matter"] or d["status"]):
            blocks.append(Para(_plain(message("diff.none"))))
            continue
        for kind, key in sections:
            items = [c for c in d["endringer"] if c["type"] == kind]
            if items:
                blocks += [Heading(3, message(key)), Bullets([_change_runs(c) for c in items])]
        if d["front_matter"]:
            blocks += [Heading(3, message("diff.h.meta")),
                       Bullets([_plain(f"{m['nøkkel']}: {m['før'] or '–'} → {m['etter'] or '–'}")
                                for m in d["front_matter"]])]
        if d["status"]:
            blocks += [Heading(3, message("diff.h.status")),
                       Bullets([[(s["id"], "b"), (f" {s['år']}: {status_shown(s['før'])} → {status_shown(s['etter'])}", "")]
                                for s in d["status"]])]
    if unchanged:
        blocks.append(Para(_plain(unchanged)))
    title = message("paper.diff_title") if len(diffs) != 1 else \
        message("diff.title", path=diffs[0]["fil"], old=diffs[0]["fra"], new=diffs[0]["til"])
    if len(diffs) > 1:
        blocks.insert(0, Heading(1, title))
    return Paper(title, blocks)
