"""What a county's organisational secretary met in a trial of the whole tool (fourth new-user trial), each as
that user's case. Every organisation, person and plan here is fictional."""

from __future__ import annotations

import docx

from arbeidsplan import api, load
from conftest import header


def _fjellvik(path):
    """Fictional Fjellvik SV's plan as a board writes it in Word: a heading per goal, the measures as bullets."""
    document = docx.Document()
    document.add_heading("Arbeidsplan for Fjellvik SV 2026-2029", 0)
    document.add_heading("Mål 1: Skolering", 1)
    document.add_paragraph("Grunnskolering for alle nye tillitsvalgte.", style="List Bullet")
    document.add_paragraph("Helgesamling hvert år i oktober.", style="List Bullet")
    document.add_heading("Mål 2: Aktive medlemmer", 1)
    document.add_paragraph("Vi vil ha flere medlemmer som er med.")
    document.add_paragraph("Ringe nye medlemmer innen to uker.", style="List Bullet")
    document.add_paragraph("Medlemsmøte hver måned.", style="List Bullet")
    document.save(str(path))
    return path


def test_bullets_under_a_goal_in_word_are_the_goals_measures(cli, tmp_path):
    """The secretary's Word plan had «Mål 1: …» headings with bullet lists: import wrote «0 tiltak», and check
    said «Ingen funn» for a plan whose measures were all the goals' descriptions."""
    out = tmp_path / "fjellvik.md"
    result = cli("import", str(_fjellvik(tmp_path / "fjellvik.docx")), "--level", "lokallag", "--period",
                 "2026-2029", "-o", str(out))
    assert result.code == 0, result.err
    assert "2 mål, 0 delmål og 4 tiltak" in result.err
    plan = load([out]).plans[0]
    assert [(chain[-1].id, m.text) for chain, m in plan.measures_with_parents()] == [
        ("1", "Grunnskolering for alle nye tillitsvalgte."), ("1", "Helgesamling hvert år i oktober."),
        ("2", "Ringe nye medlemmer innen to uker."), ("2", "Medlemsmøte hver måned.")]
    assert plan.find("2")[0].description == "Vi vil ha flere medlemmer som er med."


def test_bullets_under_a_goal_in_a_pdf_or_text_are_the_goals_measures(tmp_path):
    """A local branch's plan sent as a PDF reads as this text does after extraction."""
    source = tmp_path / "elvedal.txt"
    source.write_text("Arbeidsplan for Elvedal SV 2026-2029\n\nMål 1: Fleire aktive medlemer\n\n"
                      "• Ringje alle nye medlemer innan to veker.\n• Ha ein medlemsansvarleg i styret.\n\n"
                      "Mål 2: Synlege i lokalmiljøet\n\n• Stand på torget kvar laurdag i mai.\n", encoding="utf-8")
    result = api.import_document(source, level="lokallag", period="2026-2029")
    assert [m.text for _, m in result.plan.measures_with_parents()] == [
        "Ringje alle nye medlemer innan to veker.", "Ha ein medlemsansvarleg i styret.",
        "Stand på torget kvar laurdag i mai."]
    assert result.findings == [] and result.kept == result.words


def test_every_autumn_is_every_year_in_the_autumn_not_a_warning(cli, write):
    """«hver høst» on a measure gave AP301 «forstår ikke «hver»», though «høsten hvert år» was read."""
    plan = write("testvik.md", header() + "\n## Mål 1: Synlige\n\n### Tiltak\n\n"
                 "- **1.1** Dørbanke i alle bydeler.\n  - når: hver høst\n"
                 "- **1.2** Stand på torget.\n  - når: Hver vår og høst\n"
                 "- **1.3** Sommerfest for medlemmene.\n  - når: kvar sommar\n"
                 "- **1.4** Julemøte.\n  - når: hver vinter\n")
    result = cli("check", str(plan))
    assert "AP301" not in result.out, result.out
    assert result.code == 0
    measures = {m.id: m for _, m in load([plan]).plans[0].measures_with_parents()}
    period = load([plan]).plans[0].meta.period
    assert measures["1.1"].timing.years_in(period) == frozenset(period.years)
    assert measures["1.1"].timing.months == frozenset({9, 10, 11})
    assert measures["1.2"].timing.months == frozenset({3, 4, 5, 9, 10, 11})
    assert measures["1.3"].timing.months == frozenset({6, 7, 8})
    assert measures["1.4"].timing.months == frozenset({12, 1, 2})


FJORDHEIM = header(organisasjon="Fjordheim SV", nivå="fylkeslag") + """
## Mål 2: Aktive medlemmer

### Tiltak

- **2b** Lage en plan for listestilling.
  - når: høsten 2026
- **2c** Starte et studentlag ved høgskolen i Fjordheim.
  - når: 2027

## Status 2026

- **2b** gjennomført
- **2c** i gang — første møte med studentene holdt
"""


def test_the_report_tells_the_meeting_what_the_board_did_on_a_measure_planned_for_a_later_year(cli, write, tmp_path):
    """The board started next year's measure early and wrote «i gang» for 2026: `status` showed it, but the
    annual report left it out (only one done early had a place), so the meeting never heard of it."""
    plan = write("fjordheim.md", FJORDHEIM)
    md = cli("report", "2026", str(plan))
    assert md.code == 0, md.err
    assert ("## Status for tiltak som ikke er planlagt i år\n\n- **2c** Starte et studentlag ved høgskolen i "
            "Fjordheim. – i gang: første møte med studentene holdt\n") in md.out
    html = cli("report", "2026", str(plan), "-o", str(tmp_path / "rapport.html"))
    assert html.code == 0, html.err
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "<h2>Status for tiltak som ikke er planlagt i år</h2>" in page
    assert "<strong>2c</strong> Starte et studentlag ved høgskolen i Fjordheim. – i gang: første møte" in page
    word = cli("report", "2026", str(plan), "-o", str(tmp_path / "rapport.docx"))
    assert word.code == 0, word.err
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "rapport.docx")).paragraphs]
    at = paragraphs.index("Status for tiltak som ikke er planlagt i år")
    assert paragraphs[at + 1] == ("2c Starte et studentlag ved høgskolen i Fjordheim. – i gang: første møte med "
                                  "studentene holdt")
    english = cli("report", "2026", str(plan), "--lang", "en")
    assert "## Status of measures not planned for this year\n\n- **2c** Starte et studentlag ved høgskolen i " \
           "Fjordheim. – in progress: første møte med studentene holdt\n" in english.out


def test_a_misspelt_status_word_is_answered_with_the_word_that_was_meant(cli, write, monkeypatch):
    """«gjenomført» (one n) got the list of seven words, with nothing to say which of them was meant."""
    plan = write("fjordheim.md", FJORDHEIM)
    typed = cli("status", "set", str(plan), "2b", "gjenomført", "--year", "2026")
    assert typed.code == 2
    assert typed.err.endswith("ikke gjennomført, strøket; mente du «gjennomført»?\n"), typed.err
    written = write("elvedal.md", FJORDHEIM.replace("- **2b** gjennomført", "- **2b** gjenomført"))
    found = cli("check", str(written))
    assert "AP401 ukjent status «gjenomført»; bruk en av: planlagt, i gang, gjennomført, delvis gjennomført, " \
           "utsatt, ikke gjennomført, strøket; mente du «gjennomført»?\n" in found.out
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    nynorsk = cli("status", "set", str(plan), "2b", "utsat", "--year", "2026")
    assert nynorsk.err.endswith("stroke; meinte du «utsett»?\n"), nynorsk.err
    unlike = cli("status", "set", str(plan), "2b", "nesten ferdig", "--year", "2026")
    assert "meinte du" not in unlike.err


def test_import_says_a_plan_without_a_parent_is_not_compared_with_the_national_plan(cli, tmp_path):
    """The secretary imported the county plan without --parent: check then said «Ingen funn» and compared it
    with nothing, and nothing said that the national plan's requirements had not been looked at."""
    document = _fjellvik(tmp_path / "fjellvik.docx")
    alone = cli("import", str(document), "--level", "fylkeslag", "--period", "2026-2029",
                "-o", str(tmp_path / "alone.md"))
    assert alone.code == 0, alone.err
    assert ("planen har ingen overordnet plan og er ikke sammenlignet med kravene fra planene over den; oppgi den "
            "med --parent (f.eks. --parent plans/landsstyret/2026-2029.md) eller skriv «overordnet:» i front "
            "matter\n") in alone.err
    national = tmp_path / "plans" / "landsstyret" / "2026-2029.md"
    national.parent.mkdir(parents=True)
    national.write_text(header(organisasjon="Fiktivt SV", nivå="nasjonalt") + "\n## Mål 1: A\n\n"
                        "### Fylkeslagas rolle\n\n- **1.F1** Ha en skoleringsansvarlig.\n", encoding="utf-8")
    linked = cli("import", str(document), "--level", "fylkeslag", "--period", "2026-2029", "--parent",
                 str(national), "-o", str(tmp_path / "plans" / "fjellvik.md"))
    assert linked.code == 0, linked.err
    assert "ingen overordnet plan" not in linked.err
    top = cli("import", str(document), "--level", "nasjonalt", "--period", "2026-2029")
    assert "ingen overordnet plan" not in top.err


def test_a_mistyped_path_is_told_the_plan_it_most_likely_meant(cli, tmp_path):
    """«plans/fjordhiem/2026-2029.md» gave «AP108 finnes ikke» and nothing more; the folder beside it is
    «fjordheim». A path with nothing close to it is only said to be missing."""
    plan = tmp_path / "plans" / "fjordheim" / "2026-2029.md"
    plan.parent.mkdir(parents=True)
    plan.write_text(header(organisasjon="Fjordheim SV"), encoding="utf-8")
    result = cli("check", "plans/fjordhiem/2026-2029.md", cwd=tmp_path)
    assert result.code == 2  # nothing to check: a usage error, as before
    assert result.out.splitlines() == [
        "plans/fjordhiem/2026-2029.md: AP108 finnes ikke; mente du «plans/fjordheim/2026-2029.md»?"]
    assert cli("check", "plans/fjordheim/2025-2029.md", cwd=tmp_path).out.endswith(
        "mente du «plans/fjordheim/2026-2029.md»?\n")
    assert cli("check", "plans/oslo/2026-2029.md", cwd=tmp_path).out == "plans/oslo/2026-2029.md: AP108 finnes ikke\n"
