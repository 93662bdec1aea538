"""A measure the annual meeting strikes keeps its record (history/earlier.py).

From a new-user trial: a nynorsk lag recorded «2.4 gjennomførd» in 2026; the 2027 meeting struck 2.4 («Stryke,
gjennomført») and the row was deleted, as the README's diff example shows. Then `check` called the status line an
error (AP402: no such measure) and 2.4 a gap in the numbering (AP206), the 2026 status and report counted one measure
less (3 of 8 instead of 4 of 9), and the diff of the two adopted versions left out 2.4's status change. Git knows
what 2.4 was: the tests make a real repository, and each has its near miss.
"""

from __future__ import annotations

import json
import re
import shutil
from itertools import takewhile
from pathlib import Path

import pytest

from conftest import header
from planrepo import history

PLAN_2026 = header(periode="2026–2029") + """
# Arbeidsplan for Fjellvik SV (oppdiktet)

## Mål 1: Fleire aktive medlemer

### Tiltak

- **1.1** Ringje alle nye medlemer.
  - når: Årleg
- **1.2** Medlemsmøte kvar månad.
  - når: Heile perioden

## Mål 2: Synlegheit

### Tiltak

- **2.1** Stand på torget.
  - når: 2026
- **2.2** Nyheitsbrev.
  - når: 2026
- **2.3** Lage ei nettside.
  - når: 2026
"""

STATUS_2026 = """
## Status 2026

- **1.1** gjennomført
- **2.2** i gang
- **2.3** gjennomført — laga av ungdomslaget
"""

# The 2027 meeting strikes 2.3, done in 2026: the row goes, the status line stays.
PLAN_2027 = PLAN_2026.replace("- **2.3** Lage ei nettside.\n  - når: 2026\n", "") + STATUS_2026


def three_meetings(tmp_path: Path, plan_2027: str) -> Path:
    """The lag's repository: adopted in 2026, the year's statuses, and the 2027 meeting's plan."""
    root = tmp_path / "lag"
    history(root, "plans/fjellvik.md", [
        (PLAN_2026, "Vedteke på årsmøtet 2026", "2026-01-25T12:00:00+01:00", "vedtatt/2026"),
        (PLAN_2026 + STATUS_2026, "Status 2026", "2026-12-01T12:00:00+01:00", None),
        (plan_2027, "Revidert på årsmøtet 2027", "2027-01-24T12:00:00+01:00", "vedtatt/2027"),
    ])
    return root


@pytest.fixture
def lag(tmp_path: Path) -> Path:
    return three_meetings(tmp_path, PLAN_2027)


def test_check_knows_the_struck_measures_status_is_its_record(cli, lag):
    result = cli("check", "--select", "AP2,AP4", "plans/fjellvik.md", cwd=lag)
    assert "AP402" not in result.out and "AP206" not in result.out, result.out
    assert result.code == 0


def test_near_miss_a_status_for_an_id_the_plan_never_had_is_still_an_error(cli, lag):
    plan = lag / "plans" / "fjellvik.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "- **2.9** gjennomført\n", encoding="utf-8")
    result = cli("check", "--select", "AP4", "plans/fjellvik.md", cwd=lag)
    assert result.code == 1
    assert [line.split(": ", 1)[1] for line in result.out.splitlines() if "AP402" in line] == [
        "AP402 status for «2.9», men planen har ikke noe tiltak med den id-en"]


def test_near_miss_outside_git_nothing_is_known_of_the_strike(cli, lag, tmp_path):
    copy = tmp_path / "kopi" / "fjellvik.md"
    copy.parent.mkdir()
    shutil.copy(lag / "plans" / "fjellvik.md", copy)
    result = cli("check", "--select", "AP4", str(copy), cwd=tmp_path)
    assert result.code == 1 and "AP402 status for «2.3»" in result.out


def test_the_years_status_and_report_count_the_struck_measure(cli, lag, tmp_path):
    status = json.loads(cli("status", "--year", "2026", "--format", "json", "plans/fjellvik.md", cwd=lag).out)
    (plan,) = status["planer"]
    assert {t["id"]: t["status"] for t in plan["tiltak"]}["2.3"] == "gjennomført"
    # The same as the plan said before the meeting struck 2.3:
    before = tmp_path / "før" / "fjellvik.md"
    before.parent.mkdir()
    before.write_text(PLAN_2026 + STATUS_2026, encoding="utf-8")
    then = json.loads(cli("status", "--year", "2026", "--format", "json", str(before), cwd=tmp_path).out)
    assert plan["sammendrag"] == then["planer"][0]["sammendrag"]
    report = cli("report", "2026", "plans/fjellvik.md", cwd=lag).out
    assert "| 2.3 | Lage ei nettside. | 2026 |  | gjennomført | laga av ungdomslaget |" in report


def test_near_miss_the_next_years_status_does_not_bring_it_back(cli, lag):
    status = json.loads(cli("status", "--year", "2027", "--format", "json", "plans/fjellvik.md", cwd=lag).out)
    assert "2.3" not in {t["id"] for t in status["planer"][0]["tiltak"]}


def test_the_diff_of_the_meeting_lists_the_strike_and_the_year_of_the_struck_measure(cli, lag):
    out = cli("diff", "--format", "json", "vedtatt/2026", "vedtatt/2027", "plans/fjellvik.md", cwd=lag).out
    (d,) = json.loads(out)["diff"]
    assert [(c["type"], c["id"]) for c in d["endringer"]] == [("strøket", "2.3")]
    assert {(s["id"], s["år"], s["etter"]) for s in d["status"]} == {
        ("1.1", 2026, "gjennomført"), ("2.2", 2026, "i gang"), ("2.3", 2026, "gjennomført — laga av ungdomslaget")}


# From a later trial: the 2027 meeting moved 2.2 to goal 1 and gave it a new id (1.3) the way the county's
# secretary numbered it there; the board's «2.2 i gang» line stayed. `check` said nothing (2.2 was «struck»),
# `diff` left the 2026 status out, and the year's report listed the measure twice: 2.2 «i gang» and 1.3 «ikke
# rapportert».
PLAN_2027_RENUMBERED = PLAN_2026.replace("- **2.2** Nyheitsbrev.\n  - når: 2026\n", "").replace(
    "  - når: Heile perioden\n", "  - når: Heile perioden\n- **1.3** Nyheitsbrev.\n  - når: 2026\n"
) + STATUS_2026


@pytest.fixture
def renumbered(tmp_path: Path) -> Path:
    return three_meetings(tmp_path, PLAN_2027_RENUMBERED)


def test_check_says_the_status_line_must_follow_a_measure_that_got_a_new_id(cli, renumbered, monkeypatch):
    result = cli("check", "--select", "AP4", "plans/fjellvik.md", cwd=renumbered)
    assert result.code == 1
    assert [line.split(": ", 1)[1] for line in result.out.splitlines() if "AP402" in line] == [
        "AP402 status for «2.2», men planen har ikke noe tiltak med den id-en; tiltaket har fått id-en «1.3» "
        "(linje 17): skriv «1.3» i statuslinjen"]
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    nn = cli("check", "--select", "AP4", "plans/fjellvik.md", cwd=renumbered)
    assert "tiltaket har fått id-en «1.3» (linje 17): skriv «1.3» i statuslina" in nn.out


def test_near_miss_once_the_line_has_the_new_id_check_is_content(cli, renumbered):
    plan = renumbered / "plans" / "fjellvik.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("- **2.2** i gang", "- **1.3** i gang"),
                    encoding="utf-8")
    result = cli("check", "--select", "AP2,AP4", "plans/fjellvik.md", cwd=renumbered)
    assert result.code == 0, result.out


def test_the_diff_of_the_meeting_keeps_the_status_of_the_measure_with_a_new_id(cli, renumbered):
    out = cli("diff", "--format", "json", "vedtatt/2026", "vedtatt/2027", "plans/fjellvik.md", cwd=renumbered).out
    (d,) = json.loads(out)["diff"]
    assert ("ny id", "1.3") in [(c["type"], c["id"]) for c in d["endringer"]]
    assert {(s["id"], s["år"], s["etter"]) for s in d["status"]} == {
        ("1.1", 2026, "gjennomført"), ("1.3", 2026, "i gang"), ("2.3", 2026, "gjennomført — laga av ungdomslaget")}


def test_the_diff_since_an_older_meeting_keeps_the_status_line_of_a_measure_added_and_renumbered_since(cli, tmp_path):
    # 2.4 came in during 2026 and was done; the 2027 meeting moved it to goal 1 as 1.3. From the 2026 meeting's
    # version, 1.3 is new, and the board's «2.4 gjennomført» line (still in the file) was left out of the paper.
    added = PLAN_2026.replace("  - når: 2026\n", "  - når: 2026\n- **2.4** Plakatar på biblioteket.\n  - når: 2026\n", 1)
    status = "\n## Status 2026\n\n- **1.1** gjennomført\n- **2.4** gjennomført — 40 plakatar\n"
    renumbered = added.replace("- **2.4** Plakatar på biblioteket.\n  - når: 2026\n", "").replace(
        "  - når: Heile perioden\n", "  - når: Heile perioden\n- **1.3** Plakatar på biblioteket.\n  - når: 2026\n")
    root = tmp_path / "lag"
    history(root, "plans/fjellvik.md", [
        (PLAN_2026, "Vedteke på årsmøtet 2026", "2026-01-25T12:00:00+01:00", "vedtatt/2026"),
        (added + status, "Plakatar, og status 2026", "2026-12-01T12:00:00+01:00", None),
        (renumbered + status, "Revidert på årsmøtet 2027", "2027-01-24T12:00:00+01:00", "vedtatt/2027"),
    ])
    out = cli("diff", "--format", "json", "vedtatt/2026", "vedtatt/2027", "plans/fjellvik.md", cwd=root).out
    (d,) = json.loads(out)["diff"]
    assert [(c["type"], c["id"]) for c in d["endringer"]] == [("lagt til", "1.3")]
    assert {(s["id"], s["år"], s["etter"]) for s in d["status"]} == {
        ("1.1", 2026, "gjennomført"), ("2.4", 2026, "gjennomført — 40 plakatar")}
    # Near miss: between two versions that both have the line, it is no change.
    later = cli("diff", "--format", "json", "HEAD~1", "vedtatt/2027", "plans/fjellvik.md", cwd=root).out
    (d,) = json.loads(later)["diff"]
    assert d["status"] == []


# The same trial, the board's side: until the secretary changes «2.2 i gang» to «1.3 i gang», `status` and the
# year's report listed the measure twice, 1.3 «ikke rapportert» under goal 1 and 2.2 «i gang» under goal 2, and
# counted 6 measures planned where the plan has 5. Git knows 2.2 is 1.3 (as `check` and `diff` say): the
# measure is shown once, under 1.3, with the status its line gives, and a note that the line still says 2.2.
MOVED_NOTE = "statuslinjen har fortsatt den gamle id-en «2.2»"


def _as_if_written_13(tmp_path: Path, renumbered: Path) -> Path:
    """The plan as it reads once the secretary has written «1.3» in the status line (outside git: no history)."""
    fixed = tmp_path / "rettet" / "fjellvik.md"
    fixed.parent.mkdir()
    fixed.write_text((renumbered / "plans" / "fjellvik.md").read_text(encoding="utf-8").replace(
        "- **2.2** i gang", "- **1.3** i gang"), encoding="utf-8")
    return fixed


def test_status_shows_the_measure_with_a_new_id_once_with_the_status_written_under_the_old(cli, renumbered, tmp_path):
    status = json.loads(cli("status", "--year", "2026", "--format", "json", "plans/fjellvik.md", cwd=renumbered).out)
    (plan,) = status["planer"]
    assert [t["id"] for t in plan["tiltak"]] == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    moved = plan["tiltak"][2]
    assert (moved["mål"], moved["status"], moved["gammel_id"], moved["linje"]) == (["1"], "i gang", "2.2", 17)
    # Counted as the plan counts once the line says 1.3, where the measure has no old id to speak of:
    fixed = json.loads(cli("status", "--year", "2026", "--format", "json", str(_as_if_written_13(tmp_path, renumbered)),
                           cwd=tmp_path).out)["planer"][0]
    assert plan["sammendrag"] == fixed["sammendrag"] and plan["sammendrag"]["planlagt"] == 5
    assert [{**t, "gammel_id": None} for t in plan["tiltak"]] == fixed["tiltak"]
    assert {t["gammel_id"] for t in fixed["tiltak"]} == {None}

    table = cli("status", "--year", "2026", "plans/fjellvik.md", cwd=renumbered, columns=80).out
    lines = table.splitlines()
    assert [line.split()[0] for line in lines if re.match(r" \d\.\d ", line)] == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    row = next(k for k, line in enumerate(lines) if line.startswith(" 1.3 "))
    assert re.match(r" 1\.3 +Nyheitsbrev\. +i gang +statuslinjen", lines[row]), table
    note = lines[row].index("statuslinjen")  # the note column, wrapped over the lines below
    wrapped = [line[note:].strip() for line in takewhile(str.strip, lines[row:])]  # to the goal's end
    assert " ".join(part for part in wrapped if part) == MOVED_NOTE, table
    assert "Totalt: 2 av 5 planlagte tiltak gjennomført (40 %)" in table

    md = cli("status", "--year", "2026", "--format", "md", "plans/fjellvik.md", cwd=renumbered).out
    assert re.findall(r"^\| (\d\.\d) \|", md, flags=re.M) == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    assert f"| 1.3 | Nyheitsbrev. | 2026 |  | i gang | {MOVED_NOTE} |" in md

    csv = cli("status", "--year", "2026", "--format", "csv", "plans/fjellvik.md", cwd=renumbered).out
    assert [row.split(",")[2] for row in csv.splitlines()[1:]] == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    assert "plans/fjellvik.md,2026,1.3,1,Nyheitsbrev.,2026,,ja,i gang,," in csv


def test_the_years_report_shows_the_measure_with_a_new_id_once_in_every_format(cli, renumbered, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    md = cli("report", "2026", "plans/fjellvik.md", cwd=renumbered).out
    assert re.findall(r"^\| (\d\.\d) \|", md, flags=re.M) == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    assert f"| 1.3 | Nyheitsbrev. | 2026 |  | i gang | {MOVED_NOTE} |" in md
    assert "Tiltak planlagt i år: **5**. Gjennomført: **2** (40 %)." in md
    assert "- **1.3** Nyheitsbrev." not in md  # not «ikke rapportert»: it has its status

    html = cli("report", "2026", "--format", "html", "plans/fjellvik.md", cwd=renumbered).out
    assert re.findall(r'<td class="id">([^<]*)</td>', html) == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    assert f'<td>Nyheitsbrev.<br><span class="muted">{MOVED_NOTE}</span></td>' in html

    assert cli("report", "2026", "plans/fjellvik.md", "-o", str(tmp_path / "r.docx"), cwd=renumbered).code == 0
    doc = Document(str(tmp_path / "r.docx"))
    rows = [row.cells for table in doc.tables if table.rows and table.rows[0].cells[0].text == "ID"
            for row in table.rows[1:]]
    assert [cells[0].text for cells in rows] == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    assert (rows[2][1].text, rows[2][4].text) == (f"Nyheitsbrev.\n{MOVED_NOTE}", "i gang")

    assert cli("report", "2026", "plans/fjellvik.md", "-o", str(tmp_path / "r.pdf"), cwd=renumbered).code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "r.pdf")).pages)
    assert text.count("Nyheitsbrev.") == 1 and MOVED_NOTE in " ".join(text.split())

    nn = cli("report", "2026", "--lang", "nn", "plans/fjellvik.md", cwd=renumbered).out
    assert "| 1.3 | Nyheitsbrev. | 2026 |  | i gang | statuslina har framleis den gamle id-en «2.2» |" in nn
    en = cli("report", "2026", "--lang", "en", "plans/fjellvik.md", cwd=renumbered).out
    assert "| 1.3 | Nyheitsbrev. | 2026 |  | in progress | the status line still has the old id «2.2» |" in en


def test_the_report_says_it_too_where_the_measure_is_not_planned_for_the_year(cli, renumbered, tmp_path):
    # 1.3 (2.2 before the meeting) is planned for 2026 only; the board keeps writing 2.2 in later years.
    from docx import Document

    plan = renumbered / "plans" / "fjellvik.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n## Status 2027\n\n- **2.2** gjennomført — sendt i januar\n"
                    "\n## Status 2028\n\n- **2.2** utsatt\n", encoding="utf-8")
    done = cli("report", "2027", "plans/fjellvik.md", cwd=renumbered).out
    assert f"- **1.3** Nyheitsbrev. – sendt i januar; {MOVED_NOTE}" in done
    assert "**2.2**" not in done and "| 2.2 |" not in done
    other = cli("report", "2028", "plans/fjellvik.md", cwd=renumbered).out
    assert f"- **1.3** Nyheitsbrev. – utsatt: {MOVED_NOTE}" in other and "2.2**" not in other
    html = cli("report", "2028", "--format", "html", "plans/fjellvik.md", cwd=renumbered).out
    assert f"<li><strong>1.3</strong> Nyheitsbrev. – utsatt: {MOVED_NOTE}</li>" in html
    assert cli("report", "2027", "plans/fjellvik.md", "-o", str(tmp_path / "r.docx"), cwd=renumbered).code == 0
    paragraphs = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    assert f"1.3 Nyheitsbrev. – sendt i januar; {MOVED_NOTE}" in paragraphs


def test_near_miss_a_status_written_under_the_new_id_is_the_one_shown(cli, renumbered):
    # The secretary has added «1.3 gjennomført» but left the old line: the line with the measure's own id counts
    # (check still calls the old line AP402), and there is no note.
    plan = renumbered / "plans" / "fjellvik.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "- **1.3** gjennomført\n", encoding="utf-8")
    status = json.loads(cli("status", "--year", "2026", "--format", "json", "plans/fjellvik.md", cwd=renumbered).out)
    rows = {t["id"]: t for t in status["planer"][0]["tiltak"]}
    assert list(rows) == ["1.1", "1.2", "1.3", "2.1", "2.3"]
    assert (rows["1.3"]["status"], rows["1.3"]["gammel_id"]) == ("gjennomført", None)


def test_near_miss_a_measure_done_under_its_old_id_is_not_overdue_the_year_after(cli, renumbered):
    plan = renumbered / "plans" / "fjellvik.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("- **2.2** i gang", "- **2.2** gjennomført"),
                    encoding="utf-8")
    overdue = json.loads(cli("status", "--year", "2027", "--overdue", "--format", "json", "plans/fjellvik.md",
                             cwd=renumbered).out)
    assert [t["id"] for t in overdue["planer"][0]["tiltak"]] == ["1.2", "2.1"]  # not 1.3: done in 2026, as 2.2


def test_near_miss_outside_git_nothing_is_known_of_the_new_id(cli, renumbered, tmp_path):
    copy = tmp_path / "kopi" / "fjellvik.md"
    copy.parent.mkdir()
    shutil.copy(renumbered / "plans" / "fjellvik.md", copy)
    status = json.loads(cli("status", "--year", "2026", "--format", "json", str(copy), cwd=tmp_path).out)
    rows = {t["id"]: t for t in status["planer"][0]["tiltak"]}
    assert list(rows) == ["1.1", "1.2", "1.3", "2.1", "2.3"]  # the line for 2.2 names no measure: not shown
    assert (rows["1.3"]["status"], rows["1.3"]["gammel_id"]) == (None, None)
    assert MOVED_NOTE not in cli("report", "2026", str(copy), cwd=tmp_path).out
