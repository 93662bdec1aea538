"""Meeting papers: the yearly report, a plan and a plan's changes as Word and PDF (read back with python-docx and
pypdf), -o's suffix choosing the format, and the help a new user meets (examples, words for values, completion,
singular and plural, --strict)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from arbeidsplan import messages
from conftest import PLANS, REPO, header
from planrepo import make_repo

EXAMPLE = REPO / "examples" / "eksempelby" / "2024-2027.md"
BERGEN = PLANS / "vestland" / "bergen" / "2024-2027.md"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18


@pytest.fixture(scope="module")
def plan_repo(tmp_path_factory):
    return make_repo(tmp_path_factory.mktemp("repo") / "testby")


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


def _headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def _measure_rows(doc) -> dict[str, list]:
    """Measure id → its row's cells, from every table whose header starts with ID."""
    rows = {}
    for table in doc.tables:
        if table.rows and table.rows[0].cells[0].text == "ID":
            for row in table.rows[1:]:
                rows[row.cells[0].text] = row.cells
    return rows


def _pdf_text(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(str(path))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


# -- the yearly report ----------------------------------------------------------------------------------------


def test_report_as_word_has_headings_tables_and_status_colours(cli, tmp_path):
    target = tmp_path / "rapport.docx"
    result = cli("report", "2026", str(EXAMPLE), "-o", str(target))
    assert result.code == 0 and result.out == "" and f"Skrev {target}" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.docx"]  # no temporary file left behind
    doc = Document(str(target))
    headings = _headings(doc)
    assert headings[0] == ("Title", "Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)")
    assert ("Heading 2", "Sammendrag") in headings and ("Heading 2", "Ikke rapportert") in headings
    assert ("Heading 3", "Mål 1 Snakke med flest mulig i Eksempelby (2/4)") in headings
    assert doc.core_properties.title == "Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # A4

    rows = _measure_rows(doc)
    assert rows["1.1"][1].text.startswith("Gjennomføre dørbankaksjoner i minst tre bydeler.")
    assert "4 aksjoner, 380 samtaler" in rows["1.1"][1].text  # the status note under the measure
    assert rows["1.1"][4].text == "gjennomført" and _fill(rows["1.1"][4]) == "D8F0DD"
    assert rows["1.4"][4].text == "utsatt" and _fill(rows["1.4"][4]) == "F6E0F2"
    assert rows["2.2"][4].text == "ikke rapportert"

    # The same measures and the same summary as the Markdown report from the same data.
    markdown = cli("report", "2026", str(EXAMPLE)).out
    in_markdown = set(re.findall(r"^\| (\d+\.\d+) \|", markdown, flags=re.M))
    assert set(rows) == in_markdown and len(rows) == 9
    assert "5 av 9 tiltak planlagt i år er gjennomført (56 %)" in [p.text for p in doc.paragraphs]
    assert "Tiltak planlagt i år: **9**. Gjennomført: **5** (56 %)." in markdown


def test_report_as_pdf_is_a4_with_the_reports_text(cli, tmp_path):
    target = tmp_path / "rapport.pdf"
    assert cli("report", "2026", str(EXAMPLE), "-o", str(target)).code == 0
    assert target.read_bytes().startswith(b"%PDF-")
    reader, text = _pdf_text(target)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert reader.metadata.title == "Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)"
    assert "Årsrapport 2026 – Eksempelby SV" in text
    assert "Gjennomføre dørbankaksjoner i minst" in text  # æøå survive the font
    for heading in ("Sammendrag", "Tiltak per mål", "Ikke rapportert", "Krav fra overordnet plan som ikke er besvart"):
        assert heading in text
    assert "side 1" in text and len(reader.pages) >= 2


def test_a_boards_word_template_keeps_its_header_and_drops_its_body(cli, tmp_path):
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Eksempelby SV – styret"
    template.add_paragraph("Denne teksten hører til malen og skal bort.")
    template.save(str(tmp_path / "mal.docx"))
    target = tmp_path / "rapport.docx"
    result = cli("report", "2026", str(EXAMPLE), "-o", str(target), "--template", str(tmp_path / "mal.docx"))
    assert result.code == 0, result.err
    doc = Document(str(target))
    assert doc.sections[0].header.paragraphs[0].text == "Eksempelby SV – styret"
    texts = [p.text for p in doc.paragraphs]
    assert "Denne teksten hører til malen og skal bort." not in texts
    assert texts[0] == "Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)"


def test_the_revision_proposal_on_the_boards_template(cli, plan_repo, tmp_path):
    template = Document()
    template.sections[0].footer.paragraphs[0].text = "Sak 5/2025: Revisjon av arbeidsplanen"
    template.save(str(tmp_path / "mal.docx"))
    root = plan_repo.parents[2]
    target = tmp_path / "forslag.docx"
    result = cli("diff", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md", "-o", str(target),
                 "--template", str(tmp_path / "mal.docx"), cwd=root)
    assert result.code == 0, result.err
    doc = Document(str(target))
    assert doc.sections[0].footer.paragraphs[0].text == "Sak 5/2025: Revisjon av arbeidsplanen"
    assert "Stryke" in [p.text for p in doc.paragraphs]
    shown = cli("show", str(BERGEN), "-o", str(tmp_path / "plan.pdf"), "--template", str(tmp_path / "mal.docx"))
    assert shown.code == 2 and "passer ikke til formatet pdf" in shown.err and not (tmp_path / "plan.pdf").exists()


def test_template_refusals(cli, tmp_path):
    (tmp_path / "ødelagt.docx").write_bytes(b"ikke et Word-dokument")
    broken = cli("report", "2026", str(EXAMPLE), "-o", str(tmp_path / "r.docx"), "--template",
                 str(tmp_path / "ødelagt.docx"))
    assert broken.code == 2 and "malen kan ikke brukes" in broken.err and "Traceback" not in broken.err
    jinja = tmp_path / "min.md.j2"
    jinja.write_text("{{ år }}", encoding="utf-8")
    mismatch = cli("report", "2026", str(EXAMPLE), "-o", str(tmp_path / "r.docx"), "--template", str(jinja))
    assert mismatch.code == 2 and "passer ikke til formatet docx" in mismatch.err
    word_for_pdf = cli("report", "2026", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--template",
                       str(tmp_path / "ødelagt.docx"))
    assert word_for_pdf.code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["min.md.j2", "ødelagt.docx"]


# -- -o chooses the format ------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, expected", [
    (("report", "2026", str(EXAMPLE), "-o", "rapport.txt"), "endelsen «.txt»"),
    (("report", "2026", str(EXAMPLE), "-o", "rapport"), "endelsen «(ingen)»"),
    (("report", "2026", str(EXAMPLE), "-o", "rapport.odt"), "endelsen «.odt»"),
    (("show", str(BERGEN), "-o", "plan.md"), "endelsen «.md»"),
    (("show", str(BERGEN), "-o", "plan.html"), "endelsen «.html»"),
    (("report", "2026", str(EXAMPLE), "--format", "pdf"), "pdf kan ikke skrives til skjermen"),
    (("show", str(BERGEN), "--format", "docx"), "docx kan ikke skrives til skjermen"),
    (("report", "2026", str(EXAMPLE), "--format", "html", "-o", "rapport.docx"), "passer ikke med filnavnet"),
])
def test_a_suffix_the_command_cannot_write_is_refused_and_nothing_is_written(cli, tmp_path, args, expected):
    result = cli(*args, cwd=tmp_path)
    assert result.code == 2 and expected in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1 and result.err.startswith("arbeidsplan: ")
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_names_the_ones_that_work(cli, tmp_path):
    err = cli("report", "2026", str(EXAMPLE), "-o", "rapport.txt", cwd=tmp_path).err
    assert "bruk en av: .md, .markdown, .html, .htm, .docx, .pdf" in err


def test_show_writes_text_json_word_and_pdf_by_suffix(cli, tmp_path):
    for name in ("plan.txt", "plan.json", "plan.docx", "plan.pdf"):
        assert cli("show", str(BERGEN), "-o", str(tmp_path / name)).code == 0
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8").startswith("Arbeidsplan for Bergen SV, 2024–2027\n")
    assert "\x1b[" not in (tmp_path / "plan.txt").read_text(encoding="utf-8")  # no colour codes in a file
    data = __import__("json").loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    doc = Document(str(tmp_path / "plan.docx"))
    goals = [h for style, h in _headings(doc) if style == "Heading 2"]
    assert goals == [f"Mål {g['id']} {g['tittel']}" for g in data["mål"]]
    assert len(_measure_rows(doc)) == data["antall"]["tiltak"] == 47
    _, text = _pdf_text(tmp_path / "plan.pdf")
    assert "Arbeidsplan for Bergen SV" in text and "Plan for medlemsverving utarbeides av styret" in text


EMPHASIS = """\
# Plan

## Mål 1: Samling

**Samling på venstresida**

Vi skal *lytte* til medlemmene og lese [vedtektene](https://sv.no/vedtekter) og __dei nye reglane__.

- eit punkt med **feit** skrift

### Delmål

- **a)** Ein _kursiv_ prioritet

### Tiltak

- **1.1** Holde **åpne** møter
  - når: 2026
"""


def _pdf_fonts(path: Path) -> dict[str, str]:
    """Each piece of the PDF's text → the font it is set in."""
    fonts: dict[str, str] = {}

    def seen(text, _cm, _tm, font, _size):
        if text.strip() and font is not None:
            fonts[text.strip()] = str(font.get("/BaseFont", ""))

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=seen)
    return fonts


def test_a_plans_bold_and_italic_are_bold_and_italic_on_paper_not_asterisks(cli, write, tmp_path):
    """The imported Innlandet plan has «**Samling og lederskap på venstresida**» under a goal: the paper shows
    the words in bold, as the Markdown does, not the Markdown's marks; a link is its text."""
    plan = write("lag/plan.md", header() + "\n" + EMPHASIS)
    for name in ("plan.docx", "plan.pdf"):
        assert cli("show", str(plan), "-o", str(tmp_path / name)).code == 0
    doc = Document(str(tmp_path / "plan.docx"))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for t in doc.tables for r in t.rows
                                                                 for c in r.cells)
    assert "*" not in text and "__" not in text and "](" not in text and "sv.no" not in text
    runs = {r.text: r for p in doc.paragraphs for r in p.runs if r.text.strip()}
    runs.update({r.text: r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
                 for r in p.runs if r.text.strip()})
    assert runs["Samling på venstresida"].bold and not runs["Samling på venstresida"].italic
    assert runs["lytte"].italic and not runs["lytte"].bold
    assert runs["dei nye reglane"].bold and runs["feit"].bold and runs["åpne"].bold and runs["kursiv"].italic
    assert [p.text for p in doc.paragraphs if "lytte" in p.text] == \
        ["Vi skal lytte til medlemmene og lese vedtektene og dei nye reglane."]
    assert _measure_rows(doc)["1.1"][1].text == "Holde åpne møter"

    _, text = _pdf_text(tmp_path / "plan.pdf")
    assert "*" not in text and "__" not in text and "](" not in text and "sv.no" not in text
    assert "Samling på venstresida" in text and "Holde åpne møter" in text
    fonts = _pdf_fonts(tmp_path / "plan.pdf")
    bold, plain = fonts["Mål 1 Samling"], fonts["Holde"]  # a heading's face, and a measure's text's
    assert fonts["Samling på venstresida"] == fonts["åpne"] == fonts["feit"] == bold != plain
    assert fonts["lytte"] == fonts["kursiv"] and fonts["lytte"] not in (bold, plain)


def test_the_reports_papers_show_a_measures_bold_in_bold_too(cli, write, tmp_path):
    """The same text in the board's yearly report: «Holde **åpne** møter» in the measures' table and in the list
    of what is not reported, as Word shows it, without the marks."""
    plan = write("lag/plan.md", header() + "\n" + EMPHASIS)
    assert cli("report", "2026", str(plan), "-o", str(tmp_path / "rapport.docx")).code == 0
    doc = Document(str(tmp_path / "rapport.docx"))
    paragraphs = [*doc.paragraphs, *(p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs)]
    shown = [p for p in paragraphs if "åpne" in p.text]
    assert len(shown) == 2 and all("*" not in p.text and p.text.endswith("Holde åpne møter") for p in shown)
    assert all([r.text for r in p.runs if r.bold and r.text != "1.1"] == ["åpne"] for p in shown)


def test_show_in_the_terminal_and_as_text_gives_the_words_without_the_marks(cli, write, tmp_path):
    plan = write("lag/plan.md", header() + "\n" + EMPHASIS)
    assert "1.1 Holde åpne møter" in cli("show", str(plan)).out
    assert cli("show", str(plan), "-o", str(tmp_path / "plan.txt")).code == 0
    assert "1.1 Holde åpne møter" in (tmp_path / "plan.txt").read_text(encoding="utf-8")


# -- a plan's changes for the annual meeting ------------------------------------------------------------------


def test_diff_as_word_marks_struck_and_added_text(cli, plan_repo, tmp_path):
    root = plan_repo.parents[2]
    target = tmp_path / "endringer.docx"
    result = cli("diff", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md", "-o", str(target), cwd=root)
    assert result.code == 0, result.err
    doc = Document(str(target))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Endringer i plans/testby/2024-2027.md: vedtatt/2024 → vedtatt/2025"
    struck = texts.index("Stryke")
    assert texts[struck + 1] == "tiltak 2.3: Starte en Instagram-konto."
    runs = doc.paragraphs[struck + 1].runs
    assert [r.text for r in runs if r.font.strike] == ["Starte en Instagram-konto."]
    reworded = doc.paragraphs[texts.index("Endre til") + 1]
    assert [r.text.strip() for r in reworded.runs if r.font.strike] == ["hver"]
    assert [r.text.strip() for r in reworded.runs if r.bold and not r.font.strike][1:] == ["annenhver", "med mat."]
    assert "tiltak 1.4: Dørbanke i alle bydeler før valget." in texts


def test_diff_as_pdf(cli, plan_repo, tmp_path):
    root = plan_repo.parents[2]
    target = tmp_path / "endringer.pdf"
    assert cli("diff", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md", "-o", str(target),
               cwd=root).code == 0
    _, text = _pdf_text(target)
    for expected in ("Stryke", "Starte en Instagram-konto.", "Endre til", "Nye", "Dørbanke i alle bydeler"):
        assert expected in text


def _word_language(path: Path) -> tuple[str, str]:
    """A Word file's language as Word reads it: the core property (dc:language), and the default language of
    its text (w:docDefaults), which the spelling check uses."""
    doc = Document(str(path))
    lang = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    return doc.core_properties.language, lang.get(qn("w:val"))


def _nynorsk_example(tmp_path: Path) -> Path:
    plan = tmp_path / "nynorsk" / "2024-2027.md"
    plan.parent.mkdir()
    plan.write_text(EXAMPLE.read_text(encoding="utf-8").replace("\nnivå: lokallag\n",
                                                                  "\nnivå: lokallag\nspråk: nynorsk\n", 1),
                    encoding="utf-8")
    return plan


def test_word_and_pdf_say_the_language_they_are_written_in(cli, plan_repo, tmp_path, monkeypatch):
    """A nynorsk report is spell-checked as nynorsk, an English one as English, a bokmål one as bokmål: the
    core property, the text's default language and the PDF's /Lang all say it. A plan is in the command line's
    language (ARBEIDSPLAN_LANG here); its changes, as a report, in the plan's own unless --lang asks for another."""
    nynorsk = _nynorsk_example(tmp_path)
    cases = {
        "nn.docx": (["report", "2026", str(nynorsk)], "nb", "nn-NO"),
        "en.docx": (["report", "2026", str(EXAMPLE), "--lang", "en"], "nb", "en-GB"),
        "nb.docx": (["report", "2026", str(EXAMPLE)], "nb", "nb-NO"),
        "plan-en.docx": (["show", str(BERGEN)], "en", "en-GB"),
        "plan-nn.docx": (["show", str(BERGEN)], "nn", "nn-NO"),
    }
    for name, (args, interface, tag) in cases.items():
        monkeypatch.setenv("ARBEIDSPLAN_LANG", interface)
        assert cli(*args, "-o", str(tmp_path / name)).code == 0
        assert _word_language(tmp_path / name) == (tag, tag), name
    root = plan_repo.parents[2]
    diff = tmp_path / "endringar.docx"
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")  # the interface's language: the bokmål plan's changes stay bokmål
    assert cli("diff", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md", "-o", str(diff),
               cwd=root).code == 0
    assert _word_language(diff) == ("nb-NO", "nb-NO")
    token = messages._chosen.set("nn")  # as `arbeidsplan --lang nn diff …` (entry.py): asked for, in nynorsk
    try:
        assert cli("diff", "vedtatt/2024", "vedtatt/2025", "plans/testby/2024-2027.md", "-o", str(diff),
                   cwd=root).code == 0
    finally:
        messages._chosen.reset(token)
    assert _word_language(diff) == ("nn-NO", "nn-NO")
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nb")
    for args, tag in [(["report", "2026", str(nynorsk)], "nn-NO"), (["report", "2026", str(EXAMPLE)], "nb-NO"),
                      (["report", "2026", str(EXAMPLE), "--lang", "en"], "en-GB")]:
        pdf = tmp_path / f"{tag}.pdf"
        assert cli(*args, "-o", str(pdf)).code == 0
        assert PdfReader(str(pdf)).trailer["/Root"]["/Lang"] == tag


def test_a_boards_template_gets_the_papers_language_and_keeps_its_own_styles(cli, tmp_path):
    """The board's template was made in an English Word: its default language (en-US), and the styles that
    only restate it, become the paper's; a style with a language of its own keeps it, and so do its fonts."""
    template = Document()
    styles = template.styles
    quote = styles.add_style("Engelsk sitat", 1)  # a paragraph style for English quotes
    quote.font.name = "Georgia"
    lang = quote.element.get_or_add_rPr()
    own = lang.makeelement(qn("w:lang"), {qn("w:val"): "en-GB"})
    lang.append(own)
    restating = styles["Heading 2"].element.get_or_add_rPr()
    restating.append(restating.makeelement(qn("w:lang"), {qn("w:val"): "en-US"}))
    styles["Normal"].font.name = "Garamond"
    template.sections[0].header.paragraphs[0].text = "Fjellvik SV – styret"
    template.save(str(tmp_path / "mal.docx"))
    target = tmp_path / "rapport.docx"
    result = cli("report", "2026", str(_nynorsk_example(tmp_path)), "-o", str(target), "--template",
                 str(tmp_path / "mal.docx"))
    assert result.code == 0, result.err
    assert _word_language(target) == ("nn-NO", "nn-NO")
    doc = Document(str(target))
    lang_of = {name: doc.styles[name].element.rPr.find(qn("w:lang")).get(qn("w:val"))
               for name in ("Engelsk sitat", "Heading 2")}
    assert lang_of == {"Engelsk sitat": "en-GB", "Heading 2": "nn-NO"}
    assert doc.styles["Normal"].font.name == "Garamond" and doc.styles["Engelsk sitat"].font.name == "Georgia"
    assert doc.sections[0].header.paragraphs[0].text == "Fjellvik SV – styret"
    default = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert default.get(qn("w:eastAsia")) == "en-US" and default.get(qn("w:bidi")) == "ar-SA"  # scripts kept


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_word_report(cli, tmp_path):
    target = tmp_path / "rapport.docx"
    assert cli("report", "2026", str(EXAMPLE), "-o", str(target)).code == 0
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "ut"), str(target)], check=True, capture_output=True, timeout=180)
    _, text = _pdf_text(tmp_path / "ut" / "rapport.pdf")
    assert "Årsrapport 2026 – Eksempelby SV" in text and "Gjennomføre dørbankaksjoner" in text


# -- help that teaches ----------------------------------------------------------------------------------------


def _all_commands():
    from typer.main import get_command

    from arbeidsplan.cli.app import app

    def walk(command, path):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, path + [name])

    return list(walk(get_command(app), []))


def test_every_help_has_examples_and_words_not_python_types(cli):
    commands = _all_commands()
    assert ["status", "set"] in commands and ["report"] in commands
    for path in commands:
        out = cli(*path, "--help", columns=120).out
        assert re.search(r"Eksempler:\n\n +arbeidsplan ", out), f"{path} has no examples"
        lines = [line.strip() for line in out.split("Eksempler:")[1].strip().splitlines()]
        for before, line in zip([""] + lines, lines):  # kept one command a line (or continued with \\)
            assert line.startswith("arbeidsplan ") or before.endswith("\\"), line
        for python in ("<int>", "<str>", "<path>", "list[", "PATHS", "TEXT", "INTEGER", "Show this message"):
            assert python not in out, f"{path}: {python!r} in --help"
    report = cli("report", "--help", columns=120).out
    assert "{ÅR} [STI]..." in report and "-o, --output FIL" in report and "--template MAL" in report
    assert "-y, --year ÅR" in cli("status", "set", "--help", columns=120).out


def _script() -> str:
    found = Path(sys.executable).parent / "arbeidsplan"
    if found.exists():
        return str(found)
    on_path = shutil.which("arbeidsplan")
    if on_path is None:
        pytest.skip("the console script is not installed")
    return on_path


def test_bash_completion_completes_commands_and_options(tmp_path):
    script = _script()
    source = subprocess.run([script], env={"_ARBEIDSPLAN_COMPLETE": "source_bash", "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=True).stdout
    assert "complete -o default -F _arbeidsplan_completion arbeidsplan" in source
    (tmp_path / "fullfør.sh").write_text(source, encoding="utf-8")
    shell = f"""
        PATH="{Path(script).parent}:$PATH"
        source "{tmp_path / 'fullfør.sh'}"
        COMP_WORDS=(arbeidsplan re); COMP_CWORD=1; _arbeidsplan_completion arbeidsplan; echo "${{COMPREPLY[@]}}"
        COMP_WORDS=(arbeidsplan report 2026 --te); COMP_CWORD=3; _arbeidsplan_completion arbeidsplan; echo "${{COMPREPLY[@]}}"
    """
    out = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert out == ["report", "--template"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_answer_through_the_same_protocol(shell):
    script = _script()
    env = {"_ARBEIDSPLAN_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "arbeidsplan sta",
           "PATH": "/usr/bin:/bin"}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = subprocess.run([script], env=env, capture_output=True, text=True, check=True).stdout
    assert "status" in out and "Status per tiltak" in out
    source = subprocess.run([script], env={"_ARBEIDSPLAN_COMPLETE": f"source_{shell}", "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=True).stdout
    assert "_ARBEIDSPLAN_COMPLETE" in source


def test_install_completion_for_bash(tmp_path):
    script = _script()
    # `; exit $?` keeps bash the command's parent (a lone command would be exec'd in its place), so the shell is
    # found as it is for a user typing it, whatever runs the tests.
    result = subprocess.run(["bash", "-c", f'"{script}" --install-completion; exit $?'],
                            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "SHELL": "/bin/bash"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Fullføring for bash er installert i" in result.stdout
    assert (tmp_path / ".bash_completions" / "arbeidsplan.sh").exists()
    assert ".bash_completions/arbeidsplan.sh" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


# -- singular and plural, and --strict ------------------------------------------------------------------------


def test_one_file_one_warning_one_area_are_singular(cli, write):
    plan = write("lag/plan.md", header() + """
# Plan

## Målområde 1: Organisasjon

### Mål 1.1: Flere medlemmer

#### Tiltak

- **1.1.1** Verve medlemmer.
  - når: snart en gang
""")
    result = cli("check", str(plan))
    assert "1 fil kontrollert" in result.err and "1 advarsel" in result.err
    assert "1 filer" not in result.err and "1 advarsler" not in result.err
    assert "1 målområde, 1 mål, 0 delmål, 1 tiltak" in cli("show", str(plan)).out


def test_strict_says_which_warnings_count_as_errors(cli, write):
    plan = write("lag/plan.md", header() + """
# Plan

## Mål 1: Flere medlemmer

### Tiltak

- **1.1** Verve medlemmer.
  - når: snart en gang
- **1.3** Ringe nye medlemmer.
""")
    plain = cli("check", str(plan))
    assert plain.code == 0 and "regnet som feil" not in plain.out and "2 advarsler" in plain.err
    strict = cli("check", "--strict", str(plan))
    assert strict.code == 1
    lines = strict.out.splitlines()
    assert len(lines) == 2 and all(line.endswith(" [advarsel regnet som feil (--strict)]") for line in lines)
    assert "2 advarsler regnes som feil (--strict)" in strict.err
    github = cli("check", "--strict", "--format", "github", str(plan)).out.splitlines()
    assert all(line.startswith("::error ") for line in github) and len(github) == 2
    data = __import__("json").loads(cli("check", "--strict", "--format", "json", str(plan)).out)
    assert data["streng"] is True and all(f["regnes_som"] == "error" for f in data["funn"])
    assert all("regnes_som" not in f for f in __import__("json").loads(
        cli("check", "--format", "json", str(plan)).out)["funn"])


def test_new_plan_must_be_markdown(cli, tmp_path):
    result = cli("new", "--level", "lokallag", "--org", "Hamar SV", "--parent",
                 str(PLANS / "landsstyret" / "2026-2029.md"), "-o", str(tmp_path / "plan.docx"))
    assert result.code == 2 and "endelsen «.docx»" in result.err and "bruk en av: .md, .markdown" in result.err
    assert list(tmp_path.iterdir()) == []


def test_hostile_plan_text_in_word_and_pdf(cli, write, tmp_path):
    plan = write("lag/plan.md", header(organisasjon='"<b>Lag</b> & co"') + """
# Plan

## Mål 1: Trygg <i>tekst</i>

### Tiltak

- **1.1** Et tiltak <script>x</script> & mer \x0b slutt, Kárášjohka/Guovdageaidnu čđŋŧ
  - når: 2026
  - ansvar: Лена

## Status 2026
- **1.1** gjennomført — ok
""")
    for name in ("r.docx", "r.pdf"):
        result = cli("report", "2026", str(plan), "-o", str(tmp_path / name))
        assert result.code == 0 and "Traceback" not in result.err, result.err
    cells = _measure_rows(Document(str(tmp_path / "r.docx")))["1.1"]
    assert cells[1].text.startswith("Et tiltak <script>x</script> & mer \ufffd slutt, Kárášjohka")  # shown, not lost
    assert cells[3].text == "Лена"
    _, text = _pdf_text(tmp_path / "r.pdf")
    assert "<script>x</script> & mer" in text and "Kárášjohka" in text


def test_status_coverage_and_history_write_by_suffix(cli, plan_repo, tmp_path):
    csv = tmp_path / "status.csv"
    assert cli("status", "--year", "2026", str(EXAMPLE), "-o", str(csv)).code == 0
    assert cli("status", "--year", "2026", str(EXAMPLE), "--format", "csv").out == csv.read_text(encoding="utf-8")
    assert cli("coverage", str(BERGEN), "-o", str(tmp_path / "dekning.md")).code == 0
    assert (tmp_path / "dekning.md").read_text(encoding="utf-8") == cli("coverage", str(BERGEN), "--format", "md").out
    root = plan_repo.parents[2]
    assert cli("history", "plans/testby/2024-2027.md", "-o", str(tmp_path / "historikk.md"), cwd=root).code == 0
    assert (tmp_path / "historikk.md").read_text(encoding="utf-8").startswith(
        "## Historikk for plans/testby/2024-2027.md")
    refused = cli("status", str(EXAMPLE), "-o", str(tmp_path / "status.pdf"))
    assert refused.code == 2 and "endelsen «.pdf»" in refused.err and not (tmp_path / "status.pdf").exists()
