"""`arbeidsplan import`: SV's real documents (../shared/kilder/) and Word and PDF versions of them come out as
the hand-converted plans in plans/ — every goal, sub-goal and measure, with id, timing and responsible — and bad
documents get one Norwegian line and exit code 2."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from arbeidsplan import api, load_plan
from arbeidsplan.read.importing.clean import Line, clean, join_lines
from arbeidsplan.read.importing.extract import SourceLine
from conftest import PLANS, REPO
from importdocs import FONT, without_gutter, write_docx, write_pdf, write_scanned_pdf

KILDER = REPO.parent / "shared" / "kilder"
needs_sources = pytest.mark.skipif(not KILDER.is_dir(), reason=f"the source documents are not at {KILDER}")
needs_font = pytest.mark.skipif(not FONT.is_file(), reason=f"the PDFs are written in DejaVu Sans, not at {FONT}")

# source document → (hand-converted plan, options the document does not answer itself)
DOCUMENTS = {
    "landsstyret-2026-2029.txt": ("landsstyret/2026-2029.md", {}),
    "landsstyret-2022-2025.txt": ("landsstyret/2022-2025.md", {"period": "2022-2025"}),
    "innlandet-sv-2025-2028.txt": ("innlandet/2025-2028.md", {}),
    "bergen-sv-2024-2027.txt": ("vestland/bergen/2024-2027.md", {}),
}


def _norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text).strip()


def items(plan) -> dict[tuple[str, str], tuple]:
    """What a user checks in a converted plan: each goal's kind and title, each measure's goal, text, timing and
    responsible — by id."""
    out: dict[tuple[str, str], tuple] = {}
    for goal in plan.walk_goals():
        out[("mål", goal.id)] = (goal.kind.value, _norm(goal.title))
    for chain, m in plan.measures_with_parents():
        out[("tiltak", m.id)] = (chain[-1].id if chain else None, _norm(m.text), _norm(m.timing_text),
                                 _norm(m.responsible))
    return out


def assert_same_as_hand_converted(result, hand_name: str) -> None:
    hand, _ = load_plan(PLANS / hand_name)
    assert result.plan is not None
    got, want = items(result.plan), items(hand)
    assert [k for k in want if k not in got] == [], "items in the hand-converted plan that the import lacks"
    assert [k for k in got if k not in want] == [], "items the import has that the hand-converted plan lacks"
    wrong = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    assert wrong == {}
    assert result.plan.counts() == hand.counts()


@needs_sources
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_source_document_imports_as_the_hand_converted_plan(name):
    hand_name, options = DOCUMENTS[name]
    result = api.import_document(KILDER / name, **options)
    assert_same_as_hand_converted(result, hand_name)
    assert result.lost == [] and result.kept == result.words > 1000
    assert not [d for d in result.findings if d.code not in ("AP202", "AP206", "AP302")]


@needs_sources
def test_the_document_own_faults_are_reported_as_for_the_hand_converted_plan():
    result = api.import_document(KILDER / "innlandet-sv-2025-2028.txt")
    codes = sorted(d.code for d in result.findings)
    assert codes == ["AP202"] + ["AP302"] * 10  # 2.3d twice; ten timings in 2024, before the period
    assert result.exit_code == 1
    bergen = api.import_document(KILDER / "bergen-sv-2024-2027.txt")
    assert sorted(d.message for d in bergen.findings) == [
        "hull i nummereringen: «5.6» mangler mellom «5.5» og «5.7»",
        "hull i nummereringen: «c)» mangler mellom «b)» og «d)»"]


@needs_sources
def test_front_matter_comes_from_what_the_document_says():
    result = api.import_document(KILDER / "landsstyret-2026-2029.txt")
    meta = result.plan.meta
    assert (meta.organisation, meta.level.value, str(meta.period)) == ("SV", "nasjonalt", "2026–2029")
    assert (str(meta.adopted.date), meta.adopted.body) == ("2025-11-22", "SVs landsstyre")
    innlandet = api.import_document(KILDER / "innlandet-sv-2025-2028.txt").plan.meta
    assert (innlandet.organisation, innlandet.level.value, str(innlandet.period)) == (
        "Innlandet SV", "fylkeslag", "2025–2028")


@needs_sources
def test_national_plan_ids_follow_the_documented_scheme_and_say_they_were_given():
    result = api.import_document(KILDER / "landsstyret-2026-2029.txt")
    assert result.derived_ids == 76 + 24
    assert "satt ved innhentingen" in result.plan.meta.note
    assert result.plan.find("2.L2")[0].text.startswith("Ringe nye medlemmer senest to uker etter innmelding.")


@needs_sources
def test_a_themed_plan_without_ids_gets_a_goal_per_chapter_and_an_id_per_bullet(cli, tmp_path):
    source = KILDER / "andre" / "telemark-ungdomsrad-handlingsplan-2025.txt"
    refused = cli("import", str(source))
    assert refused.code == 2 and "oppgi --org --level" in refused.err and "Traceback" not in refused.err
    out = tmp_path / "ungdomsrad.md"
    result = cli("import", str(source), "--org", "Telemark ungdomsråd", "--level", "fylkeslag", "-o", str(out))
    assert result.code == 0, result.err
    plan, _ = load_plan(out)
    bullets = sum(1 for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("•"))
    assert plan.counts() == {"områder": 0, "mål": 6, "delmål": 0, "tiltak": bullets}
    assert [g.title for g in plan.goals][:2] == ["UNGDOMSDEMOKRATI OG MEDVIRKNING", "SAMFERDSEL"]
    assert len({m.id for m in plan.measures()}) == bullets and all(m.explicit_id for m in plan.measures())
    assert "(temakapitler med punktlister)" in result.err


# -- Word and PDF versions ------------------------------------------------------------------------------------


@needs_sources
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_word_versions_import_as_the_hand_converted_plan(name, tmp_path):
    hand_name, options = DOCUMENTS[name]
    text = without_gutter((KILDER / name).read_text(encoding="utf-8"))
    docx_path = write_docx(text, tmp_path / (Path(name).stem + ".docx"))
    result = api.import_document(docx_path, **options)
    assert result.kind == "word"
    assert_same_as_hand_converted(result, hand_name)
    assert result.lost == []


@needs_sources
@needs_font
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_pdf_versions_with_page_footers_import_as_the_hand_converted_plan(name, tmp_path):
    """Innlandet's tables are real PDF tables here, read by their columns; Bergen's are flattened text, as in
    the source."""
    hand_name, options = DOCUMENTS[name]
    pdf_path = write_pdf((KILDER / name).read_text(encoding="utf-8"), tmp_path / (Path(name).stem + ".pdf"),
                         footer="post@sv.no | sv.no")
    result = api.import_document(pdf_path, **options)
    assert result.kind == "pdf" and result.removed["sidefot"] >= 5
    assert_same_as_hand_converted(result, hand_name)
    assert result.lost == []


def test_struck_through_words_in_word_stay_visible_and_are_reported(cli, tmp_path):
    text = ("Arbeidsplan for Testby SV 2024-2027\n\nMål 1: Flere medlemmer\n\nTiltak\n\n"
            "• Verve ti nye medlemmer i året.\n• Starte en Instagram-konto.\n\nMål 2: Synlighet\n\nTiltak\n\n"
            "• Stå på stand hver lørdag.\n")
    doc = write_docx(text, tmp_path / "plan.docx", struck={"Starte en Instagram-konto.": ""})
    out = tmp_path / "plan.md"
    result = cli("import", str(doc), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert "- **1.2** ~~Starte en Instagram-konto.~~" in out.read_text(encoding="utf-8")
    assert "tiltak 1.2 har en endring fra årsmøtet" in result.err


def test_revision_marks_written_into_the_text_are_kept_and_reported(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("Arbeidsplan for Testby SV 2024-2027\n\nMål 1: Flere medlemmer\n\nTiltak for å nå målet\n\n"
                      "Nr\tTiltak\tTidsrom\tAnsvar\n"
                      "1.1\tVerve ti nye medlemmer (Stryke, gjennomført)\t2024\tStyret\n"
                      "1.2\tMøte hver måned. Endre til: møte annenhver måned\t2024-2027\tStyret\n",
                      encoding="utf-8")
    result = api.import_document(source, level="lokallag")
    assert [(rid, mark) for rid, mark, _ in result.revisions] == [
        ("1.1", "Stryke, gjennomført"), ("1.2", "Endre til: møte annenhver måned")]
    assert result.plan.find("1.1")[0].text == "Verve ti nye medlemmer (Stryke, gjennomført)"
    assert (result.plan.find("1.2")[0].timing_text, result.plan.find("1.2")[0].responsible) == ("2024-2027", "Styret")


def test_a_document_in_no_known_structure_keeps_every_paragraph_and_says_so(cli, tmp_path):
    source = tmp_path / "notat.txt"
    paragraphs = ["Styret har hatt seks møter i år.", "Vi har vervet tolv nye medlemmer og hatt to stands.",
                  "Neste år vil vi satse mer på skolering."]
    source.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    out = tmp_path / "notat.md"
    result = cli("import", str(source), "--org", "Testby SV", "--level", "lokallag", "--period", "2026-2027",
                 "-o", str(out))
    assert result.code == 0, result.err
    written = out.read_text(encoding="utf-8")
    assert all(p in written for p in paragraphs)
    assert "fant ingen mål eller tiltak" in result.err


# -- cleaning -------------------------------------------------------------------------------------------------


def test_cleaning_removes_gutters_footers_and_bullets_and_nothing_else():
    raw = [f"{n} Linje nummer {n} i et dokument med linjenummer i margen." for n in range(1, 13)]
    raw[4] = "- 5 • Et punkt i en liste"
    raw += ["post@sv.no | sv.no 4", "", "·\tEt punkt med tabulator", "12 medlemmer kom."]
    cleaned = clean([SourceLine(t, n) for n, t in enumerate(raw, 1)])
    texts = [line.text for line in cleaned.lines]
    assert texts[0] == "Linje nummer 1 i et dokument med linjenummer i margen."
    assert texts[4] == "• Et punkt i en liste"
    assert texts[12] == "" and cleaned.removed["sidefot"] == 1
    assert texts[14] == "• Et punkt med tabulator"
    assert texts[15] == "12 medlemmer kom."  # a number that is not the next line number stays
    assert cleaned.removed["linjenummer"] == 12


@needs_sources
def test_a_gutter_number_indented_by_the_pdf_extraction_is_removed_too(cli, tmp_path):
    # Innlandet's text has the gutter number of a wrapped line indented: «41 Innlandet SV skal … og på» /
    # « 42 Stortinget. Fylkesstyret …». The description read «fylkesting og på 42 Stortinget».
    out = tmp_path / "innlandet.md"
    result = cli("import", str(KILDER / "innlandet-sv-2025-2028.txt"), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "fylkesting og på Stortinget. Fylkesstyret" in text, result.err
    assert "kan fylkeslaget bidra med" in text and "kan 110 fylkeslaget" not in text
    assert "våre profiler mer kjent i fylket og gjøre oss mer relevant, både i" in text


def test_words_hyphenated_or_broken_across_lines_are_joined():
    lines = [Line("Vi skal styrke organisa-", 1), Line("sjonen og bydels-", 2), Line("og studentlagene.", 3)]
    assert join_lines(lines, False) == "Vi skal styrke organisasjonen og bydels- og studentlagene."
    broken = [Line("Styret og", 1), Line("Bystyregr", 2, open_end=False), Line("uppen", 3)]
    assert join_lines(broken, True) == "Styret og Bystyregruppen"


# -- the command and bad input --------------------------------------------------------------------------------


@needs_sources
def test_refuses_to_overwrite_without_force_and_never_writes_over_its_input(cli, tmp_path):
    source = tmp_path / "bergen.txt"
    source.write_bytes((KILDER / "bergen-sv-2024-2027.txt").read_bytes())
    out = tmp_path / "bergen.md"
    out.write_text("min egen plan\n", encoding="utf-8")
    refused = cli("import", str(source), "-o", str(out))
    assert refused.code == 2 and "--force" in refused.err
    assert out.read_text(encoding="utf-8") == "min egen plan\n"
    forced = cli("import", str(source), "-o", str(out), "--force")
    assert forced.code == 0, forced.err
    assert load_plan(out)[0].counts()["tiltak"] == 47
    itself = cli("import", str(out), "-o", str(out), "--force", "--org", "Bergen SV")
    assert itself.code == 2 and "kan ikke være dokumentet" in itself.err
    assert load_plan(out)[0].counts()["tiltak"] == 47
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def _corrupt_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>ikke ferdig")
    return path


def _empty_docx(path: Path) -> Path:
    import docx

    docx.Document().save(str(path))
    return path


def _bytes(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


BAD = {
    "skadet.docx": (_corrupt_docx, "Word-filen er skadet"),
    "ikke-zip.docx": (_bytes(b"PK\x03\x04 dette er ikke en zip-fil"), "Word-filen er skadet"),
    "passord.docx": (_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
                     "passordbeskyttet"),
    "gammel.doc": (_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
                   "det gamle Word-formatet (.doc)"),
    "skannet.pdf": (write_scanned_pdf, "ingen tekst (skannet?)"),
    "skadet.pdf": (_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntull"), "PDF-filen er skadet"),
    "tom.txt": (_bytes(b"\n \n"), "dokumentet er tomt"),
    "tom.docx": (_empty_docx, "dokumentet er tomt"),
    "regneark.xlsx": (_bytes(b"PK\x03\x04"), "kan ikke hente inn «.xlsx»-filer"),
    "latin1.txt": (_bytes("Mål 1: Bøker\n".encode("latin-1")), ":1: teksten er ikke UTF-8"),
}


def _refused_in_one_line(cli, tmp_path, make, says: str, name: str) -> None:
    """`import` of the document: one line that names it and says `says`, exit 2, and no plan written."""
    path = make(tmp_path / name)
    result = cli("import", str(path), "-o", str(tmp_path / "plan.md"))
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith(f"arbeidsplan: {path}"), result.err
    assert says in result.err and "Traceback" not in result.err
    assert not (tmp_path / "plan.md").exists()


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_documents_get_one_norwegian_line_and_exit_code_2(cli, tmp_path, name):
    _refused_in_one_line(cli, tmp_path, *BAD[name], name)


PLAN_TEXT = ("Arbeidsplan for Testby SV 2024-2027\n\nMål 1: Flere medlemmer\n\nTiltak\n\n"
             "• Verve ti nye medlemmer i året.\n• Stå på stand hver lørdag.\n")
KIND_NAMES = {"word": "et Word-dokument (.docx)", "pdf": "en PDF", "tekst": "ren tekst"}


def _as(kind: str, path: Path) -> Path:
    """The plan as a Word document, a PDF or plain text, saved under `path`, whatever its name ends in."""
    made = path.with_name("laget." + {"word": "docx", "pdf": "pdf", "tekst": "txt"}[kind])
    if kind == "word":
        write_docx(PLAN_TEXT, made)
    elif kind == "pdf":
        write_pdf(PLAN_TEXT, made)
    else:
        made.write_text(PLAN_TEXT, encoding="utf-8")
    made.rename(path)
    return path


@needs_font
@pytest.mark.parametrize("kind, name", [("word", "plan.pdf"), ("word", "plan.md"), ("word", "plan.txt"),
                                        ("word", "plan.doc"), ("word", "plan.odt"), ("pdf", "plan.docx"),
                                        ("pdf", "plan.txt"), ("tekst", "plan.docx"), ("tekst", "plan.pdf")])
def test_a_document_with_the_wrong_name_is_read_as_what_it_is_and_said_so(cli, tmp_path, kind, name):
    """A Word file renamed to .pdf (or a PDF to .docx, text to .pdf …) is read by its first bytes, with one line
    saying what it really is, and gives the same plan as under its right name."""
    path = _as(kind, tmp_path / name)
    out = tmp_path / "plan-ut.md"
    result = cli("import", str(path), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert (f"{path}: filen er {KIND_NAMES[kind]}, selv om navnet slutter på «{path.suffix}»; den er lest som "
            "det den er\n") in result.err
    plan, _ = load_plan(out)
    assert [m.text for m in plan.measures()] == ["Verve ti nye medlemmer i året.", "Stå på stand hver lørdag."]
    assert plan.meta.source == name


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_text_file_in_utf16_is_read_as_the_text_it_is_and_said_so(cli, tmp_path, encoding, bom):
    """Notepad's «Unicode» is UTF-16 with a byte order mark: decoded as that (nothing to guess), said in one line."""
    source = tmp_path / "plan.txt"
    source.write_bytes(bom + PLAN_TEXT.encode(encoding))
    out = tmp_path / "plan.md"
    result = cli("import", str(source), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert f"{source}: filen er UTF-16, ikke UTF-8; den er lest som UTF-16" in result.err.splitlines()
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(PLAN_TEXT, encoding="utf-8")
    same = api.import_document(utf8, level="lokallag").text
    assert out.read_text(encoding="utf-8") == same.replace("kilde: utf8.txt", "kilde: plan.txt")


def test_a_document_with_its_right_name_gets_no_such_line(cli, tmp_path):
    result = cli("import", str(write_docx(PLAN_TEXT, tmp_path / "plan.docx")), "--level", "lokallag")
    assert result.code == 0 and "selv om navnet" not in result.err


def _ole(*streams: str):
    """An OLE container (the old Word format, or an Office file with a password) naming its streams."""
    return _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
                  + b"".join(s.encode("utf-16-le") + b"\x00" * 8 for s in streams))


WRONGLY_NAMED = {
    "nettside.docx": (_bytes(b"<!DOCTYPE html>\n<html><body>Logg inn</body></html>\n"),
                      "filen er en nettside (HTML), ikke et «.docx»-dokument"),
    "nettside.pdf": (_bytes(b"  <html lang='no'><body>Ikke funnet</body></html>"),
                     "filen er en nettside (HTML), ikke et «.pdf»-dokument"),
    "gammel.docx": (_ole("Root Entry", "WordDocument", "1Table"), "det gamle Word-formatet (.doc)"),
    "passord.pdf": (_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "passordbeskyttet"),
    "gammel.pdf": (_ole("Root Entry", "WordDocument"), "det gamle Word-formatet (.doc)"),
    "rtf.doc": (_bytes(b"{\\rtf1\\ansi Arbeidsplan}"), "det gamle Word-formatet (.doc)"),
}


@pytest.mark.parametrize("name", sorted(WRONGLY_NAMED))
def test_a_wrongly_named_file_that_cannot_be_read_gets_one_line_on_what_it_is(cli, tmp_path, name):
    _refused_in_one_line(cli, tmp_path, *WRONGLY_NAMED[name], name)


def test_a_missing_document_and_bad_options(cli, tmp_path):
    missing = cli("import", str(tmp_path / "finnes-ikke.docx"))
    assert missing.code == 2 and "finnes ikke" in missing.err
    source = tmp_path / "plan.txt"
    source.write_text("Arbeidsplan for Testby SV 2024-2027\n\nMål 1: Flere medlemmer\n", encoding="utf-8")
    assert "ukjent nivå «kommune»" in cli("import", str(source), "--level", "kommune").err
    assert "ugyldig periode «snart»" in cli("import", str(source), "--period", "snart", "--level", "lokallag").err


@needs_sources
def test_a_300_page_word_document_imports(tmp_path):
    text = without_gutter((KILDER / "landsstyret-2026-2029.txt").read_text(encoding="utf-8"))
    body = text.split("Hovedmål:", 1)[1]
    doc = write_docx(text + ("\nHovedmål:" + body) * 24, tmp_path / "stor.docx")
    result = api.import_document(doc)
    assert result.plan.counts()["tiltak"] == 76 * 25
    assert result.lost == [] and result.exit_code == 0


def _word_plan_with_headings(path: Path) -> Path:
    """A local plan as a board writes it in Word: heading styles, a list of sub-goals, a table of measures."""
    import docx

    d = docx.Document()
    d.add_heading("Arbeidsplan for Testby SV 2024–2027", level=1)
    d.add_paragraph("Vedtatt av årsmøtet i Testby SV, 20. januar 2024")
    d.add_paragraph("Lokallagsstyret rapporterer årlig til årsmøtet.")
    d.add_heading("Mål 1: Flere aktive medlemmer", level=2)
    d.add_paragraph("Medlemmene er lagets viktigste ressurs.")
    d.add_heading("Delmål", level=3)
    d.add_paragraph("a) Øke antall aktive medlemmer.")
    d.add_paragraph("b) Ta godt imot nye medlemmer.")
    d.add_heading("Tiltak for å nå målet", level=3)
    table = d.add_table(rows=0, cols=4)
    for row in [("Nr", "Tiltak", "Tidsrom", "Ansvar"), ("1.1", "Ringe alle nye medlemmer.", "Årlig", "Styret"),
                ("1.2", "Medlemsmøte hver måned.", "2024-2027", "Styret og bydelslagene")]:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    d.add_heading("Mål 2: Synlige i bydelene", level=2)
    d.add_heading("Tiltak", level=3)
    d.add_paragraph("Stå på stand hver lørdag i valgår.", style="List Bullet")
    d.add_paragraph("Dele ut løpesedler før jul.", style="List Bullet")
    d.save(str(path))
    return path


def test_a_word_plan_with_heading_styles_and_a_table(tmp_path):
    result = api.import_document(_word_plan_with_headings(tmp_path / "testby.docx"), output=tmp_path / "testby.md")
    plan, _ = load_plan(tmp_path / "testby.md")
    assert plan.counts() == {"områder": 0, "mål": 2, "delmål": 2, "tiltak": 4}
    assert (plan.meta.organisation, plan.meta.level.value, str(plan.meta.period)) == ("Testby SV", "lokallag",
                                                                                       "2024–2027")
    assert (str(plan.meta.adopted.date), plan.meta.adopted.body) == ("2024-01-20", "årsmøtet i Testby SV")
    m = plan.find("1.2")[0]
    assert (m.text, m.timing_text, m.responsible) == ("Medlemsmøte hver måned.", "2024-2027",
                                                      "Styret og bydelslagene")
    assert [x.text for x in plan.find("2")[0].measures] == ["Stå på stand hver lørdag i valgår.",
                                                             "Dele ut løpesedler før jul."]
    assert [x.id for x in plan.find("2")[0].measures] == ["2.1", "2.2"] and result.derived_ids == 2
    assert [g.id for g in plan.find("1")[0].goals] == ["1a", "1b"]
    assert result.exit_code == 0 and result.lost == []


def _elvedal(path: Path, goal: str, style: str = "heading", tiltak_heading: bool = False) -> Path:
    """A nynorsk local board's plan as the tester wrote it in Word: «Mål 1 …» as a heading (or a bold line) over
    a table «Nr | Tiltak | Tidsrom | Ansvar» whose rows have no numbers."""
    import docx

    d = docx.Document()
    d.add_heading("Arbeidsplan for Elvedal SV 2026–2029", 1)
    d.add_paragraph("Lokallaget sin plan for perioden. Styret rapporterer kvart år til årsmøtet.")
    goals = [("Fleire aktive medlemer", [("Ringje alle nye medlemer.", "Heile perioden", "Styret"),
                                         ("Medlemsmøte kvar månad.", "Månadleg", "Leiar")]),
             ("Synlege i kommunen", [("Stand på torget.", "Vår og haust, årleg", "Styret")])]
    for n, (title, rows) in enumerate(goals, 1):
        line = goal.format(n=n, title=title)
        if style == "heading":
            d.add_heading(line, 2)
        else:
            d.add_paragraph().add_run(line).bold = True
        if tiltak_heading:
            d.add_heading("Tiltak", 3)
        table = d.add_table(rows=0, cols=4)
        for row in [("Nr", "Tiltak", "Tidsrom", "Ansvar")] + [("",) + r for r in rows]:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = value
    d.save(str(path))
    return path


@pytest.mark.parametrize("goal, style, tiltak_heading", [
    ("Mål {n} {title}", "heading", False), ("Mål {n} {title}", "heading", True), ("Mål {n} {title}", "bold", False),
    ("Mål {n}: {title}", "heading", False), ("Mål {n}: {title}", "bold", True), ("Mål {n} – {title}", "heading", False),
    ("Mål {n}. {title}", "heading", False)])
def test_a_goal_numbered_without_a_colon_keeps_its_table_of_measures(cli, tmp_path, goal, style, tiltak_heading):
    """«Mål 1 Fleire aktive medlemer» with no colon is as much a goal as «Mål 1: …»: its table's rows are its
    measures, not lines of text under «ukjent oppbygning»."""
    doc = _elvedal(tmp_path / "elvedal.docx", goal, style, tiltak_heading)
    out = tmp_path / "elvedal.md"
    result = cli("import", str(doc), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert "beholdt som tekst" not in result.err and "fant ingen mål" not in result.err
    assert "2 mål, 0 delmål og 3 tiltak" in result.err and "(«Mål 1: …» med delmål og tiltak)" in result.err
    plan, found = load_plan(out)
    assert [(g.id, g.title) for g in plan.goals] == [("1", "Fleire aktive medlemer"), ("2", "Synlege i kommunen")]
    assert [(m.id, m.text, m.timing_text, m.responsible) for m in plan.measures()] == [
        ("1.1", "Ringje alle nye medlemer.", "Heile perioden", "Styret"),
        ("1.2", "Medlemsmøte kvar månad.", "Månadleg", "Leiar"),
        ("2.1", "Stand på torget.", "Vår og haust, årleg", "Styret")]
    assert "## Mål 1: Fleire aktive medlemer" in out.read_text(encoding="utf-8")


def test_a_sentence_that_begins_with_mål_and_a_number_is_not_a_goal(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("Arbeidsplan for Testby SV 2024-2027\n\nMål 1: Flere medlemmer\n\nTiltak\n\n"
                      "• Verve ti nye medlemmer i året.\n\n"
                      "Mål 2 Synlighet i bydelene er noe vi har snakket om lenge, og som styret skal se på.\n",
                      encoding="utf-8")
    result = api.import_document(source, level="lokallag")
    assert [g.id for g in result.plan.goals] == ["1"]


def test_a_table_of_measures_under_no_goal_is_kept_as_text_and_check_says_so(cli, tmp_path):
    """Measures the importer cannot place under a goal stay as lines of text; the plan's check must not then
    say «Ingen funn»: AP215 names the table."""
    import docx

    d = docx.Document()
    d.add_heading("Arbeidsplan for Elvedal SV 2026–2029", 1)
    table = d.add_table(rows=0, cols=3)
    for row in [("Tiltak", "Tidsrom", "Ansvar"), ("Ringje alle nye medlemer.", "Heile perioden", "Styret")]:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    d.save(str(tmp_path / "laus.docx"))
    out = tmp_path / "laus.md"
    result = cli("import", str(tmp_path / "laus.docx"), "--level", "lokallag", "-o", str(out))
    assert "en tabell som ikke hører til et mål, er beholdt som tekst" in result.err
    assert "AP215" in result.err
    checked = cli("check", str(out))
    assert "Ingen funn" not in checked.out + checked.err
    assert "AP215 «Tiltak | Tidsrom | Ansvar» er overskriftsraden i en tabell med tiltak" in checked.out


@pytest.mark.parametrize("line", [
    "Vedtatt av årsmøtet i Fjellvik SV, 24. januar 2026", "Vedteken av årsmøtet i Fjellvik SV, 24. januar 2026",
    "Vedteke av årsmøtet i Fjellvik SV 24. januar 2026.", "Vedteke på årsmøtet i Fjellvik SV, 24. januar 2026",
    "Vedtekne av årsmøtet i Fjellvik SV, 24. januar 2026", "Vedteke av årsmøtet i Fjellvik SV, 24.01.2026"])
def test_the_adoption_line_in_nynorsk_fills_vedtatt(tmp_path, line):
    source = tmp_path / "plan.txt"
    source.write_text(f"Arbeidsplan for Fjellvik SV 2026-2029\n\n{line}\n\nMål 1: Fleire medlemer\n\nTiltak\n\n"
                      "• Ringje alle nye medlemer.\n", encoding="utf-8")
    result = api.import_document(source, level="lokallag")
    adopted = result.plan.meta.adopted
    assert (str(adopted.date), adopted.body) == ("2026-01-24", "årsmøtet i Fjellvik SV")
    assert [m.text for m in result.plan.measures()] == ["Ringje alle nye medlemer."]  # the line is no measure


def _strandvik(path: Path) -> Path:
    """The tester's nynorsk plan: sub-goals as a Word numbered list under «Delmål:», measures as bullets."""
    import docx

    d = docx.Document()
    d.add_heading("Arbeidsplan 2026–2029 for Strandvik SV", 1)
    d.add_paragraph("Vedteke av årsmøtet i Strandvik SV 1. februar 2026.")
    d.add_heading("Mål 1: Eit synleg lokallag", 2)
    d.add_paragraph("Delmål:")
    for text in ["Vi skal vere synlege i bygda heile året.", "Vi skal ha fleire aktive medlemer."]:
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Tiltak:")
    for text in ["Stand på torget kvar laurdag i valkampen.", "Medlemsmøte kvar månad, hausten og våren."]:
        d.add_paragraph(text, style="List Bullet")
    d.save(str(path))
    return path


def test_sub_goals_in_a_word_numbered_list_get_ids_as_the_message_says(cli, tmp_path):
    """Every item without an id gets one, as the import says: the listed sub-goals a), b) (1a, 1b) as lettered
    ones have, so `check` has no derived ids to suggest fixing (AP212)."""
    out = tmp_path / "strandvik.md"
    result = cli("import", str(_strandvik(tmp_path / "strandvik.docx")), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert "4 tiltak og punkter hadde ingen id i dokumentet og har fått en" in result.err
    text = out.read_text(encoding="utf-8")
    assert "- **a)** Vi skal vere synlege i bygda heile året.\n- **b)** Vi skal ha fleire aktive medlemer." in text
    plan, found = load_plan(out)
    assert [(g.id, g.explicit_id) for g in plan.find("1")[0].goals] == [("1a", True), ("1b", True)]
    assert all(m.explicit_id for m in plan.measures()) and found == []
    assert "for 4 tiltak og punkt" in plan.meta.note  # in the plan's own language, nynorsk


NYNORSK_DOCUMENTS = {
    "strandvik": "Mål 1: Eit synleg lokallag\n\nDelmål:\n\n• Vi skal vere synlege i bygda heile året.\n"
                 "• Vi skal ha fleire aktive medlemer.\n",
    "elvedal": "Lokallaget sin plan for perioden. Styret rapporterer kvart år til årsmøtet.\n\n"
               "Mål 1 Fleire aktive medlemer\n\nNr\tTiltak\tTidsrom\tAnsvar\n"
               "\tRingje alle nye medlemer.\tHeile perioden\tStyret\n\tMedlemsmøte kvar månad.\tMånadleg\tLeiar\n",
}
BOKMÅL_DOCUMENTS = {
    "testby": "Mål 1: Et synlig lokallag\n\nDelmål:\n\n• Vi skal være synlige i byen hele året.\n"
              "• Vi skal ha flere aktive medlemmer.\n",
    "medlemmer": "Lokallaget sin plan for perioden. Styret rapporterer hvert år til årsmøtet.\n\n"
                 "Mål 1 Flere aktive medlemmer\n\nNr\tTiltak\tTidsrom\tAnsvar\n"
                 "\tRinge alle nye medlemmer.\tHele perioden\tStyret\n\tMedlemsmøte hver måned.\tMånedlig\tLeder\n",
}


@pytest.mark.parametrize("name", sorted(NYNORSK_DOCUMENTS) + sorted(BOKMÅL_DOCUMENTS))
def test_a_short_plan_is_told_nynorsk_or_bokmål_by_its_words(tmp_path, name):
    """«Eit synleg lokallag», «vere», «fleire», «kvart», «ringje»: nynorsk, and the plan says `språk: nynorsk`;
    the same plan in bokmål stays bokmål (no `språk`)."""
    text = NYNORSK_DOCUMENTS.get(name) or BOKMÅL_DOCUMENTS[name]
    source = tmp_path / f"{name}.txt"
    source.write_text("Arbeidsplan for Testby SV 2026-2029\n\n" + text, encoding="utf-8")
    result = api.import_document(source, level="lokallag")
    nynorsk = name in NYNORSK_DOCUMENTS
    assert result.plan.meta.language == ("nynorsk" if nynorsk else "bokmål")
    assert ("\nspråk: nynorsk\n" in result.text) == nynorsk


@needs_sources
@pytest.mark.parametrize("name", sorted(DOCUMENTS) + ["andre/telemark-ungdomsrad-handlingsplan-2025.txt"])
def test_the_party_bokmål_documents_stay_bokmål(name):
    from arbeidsplan.read.importing.facts import written_language

    assert written_language((KILDER / name).read_text(encoding="utf-8").split("\n")) == (None, "")


def test_parents_are_written_relative_to_the_plan(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("Arbeidsplan for Testby SV 2024-2027\n\nLokallagsstyret rapporterer årlig.\n\n"
                      "Mål 1: Flere medlemmer\n\nTiltak\n\n• Verve ti nye medlemmer i året.\n", encoding="utf-8")
    (tmp_path / "plans" / "testby").mkdir(parents=True)
    out = tmp_path / "plans" / "testby" / "2024-2027.md"
    api.import_document(source, output=out, parents=[PLANS / "landsstyret" / "2022-2025.md"])
    plan, _ = load_plan(out)
    assert (out.parent / plan.meta.parents[0]).resolve() == (PLANS / "landsstyret" / "2022-2025.md").resolve()


def test_timing_and_responsible_from_the_text_only_when_asked_and_only_when_said_once(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("Arbeidsplan for Testby SV 2024-2027\n\nLokallagsstyret rapporterer årlig.\n\n"
                      "Mål 1: Flere medlemmer\n\nTiltak\n\n"
                      "• Arrangere en årlig medlemsfest.\n"
                      "• Styret skal ringe alle nye medlemmer i 2025.\n"
                      "• Stille liste til valgene i 2025 og 2027.\n"
                      "• Lage en vervekampanje.\n", encoding="utf-8")
    plain = api.import_document(source)
    assert [(m.timing_text, m.responsible) for m in plain.plan.measures()] == [(None, None)] * 4
    read = api.import_document(source, timing_from_text=True)
    assert [(m.timing_text, m.responsible) for m in read.plan.measures()] == [
        ("årlig", None), ("2025", "Styret"), (None, None), (None, None)]
    assert [m.text for m in read.plan.measures()] == [m.text for m in plain.plan.measures()]
    assert read.exit_code == 0 and read.findings == []


# -- any document -----------------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["Mål 1: Flere medlemmer", "Mål 2: Synlighet", "Mål:\t\tEt mål", "Hovedmål:", "Tiltak:", "Tiltak for å nå målet",
          "Sentrale tiltak:", "Fylkeslagas rolle:", "Lokallagas rolle:", "Viktige prioriteringer i perioden:", "Delmål",
          "Delmål: \t", "• Et punkt som skal gjøres.", "· annet punkt", "a) Et delmål", "b) Enda et", "1.1 Tydelig stemme",
          "2. Organisasjon", "2.1.1 God ledelse", "\tTiltak\tGjennomføring", "1a\tSette ned grupper\t2025",
          "1.1a\tRevidere\tÅrlig", "Måned\tValgår\tMellomår", "Nr. Tiltak: Tidsrom Ansvar", "1.1 Plan for verving. 2024 Styret",
          "2.2 Noe 2024-2027 Styret og", "bydelslag", "ene", "", "Vanlig tekst i et avsnitt.", "fortsettelse av linjen",
          "INNHOLD", "Innledning s. 3", "post@sv.no | sv.no 4", "12", "Vedtatt av landsstyret, 15. januar 2022",
          "Stryke, gjennomført", "~~strøket~~", "| a | b |", "# overskrift", "- liste", "**1.1** fet", "1. mai", "> sitat",
          "SAMFERDSEL", "Arbeidsplan 2024-2027", "Mål 3 Synlighet i bydelene", "Mål 4 – Skolering",
          "Vedteke av årsmøtet i Testby SV, 3. mars 2025", "Nr\tTiltak\tTidsrom\tAnsvar", "\tRinge nye\tÅrlig\tStyret"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.booleans())
def test_any_mix_of_plan_lines_imports_without_an_error_of_the_importer_own(lines, timing_from_text):
    """Errors a plan can have from its document (an id used twice) are allowed; the importer must not cause
    any: no measure outside a goal, no table without its measure column, no empty measure, no misplaced heading."""
    from arbeidsplan.read.importing.build import Options, import_extracted
    from arbeidsplan.read.importing.extract import Extracted

    extracted = Extracted("x.txt", "tekst", "linje", [SourceLine(t, n) for n, t in enumerate(lines, 1)])
    result = import_extracted(extracted, Options("Testby SV", "lokallag", (2024, 2027), (), timing_from_text),
                              "x.md")
    assert result.plan is not None
    assert [d.code for d in result.findings if d.severity.value == "error" and d.code != "AP202"] == []


def _odt(path: Path, body: str) -> Path:
    """A minimal OpenDocument text file, as LibreOffice saves one (the parts the importer reads)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
    return path


def test_an_odt_plan_from_libreoffice(tmp_path):
    def row(*cells):
        return "<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>"
                                            for c in cells) + "</table:table-row>"

    body = ('<text:h text:outline-level="1">Arbeidsplan for Testby SV 2024–2027</text:h>'
            '<text:p>Lokallagsstyret rapporterer<text:s/>årlig til årsmøtet.</text:p>'
            '<text:h text:outline-level="2">Mål 1: Flere aktive medlemmer</text:h>'
            '<text:h text:outline-level="3">Tiltak</text:h>'
            '<table:table>' + row("Nr", "Tiltak", "Tidsrom", "Ansvar") + row("1.1", "Ringe nye medlemmer.",
                                                                            "Årlig", "Styret") + '</table:table>'
            '<text:h text:outline-level="2">Mål 2: Synlighet</text:h><text:h text:outline-level="3">Tiltak</text:h>'
            '<text:list><text:list-item><text:p>Stå på stand.</text:p></text:list-item></text:list>')
    result = api.import_document(_odt(tmp_path / "plan.odt", body))
    assert result.kind == "odt" and result.plan.counts() == {"områder": 0, "mål": 2, "delmål": 0, "tiltak": 2}
    m = result.plan.find("1.1")[0]
    assert (m.text, m.timing_text, m.responsible) == ("Ringe nye medlemmer.", "Årlig", "Styret")
    assert result.plan.find("2.1")[0].text == "Stå på stand."
    assert result.exit_code == 0 and result.lost == []


def test_a_paragraph_after_a_list_in_an_odt_is_not_part_of_the_last_item(tmp_path):
    body = ('<text:h text:outline-level="1">Arbeidsplan for Testby SV 2024–2027</text:h>'
            '<text:h text:outline-level="2">Mål 1: Synlighet</text:h><text:h text:outline-level="3">Tiltak</text:h>'
            '<text:list><text:list-item><text:p>Stå på stand.</text:p></text:list-item></text:list>'
            '<text:p>Styret rapporterer årlig til årsmøtet.</text:p>')
    result = api.import_document(_odt(tmp_path / "plan.odt", body), level="lokallag")
    assert result.plan.find("1.1")[0].text == "Stå på stand."
    assert "Styret rapporterer årlig til årsmøtet." in result.text and result.lost == []


def test_a_damaged_odt_gets_one_line(cli, tmp_path):
    path = tmp_path / "skadet.odt"
    path.write_bytes(b"PK\x03\x04 ikke en pakke")
    result = cli("import", str(path))
    assert result.code == 2 and result.err == f"arbeidsplan: {path}: OpenDocument-filen er skadet og kan ikke åpnes\n"


def test_a_password_protected_pdf_gets_one_line(cli, tmp_path):
    from pypdf import PdfWriter

    plain = write_scanned_pdf(tmp_path / "ulåst.pdf")
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("hemmelig")
    locked = tmp_path / "låst.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    result = cli("import", str(locked))
    assert result.code == 2
    assert result.err == f"arbeidsplan: {locked}: dokumentet er passordbeskyttet; lagre det uten passord og prøv igjen\n"


def test_link_text_in_word_is_kept(tmp_path):
    import docx
    from docx.oxml.shared import OxmlElement

    document = docx.Document()
    para = document.add_paragraph("Programmet kan leses her: ")
    link, run, text = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "innlandet.sv.no/fylkesvalgprogram"
    run.append(text)
    link.append(run)
    para._p.append(link)
    para.add_run(" (oppdatert).")
    document.save(str(tmp_path / "lenke.docx"))
    result = api.import_document(tmp_path / "lenke.docx", organisation="Testby SV", level="lokallag",
                                 period="2024-2027")
    assert "Programmet kan leses her: innlandet.sv.no/fylkesvalgprogram (oppdatert)." in result.text


@needs_sources
def test_a_prose_heading_right_above_its_paragraph_stays_a_heading():
    """The 2026–2029 national plan: «Innledning» on its own line with the text right below (no blank line) is a
    heading, as in the hand-converted plan, not the first words of the paragraph."""
    text = api.import_document(KILDER / "landsstyret-2026-2029.txt").text
    assert "\n## Innledning\n\nPolitisk vil neste periode" in text
    hand = (PLANS / "landsstyret" / "2026-2029.md").read_text(encoding="utf-8")
    assert "## Innledning" in hand
