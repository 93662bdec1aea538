"""Fixes from the trial in issue 14, each as the user met it: `new -o` into a folder that is not there yet,
`new` to standard output and the parent's path, a year outside the plan period, `status set` and the note,
and the exit code for a mistyped status word or id."""

from __future__ import annotations

import shutil

import yaml

from arbeidsplan import load_plan
from arbeidsplan.model import StatusWord
from conftest import REPO, header

NATIONAL = REPO / "plans" / "landsstyret" / "2026-2029.md"


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def _workspace(tmp_path):
    """A board's repository: the national plan in plans/landsstyret/, the user standing at the top."""
    national = tmp_path / "plans" / "landsstyret" / "2026-2029.md"
    national.parent.mkdir(parents=True)
    shutil.copyfile(NATIONAL, national)
    return national


# 1. `new -o` creates the missing folder


def test_new_into_a_folder_that_does_not_exist_yet_creates_it(cli, tmp_path):
    national = _workspace(tmp_path)
    result = cli("new", "--level", "fylkeslag", "--org", "Nytt fylke SV", "--parent", "plans/landsstyret/2026-2029.md",
                 "-o", "plans/ny/mappe/plan.md", cwd=tmp_path)
    assert result.code == 0, result.err
    written = tmp_path / "plans" / "ny" / "mappe" / "plan.md"
    assert written.is_file()
    (parent,) = _front_matter(written.read_text(encoding="utf-8"))["overordnet"]
    assert (written.parent / parent).resolve() == national.resolve()
    checked = cli("check", str(written), cwd=tmp_path)
    assert checked.code == 0, checked.out + checked.err


def test_new_still_refuses_a_file_where_the_folder_should_be(cli, tmp_path):
    _workspace(tmp_path)
    (tmp_path / "plans" / "ny").write_text("en fil, ikke en mappe\n", encoding="utf-8")
    result = cli("new", "--level", "fylkeslag", "--org", "X SV", "--parent", "plans/landsstyret/2026-2029.md",
                 "-o", "plans/ny/mappe/plan.md", cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip().splitlines() == ["arbeidsplan: plans/ny finnes, men er ikke en mappe; velg et annet "
                                               "sted å lagre planen"]
    assert (tmp_path / "plans" / "ny").read_text(encoding="utf-8") == "en fil, ikke en mappe\n"


def test_a_failed_new_leaves_no_empty_folders_behind(cli, tmp_path, monkeypatch):
    import errno
    import os

    _workspace(tmp_path)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    result = cli("new", "--level", "fylkeslag", "--org", "X SV", "--parent", "plans/landsstyret/2026-2029.md",
                 "-o", "plans/ny/mappe/plan.md", cwd=tmp_path)
    assert result.code == 2 and "plan.md" in result.err
    assert not (tmp_path / "plans" / "ny").exists()


def test_report_still_refuses_a_missing_folder(cli, tmp_path):
    _workspace(tmp_path)
    result = cli("report", "2026", "plans", "-o", "ny/rapport.md", cwd=tmp_path)
    assert result.code == 2 and "mappen ny finnes ikke" in result.err
    assert not (tmp_path / "ny").exists()


# 2. `new` to standard output: where the parent's path is relative to


def test_new_to_stdout_with_output_dir_writes_the_parent_path_from_that_folder(cli, tmp_path):
    national = _workspace(tmp_path)
    result = cli("new", "--level", "fylkeslag", "--org", "Nytt fylke SV", "--parent", "plans/landsstyret/2026-2029.md",
                 "--output-dir", "plans/nytt-fylke", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == ""
    (parent,) = _front_matter(result.out)["overordnet"]
    assert parent == "../landsstyret/2026-2029.md"
    saved = tmp_path / "plans" / "nytt-fylke" / "2026-2029.md"  # the user saves it where they said
    saved.parent.mkdir()
    saved.write_text(result.out, encoding="utf-8")
    assert (saved.parent / parent).resolve() == national.resolve()
    assert cli("check", "--strict", str(saved), cwd=tmp_path).code == 0


def test_new_to_stdout_without_output_dir_says_the_path_is_from_the_current_folder(cli, tmp_path):
    _workspace(tmp_path)
    result = cli("new", "--level", "fylkeslag", "--org", "Nytt fylke SV", "--parent", "plans/landsstyret/2026-2029.md",
                 cwd=tmp_path)
    assert result.code == 0
    assert _front_matter(result.out)["overordnet"] == ["plans/landsstyret/2026-2029.md"]
    (note,) = result.err.strip().splitlines()
    assert note.startswith("merk: stien i «overordnet:» er skrevet relativt til mappen du står i")
    assert "--output-dir" in note


# 4. `status set` keeps the note unless a new one is given

STATUS_PLAN = header(periode="2024–2027") + """
# Arbeidsplan

## Mål 1: Flere medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer.
  - når: 2025
- **1.2** Dørbanke i bydelene.
  - når: 2025

## Status 2025

- **1.1** i gang — 40 av 120 ringt
- **1.2** planlagt
"""


def _status_lines(path) -> list[str]:
    """The lines under «## Status 2025», as the user sees them in the file."""
    section = path.read_text(encoding="utf-8").split("## Status 2025\n")[1]
    return [line for line in section.splitlines() if line.strip()]


def test_status_set_without_note_keeps_the_note_that_was_there(cli, write):
    path = write("plan.md", STATUS_PLAN)
    result = cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2025")
    assert result.code == 0, result.err
    assert _status_lines(path) == ["- **1.1** gjennomført — 40 av 120 ringt", "- **1.2** planlagt"]
    plan, found = load_plan(path)
    entry = plan.find("1.1")[0].status_for(2025)
    assert found == [] and entry.word is StatusWord.GJENNOMFORT and entry.note == "40 av 120 ringt"


def test_status_set_keeps_a_note_written_over_two_lines(cli, write):
    path = write("plan.md", STATUS_PLAN.replace("40 av 120 ringt\n", "40 av 120 ringt,\n  resten i mars\n"))
    result = cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2025")
    assert result.code == 0, result.err
    assert _status_lines(path) == ["- **1.1** gjennomført — 40 av 120 ringt, resten i mars", "- **1.2** planlagt"]


def test_status_set_with_a_note_replaces_it_and_an_empty_note_removes_it(cli, write):
    path = write("plan.md", STATUS_PLAN)
    assert cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2025", "--note", "alle ringt").code == 0
    assert _status_lines(path)[0] == "- **1.1** gjennomført — alle ringt"
    assert cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2025", "--note", "").code == 0
    assert _status_lines(path)[0] == "- **1.1** gjennomført"


# 5. Exit codes for `status set`: a mistyped word or id is bad input (2), an error in the plan is 1


def test_status_set_with_an_unknown_status_word_is_bad_input(cli, write):
    path = write("plan.md", STATUS_PLAN)
    before = path.read_bytes()
    result = cli("status", "set", str(path), "1.1", "kanskje", "--year", "2025")
    assert result.code == 2
    assert result.err.startswith("arbeidsplan: ukjent status «kanskje»; bruk en av: ")
    assert path.read_bytes() == before


def test_status_set_with_an_unknown_id_is_bad_input(cli, write):
    path = write("plan.md", STATUS_PLAN)
    before = path.read_bytes()
    result = cli("status", "set", str(path), "1.9", "gjennomført", "--year", "2025")
    assert result.code == 2 and "har ikke noe tiltak med id-en «1.9»" in result.err
    assert path.read_bytes() == before


def test_status_set_on_a_plan_with_a_duplicate_id_is_a_plan_error(cli, write):
    path = write("plan.md", STATUS_PLAN.replace("- **1.2** Dørbanke", "- **1.1** Dørbanke").replace(
        "- **1.2** planlagt\n", ""))
    result = cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2025")
    assert result.code == 1 and "er brukt på flere tiltak" in result.err


# 3. A year outside every plan's period: one clear line, exit 2, not an empty report or table


def test_report_for_a_year_outside_the_plan_period_says_so(cli, write, tmp_path):
    path = write("plan.md", STATUS_PLAN)
    result = cli("report", "2031", str(path), "-o", str(tmp_path / "rapport.md"))
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines() == [
        f"arbeidsplan: 2031 er utenfor planperioden i {path} (2024–2027); velg et år i perioden"]
    assert not (tmp_path / "rapport.md").exists()


def test_status_for_a_year_outside_every_plans_period_names_each_plan(cli, write, tmp_path):
    first = write("plans/a.md", STATUS_PLAN)
    second = write("plans/b.md", STATUS_PLAN.replace("periode: 2024–2027", "periode: 2026–2029"))
    result = cli("status", "--year", "2023", str(tmp_path / "plans"))
    assert result.code == 2 and result.out == ""
    (line,) = result.err.strip().splitlines()
    assert line.startswith("arbeidsplan: 2023 er utenfor planperioden i alle de 2 planene: ")
    assert f"{first} (2024–2027)" in line and f"{second} (2026–2029)" in line


def test_status_for_a_year_inside_one_plans_period_still_shows_it(cli, write, tmp_path):
    write("plans/a.md", STATUS_PLAN)
    write("plans/b.md", STATUS_PLAN.replace("periode: 2024–2027", "periode: 2028–2031"))
    result = cli("status", "--year", "2025", str(tmp_path / "plans"))
    assert result.code == 0 and result.err == ""
    rows = {" ".join(line.split()[:3]): line.split()[3:6] for line in result.out.splitlines() if "Testlaget" in line}
    assert rows == {"Testlaget SV 2024–2027": ["2", "0", "0"], "Testlaget SV 2028–2031": ["0", "0", "0"]}


def test_report_in_the_period_is_unchanged(cli, write):
    path = write("plan.md", STATUS_PLAN)
    result = cli("report", "2025", str(path))
    assert result.code == 0 and result.out.startswith("# Årsrapport 2025") and "40 av 120" in result.out


def test_new_help_names_the_output_dir_option_with_a_word(cli):
    shown = cli("new", "--help", columns=120).out
    assert "--output-dir MAPPE" in shown and "Mappen planen skal lagres i" in shown
