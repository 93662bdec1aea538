"""County and local plans against the national plan's priorities: links, suggestions, gaps, coverage, new."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import yaml

from arbeidsplan import load
from arbeidsplan.checks.run import check_workspace
from arbeidsplan.align.alignment import Aligner, State
from arbeidsplan.model import Level
from arbeidsplan.align.requirements import requirements_for
from conftest import PLANS, REPO, header

NATIONAL = PLANS / "landsstyret" / "2026-2029.md"


def write_local(tmp_path, body: str, name: str = "lag/2026-2029.md"):
    """A local plan under the real national plan 2026–2029 (copied beside it)."""
    national = tmp_path / "landsstyret" / "2026-2029.md"
    national.parent.mkdir(parents=True, exist_ok=True)
    national.write_bytes(NATIONAL.read_bytes())
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header(overordnet="../landsstyret/2026-2029.md") + textwrap.dedent(body), encoding="utf-8")
    return path


def test_requirements_are_the_role_sections_for_the_plans_level():
    ws = load([NATIONAL])
    national = ws.plans[0]
    county = requirements_for(national, Level.FYLKESLAG)
    local = requirements_for(national, Level.LOKALLAG)
    assert [r.id for r in county] == ["1.F1", "1.F2", "1.F3", "2.F1", "2.F2", "2.F3", "3.F1", "3.F2", "3.F3",
                                      "4.F1", "4.F2", "4.F3"]
    assert len(local) == 11 and all(r.priority.id == r.id.split(".")[0] for r in local)


def test_old_plan_without_role_sections_is_read_by_its_wording():
    ws = load([PLANS / "landsstyret" / "2022-2025.md"])
    local = [r.id for r in requirements_for(ws.plans[0], Level.LOKALLAG)]
    county = [r.id for r in requirements_for(ws.plans[0], Level.FYLKESLAG)]
    assert local == ["1.3", "2.1", "2.2", "2.2.1", "4.6.5"]  # «Alle lokallag skal …», «Lokallagene har …»
    assert county == ["2.4.4", "4.4.1", "6.1", "8.3.3", "8.4.1"]  # «Fylkeslaga skal …»
    # «Lokallaga får tilsendt …» and «Medlemmer uten lokallag …» are done for them, not asked of them.
    assert "2.6.1" not in local and "2.5.3" not in local


def test_explicit_link_answers_and_resolves(tmp_path):
    path = write_local(tmp_path, """
        ## Mål 1: Dørbank
        ### Tiltak
        - **1.1** Dørbanke i alle bydeler hvert år.
          - svarer på: 1.L1
    """)
    ws = load([path])
    (al,) = Aligner(ws).align(ws.plans[0])
    states = {a.requirement.id: a.state for a in al.answers}
    assert states["1.L1"] is State.LINKED
    assert not [d for d in check_workspace(ws) if d.code.startswith("AP5")]


def test_link_to_another_levels_item_is_an_error(tmp_path):
    path = write_local(tmp_path, """
        ## Mål 1: Dørbank
        ### Tiltak
        - **1.1** Ha en dørbankansvarlig.
          - svarer på: 1.F2
    """)
    found = [d for d in check_workspace(load([path])) if d.code == "AP506"]
    assert len(found) == 1
    assert "går til et punkt for fylkeslag" in found[0].message and "denne planen er for lokallag" in found[0].message
    assert found[0].span.line == 10  # 6 lines of front matter, a blank line, two headings


def test_broken_link_is_an_error(tmp_path):
    path = write_local(tmp_path, "## Mål 1: X\n### Tiltak\n- **1.1** Noe\n  - svarer på: 9.L9\n")
    assert [d.code for d in check_workspace(load([path])) if d.severity.value == "error"] == ["AP501"]


def test_suggestions_rank_the_answer_first_on_real_text():
    """Innlandet's «Jobbe for å starte studentlag» answers «Arbeide for at det eksisterer studentlag …»,
    and «Samle folkevalgte i fylket til tre årlige samlinger» answers 2022's «samle folkevalgte … årlige
    samlinger». Bergen's «Invitere LO Bergen og Omland …» and delmål 3b answer «samarbeidsavtaler med
    fagbevegelsen» (LO ~ fagbevegelsen)."""
    ws = load([PLANS / "innlandet/2025-2028.md", PLANS / "vestland/bergen/2024-2027.md"])
    answers = {(a.requirement.plan.path.split("landsstyret/")[1], a.requirement.id, p.name): a
               for p in ws.plans for al in Aligner(ws).align(p) for a in al.answers}
    assert answers[("2026-2029.md", "2.F3", "Innlandet SV")].candidates[0].item.id == "2.1.5c"
    assert answers[("2022-2025.md", "4.4.1", "Innlandet SV")].candidates[0].item.id == "2.2.2b"
    assert {c.item.id for c in answers[("2026-2029.md", "1.L4", "Bergen SV")].candidates} & {"3.1", "3b"}
    assert answers[("2026-2029.md", "4.L2", "Bergen SV")].candidates[0].item.id == "1.7"


def test_innlandets_known_answers_come_first():
    """What Innlandet's board would check against the 2026–2029 roles: its member officer («medlemsansvarlig»)
    is the first suggestion for «støtte lokallag i deres medlemskontakt», its alliances goal for the agreements
    with the trade unions, its follow-up in regional issues for «bistand i regionale saker»; and the nomination
    process is among those shown for «plan for listestilling», the county's schooling among those shown for
    «skolering av kandidater» (not only a campaign plan that mentions «kandidater»)."""
    ws = load([PLANS / "innlandet/2025-2028.md"])
    answers = {a.requirement.id: a for p in ws.plans for al in Aligner(ws).align(p)
               if al.parent.path.endswith("2026-2029.md") for a in al.answers}
    member = answers["2.F1"].candidates[0]
    assert member.item.id == "2.3d" and "medlemsansvarlig" in member.shared
    assert answers["1.F3"].candidates[0].item.id == "1.3"
    assert answers["4.F3"].candidates[0].item.id == "1.1c"
    assert "2.1.2b" in [c.item.id for c in answers["2.F2"].candidates]
    assert "2.2.2" in [c.item.id for c in answers["3.F3"].candidates]


def test_campaign_training_answers_training_in_voter_contact():
    """Bergen offers every member «opplæring i hovedbudskapet før valgkampene»: that answers the national plan's
    «kurse medlemmene i direkte velgerkontakt» (stand, morgenaksjon, dørbanking are what a campaign is made of),
    so Bergen is not told it lacks it, nor that nothing answers the schooling priority."""
    ws = load([PLANS / "vestland/bergen/2024-2027.md"])
    coverage = [c for p in ws.plans for al in Aligner(ws).align(p) if al.parent.path.endswith("2026-2029.md")
                for c in al.coverage]
    answer = next(a for c in coverage for a in c.answers if a.requirement.id == "3.L1")
    assert answer.state is State.SUGGESTED
    assert answer.candidates[0].item.id == "6.5" and "valgkampene" in answer.candidates[0].shared
    schooling = next(c for c in coverage if c.priority is not None and "skolering" in c.priority.title)
    assert schooling.theme_covered


def test_true_gaps_are_reported_as_gaps_or_as_unsure():
    """Neither Innlandet nor Bergen says anything about a door-knocking lead, ringing every member before the
    door-knocking, or a municipal committee. Where nothing comes near, the requirement is unanswered; where a
    weak candidate does, it is «mulig svar» (unsure) — never «kan være besvart av» a confident suggestion."""
    ws = load([PLANS / "innlandet/2025-2028.md", PLANS / "vestland/bergen/2024-2027.md"])
    answers = {(p.name, a.requirement.id): a for p in ws.plans for al in Aligner(ws).align(p)
               if al.parent.path.endswith("2026-2029.md") for a in al.answers}
    for key in [("Innlandet SV", "1.F2"), ("Bergen SV", "1.L1"), ("Bergen SV", "1.L2"), ("Bergen SV", "4.L3")]:
        assert answers[key].state is State.UNANSWERED or answers[key].unsure, key
    assert answers[("Bergen SV", "4.L3")].state is State.UNANSWERED


def test_unsure_lies_between_the_thresholds(cli, tmp_path):
    """«mulig svar» is a best candidate from MAYBE_AT up to SUGGEST_AT: AP604, a note, not AP601 nor AP602."""
    from arbeidsplan.align import alignment

    assert alignment.MAYBE_AT < alignment.SUGGEST_AT
    result = cli("check", "plans/innlandet/2025-2028.md", cwd=REPO)
    lead = next(line for line in result.out.splitlines() if "kravet 1.F2" in line)
    assert " AP604 " in lead and "er kanskje ikke besvart; mulig svar: 2.2b (0.21: oppfølging, lokallaga)" in lead
    assert lead.endswith("; ellers svar med et tiltak som har «svarer på: 1.F2»")
    assert "svarer det, bekreft med «1.F2»" in lead
    assert cli("check", "--strict", "--select", "AP604", "plans/innlandet/2025-2028.md", cwd=REPO).code == 0


def test_check_shows_what_innlandet_answers_and_must_add(cli):
    result = cli("check", "plans/innlandet/2025-2028.md", cwd=REPO)
    lines = result.out.splitlines()
    assert ("plans/innlandet/2025-2028.md:6:5: AP601 kravet 8.4.1 fra landsstyret/2022-2025 er ikke besvart: "
            "«Fylkeslaga skal arrangere formøter på alle større arrangement, basert…»; "
            "svar med et tiltak som har «svarer på: 8.4.1»") in lines  # what the board can do about it
    studentlag = next(line for line in lines if "AP602 kravet 2.F3" in line)
    assert studentlag.startswith("plans/innlandet/2025-2028.md:230:1:")
    assert "kan være besvart av 2.1.5c (0.42: studentlag)" in studentlag  # the score, and why
    assert "bekreft med «2.F3» i kolonnen «Svarer på» på linje 230" in studentlag
    assert "Dekning av landsstyret/2026-2029 (fylkeslag)" in result.err


def test_a_table_with_the_answers_column_is_told_to_fill_the_cell_not_to_add_the_column(cli, tmp_path):
    """From a county secretary's trial: a measure in a table that already has «Svarer på» was told the column
    was missing and to add it to the whole table. Its cell is what to fill; a table without the column still
    gets the advice to add it."""
    path = write_local(tmp_path, """\
        ## Mål 1: Aktive medlemmer
        ### Tiltak
        | Nr | Tiltak | Tidsrom | Svarer på |
        | --- | --- | --- | --- |
        | 1.1 | Ringe alle nye medlemmer innen en måned etter at de meldte seg inn | Løpende | |
        ## Mål 2: Flere møteplasser
        ### Tiltak
        | Nr | Tiltak | Tidsrom |
        | --- | --- | --- |
        | 2.1 | Felles møte med kommunestyregruppa før hvert kommunestyremøte | Årlig |
        """)
    lines = cli("check", str(path)).out.splitlines()
    with_column = next(line for line in lines if "besvart av 1.1 " in line)
    assert with_column.endswith(f"i kolonnen «Svarer på» på linje {with_column.split(':')[1]}")
    without = next(line for line in lines if "besvart av 2.1 " in line)
    assert "(mangler kolonnen, legg den til i hele tabellen: en celle til i hver rad)" in without


def test_unanswered_is_a_warning_and_an_error_with_strict(cli, tmp_path):
    path = write_local(tmp_path, "## Mål 1: Noe annet\n### Tiltak\n- **1.1** Sommerfest\n  - når: Årlig\n")
    assert cli("check", str(path)).code == 0
    assert cli("check", "--strict", str(path)).code == 1


def test_coverage_matrix_for_all_plans(cli):
    result = cli("coverage", "plans", cwd=REPO)
    assert result.code == 0
    assert "Dekning av prioriteringene i landsstyret/2026-2029" in result.out
    assert "Innlandet SV 2025–2028" in result.out and "Bergen SV 2024–2027" in result.out
    data = json.loads(cli("coverage", "--format", "json", "plans", cwd=REPO).out)
    (block,) = data["dekning"]
    assert block["overordnet"] == "plans/landsstyret/2026-2029.md"
    bergen = next(p for p in block["planer"] if p["organisasjon"] == "Bergen SV")
    assert sum(len(prio["krav"]) for prio in bergen["prioriteringer"]) == 11
    csv_out = cli("coverage", "--format", "csv", "plans", cwd=REPO).out.splitlines()
    assert csv_out[0] == "overordnet,plan,prioritering,krav,status,koblet,forslag,tekst,grunn"
    assert len(csv_out) == 1 + 12 + 11
    md = cli("coverage", "--detail", "--format", "md", "plans", cwd=REPO).out
    assert "| Bergen SV | 1.L1 Dørbanking skal brukes som metode" in md


def test_coverage_against_the_older_national_plan(cli):
    result = cli("coverage", "--format", "json", "--parent", "plans/landsstyret/2022-2025.md", "plans", cwd=REPO)
    (block,) = json.loads(result.out)["dekning"]
    assert block["overordnet"] == "plans/landsstyret/2022-2025.md"


def test_new_local_plan_passes_check_and_links_every_local_role(cli, tmp_path):
    national = tmp_path / "plans" / "landsstyret" / "2026-2029.md"
    national.parent.mkdir(parents=True)
    national.write_bytes(NATIONAL.read_bytes())
    (tmp_path / "plans" / "hamar").mkdir()
    target = tmp_path / "plans" / "hamar" / "2026-2029.md"
    result = cli("new", "--level", "lokallag", "--org", "Hamar SV", "--parent", str(national), "-o", str(target))
    assert result.code == 0
    assert "4 mål og 11 tiltak" in result.err
    checked = cli("check", "--strict", str(target))
    assert checked.code == 0 and checked.out == ""
    ws = load([target])
    (al,) = Aligner(ws).align(ws.plans[0])
    assert all(a.state is State.LINKED for a in al.answers) and len(al.answers) == 11
    again = cli("new", "--level", "lokallag", "--org", "Hamar SV", "--parent", str(national), "-o", str(target))
    assert again.code == 2 and "finnes allerede" in again.err


def test_new_county_plan_from_the_national_plan(cli, tmp_path):
    result = cli("new", "--level", "fylkeslag", "--org", "Nytt fylke SV", "--parent", str(NATIONAL),
                 "--period", "2027-2030", cwd=tmp_path)
    assert result.code == 0
    assert "periode: 2027–2030" in result.out and result.out.count("  - svarer på: ") == 12


@pytest.mark.parametrize("block", yaml.safe_load((REPO / "benchmarks" / "alignment_labels.yaml")
                                                 .read_text(encoding="utf-8")), ids=lambda b: b["barn"] + " < "
                         + b["forelder"])
def test_labels_cover_every_requirement_with_items_that_exist(block):
    """The hand labels the benchmark scores against: one entry for each requirement the parent plan makes of
    the child plan's level, in the parent's order, and every labelled answer an item of the child plan."""
    ws = load([REPO / block["barn"], REPO / block["forelder"]])
    child, parent = (next(p for p in ws.plans if p.path.endswith(block[key])) for key in ("barn", "forelder"))
    labels = {str(req): [str(item) for item in items] for req, items in block["krav"].items()}
    assert list(labels) == [r.id for r in requirements_for(parent, child.meta.level)]
    items = {item.id for item in [*child.walk_goals(), *child.measures()]}
    assert [item for answers in labels.values() for item in answers if item not in items] == []


def test_every_real_plan_is_labelled_and_a_test_split_kept_apart():
    """Every real county and local plan is labelled against both national plans, and a test split is kept
    apart (the labels themselves are checked one block at a time above)."""
    blocks = yaml.safe_load((REPO / "benchmarks" / "alignment_labels.yaml").read_text(encoding="utf-8"))
    real = {str(p.relative_to(REPO)) for p in PLANS.rglob("*.md") if "landsstyret" not in p.parts
            and p.name != "README.md"}
    pairs = {(b["barn"], b["forelder"]) for b in blocks}
    assert {(c, f"plans/landsstyret/{n}") for c in real for n in ("2022-2025.md", "2026-2029.md")} <= pairs
    test = [b for b in blocks if b.get("del") == "test"]
    assert test and all("fictional/test/" in b["barn"] for b in test)
    # a second test split, written after issue 12's tuning: its own folder, none of its plans in another split
    test2 = [b for b in blocks if b.get("del") == "test2"]
    assert test2 and all("fictional/test2/" in b["barn"] for b in test2)
    assert not {b["barn"] for b in test2} & {b["barn"] for b in blocks if b.get("del") != "test2"}
    # the held-out split since test and test2 joined the development pool: the same rules
    test3 = [b for b in blocks if b.get("del") == "test3"]
    assert test3 and all("fictional/test3/" in b["barn"] for b in test3)
    assert not {b["barn"] for b in test3} & {b["barn"] for b in blocks if b.get("del") != "test3"}


# What benchmarks/alignment.py measured on the development pool (train, test, test2) when the matching was last
# changed: a regression guard, not a target (the targets are higher; README says where the figures stand).
POOL_FLOOR = {"precision@1": 0.78, "recall@3": 0.91, "hull meldt som hull": 0.32}
POOL_FALSE_GAPS_AT_MOST = 2


@pytest.mark.skipif(not (REPO / "benchmarks" / "alignment.py").exists(), reason="benchmarks/ not present")
def test_benchmark_figures_stay_at_or_above_what_was_reached():
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "alignment.py")], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    pool = run.stdout.split("Utviklingsdel")[1]
    figures = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in pool.splitlines() if ":" in line)}
    for key, floor in POOL_FLOOR.items():
        assert float(figures[key].split()[0]) >= floor, (key, figures[key])
    false_gaps = int(figures["falske hull (besvart krav meldt som ubesvart)"].split()[0])
    assert false_gaps <= POOL_FALSE_GAPS_AT_MOST
    assert "Testdel" not in run.stdout and "Holdt-ut" not in run.stdout  # held-out splits only when asked for


@pytest.mark.skipif(not (REPO / "benchmarks" / "alignment.py").exists(), reason="benchmarks/ not present")
def test_benchmark_scores_what_check_shows():
    """The figures the README quotes are those a board gets: for every plan of the development pool (the real
    plans and the fictional ones), the suggestions the benchmark scores are the ones `check` shows, in the same
    order and with the same scores, and a requirement is «mulig svar» in the one exactly when in the other."""
    import importlib.util

    from arbeidsplan.align import alignment

    spec = importlib.util.spec_from_file_location("bench_alignment", REPO / "benchmarks" / "alignment.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    cases = bench.cases(*bench.POOL)
    scored = {(c[0].path, c[1].path, req.id): [(i, s) for i, s in got[:alignment.shown([s for _i, s in got])]]
              for c, pair in zip(cases, bench.ranked(cases)) for req, _gold, got in pair}
    shown, unsure = {}, set()
    for child in dict.fromkeys(c[0].path for c in cases):
        ws = load([child])
        plan = next(p for p in ws.plans if p.path == child)
        for al in Aligner(ws).align(plan):
            for a in al.answers:
                shown[(plan.path, al.parent.path, a.requirement.id)] = [(c.item.id, c.score) for c in a.candidates]
                if a.unsure:
                    unsure.add((plan.path, al.parent.path, a.requirement.id))
    assert len(scored) == 170 and scored == {k: shown[k] for k in scored}
    assert unsure == {k for k, got in scored.items() if got and round(got[0][1], 2) < alignment.SUGGEST_AT}


@pytest.mark.skipif(not (REPO / "benchmarks" / "alignment.py").exists(), reason="benchmarks/ not present")
def test_benchmark_with_links_scores_what_check_shows_learning_from_them():
    """`alignment.py --links` measures what `check` does: with the other plans' labelled answers as the confirmed
    answers (align/evidence.py), the Aligner shows for every requirement of the pool the suggestions the
    benchmark scores, in the same order and with the same scores."""
    import importlib.util

    from arbeidsplan.align import alignment

    spec = importlib.util.spec_from_file_location("bench_alignment", REPO / "benchmarks" / "alignment.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    cases = bench.cases(*bench.POOL)
    scored = {(c[0].path, c[1].path, req.id): [(i, s) for i, s in got[:alignment.shown([s for _i, s in got])]]
              for c, pair in zip(cases, bench.ranked(cases, cases)) for req, _gold, got in pair}
    without = {(c[0].path, c[1].path, req.id): [(i, s) for i, s in got[:alignment.shown([s for _i, s in got])]]
               for c, pair in zip(cases, bench.ranked(cases)) for req, _gold, got in pair}
    confirmed = bench.confirmed(cases)
    shown = {}
    for child in dict.fromkeys(c[0].path for c in cases):
        ws = load([child])
        plan = next(p for p in ws.plans if p.path == child)
        for al in Aligner(ws, confirmed).align(plan):
            for a in al.answers:
                shown[(plan.path, al.parent.path, a.requirement.id)] = [(c.item.id, c.score) for c in a.candidates]
    assert len(scored) == 170 and scored == {k: shown[k] for k in scored}
    changed = sum([i for i, _s in scored[k]] != [i for i, _s in without[k]] for k in scored)
    assert changed > 40  # and the links changed which measures are shown, or their order (76 of 170)


def test_each_suggestion_says_why_in_the_plans_own_words():
    """The fictional Vestmark plan says «husbesøk» where the national plan says «dørbank»: the suggestion for the
    door-knocking lead names that word, and every word given as a reason is one the measure itself uses."""
    path = REPO / "benchmarks" / "fictional" / "vestmark" / "2026-2029.md"
    ws = load([path])
    plan = next(p for p in ws.plans if p.path.endswith("vestmark/2026-2029.md"))
    answers = {a.requirement.id: a for al in Aligner(ws).align(plan) for a in al.answers}
    best = answers["1.F2"].candidates[0]
    assert best.item.id == "1.2a" and "husbesøk" in best.shared
    for answer in answers.values():
        for c in answer.candidates:
            own = (c.item.text if hasattr(c.item, "text") else c.item.title).lower()
            assert c.shared and all(w in own for w in c.shared)


def test_a_phrase_or_a_spelling_read_as_another_word_is_the_why_as_written(cli, tmp_path):
    """«banke på», «går på dører» and «når det ikkje er val» are read as dørbanking and mellomvalgsår: the
    suggestion says why with the words the plan wrote, not with a score alone (as it did before)."""
    write_local(tmp_path, """\
        ## Mål 1: Flere samtaler med velgerne
        ### Tiltak
        - **1.1** Banke på i ett boligfelt hver måned fra mars til oktober.
        - **1.2** Vi går på dører i eitt bustadfelt òg når det ikkje er val.
        """)
    out = cli("check", "lag/2026-2029.md", cwd=tmp_path).out
    between = next(line for line in out.splitlines() if "kravet 1.L1 " in line)  # door-knocking between elections
    assert "kan være besvart av 1.2 (0.37: når det ikkje er val, går på dører), 1.1 (0.16: banke på)" in between
    door = next(line for line in out.splitlines() if "kravet 1.L2 " in line)  # ring members to join door-knocking
    assert "kan være besvart av 1.1 (0.32: banke på), 1.2 (0.32: går på dører)" in door
