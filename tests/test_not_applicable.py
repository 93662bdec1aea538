"""A board marks a requirement as considered and not relevant («ikke aktuelt», with its reason) in the plan's
front matter: a local branch with no councillors under the real national plan 2026–2029, whose «4.L1 Sørge for
jevnlige møtepunkt mellom lokallagsstyret og de lokalt folkevalgte» does not apply to it."""

from __future__ import annotations

import csv
import io
import json
import textwrap

from arbeidsplan import load
from arbeidsplan.align.alignment import Aligner, State
from conftest import PLANS, checked

NATIONAL = PLANS / "landsstyret" / "2026-2029.md"
REASON = "Vi har ingen kommunestyregruppe i denne perioden."
MARKED = f"ikke aktuelt:\n  4.L1: {REASON}\n"

# Every local requirement of the national plan answered by a link, except 4.L1.
BODY = """
## Mål 1: Et lag som møter folk

### Tiltak

- **1.1** Banke dører i hele kommunen også i mellomvalgsår.
  - svarer på: 1.L1, 1.L2
- **1.2** Lage valgprogrammet av det folk sier på stand og dørene.
  - svarer på: 1.L3, 1.L4
- **1.3** Ha noe å invitere medlemmene med på hver måned, og ringe nye medlemmer.
  - svarer på: 2.L1, 2.L2, 2.L3
- **1.4** Kurs i velgersamtaler hvert år.
  - svarer på: 3.L1
- **1.5** Ha et utvalg med medlemmer som hjelper til med sakene.
  - svarer på: 4.L2, 4.L3
"""


def local_plan(tmp_path, front: str = MARKED, body: str = BODY, language: str = "") -> str:
    """The branch's plan under a copy of the real national plan, as tmp_path/plans/lag/2026-2029.md."""
    national = tmp_path / "plans" / "landsstyret" / "2026-2029.md"
    national.parent.mkdir(parents=True, exist_ok=True)
    national.write_bytes(NATIONAL.read_bytes())
    path = tmp_path / "plans" / "lag" / "2026-2029.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\norganisasjon: Testby SV\nnivå: lokallag\nperiode: 2026–2029\n"
                    f"overordnet: ../landsstyret/2026-2029.md\n{language}{front}---\n"
                    + textwrap.dedent(body), encoding="utf-8")
    return "plans/lag/2026-2029.md"


def test_a_marked_requirement_is_no_gap_and_strict_passes(cli, tmp_path):
    plan = local_plan(tmp_path, front="")
    before = cli("check", "--strict", plan, cwd=tmp_path)
    assert before.code == 1 and [line.split(" AP")[1][:3] for line in before.out.splitlines()] == ["601"]
    assert "kravet 4.L1 fra landsstyret/2026-2029 er ikke besvart" in before.out

    local_plan(tmp_path)
    after = cli("check", "--strict", plan, cwd=tmp_path)
    assert (after.code, after.out) == (0, "")
    lines = [" ".join(line.split()) for line in after.err.splitlines()]
    assert "Prioritering Koblet Foreslått Mulig svar Ubesvart Ikke aktuelt" in lines
    assert "4 SVs folkevalgte i alle ledd har god oppfølging 2 0 0 0 1" in lines  # 4.L1 «ikke aktuelt»


def test_the_column_is_there_only_when_something_is_marked(cli, tmp_path):
    plan = local_plan(tmp_path, front="")
    assert "Ikke aktuelt" not in cli("check", plan, cwd=tmp_path).err


def test_no_finding_names_the_marked_requirement_even_without_answers(cli, tmp_path):
    plan = local_plan(tmp_path, body="## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Møte folkevalgte i nabokommunen.\n")
    result = cli("check", plan, cwd=tmp_path)
    assert "kravet 4.L2 fra" in result.out  # the others are still reported
    assert "4.L1" not in result.out


def test_check_json_gives_the_state_and_the_reason(cli, tmp_path):
    plan = local_plan(tmp_path)
    data = json.loads(cli("check", "--format", "json", plan, cwd=tmp_path).out)
    (block,) = data["dekning"]
    priority = block["planer"][0]["prioriteringer"][3]
    assert (priority["id"], priority["koblet"], priority["ikke_aktuelt"], priority["ubesvart"]) == ("4", 2, 1, 0)
    first = priority["krav"][0]
    assert (first["id"], first["status"], first["grunn"], first["forslag"]) == ("4.L1", "ikke aktuelt", REASON, [])
    assert "grunn" not in priority["krav"][1]  # only a marked requirement has a reason


def test_coverage_counts_it_in_text_json_and_csv(cli, tmp_path):
    plan = local_plan(tmp_path)
    matrix = cli("coverage", plan, cwd=tmp_path).out.splitlines()
    assert matrix[3].split() == ["Testby", "SV", "2026–2029", "4+0/4", "3+0/3", "1+0/1", "2+0/2"]  # 4.L1 not counted
    assert matrix[4].startswith("Prioriteringer: 1 SV er et parti som organiserer")  # what the numbered columns are
    assert matrix[5].endswith("ingenting svarer. Krav merket «ikke aktuelt» telles ikke med.")  # the legend says so
    detail = cli("coverage", "--detail", plan, cwd=tmp_path, columns=250).out
    row = next(line for line in detail.splitlines() if "4.L1" in line)
    assert "ikke aktuelt" in row and REASON in row
    data = json.loads(cli("coverage", "--format", "json", plan, cwd=tmp_path).out)
    assert data["dekning"][0]["planer"][0]["prioriteringer"][3]["ikke_aktuelt"] == 1
    rows = list(csv.reader(io.StringIO(cli("coverage", "--format", "csv", plan, cwd=tmp_path).out)))
    assert rows[0][-1] == "grunn"
    (marked,) = [r for r in rows if r[3] == "4.L1"]
    assert marked[4:] == ["ikke aktuelt", "", "", "Sørge for jevnlige møtepunkt mellom lokallagsstyret og de lokalt "
                          "folkevalgte", REASON]


def test_a_priority_with_only_marked_requirements_is_no_gap(cli, tmp_path):
    body = "## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Grille i parken.\n"
    plan = local_plan(tmp_path, front="ikke aktuelt:\n  3.L1: Fylkeslaget kurser for oss.\n", body=body)
    out = cli("check", plan, cwd=tmp_path).out
    assert "prioriteringen 3 " not in out and "prioriteringen 4 " in out
    # only some of a priority's requirements marked: the priority is still a gap when nothing answers the rest
    local_plan(tmp_path, front=MARKED, body=body)
    assert "prioriteringen 4 «SVs folkevalgte i alle ledd har god oppfølging»" in cli("check", plan, cwd=tmp_path).out


def test_the_report_lists_it_with_its_reason_not_as_unanswered(cli, tmp_path):
    plan = local_plan(tmp_path)
    out = cli("report", "2026", plan, cwd=tmp_path).out
    lines = out.splitlines()
    start = lines.index("## Krav fra overordnet plan som ikke er aktuelle")
    assert lines[start:start + 5] == [
        "## Krav fra overordnet plan som ikke er aktuelle", "",
        "*Styret har vurdert disse kravene og funnet at de ikke gjelder laget, med begrunnelsen i planen.*", "",
        f"- **4.L1** Sørge for jevnlige møtepunkt mellom lokallagsstyret og de lokalt folkevalgte "
        f"(landsstyret/2026-2029) – {REASON}"]
    unanswered = lines.index("## Krav fra overordnet plan som ikke er besvart")
    assert lines[unanswered + 2] == "Alle krav fra overordnet plan er besvart."
    html = cli("report", "2026", plan, "--format", "html", cwd=tmp_path).out
    assert "<h2>Krav fra overordnet plan som ikke er aktuelle</h2>" in html and REASON in html


def test_the_papers_list_it_with_its_reason(cli, tmp_path):
    from docx import Document

    plan = local_plan(tmp_path)
    assert cli("report", "2026", plan, "-o", "rapport.docx", cwd=tmp_path).code == 0
    texts = [p.text for p in Document(str(tmp_path / "rapport.docx")).paragraphs]
    heading = texts.index("Krav fra overordnet plan som ikke er aktuelle")
    assert any(t.startswith("4.L1 Sørge for jevnlige") and t.endswith(REASON) for t in texts[heading:])


def test_the_site_shows_it_on_the_requirements_page_and_the_plans(cli, tmp_path):
    local_plan(tmp_path)
    assert cli("site", "plans", "-o", "nettsted", cwd=tmp_path).code == 0
    page = (tmp_path / "nettsted" / "krav" / "landsstyret-2026-2029-4-l1.html").read_text(encoding="utf-8")
    assert '<span class="badge ikke-aktuelt">ikke aktuelt (vurdert av styret): 1</span>' in page
    assert '<option value="ikke-aktuelt">ikke aktuelt</option>' in page  # the filter
    assert f'<span class="reason">{REASON}</span>' in page
    plan_page = (tmp_path / "nettsted" / "plan" / "lag-2026-2029.html").read_text(encoding="utf-8")
    assert '<span class="badge ikke-aktuelt">ikke aktuelt</span>' in plan_page and REASON in plan_page


def test_nynorsk_and_english_words(cli, tmp_path, monkeypatch):
    plan = local_plan(tmp_path, language="språk: nynorsk\n")
    out = cli("report", "2026", plan, cwd=tmp_path).out
    assert "## Krav frå overordna plan som ikkje er aktuelle" in out
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    row = next(line for line in cli("coverage", "--detail", plan, cwd=tmp_path, columns=250).out.splitlines()
               if "4.L1" in line)
    assert "ikkje aktuelt" in row
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    row = next(line for line in cli("coverage", "--detail", plan, cwd=tmp_path, columns=250).out.splitlines()
               if "4.L1" in line)
    assert "not applicable" in row and REASON in row
    assert "N/A" in cli("check", plan, cwd=tmp_path).err


def test_the_nynorsk_spelling_of_the_key_is_told_the_format_word(cli, tmp_path):
    plan = local_plan(tmp_path, front=f"ikkje aktuelt:\n  4.L1: {REASON}\n", language="språk: nynorsk\n")
    out = cli("check", plan, cwd=tmp_path).out.splitlines()
    assert "plans/lag/2026-2029.md:7:1: AP107 ukjent nøkkel «ikkje aktuelt» i front matter; mente du «ikke aktuelt»?" \
        in out


def test_bad_marks_each_give_one_line(cli, tmp_path):
    front = ("ikke aktuelt:\n"
             "  9.L9: Finnes ikke.\n"
             "  4.F1: Fylkeslagets.\n"
             "  1.L1: Vi banker ikke dører.\n"
             f"  4.L1:\n")
    plan = local_plan(tmp_path, front=front)
    result = cli("check", plan, cwd=tmp_path)
    assert "Traceback" not in result.err
    assert result.out.splitlines() == [
        "plans/lag/2026-2029.md:7:3: AP605 «ikke aktuelt: 9.L9» er ikke et krav til denne planen: finnes ikke i de "
        "overordnede planene (plans/landsstyret/2026-2029)",
        "plans/lag/2026-2029.md:8:3: AP605 «ikke aktuelt: 4.F1» er ikke et krav til denne planen: "
        "plans/landsstyret/2026-2029:232 er ikke et krav til lokallag",
        "plans/lag/2026-2029.md:9:3: AP607 kravet 1.L1 fra landsstyret/2026-2029 er merket «ikke aktuelt», men 1.1 "
        "svarer på det; koblingen gjelder, så fjern merkingen",
        "plans/lag/2026-2029.md:10:3: AP606 «ikke aktuelt: 4.L1» mangler styrets begrunnelse; skriv etter kolon "
        "hvorfor kravet ikke gjelder laget",
    ]
    assert result.code == 1  # AP605 is an error, as a link that goes nowhere (AP501)


def test_a_mark_that_is_not_a_mapping_is_one_line(cli, tmp_path):
    for front in ("ikke aktuelt: 4.L1\n", "ikke aktuelt:\n  4.L1: [a, b]\n"):
        plan = local_plan(tmp_path, front=front)
        result = cli("check", plan, cwd=tmp_path)
        assert "Traceback" not in result.err
        (line,) = [x for x in result.out.splitlines() if "AP106" in x]
        assert line.startswith("plans/lag/2026-2029.md:") and "ugyldig verdi for «ikke aktuelt»" in line


def test_the_reference_is_resolved_as_a_link_is(tmp_path):
    local_plan(tmp_path, front=f"ikke aktuelt:\n  landsstyret/2026-2029#4.L1: {REASON}\n")
    ws = load([tmp_path / "plans" / "lag" / "2026-2029.md"])
    aligner = Aligner(ws)
    (al,) = aligner.align(ws.plans[0])
    (answer,) = [a for a in al.answers if a.requirement.id == "4.L1"]
    assert (answer.state, answer.not_applicable, answer.candidates) == (State.NOT_APPLICABLE, REASON, ())


def test_a_marked_requirement_learns_nothing(tmp_path):
    """Its suggestions are not computed, so they learn from no other plan's answers (and the cache's digest leaves
    it out)."""
    local_plan(tmp_path, body="## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Grille i parken.\n")
    ws = load([tmp_path / "plans" / "lag" / "2026-2029.md"])
    plan = ws.plans[0]
    aligner = Aligner(ws)
    keys = aligner.asked_keys(plan)
    assert [keys[i][2] for i in sorted(aligner.answered(plan))] == ["4.L1"]


def test_a_cached_second_run_gives_the_same(cli, tmp_path, monkeypatch):
    plan = local_plan(tmp_path, front=MARKED + "  9.L9: Finnes ikke.\n")
    first = cli("check", plan, cwd=tmp_path)
    first_json = cli("check", "--format", "json", plan, cwd=tmp_path)
    names = checked(monkeypatch)
    second = cli("check", plan, cwd=tmp_path)
    second_json = cli("check", "--format", "json", plan, cwd=tmp_path)
    assert names == []  # from the cache
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    assert second_json.out == first_json.out and '"grunn": "' + REASON in first_json.out
    assert "Ikke aktuelt" in first.err
    # the reason is part of the plan's bytes: a changed reason is checked again
    local_plan(tmp_path, front="ikke aktuelt:\n  4.L1: Ny grunn.\n")
    assert '"grunn": "Ny grunn."' in cli("check", "--format", "json", plan, cwd=tmp_path).out


def test_the_plans_own_data_keeps_the_marks_as_written(cli, tmp_path):
    plan = local_plan(tmp_path, front=f"ikke aktuelt:\n  landsstyret/2026-2029#4.L1: {REASON}\n")
    data = json.loads(cli("show", "--format", "json", plan, cwd=tmp_path).out)
    assert data["ikke_aktuelt"] == {"landsstyret/2026-2029#4.L1": REASON}
