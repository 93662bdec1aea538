"""`check` keeps each plan's outcome between runs (checks/outcomes.py): a second run of an unchanged repository
prints the same and checks nothing again; a change to the plan, to a plan above it, to whether a parent exists,
or to the repository it is in, is seen on the next run; nothing planted in the cache is trusted."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from arbeidsplan import api
from arbeidsplan.align.alignment import Aligner
from arbeidsplan.checks import outcomes
from arbeidsplan.read import cache
from conftest import checked, only_in_workers

INNLANDET = Path("plans/innlandet/2025-2028.md")
NATIONAL = Path("plans/landsstyret/2026-2029.md")


def test_a_second_run_prints_the_same_and_checks_nothing(party, cli, monkeypatch):
    first = cli("check", party)
    first_json = cli("check", party, "--format", "json")
    again = checked(monkeypatch)
    second = cli("check", party)
    second_json = cli("check", party, "--format", "json")
    assert again == []
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)
    assert second_json.out == first_json.out
    assert "AP602" in first.out and "Innlandet SV 2025–2028" in first.err  # findings and the coverage matrix


def test_a_changed_plan_is_checked_again_and_only_it(party, monkeypatch):
    api.check([party])
    text = INNLANDET.read_text(encoding="utf-8")
    INNLANDET.write_text(text.replace("Mars 2024", "Marsj 2024", 1), encoding="utf-8")
    again = checked(monkeypatch)
    found = api.check([party]).findings
    assert again == [str(INNLANDET)]
    assert any(d.code == "AP301" and "Marsj 2024" in d.message for d in found)


def test_coverage_after_check_checks_nothing_and_shows_the_same(party, cli, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    without = cli("coverage", party, "--format", "json")
    monkeypatch.delenv("ARBEIDSPLAN_CACHE")
    cli("check", party)
    again = checked(monkeypatch)
    aligned: list[str] = []
    real_align = Aligner.align
    monkeypatch.setattr(Aligner, "align", lambda self, plan: aligned.append(plan.path) or real_align(self, plan))
    with_cache = cli("coverage", party, "--format", "json")
    assert again == [] and aligned == []  # nothing checked, nothing compared again: check's outcomes are used
    assert (with_cache.code, with_cache.out) == (without.code, without.out)
    assert '"ubesvart"' in with_cache.out


def test_a_run_of_the_same_files_is_kept_in_one_entry_that_a_change_replaces(party, monkeypatch):
    api.check([party])
    folder = cache._folder()
    before = {e.name for e in folder.iterdir()}
    reads: list[str] = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, path: reads.append(key) or real_get(key, path))
    api.check([party])
    assert len(reads) == 1 and reads[0].startswith("sjekk-sett:")  # one load for the whole run
    text = INNLANDET.read_text(encoding="utf-8")
    INNLANDET.write_text(text.replace("Mars 2024", "Marsj 2024", 1), encoding="utf-8")
    api.check([party])
    new = [pickle.loads((folder / name).read_bytes()) for name in {e.name for e in folder.iterdir()} - before]
    assert [v.path for v in new if isinstance(v, outcomes.PlanOutcome)] == [str(INNLANDET)]
    assert not any(isinstance(v, dict) for v in new)  # the run's entry was rewritten in place, not added to


def test_a_changed_parent_changes_the_childs_findings(party, monkeypatch):
    before = api.check([INNLANDET])
    assert any("dørbankansvarlig" in d.message for d in before.findings if d.code in ("AP601", "AP604"))
    text = NATIONAL.read_text(encoding="utf-8")
    NATIONAL.write_text(text.replace("Ha en dørbankansvarlig for fylket", "Ha en kassererkontakt for fylket"),
                        encoding="utf-8")
    again = checked(monkeypatch)
    after = api.check([INNLANDET])
    assert again == [str(INNLANDET)]  # the child's own bytes did not change; its parent's did
    assert not any("dørbankansvarlig" in d.message for d in after.findings)
    assert any("kassererkontakt" in d.message for d in after.findings if d.code.startswith("AP60"))


def test_a_parent_that_disappears_and_comes_back_is_seen(party, monkeypatch):
    api.check([INNLANDET])
    moved = NATIONAL.with_suffix(".bak")
    NATIONAL.rename(moved)
    missing = api.check([INNLANDET]).findings
    assert any(d.code == "AP502" and "2026-2029" in d.message for d in missing)
    moved.rename(NATIONAL)
    back = api.check([INNLANDET]).findings
    assert not any(d.code == "AP502" for d in back)


def test_a_plan_that_comes_into_git_is_checked_again(party, monkeypatch):
    """AP212 (derived ids in a plan kept in git) depends on the repository, not on the plan's bytes."""
    plan = Path("plans/lokallag.md")
    plan.write_text("---\norganisasjon: Testby SV\nnivå: lokallag\nperiode: 2026–2029\n---\n\n"
                    "## Mål 1: Flere medlemmer\n\n### Tiltak\n\n- Verve ti nye medlemmer\n", encoding="utf-8")
    assert not any(d.code == "AP212" for d in api.check([plan]).findings)
    Path(".git").mkdir()
    (Path(".git") / "HEAD").write_text("ref: refs/heads/main\n")
    assert any(d.code == "AP212" for d in api.check([plan]).findings)


def test_findings_come_in_the_language_asked_for_not_the_one_cached(party, cli, monkeypatch):
    bokmål = cli("check", INNLANDET)
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    english = cli("check", INNLANDET)
    assert "kravet" in bokmål.out and "kravet" not in english.out and "requirement" in english.out


def test_an_entry_someone_planted_or_broke_is_not_used(party, monkeypatch):
    first = api.check([party]).findings
    folder = cache._folder()
    assert folder is not None
    for entry in folder.iterdir():
        if entry.name.startswith(".tmp-"):
            continue
        data = entry.read_bytes()
        try:
            value = pickle.loads(data)
        except Exception:
            continue
        if isinstance(value, outcomes.PlanOutcome):
            entry.write_bytes(pickle.dumps(outcomes.PlanOutcome(value.path, None, ())))  # a lie: no findings
            os.chmod(entry, 0o666)  # … and writable by anyone: never loaded
        elif isinstance(value, dict):  # the pack of the whole run: the same lie for every plan in it
            entry.write_bytes(pickle.dumps({name: (key, outcomes.PlanOutcome(name, None, ()))
                                            for name, (key, _outcome) in value.items()}))
            os.chmod(entry, 0o666)
    again = checked(monkeypatch)
    assert api.check([party]).findings == first
    assert len(again) == len(list(party.rglob("*.md"))) - 1  # every plan checked again (README.md is skipped)


def test_checking_in_worker_processes_gives_the_same_outcomes(party, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    here = api.check([party])
    only_in_workers(monkeypatch)
    there = api.check([party])
    assert there.findings == here.findings and there.files == here.files
    assert there.coverage == here.coverage and there.alignments == here.alignments


def test_a_second_run_does_not_load_the_matching(party):
    """What a second run shows comes from the cache: it does not import the text matching (its stemmer loads
    every language's), only the states, which say «mulig svar» by the same threshold."""
    import subprocess
    import sys

    script = ("import sys; sys.argv = ['arbeidsplan', 'check', sys.argv[1]]\n"
              "from arbeidsplan.cli.app import run\n"
              "try:\n    run()\nexcept SystemExit:\n    pass\n"
              "print('arbeidsplan.align.textmatch' in sys.modules, 'snowballstemmer' in sys.modules, file=sys.stderr)")

    def run_check():
        return subprocess.run([sys.executable, "-c", script, str(party)], capture_output=True, text=True,
                              env={**os.environ, "NO_COLOR": "1"})

    first, second = run_check(), run_check()
    assert first.stderr.strip().splitlines()[-1] == "True True"  # the first run matched
    assert second.stderr.strip().splitlines()[-1] == "False False", second.stderr
    assert second.stdout == first.stdout and "AP604" in second.stdout  # «mulig svar» all the same
