"""Status per measure per year, and the `arbeidsplan status` tables."""

from __future__ import annotations

import json

import pytest

from arbeidsplan import load_plan
from arbeidsplan.model import StatusWord
from arbeidsplan.status.year import rows_for_year, status_in, summarise
from arbeidsplan.vocabulary import match_status
from conftest import PLANS, REPO, golden

EXAMPLE = REPO / "examples" / "eksempelby" / "2024-2027.md"


@pytest.mark.parametrize("typed, word", [
    ("planlagt", StatusWord.PLANLAGT), ("planlagd", StatusWord.PLANLAGT),
    ("i gang", StatusWord.I_GANG), ("påbyrja", StatusWord.I_GANG),
    ("gjennomført", StatusWord.GJENNOMFORT), ("Gjennomførd", StatusWord.GJENNOMFORT),
    ("delvis gjennomført", StatusWord.DELVIS), ("utsatt", StatusWord.UTSATT), ("utsett", StatusWord.UTSATT),
    ("ikke gjennomført", StatusWord.IKKE_GJENNOMFORT), ("ikkje gjennomført", StatusWord.IKKE_GJENNOMFORT),
    ("strøket", StatusWord.STROKET), ("stroke", StatusWord.STROKET),
])
def test_status_vocabulary_bokmal_and_nynorsk(typed, word):
    assert match_status(typed) == (word, "")


@pytest.mark.parametrize("typed", ["nesten", "ferdig-ish", "gjennomføres", "ok", ""])
def test_unknown_status_words_are_not_guessed(typed):
    assert match_status(typed)[0] is None


def test_which_innlandet_measures_fall_in_2026():
    plan, _ = load_plan(PLANS / "innlandet/2025-2028.md")
    rows = rows_for_year(plan, 2026)
    ids = {r.measure.id for r in rows}
    # «2024 og 2026» falls in 2026; «2025», «Første halvår 2025», «April 2025» and 2024-only do not;
    # «Årlig», «Hele perioden», «Kontinuerlig», «Halvårlig», «Månedlig / ved behov» and «etter årsmøtet» do.
    assert {"1.1a", "1.3b", "2.1.1e", "2.1.2b", "2.2b"} <= ids
    assert not {"1a", "1b", "1.1b", "1.3c", "2.1.1d", "2.1.4a", "2.1.4c", "2.1.4d", "2.1.5b", "2.1.5c",
                "2.2.2a", "2.2.2d"} & ids
    assert {"1.1c", "1.2a", "1.2b", "1.3a", "2.2.1a", "2.1.1a", "2.1.1b", "2.1.1c", "2.2a", "2.3b"} <= ids
    assert len(rows) == 37  # 2.3d is two measures


def test_which_bergen_measures_fall_in_2025():
    plan, _ = load_plan(PLANS / "vestland/bergen/2024-2027.md")
    ids = {r.measure.id for r in rows_for_year(plan, 2025)}
    assert {"1.9", "2.4", "2.10", "2.13", "3.2", "4.3", "6.3", "6.4", "6.5", "1.5"} <= ids
    assert not {"1.1", "2.1", "2.3", "4.1", "5.2", "6.1", "6.2"} & ids


def test_one_off_done_counts_as_done_after_and_recurring_needs_each_year():
    plan, _ = load_plan(EXAMPLE)
    velkomstpakke = plan.find("2.3")[0]  # «2024», done 2024
    assert status_in(velkomstpakke, 2026).done and status_in(velkomstpakke, 2026).carried_from == 2024
    sommerfest = plan.find("2.4")[0]  # «Årlig»: utsatt 2025, done 2026
    assert status_in(sommerfest, 2025).word is StatusWord.UTSATT
    assert status_in(sommerfest, 2026).done
    aktivitet = plan.find("2.2")[0]  # «Kontinuerlig», no status for 2026
    assert status_in(aktivitet, 2026).entry is None


def test_summary_of_the_example_year():
    plan, _ = load_plan(EXAMPLE)
    rows = rows_for_year(plan, 2026)
    s = summarise(rows)
    assert (s.scheduled, s.done, s.not_reported, s.done_unscheduled) == (9, 5, 1, 1)
    assert s.by_status == {"gjennomført": 5, "i gang": 2, "utsatt": 1, "ikke rapportert": 1}


def test_status_table_in_80_columns(cli):
    result = cli("status", "--year", "2026", str(EXAMPLE.relative_to(REPO)), cwd=REPO, columns=80)
    assert result.code == 0
    assert "\x1b[" not in result.out  # piped: no colour codes
    assert max(len(line) for line in result.out.splitlines()) <= 80
    assert "Totalt: 5 av 9 planlagte tiltak gjennomført (56 %)" in result.out
    golden("status-eksempel-2026.txt", result.out)


def test_status_on_the_real_plans_everything_is_unreported(cli):
    result = cli("status", "--year", "2026", "plans", cwd=REPO, columns=80)
    assert result.code == 0 and "\x1b[" not in result.out
    assert max(len(line) for line in result.out.splitlines()) <= 80
    flat = " ".join(result.out.split())
    assert "Innlandet SV 2025–2028 37 0 37" in flat
    # The national plan's own measures: what it asks of the county and local branches («Fylkeslagas rolle»,
    # «Lokallagas rolle») is theirs to carry out and report, not the national board's (a new-user trial).
    assert "SV 2026–2029 53 0 53" in flat and "Bergen SV 2024–2027 31 0 31" in flat
    golden("status-plans-2026.txt", result.out)


def test_the_national_plans_status_leaves_out_what_it_asks_of_the_branches():
    plan, _ = load_plan(REPO / "plans" / "landsstyret" / "2026-2029.md")
    rows = rows_for_year(plan, 2026)
    assert rows and all(r.measure.addressed_to is None for r in rows)
    asked = [m for m in plan.measures() if m.addressed_to is not None]
    assert len(asked) == 23 and not {m.id for m in asked} & {r.measure.id for r in rows}


def test_missing_for_several_plans_lists_the_measures_themselves(cli, tmp_path):
    """From a new-user trial: `status --missing plans/` showed only the table of totals, not which measures."""
    import shutil

    shutil.copytree(REPO / "examples", tmp_path / "plans")
    other = tmp_path / "plans" / "eksempelby" / "annet.md"
    other.write_text(EXAMPLE.read_text(encoding="utf-8").replace("Eksempelby SV", "Annetby SV"), encoding="utf-8")
    result = cli("status", "-y", "2026", "--missing", "plans", cwd=tmp_path, columns=100)
    assert result.code == 0, result.err
    flat = " ".join(result.out.split())
    assert flat.count("2.2 Ha minst én planlagt medlemsaktivitet") == 2, result.out  # each plan's one unreported
    assert "Eksempelby SV (fiktivt lokallag) 2024–2027: status 2026" in flat and "Annetby SV" in flat


def test_near_miss_several_plans_without_a_selection_are_the_table_of_totals(cli, tmp_path):
    import shutil

    shutil.copytree(REPO / "examples", tmp_path / "plans")
    (tmp_path / "plans" / "eksempelby" / "annet.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    flat = " ".join(cli("status", "-y", "2026", "plans", cwd=tmp_path, columns=100).out.split())
    assert "Ha minst én planlagt medlemsaktivitet" not in flat and "Framdrift" in flat


def test_status_filters(cli):
    path = str(EXAMPLE.relative_to(REPO))
    missing = json.loads(cli("status", "-y", "2026", "--missing", "-f", "json", path, cwd=REPO).out)
    assert [t["id"] for t in missing["planer"][0]["tiltak"]] == ["2.2"]
    styret = json.loads(cli("status", "-y", "2026", "--ansvar", "styret", "-f", "json", path, cwd=REPO).out)
    assert {t["ansvar"] for t in styret["planer"][0]["tiltak"]} == {"Styret"}
    overdue = json.loads(cli("status", "-y", "2026", "--overdue", "-f", "json", path, cwd=REPO).out)
    assert {t["id"]: t["forsinket_fra"] for t in overdue["planer"][0]["tiltak"]} == {
        "2.2": [2024], "2.4": [2025], "3.2": [2025]}


def test_status_csv_and_markdown(cli):
    path = str(EXAMPLE.relative_to(REPO))
    csv_out = cli("status", "-y", "2026", "-f", "csv", path, cwd=REPO).out
    lines = csv_out.splitlines()
    assert lines[0] == "plan,år,id,mål,tiltak,når,ansvar,planlagt_i_år,status,merknad,forsinket_fra"
    assert len(lines) == 1 + 10
    md = cli("status", "-y", "2026", "-f", "md", path, cwd=REPO).out
    assert "| 1.4 | Ta kontakt med LO i Eksempelby om en samarbeidsavtale. | Første halvår 2026 | Leder | utsatt |" in md


STRUCK = """---
organisasjon: Testlaget SV
nivå: lokallag
periode: 2026–2029
---
## Mål 1: Flere aktive
### Tiltak
- **1.1** Ringe nye medlemmer
  - når: 2026
- **1.2** Dørbank i bydelene
  - når: 2026
- **1.3** Sommeravslutning
  - når: 2026

## Status 2026

- **1.1** gjennomført
- **1.3** strøket — styret prioriterte valgkampen
"""


def test_a_measure_the_board_struck_is_no_longer_counted_as_planned(cli, write):
    """Three measures for 2026, one done, one struck: 1 of 2 planned is done, in the status table and in the
    report the annual meeting reads."""
    path = write("plan.md", STRUCK)
    status = cli("status", "--year", "2026", path)
    assert "Totalt: 1 av 2 planlagte tiltak gjennomført (50 %)" in status.out
    report = cli("report", "2026", path)
    assert "Tiltak planlagt i år: **2**. Gjennomført: **1** (50 %)." in report.out
    assert "Strøket" in report.out or "strøket" in report.out  # the struck measure is still shown as struck
    rows = {line.split(",")[2]: line for line in cli("status", "--year", "2026", "--format", "csv", path).out.splitlines()[1:]}
    assert ",nei,strøket," in rows["1.3"] and ",ja,gjennomført" in rows["1.1"]  # its row: listed, not planned


def test_the_near_miss_a_measure_not_reported_is_still_planned(cli, write):
    path = write("plan.md", STRUCK.replace("- **1.3** strøket — styret prioriterte valgkampen\n", ""))
    assert "Totalt: 1 av 3 planlagte tiltak gjennomført (33 %)" in cli("status", "--year", "2026", path).out
