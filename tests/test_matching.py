"""Matching items between versions of a plan without trusting derived ids: real repositories for the annual
meeting's revisions, and plain pairs of versions for the single moves."""

from __future__ import annotations

import json
import textwrap

import pytest

from arbeidsplan.history.plandiff import ChangeKind, diff_plans
from arbeidsplan.read.parser import parse_plan
from arbeidsplan.read.source import decode
from conftest import header
from idplans import make_county_repo


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return make_county_repo(tmp_path_factory.mktemp("fylke") / "fjordfylke")


def changes(result_out: str) -> list[tuple[str, str, str, str | None, str | None]]:
    (d,) = json.loads(result_out)["diff"]
    return [(c["type"], c["hva"], c["id"], c["før"], c["etter"]) for c in d["endringer"]]


def test_revision_of_a_plan_without_ids_finds_every_change_and_nothing_else(cli, county):
    root = county.parents[2]
    result = cli("diff", "--format", "json", "vedtatt/2024", "vedtatt/2026", "plans/fjordfylke/2024-2027.md",
                 cwd=root)
    assert result.code == 0, result.err
    assert changes(result.out) == [
        ("omformulert", "tiltak", "m1.t2", "Arrangere medlemsmøte i hvert lokallag minst to ganger i året.",
         "Arrangere medlemsmøte i hvert lokallag minst fire ganger i året, med mat."),
        ("strøket", "tiltak", "m2.t1", "Holde grunnskolering for nye tillitsvalgte hvert år.", None),
        ("strøket", "tiltak", "m2.t2", "Sende to medlemmer på SVs sommerskole.", None),
        ("lagt til", "tiltak", "m1.t4", None, "Ta i bruk medlemsregisteret for å følge opp nye medlemmer."),
        ("lagt til", "tiltak", "m2.t2", None, "Lage en egen Instagram-konto for fylkeslaget."),
        ("lagt til", "tiltak", "m3.t2", None, "Dørbanke i alle kommuner med lokallag før valget i 2027."),
        ("strøket", "mål", "m2", "Skolering", None),
    ]


def test_the_meeting_paper_for_the_revision(cli, county):
    root = county.parents[2]
    result = cli("diff", "--since-adopted", "--format", "md", "vedtatt/2026", "plans/fjordfylke/2024-2027.md",
                 cwd=root)
    # The last adopted version is the 2026 one: nothing since.
    assert "vedtatt/2026 → vedtatt/2026" in result.out and "Ingen endringer." in result.out
    paper = cli("diff", "--format", "md", "vedtatt/2024", "vedtatt/2026", "plans/fjordfylke/2024-2027.md",
                cwd=root).out
    # A derived id names another item in the other version: the paper says where the item stands instead.
    assert "### Stryke\n\n- tiltak under «Skolering»: Holde grunnskolering" in paper
    assert "- mål **m2**: Skolering" in paper
    assert "- tiltak under «Synlighet i hele fylket»: Lage en egen Instagram-konto for fylkeslaget." in paper
    assert "m2.t" not in paper
    assert ("- tiltak under «Flere aktive medlemmer»: Arrangere medlemsmøte i hvert lokallag minst ~~to~~ **fire** ganger i året, "
            "**med mat.**") in paper
    assert "Stå på stand" not in paper and "Skrive leserinnlegg" not in paper and "mål **m3**" not in paper


def test_report_lists_the_same_changes(cli, county):
    result = cli("report", "2026", "plans/fjordfylke/2024-2027.md", cwd=county.parents[2])
    section = result.out.split("## Endringer i planen i år\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Omformulert tiltak under «Flere aktive medlemmer»: «Arrangere medlemsmøte i hvert lokallag minst to "
        "ganger i året.» → «Arrangere medlemsmøte i hvert lokallag minst fire ganger i året, med mat.»",
        "- Strøket tiltak under «Skolering»: Holde grunnskolering for nye tillitsvalgte hvert år.",
        "- Strøket tiltak under «Skolering»: Sende to medlemmer på SVs sommerskole.",
        "- Lagt til tiltak under «Flere aktive medlemmer»: Ta i bruk medlemsregisteret for å følge opp nye "
        "medlemmer.",
        "- Lagt til tiltak under «Synlighet i hele fylket»: Lage en egen Instagram-konto for fylkeslaget.",
        "- Lagt til tiltak under «Valgkamp»: Dørbanke i alle kommuner med lokallag før valget i 2027.",
        "- Strøket mål m2: Skolering",
    ]


def plan(body: str):
    text = header() + "\n" + textwrap.dedent(body).lstrip("\n")
    source, _ = decode("plan.md", text.encode("utf-8"))
    parsed, _found = parse_plan(source)
    return parsed


def kinds(old: str, new: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.kind.value, c.id, c.old, c.new) for c in diff_plans(plan(old), plan(new), "plan.md").changes]


TWO_GOALS = """
## Mål: Medlemmer

### Tiltak

- Ringe nye medlemmer.
- Holde medlemsmøte hver måned.
- Lage velkomstpakke.

## Mål: Synlighet

### Tiltak

- Skrive leserinnlegg.
- Stå på stand.
"""


def test_a_reorder_is_no_change():
    reordered = TWO_GOALS.replace("- Ringe nye medlemmer.\n- Holde medlemsmøte hver måned.\n",
                                  "- Holde medlemsmøte hver måned.\n- Ringe nye medlemmer.\n")
    assert kinds(TWO_GOALS, reordered) == []


def test_a_move_between_goals_is_a_move():
    moved = (TWO_GOALS.replace("- Lage velkomstpakke.\n", "")
             .replace("- Stå på stand.\n", "- Stå på stand.\n- Lage velkomstpakke.\n"))
    assert kinds(TWO_GOALS, moved) == [("flyttet", "m2.t3", "«Medlemmer»", "«Synlighet»")]


def test_an_insertion_at_the_top_is_one_insertion():
    inserted = TWO_GOALS.replace("- Ringe nye", "- Verve ti nye medlemmer.\n- Ringe nye")
    assert kinds(TWO_GOALS, inserted) == [("lagt til", "m1.t1", None, "Verve ti nye medlemmer.")]


def test_a_goal_inserted_before_the_others():
    inserted = "\n## Mål: Klima\n\n### Tiltak\n\n- Lage klimaregnskap.\n" + TWO_GOALS
    assert kinds(TWO_GOALS, inserted) == [("lagt til", "m1.t1", None, "Lage klimaregnskap."),
                                          ("lagt til", "m1", None, "Klima")]


def test_a_reworded_goal_title_keeps_its_measures():
    reworded = TWO_GOALS.replace("## Mål: Synlighet", "## Mål: Bli synlige i hele fylket")
    assert kinds(TWO_GOALS, reworded) == [("omformulert", "m2", "Synlighet", "Bli synlige i hele fylket")]


WITH_IDS = """
## Mål 1: Medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer.
- **1.2** Holde medlemsmøte hver måned.
- **1.3** Lage velkomstpakke.
"""


def test_ids_renumbered_by_the_meeting():
    renumbered = WITH_IDS.replace(
        "- **1.2** Holde medlemsmøte hver måned.\n- **1.3**",
        "- **1.2** Starte studiesirkel.\n- **1.3** Holde medlemsmøte hver måned.\n- **1.4**")
    assert kinds(WITH_IDS, renumbered) == [("ny id", "1.3", "1.2", "1.3"), ("ny id", "1.4", "1.3", "1.4"),
                                           ("lagt til", "1.2", None, "Starte studiesirkel.")]


def test_written_id_keeps_a_measure_reworded_beyond_recognition():
    reworded = WITH_IDS.replace("Holde medlemsmøte hver måned.", "Invitere til sommerfest.")
    assert kinds(WITH_IDS, reworded) == [("omformulert", "1.2", "Holde medlemsmøte hver måned.",
                                          "Invitere til sommerfest.")]


def test_derived_ids_becoming_written_ones_is_no_change():
    derived = WITH_IDS.replace("**1.1** ", "").replace("**1.2** ", "").replace("**1.3** ", "")
    assert kinds(derived, WITH_IDS) == []


def test_change_kinds_are_the_meeting_words():
    assert [k.value for k in ChangeKind] == ["strøket", "omformulert", "lagt til", "flyttet", "ny id", "ny tid",
                                             "nytt ansvar"]


def test_goals_in_a_new_order_are_no_change():
    first, second = TWO_GOALS.split("\n## Mål: Synlighet")
    assert kinds(TWO_GOALS, "\n## Mål: Synlighet" + second + first) == []


def test_a_measure_moved_into_a_new_goal():
    moved = TWO_GOALS.replace("- Lage velkomstpakke.\n", "") + "\n## Mål: Nye medlemmer\n\n### Tiltak\n\n" \
        "- Lage velkomstpakke.\n"
    assert kinds(TWO_GOALS, moved) == [("flyttet", "m3.t1", "«Medlemmer»", "«Nye medlemmer»"),
                                     ("lagt til", "m3", None, "Nye medlemmer")]


RENUMBER_2025 = header(vedtatt="2025-02-01") + """
# Plan

## Mål 1: Medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer.
- **1.2** Holde medlemsmøte hver måned.
- **1.3** Lage velkomstpakke.

## Mål 2: Synlighet

### Tiltak

- **2.1** Skrive leserinnlegg.
- **2.2** Stå på stand.
- **2.3** Dele ut flygeblad på skolene.
"""

# The 2026 meeting inserts a new 1.2 and numbers the rest on, moves «Dele ut flygeblad» to goal 1 (as 1.5), and
# puts «Stå på stand» first in goal 2 (numbered on).
RENUMBER_2026 = header(vedtatt="2026-02-07") + """
# Plan

## Mål 1: Medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer.
- **1.2** Starte studiesirkel for nye medlemmer.
- **1.3** Holde medlemsmøte hver måned.
- **1.4** Lage velkomstpakke.
- **1.5** Dele ut flygeblad på skolene.

## Mål 2: Synlighet

### Tiltak

- **2.1** Stå på stand.
- **2.2** Skrive leserinnlegg.
"""


def test_ids_renumbered_by_the_meeting_in_a_real_history(cli, tmp_path):
    from planrepo import history

    root = tmp_path / "repo"
    history(root, "plans/plan.md", [(RENUMBER_2025, "Vedtatt 2025", "2025-02-02T12:00:00+01:00", "vedtatt/2025"),
                                    (RENUMBER_2026, "Revidert 2026", "2026-02-08T12:00:00+01:00", "vedtatt/2026")])
    result = cli("diff", "--format", "json", "vedtatt/2025", "vedtatt/2026", "plans/plan.md", cwd=root)
    assert changes(result.out) == [
        ("ny id", "tiltak", "1.3", "1.2", "1.3"),
        ("ny id", "tiltak", "1.4", "1.3", "1.4"),
        ("ny id", "tiltak", "1.5", "2.3", "1.5"),
        ("flyttet", "tiltak", "1.5", "2", "1"),
        ("ny id", "tiltak", "2.1", "2.2", "2.1"),
        ("ny id", "tiltak", "2.2", "2.1", "2.2"),
        ("lagt til", "tiltak", "1.2", None, "Starte studiesirkel for nye medlemmer."),
    ]
    report = cli("report", "2026", "plans/plan.md", cwd=root).out
    section = report.split("## Endringer i planen i år\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Ny id for tiltak 1.3: 1.2 → 1.3",
        "- Ny id for tiltak 1.4: 1.3 → 1.4",
        "- Ny id for tiltak 1.5: 2.3 → 1.5",
        "- Flyttet tiltak 1.5 fra mål 2 til mål 1",
        "- Ny id for tiltak 2.1: 2.2 → 2.1",
        "- Ny id for tiltak 2.2: 2.1 → 2.2",
        "- Lagt til tiltak 1.2: Starte studiesirkel for nye medlemmer.",
    ]


WITH_SUBGOALS = """
## Mål 3: Skolering

### Delmål

- **3a** Alle tillitsvalgte skal ha grunnskolering.

### Tiltak

- **3.1** Kurs i dørbanking.
"""


def test_a_sub_goal_is_named_a_sub_goal_in_the_changes_and_the_summary():
    from arbeidsplan.history.plandiff import change_lines, summary

    added = WITH_SUBGOALS.replace("- **3a** Alle", "- **3b** Alle kandidater skal kurses.\n- **3a** Alle")
    d = diff_plans(plan(WITH_SUBGOALS), plan(added), "plan.md")
    assert [(c.kind.value, c.what, c.id) for c in d.changes] == [("lagt til", "delmål", "3b")]
    assert summary(d).startswith("1 delmål lagt til")
    assert change_lines(d) == ["Lagt til delmål 3b: Alle kandidater skal kurses."]


def test_the_near_miss_a_goal_is_still_a_goal():
    added = WITH_SUBGOALS + "\n## Mål 4: Valg\n\n### Tiltak\n\n- **4.1** Stå på stand.\n"
    d = diff_plans(plan(WITH_SUBGOALS), plan(added), "plan.md")
    assert ("lagt til", "mål", "4") in [(c.kind.value, c.what, c.id) for c in d.changes]


def test_a_paper_for_several_plans_shows_the_changed_ones_and_names_the_rest_in_one_line(cli, tmp_path):
    """`diff --since-adopted --format md` for a folder: a section for each plan that changed since its adopted
    version, and one line naming those that did not, not a section saying «Ingen endringer.» for each."""
    from idplans import V2024, V2026, commit, git

    root = tmp_path / "parti"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    changed, same = root / "plans" / "a" / "2024-2027.md", root / "plans" / "b" / "2024-2027.md"
    commit(root, changed, V2024.format(adopted="2024-02-10"), "Vedtatt", "2024-02-11T12:00:00+01:00")
    commit(root, same, V2024.format(adopted="2024-02-10").replace("Fjordfylke", "Bygdefylke"), "Vedtatt",
           "2024-02-12T12:00:00+01:00")
    git(root, "tag", "vedtatt/2024")
    changed.write_text(V2026.format(adopted="2024-02-10"), encoding="utf-8")
    paper = cli("diff", "--since-adopted", "--format", "md", "plans", cwd=root).out
    assert "## Endringer i plans/a/2024-2027.md" in paper and "### Stryke" in paper
    assert "plans/b/2024-2027.md" not in paper.split("Ingen endringer i")[0]  # no section of its own
    assert paper.rstrip().endswith("Ingen endringer i plans/b/2024-2027.md.")
    assert "Ingen endringer.\n" not in paper


def test_text_added_after_a_full_stop_is_marked_alone():
    """From a new-user trial: «… med sivilsamfunnsorganisasjoner.» → «… med sivilsamfunnsorganisasjoner, særlig
    leietakerforeningen.» was in the meeting's paper as «~~sivilsamfunnsorganisasjoner.~~
    **sivilsamfunnsorganisasjoner, særlig leietakerforeningen.**»: the word looked struck."""
    from arbeidsplan.history.plandiff import word_diff

    assert word_diff("Styrke samarbeidet med sivilsamfunnsorganisasjoner.",
                     "Styrke samarbeidet med sivilsamfunnsorganisasjoner, særlig leietakerforeningen.") == (
        ("=", "Styrke samarbeidet med sivilsamfunnsorganisasjoner,"), ("+", "særlig leietakerforeningen."))
    assert word_diff("Arrangere medlemsmøte hver måned.", "Arrangere medlemsmøte annenhver måned, med mat.") == (
        ("=", "Arrangere medlemsmøte"), ("-", "hver"), ("+", "annenhver"), ("=", "måned,"), ("+", "med mat."))
    assert word_diff("Holde medlemsmøte hver måned, med mat.", "Holde medlemsmøte hver måned.") == (
        ("=", "Holde medlemsmøte hver måned."), ("-", "med mat."))
    # Near miss: punctuation changed on its own, away from any other change, is still a change.
    assert word_diff("Ringe alle, også nye medlemmer.", "Ringe alle også nye medlemmer.") == (
        ("=", "Ringe"), ("-", "alle,"), ("+", "alle"), ("=", "også nye medlemmer."))
