"""What a new user met in a trial of the whole tool, each as that user's case."""

from __future__ import annotations

from conftest import header



def test_ids_write_refuses_a_plan_that_check_finds_errors_in(cli, write):
    plan = write("p.md", header() + "\n### Tiltak\n\n- Ringe alle.\n- Dørbanke.\n")
    before = plan.read_bytes()
    result = cli("ids", str(plan), "--write")
    assert result.code == 1
    assert "AP201" not in result.err and "står ikke under noe mål" in result.err
    assert plan.read_bytes() == before


def test_import_makes_the_folder_it_writes_into_and_writes_only_markdown(cli, write, tmp_path):
    source = write("plan.txt", "Arbeidsplan for Testlaget SV 2026–2029\n\nMål 1: Flere aktive\n\n• Ringe alle.\n")
    common = ("--org", "Testlaget SV", "--level", "lokallag", "--period", "2026-2029")
    made = cli("import", str(source), *common, "-o", str(tmp_path / "plans" / "ny" / "2026-2029.md"))
    assert made.code in (0, 1) and (tmp_path / "plans" / "ny" / "2026-2029.md").is_file()
    refused = cli("import", str(source), *common, "-o", str(tmp_path / "plan.docx"))
    assert refused.code == 2 and "«.docx»" in refused.err
    assert not (tmp_path / "plan.docx").exists()


def test_site_and_calendar_write_nothing_when_nothing_could_be_read(cli, tmp_path):
    site = cli("site", str(tmp_path / "finnes-ikke"), "-o", str(tmp_path / "nettsted"))
    assert site.code == 2 and not (tmp_path / "nettsted").exists()
    calendar = cli("calendar", str(tmp_path / "finnes-ikke.md"))
    assert calendar.code == 2 and calendar.out == ""


def test_usage_errors_name_the_option_and_the_command_to_ask(cli):
    result = cli("new", "--level", "lokallag", "--org", "X")
    assert result.code == 2
    assert result.err == "arbeidsplan: mangler valget --parent\nPrøv «arbeidsplan new --help».\n"
    bad = cli("--lang", "de", "check")
    assert bad.code == 2 and "ukjent språk «de»; bruk en av: nb, nn, en" in bad.err and "Invalid" not in bad.err


def test_status_help_shows_the_options_of_status_itself(cli):
    out = cli("status", "--help", columns=100).out
    assert "--year" in out and "--missing" in out and "status set" in out


def test_an_unknown_status_word_is_answered_with_the_words_of_the_users_language(cli, write, monkeypatch):
    plan = write("p.md", header() + "\n## Mål 1: A\n\n### Tiltak\n\n- **1.1** Ringe alle.\n")
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    result = cli("status", "set", str(plan), "1.1", "gjenomført", "--year", "2026")
    assert result.code == 2 and "utsett" in result.err and "utsatt" not in result.err


def test_new_refuses_a_parent_that_does_not_stand_above_the_new_plan(cli):
    from conftest import PLANS

    result = cli("new", "--level", "fylkeslag", "--org", "Y SV", "--parent", str(PLANS / "vestland/bergen/2024-2027.md"))
    assert result.code == 2 and "er for lokallag, som ikke står over fylkeslag" in result.err and result.out == ""


def test_import_to_standard_output_names_no_file_it_did_not_write(cli, write, tmp_path):
    source = write("plan.txt", "Arbeidsplan for Testlaget SV 2026–2029\n\nMål 1: Flere aktive\n\n• Ringe alle.\n\n"
                               "Mål 3: Hull\n\n• Noe.\n")
    result = cli("import", str(source), "--org", "Testlaget SV", "--level", "lokallag", "--period", "2026-2029",
                 cwd=tmp_path)
    assert "<standard ut>:" in result.err and "plan.md:" not in result.err
