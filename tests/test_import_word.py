"""`arbeidsplan import` of Word documents as boards send them: tracked changes that are not accepted, footnotes,
comments, a table row merged across the table, a paragraph after a numbered list — nothing of what the document
holds is dropped, and what is not put in the plan is said. The documents are built here with python-docx and,
where it has no API, raw WordprocessingML."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from arbeidsplan import api

OPTIONS = {"organisation": "Løten SV", "level": "lokallag", "period": "2026-2029"}


def _run(text: str, deleted: bool = False):
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def _tracked(paragraph, before: str, old: str | None, new: str | None, after: str) -> None:
    """A tracked replacement as Word writes it: «before» <w:del>old</w:del> <w:ins>new</w:ins> «after»."""
    if before:
        paragraph._p.append(_run(before))
    for tag, text in (("w:del", old), ("w:ins", new)):
        if text:
            change = OxmlElement(tag)
            change.set(qn("w:id"), str(len(paragraph._p)))
            change.set(qn("w:author"), "Kari")
            change.append(_run(text, deleted=tag == "w:del"))
            paragraph._p.append(change)
    if after:
        paragraph._p.append(_run(after))


def _loten(path: Path) -> Path:
    """The tester's document: a tracked replacement in one item, an item wholly inserted, one wholly deleted."""
    document = docx.Document()
    document.add_paragraph("Arbeidsplan for Løten SV 2026–2029", style="Title")
    document.add_paragraph("Mål 1: Aktive medlemmer", style="Heading 1")
    document.add_paragraph("Tiltak", style="Heading 2")
    _tracked(document.add_paragraph(style="List Bullet"), "Arrangere medlemsmøte ", "hver måned",
             "annenhver måned", ".")
    _tracked(document.add_paragraph(style="List Bullet"), "", None, "Ringe alle nye medlemmer innen to uker.", "")
    _tracked(document.add_paragraph(style="List Bullet"), "", "Starte en Instagram-konto.", None, "")
    document.save(str(path))
    return path


def test_tracked_changes_are_read_inserted_as_text_deleted_as_struck_and_said(cli, tmp_path):
    doc = _loten(tmp_path / "loten.docx")
    out = tmp_path / "loten.md"
    result = cli("import", str(doc), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    written = out.read_text(encoding="utf-8")
    assert "- **1.1** Arrangere medlemsmøte ~~hver måned~~annenhver måned." in written
    assert "- **1.2** Ringe alle nye medlemmer innen to uker." in written
    assert "- **1.3** ~~Starte en Instagram-konto.~~" in written
    assert "loten.docx: dokumentet har sporede endringer som ikke er godtatt (2 innsatt, 2 slettet)" in result.err
    assert "tiltak 1.1 har en endring fra årsmøtet som ikke er gjennomført i teksten: «~~hver måned~~»" in result.err
    assert "tiltak 1.3 har en endring fra årsmøtet" in result.err
    # every word the document holds is counted: the deleted and the inserted ones too
    assert "Alt av teksten kom med (28 av 28 ord)." in result.err


def test_text_the_word_reader_misses_is_reported_lost_never_counted_as_kept(tmp_path, monkeypatch):
    """The check against the document's own XML: had inserted text been skipped again (as python-docx's
    paragraph.text skips it), the import says what is missing and exits 1, never «alt kom med»."""
    from arbeidsplan.read.importing import word

    walk = word.WordReader._walk

    def skipping_insertions(self, element, out, boxes, deleted):
        removed = [(n, child) for n, child in enumerate(element) if child.tag == word.W + "ins"]
        for _, child in removed:
            element.remove(child)
        try:
            walk(self, element, out, boxes, deleted)
        finally:  # put back for the check, which reads the document's XML itself
            for n, child in removed:
                element.insert(n, child)

    monkeypatch.setattr(word.WordReader, "_walk", skipping_insertions)
    result = api.import_document(_loten(tmp_path / "loten.docx"), **OPTIONS)
    lost = [lost.text for lost in result.lost]  # «hver måned» deleted and «annenhver» inserted touch: one word
    assert lost == ["månedannenhver", "ringe alle nye medlemmer innen to uker"]
    assert result.exit_code == 1


def _with_footnote(source: Path, path: Path, after: str, note: str) -> Path:
    """The document with a footnote, its reference placed after the text `after`: footnotes.xml written by hand,
    as python-docx cannot."""
    part = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
            f'{note}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename).decode("utf-8") if item.filename.endswith((".xml", ".rels")) else None
            if item.filename == "word/document.xml":
                data = data.replace(f"{after}</w:t></w:r>", f"{after}</w:t></w:r><w:r><w:rPr><w:vertAlign "
                                    'w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>', 1)
            elif item.filename == "[Content_Types].xml":
                data = data.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats'
                                    '.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    "</Relationships>")
            zout.writestr(item, data.encode("utf-8") if data is not None else zin.read(item.filename))
        zout.writestr("word/footnotes.xml", part)
    return path


def _hamar(path: Path) -> Path:
    """The tester's Hamar document: a table of measures with a row merged across it («Delmål 1a: …»), a
    comment, and a paragraph of its own after a numbered list."""
    document = docx.Document()
    document.add_paragraph("Arbeidsplan for Hamar SV 2026–2029", style="Title")
    document.add_paragraph("Mål 1: Flere aktive medlemmer", style="Heading 1")
    document.add_paragraph("Hamar SV skal ha flere medlemmer som deltar i arbeidet").add_run(", og minst 30 aktive.")
    document.add_paragraph("Tiltak", style="Heading 2")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Nr", "Tiltak", "Når", "Ansvar"]):
        cell.text = text
    for row in [("1.1", "Ringe alle nye medlemmer innen to uker.", "Hele perioden", "Styret"),
                ("1.2", "Arrangere medlemsmøte hver måned.", "Månedlig", "Styret"),
                ("1.3", "Ha en medlemsansvarlig i styret.", "Fra 2026", "Leder")]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    cells = table.add_row().cells
    cells[0].merge(cells[3]).text = "Delmål 1a: Unge medlemmer"
    for row in [("1.4", "Starte et studentlag ved høgskolen på Hamar.", "Høsten 2026", "Styret og SU"),
                ("1.5", "Invitere SU til alle medlemsmøter.", "Årlig", "Styret og SU")]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    document.add_paragraph("Mål 2: Synlige i lokalmiljøet", style="Heading 1")
    document.add_paragraph("Tiltak", style="Heading 2")
    for text in ["Stand på Stortorget hver lørdag i mai og juni.", "Dørbanke i alle bydeler før valget i 2027."]:
        document.add_paragraph(text, style="List Number")
    document.add_comment(document.paragraphs[-1].runs, text="Må avklares med fylkeslaget", author="Ola")
    document.add_paragraph("Mål 3: Godt skolerte tillitsvalgte", style="Heading 1")
    document.add_paragraph("Tiltak", style="Heading 2")
    for text in ["Alle styremedlemmer tar grunnskoleringen (våren 2026).", "Kurs i dørbanking før valgkampen 2027."]:
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Styret rapporterer årlig til årsmøtet.")
    document.save(str(path))
    return path


def test_a_footnote_is_kept_in_brackets_after_its_reference_and_counted(tmp_path):
    raw = _hamar(tmp_path / "raw.docx")
    doc = _with_footnote(raw, tmp_path / "hamar.docx", "deltar i arbeidet",
                         "Med aktiv menes minst ett oppdrag i året, jf. vedtektene § 4.")
    result = api.import_document(doc, level="lokallag")
    assert ("Hamar SV skal ha flere medlemmer som deltar i arbeidet [fotnote: Med aktiv menes minst ett oppdrag i "
            "året, jf. vedtektene § 4.], og minst 30 aktive.\n") in result.text
    assert result.lost == [] and result.kept == result.words
    without = api.import_document(raw, level="lokallag")
    assert result.words - without.words == len("fotnote Med aktiv menes minst ett oppdrag i året jf vedtektene 4".split())


def test_a_comment_is_said_in_one_line_with_its_place_and_not_put_in_the_plan(cli, tmp_path):
    result = cli("import", str(_hamar(tmp_path / "hamar.docx")), "--level", "lokallag")
    assert "fylkeslaget" not in result.out
    said = [line for line in result.err.splitlines() if "fylkeslaget" in line]
    assert said == [f"{tmp_path / 'hamar.docx'}:15: kommentaren «Må avklares med fylkeslaget» (Ola, ved «Dørbanke i "
                    "alle bydeler før valget i …») er ikke tatt med i planen; en kommentar er ikke en del av den "
                    "vedtatte teksten"]


def test_a_table_row_merged_across_the_table_is_a_sub_goal_over_the_rows_below(cli, tmp_path):
    out = tmp_path / "hamar.md"
    result = cli("import", str(_hamar(tmp_path / "hamar.docx")), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert "AP202" not in result.err
    written = out.read_text(encoding="utf-8")
    assert "### Delmål 1a: Unge medlemmer\n\n#### Tiltak\n\n| Nr | Tiltak | Når | Ansvar |" in written
    assert "| 1.4 | Starte et studentlag ved høgskolen på Hamar. | Høsten 2026 | Styret og SU |" in written
    plan = api.import_document(tmp_path / "hamar.docx", level="lokallag").plan
    assert [(chain[-1].id, m.id) for chain, m in plan.measures_with_parents()][:5] == [
        ("1", "1.1"), ("1", "1.2"), ("1", "1.3"), ("1a", "1.4"), ("1a", "1.5")]


def _table_plan(path: Path, rows: list[tuple[str, ...]]) -> Path:
    document = docx.Document()
    document.add_paragraph("Arbeidsplan for Hamar SV 2026–2029", style="Title")
    document.add_paragraph("Mål 1: Flere aktive medlemmer", style="Heading 1")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Nr", "Tiltak", "Ansvar"]):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[2]).text = row[0]
        else:
            for cell, text in zip(cells, row):
                cell.text = text
    document.save(str(path))
    return path


def test_sub_goal_rows_right_under_the_header_and_by_letter(tmp_path):
    doc = _table_plan(tmp_path / "plan.docx", [("Delmål a) Unge medlemmer",), ("1.1", "Starte et studentlag.", "SU"),
                                               ("Delmål b) Eldre medlemmer",), ("1.2", "Besøke sykehjem.", "Styret")])
    result = api.import_document(doc, level="lokallag")
    assert [(chain[-1].id, m.id) for chain, m in result.plan.measures_with_parents()] == [("1a", "1.1"), ("1b", "1.2")]
    assert result.findings == [] and result.kept == result.words
    assert "| Nr | Tiltak | Ansvar |\n| --- | --- | --- |\n\n" not in result.text  # no table with no rows


def test_a_merged_row_that_is_no_heading_stays_text_between_the_rows(tmp_path):
    doc = _table_plan(tmp_path / "plan.docx", [("1.1", "Verve ti nye medlemmer.", "Styret"),
                                               ("Tiltakene under gjelder bare valgår.",),
                                               ("1.2", "Stå på stand hver uke.", "Styret")])
    result = api.import_document(doc, level="lokallag")
    assert "\n\nTiltakene under gjelder bare valgår.\n\n| Nr | Tiltak | Ansvar |" in result.text
    assert [m.id for _, m in result.plan.measures_with_parents()] == ["1.1", "1.2"]
    assert result.exit_code == 0 and result.kept == result.words


def test_an_id_given_at_import_is_never_one_the_document_uses_itself(tmp_path):
    doc = _table_plan(tmp_path / "plan.docx", [("1.1", "Verve ti nye medlemmer.", "Styret"),
                                               ("", "Ringe nye medlemmer.", "Styret"),
                                               ("1.2", "Stå på stand hver uke.", "Styret")])
    result = api.import_document(doc, level="lokallag")
    assert [m.id for _, m in result.plan.measures_with_parents()] == ["1.1", "1.3", "1.2"]
    assert not [d for d in result.findings if d.code == "AP202"]


def test_a_paragraph_after_a_numbered_list_is_not_part_of_the_last_measure(tmp_path):
    result = api.import_document(_hamar(tmp_path / "hamar.docx"), level="lokallag")
    assert result.plan.find("3.2")[0].text == "Kurs i dørbanking før valgkampen 2027."
    assert "- **3.2** Kurs i dørbanking før valgkampen 2027.\n\nStyret rapporterer årlig til årsmøtet.\n" in result.text


def test_a_list_items_own_continued_text_stays_with_it(tmp_path):
    """«List Continue» (or a paragraph indented under the item) is the item's text going on, as Word shows it."""
    document = docx.Document()
    document.add_paragraph("Mål 1: Flere aktive medlemmer", style="Heading 1")
    document.add_paragraph("Tiltak", style="Heading 2")
    document.add_paragraph("Holde Ressursbanken oppdatert.", style="List Bullet")
    document.add_paragraph("Ressursbanken skal gi god oversikt.", style="List Continue")
    document.add_paragraph("Starte et studentlag.", style="List Bullet")
    indented = document.add_paragraph("Først ved høgskolen.")
    indented.paragraph_format.left_indent = docx.shared.Cm(1.27)
    document.save(str(tmp_path / "plan.docx"))
    result = api.import_document(tmp_path / "plan.docx", **OPTIONS)
    assert [m.text for _, m in result.plan.measures_with_parents()] == [
        "Holde Ressursbanken oppdatert. Ressursbanken skal gi god oversikt.", "Starte et studentlag. Først ved høgskolen."]


def test_text_boxes_content_controls_and_links_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Mål 1: Flere aktive medlemmer", style="Heading 1")
    body = document.element.body
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    para = OxmlElement("w:p")
    para.append(_run("Tekst i en innholdskontroll."))
    content.append(para)
    sdt.append(content)
    body.insert(len(body) - 1, sdt)
    anchor = document.add_paragraph("Se boksen.")
    run = OxmlElement("w:r")
    drawing = OxmlElement("w:drawing")
    box = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    inner.append(_run("Tekst i en tekstboks."))
    box.append(inner)
    drawing.append(box)
    run.append(drawing)
    anchor._p.append(run)
    document.save(str(tmp_path / "plan.docx"))
    result = api.import_document(tmp_path / "plan.docx", **OPTIONS)
    assert "Tekst i en innholdskontroll." in result.text
    assert "Se boksen.\n\nTekst i en tekstboks." in result.text
    assert result.lost == [] and result.kept == result.words
