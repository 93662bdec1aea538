"""`show` keeps the file's order: a goal's measures and sub-goals come out in the order the plan has them, also
where a goal interleaves them (measures, then sub-goals, then more measures) – in the terminal tree and in the
Word document."""

from __future__ import annotations

import re

from docx import Document
from docx.oxml.ns import qn

from conftest import header

INTERLEAVED = header() + """
## Mål 1: Flere aktive medlemmer
### Tiltak
- **1.1** Først et tiltak
### Delmål
- **a)** Et delmål midt i
### Tiltak
- **1.2** Så enda et tiltak
## Mål 2: Et mål til
### Tiltak
- **2.1** Tiltaket i mål 2
"""

IN_FILE_ORDER = ["Mål 1", "1.1 Først et tiltak", "Delmål a)", "1.2 Så enda et tiltak", "Mål 2", "2.1 Tiltaket"]


def _positions(text: str, pieces: list[str]) -> list[int]:
    found = [text.find(p) for p in pieces]
    assert -1 not in found, (pieces, text)
    return found


def test_show_prints_measures_and_subgoals_in_the_files_order(cli, write):
    plan = write("plan.md", INTERLEAVED)
    result = cli("show", plan)
    assert result.code == 0, result.err
    found = _positions(result.out, IN_FILE_ORDER)
    assert found == sorted(found), result.out


def test_show_keeps_a_national_goals_priorities_before_its_central_measures(cli, write):
    plan = write("plan.md", header(nivå="nasjonalt") + """
## Hovedmål 2: SV har aktive medlemmer
### Viktige prioriteringer i perioden
- **2.P1** SVs medlemmer skal vite at de er partiets viktigste ressurs.
### Sentrale tiltak
- **2.S1** Nye medlemmer inviteres til digitale Ny i SV-møter.
""")
    result = cli("show", plan)
    assert result.code == 0, result.err
    assert result.out.index("2.P1") < result.out.index("2.S1"), result.out


def test_show_as_word_keeps_the_files_order(cli, write, tmp_path):
    plan = write("plan.md", INTERLEAVED)
    out = tmp_path / "plan.docx"
    result = cli("show", plan, "-o", out)
    assert result.code == 0, result.err
    doc = Document(str(out))
    # The body's paragraphs and tables in document order: headings for goals and for each section (which says
    # whose the list or table below it is), one table per run of measures, listed sub-goals as a list.
    seen = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            style = element.find(".//" + qn("w:pStyle"))
            style = style.get(qn("w:val")) if style is not None else ""
            if style.startswith("Heading") or style == "ListBullet":
                seen.append(f"{style}: {text}")
        elif tag == "tbl":
            ids = [t.text for t in element.iter() if t.tag.endswith("}t") and re.fullmatch(r"\d+\.\d+", t.text or "")]
            if ids:  # not the plan's facts table
                seen.append("tiltak " + " ".join(ids))
    assert seen == ["Heading2: Mål 1 Flere aktive medlemmer", "Heading3: Tiltak", "tiltak 1.1", "Heading3: Delmål",
                    "ListBullet: a) Et delmål midt i", "Heading3: Tiltak", "tiltak 1.2", "Heading2: Mål 2 Et mål til",
                    "Heading3: Tiltak", "tiltak 2.1"], seen


def test_the_json_keeps_each_nodes_line_so_the_order_can_be_rebuilt(cli, write):
    import json

    plan = write("plan.md", INTERLEAVED)
    data = json.loads(cli("show", "--format", "json", plan).out)
    goal = data["mål"][0]
    lines = {n["id"]: n["linje"] for n in goal["tiltak"] + goal["mål"]}
    assert lines["1.1"] < lines["1a"] < lines["1.2"], lines
