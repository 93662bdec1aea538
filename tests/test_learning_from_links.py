"""`check` learns from the party's own links (align/evidence.py): a measure worded like one that another local
branch has confirmed (`svarer på`) is suggested for the same requirement, and says so; each plan's outcome is
kept in the cache until the answers it learned from change, and no longer."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from arbeidsplan import api, load
from arbeidsplan.align import evidence
from arbeidsplan.align.alignment import Aligner
from arbeidsplan.read.workspace import path_key
from conftest import PLANS, checked, only_in_workers

NORDBY = """\
    ---
    organisasjon: Nordby SV
    nivå: lokallag
    periode: 2026–2029
    overordnet:
      - ../landsstyret/2026-2029.md
    ---

    # Arbeidsplan for Nordby SV 2026–2029

    ## Mål 1: Et lokallag som henger sammen

    ### Tiltak

    - **1.1** Felles middag med kommunestyregruppa hver høst.
      - svarer på: 4.L1
    - **1.2** Dørbanke i alle bydeler hvert år.
      - svarer på: 1.L1
    - **1.3** Sommerfest for medlemmene i august.
    """

SØRBY = """\
    ---
    organisasjon: Sørby SV
    nivå: lokallag
    periode: 2026–2029
    overordnet:
      - ../landsstyret/2026-2029.md
    ---

    # Arbeidsplan for Sørby SV 2026–2029

    ## Mål 1: Et aktivt lokallag

    ### Tiltak

    - **1.1** Styremøte første mandag i hver måned.
    - **1.2** Middag med kommunestyregruppa to ganger i året.
    - **1.3** Stand på torget før jul.
    """


@pytest.fixture
def branches(tmp_path, monkeypatch):
    """Two local branches under the national plan 2026–2029, in a folder of their own, with a private cache.
    Nordby has confirmed that its dinner with the council group answers 4.L1 («jevnlige møtepunkt mellom
    lokallagsstyret og de lokalt folkevalgte»); Sørby has a dinner like it, and has linked nothing."""
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARBEIDSPLAN_CACHE", raising=False)
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nb")
    (tmp_path / "plans" / "landsstyret").mkdir(parents=True)
    shutil.copy(PLANS / "landsstyret" / "2026-2029.md", tmp_path / "plans" / "landsstyret" / "2026-2029.md")
    for name, text in (("nordby", NORDBY), ("sorby", SØRBY)):
        (tmp_path / "plans" / name).mkdir()
        (tmp_path / "plans" / name / "2026-2029.md").write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Path("plans")


SØRBY_PLAN = Path("plans/sorby/2026-2029.md")
NORDBY_PLAN = Path("plans/nordby/2026-2029.md")


def suggestion(result, requirement: str = "4.L1") -> str:
    """The finding that suggests answers in Sørby's plan for the requirement."""
    (found,) = [d.message for d in result.findings if d.span.file == str(SØRBY_PLAN)
                and d.code in ("AP602", "AP604") and f"kravet {requirement} " in d.message]
    return found


def test_the_measure_like_another_branchs_confirmed_answer_is_suggested_first_and_says_why(branches):
    alone = suggestion(api.check([SØRBY_PLAN]))  # nothing to learn from: the board meeting comes first
    assert "mulig svar: 1.1 (" in alone and "1.2 (" not in alone
    learned = suggestion(api.check([branches]))
    assert "kan være besvart av 1.2 (" in learned  # the dinner, first, and no longer unsure
    assert "1.2 (0.47: kommunestyregruppa; som i 1 annet lokallag), 1.1 (" in learned


def test_the_why_is_said_in_the_users_language(branches, cli, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    english = cli("check", branches)
    assert "1.2 (0.47: kommunestyregruppa; as in 1 other local branch)" in english.out
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    nynorsk = cli("check", branches)
    assert "kan ha svar i 1.2 (0.47: kommunestyregruppa; som i 1 anna lokallag)" in nynorsk.out
    as_json = cli("check", branches, "--format", "json")
    assert '"som_i_andre": 1' in as_json.out


def test_two_branches_that_confirmed_it_are_counted(branches):
    third = Path("plans/vestby/2026-2029.md")
    third.parent.mkdir()
    third.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace("Nordby", "Vestby"), encoding="utf-8")
    assert "som i 2 andre lokallag" in suggestion(api.check([branches]))


def test_a_county_plans_links_teach_a_local_plan_nothing(branches):
    county = Path("plans/fylket/2026-2029.md")
    county.parent.mkdir()
    county.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace("lokallag\n", "fylkeslag\n")
                      .replace("4.L1", "4.F1").replace("1.L1", "1.F1").replace("Nordby", "Fylket"), encoding="utf-8")
    NORDBY_PLAN.unlink()  # the county's confirmed answer is to its own role, not to the local branches' 4.L1
    assert "1.2 (" not in suggestion(api.check([branches]))
    ws = load([branches])
    aligner = Aligner(ws)
    sørby = next(p for p in ws.plans if p.path == str(SØRBY_PLAN))
    assert all(c.alike == 0 for al in aligner.align(sørby) for a in al.answers for c in a.candidates)


def test_a_warm_run_sees_another_plan_remove_its_link(branches, monkeypatch):
    first = suggestion(api.check([branches]))
    again = checked(monkeypatch)
    assert suggestion(api.check([branches])) == first and again == []  # all from the cache
    NORDBY_PLAN.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace("  - svarer på: 4.L1\n", ""),
                           encoding="utf-8")
    after = suggestion(api.check([branches]))
    assert sorted(again) == [str(NORDBY_PLAN), str(SØRBY_PLAN)]  # Sørby learned from the link: checked again
    assert "1.2 (" not in after and "mulig svar: 1.1 (" in after


def test_a_warm_run_sees_another_plan_reword_its_linked_answer(branches, monkeypatch):
    api.check([branches])
    again = checked(monkeypatch)
    NORDBY_PLAN.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace(
        "Felles middag med kommunestyregruppa hver høst.", "Felles lunsj med kommunestyregruppa hver høst."),
        encoding="utf-8")
    after = suggestion(api.check([branches]))
    assert sorted(again) == [str(NORDBY_PLAN), str(SØRBY_PLAN)]
    assert "1.2 (" in after  # still like it (kommunestyregruppa), but by a different measure of how like
    api.check([branches])
    assert sorted(again) == [str(NORDBY_PLAN), str(SØRBY_PLAN)]  # and then from the cache again


def test_an_unrelated_change_in_another_plan_keeps_this_plans_outcome(branches, monkeypatch):
    api.check([branches])
    again = checked(monkeypatch)
    NORDBY_PLAN.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace(
        "Sommerfest for medlemmene i august.", "Sommerfest for medlemmene i juni."), encoding="utf-8")
    result = api.check([branches])
    assert again == [str(NORDBY_PLAN)]  # Sørby's outcome came from the cache: what it learns from is the same
    assert "1.2 (0.47: kommunestyregruppa; som i 1 annet lokallag)" in suggestion(result)


def test_a_new_plan_that_confirms_an_answer_is_learned_from_on_a_warm_run(branches, monkeypatch):
    NORDBY_PLAN.unlink()
    assert "1.2 (" not in suggestion(api.check([branches]))
    again = checked(monkeypatch)
    NORDBY_PLAN.write_text(textwrap.dedent(NORDBY), encoding="utf-8")
    assert "1.2 (0.47: kommunestyregruppa; som i 1 annet lokallag)" in suggestion(api.check([branches]))
    assert sorted(again) == [str(NORDBY_PLAN), str(SØRBY_PLAN)]


def test_at_most_a_few_answers_per_requirement_are_learned_from_in_a_fixed_order(branches, monkeypatch):
    monkeypatch.setattr(evidence, "PER_REQUIREMENT", 1)
    for name in ("aby", "bby"):  # before Nordby in path order: Aby's answer is the one learned from
        plan = Path(f"plans/{name}/2026-2029.md")
        plan.parent.mkdir()
        plan.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace("Nordby", name.title()).replace(
            "Felles middag med kommunestyregruppa hver høst.", "Stand på torget i valgkampen."), encoding="utf-8")
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    assert "1.2 (" not in suggestion(api.check([branches]))  # Aby's stand, not Nordby's dinner
    assert "1.3 (" in suggestion(api.check([branches]))  # Sørby's stand on the square, like Aby's
    assert "som i 1 annet lokallag" in suggestion(api.check([branches]))


def test_checking_in_worker_processes_learns_the_same(branches, monkeypatch):
    """The plans are read in two worker processes, each with half of them; the links of both halves count."""
    for n in range(6):  # more plans, each with a confirmed answer, so that both workers have some
        plan = Path(f"plans/lag{n}/2026-2029.md")
        plan.parent.mkdir()
        plan.write_text(NORDBY_PLAN.read_text(encoding="utf-8").replace("Nordby", f"Lag {n}"), encoding="utf-8")
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    here = api.check([branches])
    only_in_workers(monkeypatch)
    there = api.check([branches])
    assert there.findings == here.findings and there.alignments == here.alignments
    assert f"som i {evidence.PER_REQUIREMENT} andre lokallag" in suggestion(there)  # 7 confirmed it


def test_the_sites_pages_say_why_too(branches, cli, tmp_path):
    cli("site", branches, "-o", tmp_path / "nettsted", "--year", "2026", "--no-history")
    (page,) = [p for p in (tmp_path / "nettsted" / "krav").iterdir() if "4-l1" in p.name.lower()]
    assert "(skår 0,47; som i 1 annet lokallag)" in page.read_text(encoding="utf-8")
    sørby = next(p for p in (tmp_path / "nettsted" / "plan").iterdir() if "sorby" in p.name.lower())
    assert 'title="skår 0,47; som i 1 annet lokallag">1.2 (0,47)' in sørby.read_text(encoding="utf-8")


def test_the_benchmark_reads_labels_as_the_links_check_reads(branches):
    """benchmarks/alignment.py --links makes its confirmed answers from the labels; `check` from the written
    links. Labelled as Nordby has linked them, they are the same answers."""
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("bench_alignment", REPO / "benchmarks" / "alignment.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ws = load([NORDBY_PLAN])
    nordby = ws.plans[0]
    (national,) = ws.ancestors(nordby)
    labelled = bench.confirmed([(nordby, national, None, {"4.L1": {"1.1"}, "1.L1": {"1.2"}})])
    keys = [(path_key(national.path), "lokallag", r) for r in ("4.L1", "1.L1")]
    written = Aligner(ws).offers(nordby)
    assert [o for k in keys for o in labelled.answers(k, "")] == sorted(written, key=lambda o: o.requirement[2],
                                                                         reverse=True)


def test_a_draft_from_new_that_only_repeats_the_requirements_teaches_nothing(branches, cli):
    """`arbeidsplan new` writes each requirement as a measure with its link: until the board writes them in its
    own words, they are not the party's answers, and the others' suggestions stay as they were."""
    before = suggestion(api.check([branches]))
    made = cli("new", "--level", "lokallag", "--org", "Hamar SV", "--period", "2026-2029",
               "--parent", "plans/landsstyret/2026-2029.md", "-o", "plans/hamar/2026-2029.md")
    assert made.code == 0, made.err
    assert "svarer på: 4.L1" in Path("plans/hamar/2026-2029.md").read_text(encoding="utf-8")
    assert "1.2 (0.47: kommunestyregruppa; som i 1 annet lokallag)" in before
    assert suggestion(api.check([branches])) == before


def test_a_measure_that_links_already_is_told_to_change_its_line_not_add_one(branches, cli, monkeypatch):
    """Nordby's dinner (1.1) answers 4.L1 already: to confirm it answers 4.L2 too, the board changes that line;
    a second «svarer på» beside it would be accepted in silence and then suggested with the id twice. In a
    nynorsk interface the hint still writes the plan's own word, the line it has, the same in both parts of a
    finding (a nynorsk plan's word is «svarar på»: test_second_user_trial.py)."""
    plan = Path("plans/nordby/2026-2029.md")
    lines = [line for line in cli("check", plan).out.splitlines() if "kravet 4.L2 " in line]
    assert len(lines) == 1 and lines[0].startswith(f"{plan}:15:3: AP602")
    assert lines[0].endswith("bekreft med «  - svarer på: 4.L1, 4.L2» i stedet for linjen «svarer på» under linje 15")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  - svarer på: 4.L1\n", "  - svarer på: 4.L1\n  - svarer på: 4.L1\n"),
                    encoding="utf-8")
    again = [line for line in cli("check", plan).out.splitlines() if "kravet 4.L2 " in line]
    assert "«  - svarer på: 4.L1, 4.L2»" in again[0]  # the id written twice is shown once
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    nynorsk = [line for line in cli("check", plan).out.splitlines() if "kravet 4.L3 " in line]
    assert "stadfest med «  - svarer på: 4.L1, 4.L3» i staden for linja «svarer på»" in nynorsk[0]
    assert nynorsk[0].endswith("elles svar med eit tiltak som har «svarer på: 4.L3»")
