"""The office sends a plan as Word (`show -o plan.docx`), the board edits it in Word, the secretary imports it:
`import plan.docx` gives back the plan it was, with exactly the board's changes.

Proven on the parsed trees, not the bytes: every plan in plans/, examples/ and benchmarks/fictional/ comes back
with the same front matter, title, goals (kind, id, own or derived id, title, label, description, section,
links, who it is for), measures (id, text, timing, responsible, links, who it is for, section) and statuses
(year, word, note), in the same order. Not compared: line numbers, whether measures stood in a table or a list,
and the plan's free text (introduction and other sections outside the goals), which the Word paper does not
carry."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import REPO
from arbeidsplan.history.plandiff import ChangeKind, StatusChange, diff_plans
from arbeidsplan.model import Goal, Measure, Plan
from arbeidsplan.read.workspace import load_plan

EVERY_PLAN = sorted(p for folder in ("plans", "examples", "benchmarks/fictional")
                    for p in (REPO / folder).rglob("*.md") if p.name != "README.md")
BERGEN = REPO / "plans" / "vestland" / "bergen" / "2024-2027.md"


def tree(plan: Plan) -> tuple:
    """Everything the plan says, without where in the file it says it."""

    def status(s) -> tuple:
        return s.year, s.word, s.note

    def measure(m: Measure) -> tuple:
        return ("tiltak", m.id, m.explicit_id, m.text, m.timing_text, m.responsible, m.links, m.addressed_to,
                m.section, tuple(map(status, m.statuses)))

    def goal(g: Goal) -> tuple:
        return (g.kind, g.id, g.explicit_id, g.title, g.label, g.description, g.section, g.links, g.addressed_to,
                tuple(goal(c) if isinstance(c, Goal) else measure(c) for c in g.children_in_file_order()))

    m = plan.meta
    meta = (m.organisation, m.level, m.period, m.parents, m.adopted, m.revisions, m.language, m.note, m.source)
    return (meta, plan.title, tuple(map(measure, plan.loose_measures)), tuple(map(goal, plan.goals)),
            tuple((i, status(s)) for i, s in plan.orphan_statuses))


def _round_trip(cli, plan: Path, tmp_path: Path, *lang: str) -> tuple[Plan, Plan, str]:
    paper, back = tmp_path / "plan.docx", tmp_path / "tilbake.md"
    shown = cli(*lang, "show", plan, "-o", paper)
    assert shown.code == 0, shown.err
    imported = cli("import", paper, "-o", back)
    assert imported.code in (0, 1), imported.err  # 1: findings on the plan (its parents are not beside it)
    original, _ = load_plan(plan)
    again, _ = load_plan(back)
    assert original is not None and again is not None
    return original, again, imported.err


@pytest.mark.parametrize("plan", EVERY_PLAN, ids=lambda p: str(p.relative_to(REPO)))
def test_every_plan_comes_back_from_word_as_it_was(cli, tmp_path, plan):
    original, again, said = _round_trip(cli, plan, tmp_path)
    assert tree(again) == tree(original)
    assert diff_plans(original, again, str(plan)).empty
    assert "ble ikke med" not in said and "Alt av teksten kom med" in said, said


FEATURES = """\
    ---
    organisasjon: Prøvelaget SV
    nivå: fylkeslag
    periode: 2026
    overordnet: ../landsstyret/2026-2029.md
    vedtatt: 2026-01-20
    revisjoner:
      - dato: 2026-06-01
        merknad: Tiltak 1.3 lagt til
      - dato: 2026-09-01
        av: Årsmøtet i Prøvelaget SV
        merknad: "Endra: sjå sak 4"
    språk: nynorsk
    merknad: |
      Første linje.
      Andre linje.
    ---

    # Arbeidsplan for Prøvelaget

    ## Tiltak

    - Eit tiltak utan mål
      - ansvar: Styret

    ## Målområde 1: Organisasjon

    ### Mål 1.1: Fleire aktive

    Tekst om målet med  to mellomrom og **feit** og *kursiv* og ***begge***.

    - eit punkt i *skildringa*
    - eit punkt til

    Svarer på: 1, 2.P1

    #### Viktige prioriteringer i perioden

    - **1.1.P1** Ein **viktig** prioritet
      - svarer på: 1.P2
      - til: lokallag

    #### Tiltak

    - **1.1.1** Tiltak med | strek og **feit** tekst
      - når: 2026
      - ansvar: Styret
      - svarer på: 1.F2, 2.F1
      - til: lokallag
    - Tiltak utan id
      - når: årleg

    #### Lokallagas rolle

    - **1.1.L1** Lokallaga skal halde medlemsmøte

    #### Delmål 1.1.1a: Eit delmål med overskrift

    ##### Tiltak

    - **1.1.1a.1** Djupt tiltak

    ### Mål: Eit mål utan id

    #### Sentrale tiltak

    - Sentralt tiltak utan id

    ## Status 2026

    - **1.1.1** påbyrja — starta i mars
    - **1.1.1a.1** gjennomført
    - **1.1.t2** utsett: ventar på styret
    - **t1** planlagd
    - **1.m2.t1** ikkje gjennomført – 2025: for seint
    """


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_what_the_corpus_lacks_comes_back_too_in_every_language(cli, write, tmp_path, lang):
    """Ids the plan leaves to the parser, measures outside any goal, a goal's links, who an item is for, roles,
    priorities, sections five levels deep, a one-year nynorsk plan with revisions and a note over two lines,
    bold and italic in a description, a measure and a priority (bold and italic in the paper) – from a paper
    written in bokmål, nynorsk or English."""
    plan = write("lag/plan.md", textwrap.dedent(FEATURES))
    original, again, _said = _round_trip(cli, plan, tmp_path, "--lang", lang)
    assert tree(again) == tree(original)
    assert [m.id for m in again.measures() if not m.explicit_id] == ["t1", "1.1.t2", "1.m2.t1"]


def _measure_table(doc, first_id: str):
    for table in doc.tables:
        if table.rows[0].cells[0].text == "ID" and any(r.cells[0].text == first_id for r in table.rows):
            return table
    raise AssertionError(first_id)


def _row(table, mid: str):
    return next(r for r in table.rows if r.cells[0].text == mid)


def test_the_boards_edits_in_word_are_exactly_what_the_import_changes(cli, tmp_path):
    paper = tmp_path / "plan.docx"
    assert cli("show", BERGEN, "-o", paper).code == 0
    doc = Document(str(paper))
    table = _measure_table(doc, "1.1")
    _row(table, "1.2").cells[1].paragraphs[0].runs[0].text = "Større arrangementer skal være åpne for alle."
    table._tbl.remove(_row(table, "1.5")._tr)
    added = table.add_row().cells  # a new row as Word makes one: empty cells, typed into
    for cell, text in zip(added, ["1.10", "Arrangere sommerfest for nye medlemmer.", "2026", "Styret"]):
        cell.text = text
    _row(table, "1.3").cells[1].add_paragraph("2026: i gang – kalenderen er tatt i bruk")  # Enter, then a status
    doc.save(str(paper))

    back = tmp_path / "tilbake.md"
    result = cli("import", paper, "-o", back)
    assert "Alt av teksten kom med" in result.err, result.err
    original, _ = load_plan(BERGEN)
    again, _ = load_plan(back)

    found = diff_plans(original, again, "bergen")
    assert sorted((c.kind, c.id) for c in found.changes) == sorted(
        [(ChangeKind.REWORDED, "1.2"), (ChangeKind.STRUCK, "1.5"), (ChangeKind.ADDED, "1.10")])
    assert found.statuses == [StatusChange("1.3", 2026, None, "i gang — kalenderen er tatt i bruk")]
    assert found.meta == []

    # And nothing else: the same edits made by hand in the Markdown give the same tree.
    text = BERGEN.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines = [line for line in lines if not line.startswith("| 1.5 |")]
    at = next(n for n, line in enumerate(lines) if line.startswith("| 1.9 |"))
    lines.insert(at + 1, "| 1.10 | Arrangere sommerfest for nye medlemmer. | 2026 | Styret |")
    at = next(n for n, line in enumerate(lines) if line.startswith("| 1.2 |"))
    lines[at] = "| 1.2 | Større arrangementer skal være åpne for alle. | 2024-2027 | Styret |"
    lines += ["## Status 2026", "", "- **1.3** i gang — kalenderen er tatt i bruk", ""]
    expected = tmp_path / "forventet.md"
    expected.write_text("\n".join(lines), encoding="utf-8")
    wanted, _ = load_plan(expected)
    assert tree(again) == tree(wanted)


def test_a_word_the_board_sets_in_bold_or_italic_in_word_is_bold_or_italic_in_the_plan(cli, tmp_path):
    """As the paper shows the plan's **bold** in bold, the import writes bold set in Word as **bold** (italic as
    *italic*) in a measure's text; the measure's id, which the paper sets in bold itself, stays as it is."""
    paper = tmp_path / "plan.docx"
    assert cli("show", BERGEN, "-o", paper).code == 0
    doc = Document(str(paper))
    text = _row(_measure_table(doc, "1.1"), "1.2").cells[1].paragraphs[0]  # one run: the measure has no properties
    text.runs[0].text = "Større arrangementer skal være "
    text.add_run("åpne").bold = True  # as Word keeps a word set in bold or italic: a run of its own
    text.add_run(" for alle.").italic = True
    doc.save(str(paper))

    back = tmp_path / "tilbake.md"
    assert "Alt av teksten kom med" in cli("import", paper, "-o", back).err
    again, _ = load_plan(back)
    (measure,) = [m for m in again.measures() if m.id == "1.2"]
    assert measure.text == "Større arrangementer skal være **åpne** *for alle.*"
    assert [m.id for m in again.measures()] == [m.id for m in load_plan(BERGEN)[0].measures()]


def test_the_import_says_it_read_the_tools_own_paper_and_what_it_set_aside(cli, tmp_path):
    paper = tmp_path / "plan.docx"
    assert cli("show", BERGEN, "-o", paper).code == 0
    result = cli("import", paper, "-o", tmp_path / "tilbake.md")
    said = result.err.splitlines()
    # the line of counts, six column headers and the footer: lines the tool wrote, not the plan
    assert "Fjernet fra uttrekket: 8 linjer arbeidsplan selv skrev i dokumentet." in said
    assert any("planens frie tekst (innledning" in line for line in said)
    assert said[-1] == (f"Skrev {tmp_path / 'tilbake.md'}: 6 mål, 28 delmål og 47 tiltak fra {paper} "
                        "(planen slik arbeidsplan skrev den til Word).")


def test_a_paper_without_the_mark_is_read_like_any_other_document(cli, tmp_path):
    """The mark is a document property the export writes on purpose; a document that only looks like the
    export (or an export from before the mark) is read as any Word document is."""
    paper = tmp_path / "plan.docx"
    assert cli("show", BERGEN, "-o", paper).code == 0
    doc = Document(str(paper))
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/custom-properties"):
            del package.rels[key]
    doc.save(str(paper))
    result = cli("import", paper, "--level", "lokallag", "--org", "Bergen SV", "-o", tmp_path / "tilbake.md")
    assert "planen slik arbeidsplan skrev den til Word" not in result.err


def test_the_round_trip_holds_on_a_boards_own_template(cli, tmp_path):
    template = Document()
    template.core_properties.title = "Styrets mal"
    template.sections[0].header.paragraphs[0].text = "Bergen SV – styret"
    template.save(str(tmp_path / "mal.docx"))
    paper, back = tmp_path / "plan.docx", tmp_path / "tilbake.md"
    assert cli("show", BERGEN, "-o", paper, "--template", tmp_path / "mal.docx").code == 0
    assert cli("import", paper, "-o", back).code in (0, 1)
    original, _ = load_plan(BERGEN)
    again, _ = load_plan(back)
    assert tree(again) == tree(original)


def test_a_heading_without_a_heading_style_keeps_its_level(cli, tmp_path):
    """A board's template without Word's heading styles: the export writes bold text with an outline level
    (render/docx.py), and the import reads the level from it."""
    paper, back = tmp_path / "plan.docx", tmp_path / "tilbake.md"
    assert cli("show", BERGEN, "-o", paper).code == 0
    doc = Document(str(paper))
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading "):
            level = int(p.style.name.split()[1])
            p.style = doc.styles["Normal"]
            mark = OxmlElement("w:outlineLvl")
            mark.set(qn("w:val"), str(level - 1))
            p._p.get_or_add_pPr().append(mark)
    doc.save(str(paper))
    assert cli("import", paper, "-o", back).code in (0, 1)
    original, _ = load_plan(BERGEN)
    again, _ = load_plan(back)
    assert tree(again) == tree(original)


def test_a_row_deleted_with_tracked_changes_stays_visible_struck_as_any_tracked_deletion(cli, tmp_path):
    """With «Track changes» on, a deleted row is not yet deleted: it is read as Word shows it (struck), under
    its own id, and said – as tracked changes in any imported Word document are."""
    paper, back = tmp_path / "plan.docx", tmp_path / "tilbake.md"
    assert cli("show", BERGEN, "-o", paper).code == 0
    doc = Document(str(paper))
    row = _row(_measure_table(doc, "1.1"), "1.5")
    for run in row._tr.iter(qn("w:r")):
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
        deleted = OxmlElement("w:del")
        deleted.set(qn("w:id"), "1")
        deleted.set(qn("w:author"), "Styret")
        run.addprevious(deleted)
        deleted.append(run)
    doc.save(str(paper))
    said = cli("import", paper, "-o", back).err
    assert "sporede endringer som ikke er godtatt (0 innsatt, 4 slettet)" in said
    assert "tiltak 1.5 har en endring fra årsmøtet som ikke er gjennomført i teksten" in said
    again, _ = load_plan(back)
    assert again.find("1.5")[0].text == "~~Det skal avholdes minst to møter for nye medlemmer i året.~~"
