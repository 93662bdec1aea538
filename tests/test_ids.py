"""`arbeidsplan ids`: written ids where a plan has only derived ones; the AP212 finding that suggests it."""

from __future__ import annotations

import json
import shutil

from arbeidsplan.read.workspace import load_plan
from conftest import header
from idplans import make_county_repo
from planrepo import git

PLAN = header() + """
# Plan

## Mål: Flere medlemmer

### Delmål

- Vi skal vokse i hele fylket.

### Tiltak

- Ringe nye medlemmer
  innen to uker.
  - når: Løpende
- Holde medlemsmøte.
1. Lage velkomstpakke.

## Mål 2: Synlighet

### Tiltak

| Tiltak | Når |
| --- | --- |
| Stå på stand | 2027 |
| Skrive leserinnlegg | 2026 |

## Mål: Valg

### Tiltak

| Nr | Tiltak | Når |
| --- | --- | --- |
| | Lage valgkampplan | 2027 |
| 3.2 | Dørbanke | 2027 |

## Status 2026

- **m1.t2** gjennomført — fire møter
"""

WRITTEN = (PLAN.replace("## Mål: Flere medlemmer", "## Mål 1: Flere medlemmer")
           .replace("- Vi skal vokse", "- **1.1** Vi skal vokse")
           .replace("- Ringe nye", "- **1.t1** Ringe nye")
           .replace("- Holde medlemsmøte.", "- **1.t2** Holde medlemsmøte.")
           .replace("1. Lage velkomstpakke.", "1. **1.t3** Lage velkomstpakke.")
           .replace("| Tiltak | Når |\n| --- | --- |\n| Stå på stand | 2027 |\n| Skrive leserinnlegg | 2026 |",
                    "| Nr | Tiltak | Når |\n| --- | --- | --- |\n| 2.1 | Stå på stand | 2027 |\n"
                    "| 2.2 | Skrive leserinnlegg | 2026 |")
           .replace("## Mål: Valg", "## Mål 3: Valg")
           .replace("| | Lage valgkampplan", "| 3.1 | Lage valgkampplan")
           .replace("- **m1.t2** gjennomført", "- **1.t2** gjennomført"))


def test_preview_shows_the_ids_and_leaves_the_file(cli, write):
    plan = write("plan.md", PLAN)
    before = plan.read_bytes()
    result = cli("ids", str(plan))
    assert result.code == 0, result.err
    assert plan.read_bytes() == before
    assert result.out.startswith(f"{plan}: 9 id-er ville blitt skrevet (kjør med --write for å endre filen):\n")
    removed = [line[1:] for line in result.out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in result.out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    old_lines, new_lines = PLAN.splitlines(), WRITTEN.splitlines()
    changed = [k for k, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    assert removed == [old_lines[k] for k in changed] and added == [new_lines[k] for k in changed]


def test_write_changes_only_the_ids_and_the_status_line_with_them(cli, write):
    plan = write("plan.md", PLAN)
    result = cli("ids", str(plan), "--write")
    assert result.code == 0, result.err
    assert result.out == f"{plan}: 9 id-er skrevet.\n"
    assert plan.read_text(encoding="utf-8") == WRITTEN
    parsed, found = load_plan(plan)
    assert all(item.explicit_id for item in [*parsed.walk_goals(), *parsed.measures()])
    assert [m.id for m in parsed.measures()] == ["1.t1", "1.t2", "1.t3", "2.1", "2.2", "3.1", "3.2"]
    assert parsed.find("1.t2")[0].statuses[0].note == "fire møter"
    again = cli("ids", str(plan))
    assert again.code == 0 and "alle mål og tiltak har faste id-er allerede" in again.out


def test_ids_as_json(cli, write):
    plan = write("plan.md", PLAN)
    data = json.loads(cli("ids", str(plan), "--format", "json").out)
    assert data["skrevet"] is False
    assert [(i["hva"], i["avledet"], i["ny"]) for i in data["id"]][:3] == [
        ("mål", "m1", "1"), ("mål", "m1.d1", "1.1"), ("mål", "m3", "3")]


def test_crlf_and_bom_are_kept(cli, write):
    plan = write("plan.md", b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode("utf-8"))
    assert cli("ids", str(plan), "--write").code == 0
    assert plan.read_bytes() == b"\xef\xbb\xbf" + WRITTEN.replace("\n", "\r\n").encode("utf-8")


def test_a_plan_with_errors_is_not_changed(cli, write):
    broken = write("plan.md", PLAN.replace("| | Lage valgkampplan | 2027 |", "| | Lage valgkampplan |"))
    before = broken.read_bytes()
    result = cli("ids", str(broken), "--write")
    assert result.code == 1 and "har 1 feil og blir ikke endret" in result.err
    assert broken.read_bytes() == before
    orphan = write("orphan.md", PLAN.replace("- **m1.t2** gjennomført", "- **m1.t9** gjennomført"))
    result = cli("ids", str(orphan), "--write")
    assert result.code == 1 and "status for «m1.t9», som ikke finnes i planen" in result.err
    missing = cli("ids", str(broken.parent / "finnes-ikke.md"))
    assert missing.code == 2 and "finnes ikke" in missing.err


def test_check_suggests_ids_for_a_plan_in_git(cli, tmp_path):
    outside = tmp_path / "utenfor" / "plan.md"
    outside.parent.mkdir()
    outside.write_text(PLAN, encoding="utf-8")
    assert "AP212" not in cli("check", str(outside)).out
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    inside = root / "plans" / "plan.md"
    inside.parent.mkdir()
    shutil.copy(outside, inside)
    out = cli("check", "plans/plan.md", cwd=root).out
    assert ("plans/plan.md:9:1: AP212 9 mål og tiltak har bare avledede id-er (som m1), som flytter seg når "
            "årsmøtet setter inn et punkt foran; planen ligger i et git-repo: «arbeidsplan ids plans/plan.md» "
            "skriver faste id-er") in " ".join(out.split())
    cli("ids", "plans/plan.md", "--write", cwd=root)
    assert "AP212" not in cli("check", "plans/plan.md", cwd=root).out


def test_the_command_check_suggests_can_be_pasted_into_a_shell(cli, tmp_path):
    """From a new-user trial: a plan saved as «vår plan.md» got «arbeidsplan ids plans/vår plan.md», which a
    shell splits at the space."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "plans" / "vår plan.md").write_text(PLAN, encoding="utf-8")
    out = " ".join(cli("check", "plans/vår plan.md", cwd=root).out.split())
    assert "«arbeidsplan ids 'plans/vår plan.md'» skriver faste id-er" in out


def test_writing_ids_is_no_change_for_the_meeting(cli, tmp_path):
    plan = make_county_repo(tmp_path / "fylke")
    root = plan.parents[2]
    assert cli("ids", "plans/fjordfylke/2024-2027.md", "--write", cwd=root).code == 0
    assert "**1.4** Ta i bruk medlemsregisteret" in plan.read_text(encoding="utf-8")
    result = cli("diff", "--since-adopted", "--format", "json", "plans/fjordfylke/2024-2027.md", cwd=root)
    (d,) = json.loads(result.out)["diff"]
    assert d["fra"] == "vedtatt/2026" and d["endringer"] == [] and d["status"] == []
