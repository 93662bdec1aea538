"""`nivå: annet`: a body outside the party's own branches (a youth council) keeps its plan in the same format,
and the party's plans ask nothing of it: no AP601/AP603, whatever its `overordnet` says."""

from __future__ import annotations

import shutil

import pytest

from arbeidsplan import api
from arbeidsplan.model import Level
from arbeidsplan.read.workspace import load_plan
from arbeidsplan.vocabulary import classify_section, level_word
from conftest import PLANS, REPO

YOUTH_COUNCIL = REPO.parent / "shared" / "kilder" / "andre" / "telemark-ungdomsrad-handlingsplan-2025.txt"

PLAN = """\
---
organisasjon: Telemark ungdomsråd
nivå: {level}
periode: 2026
overordnet: ../landsstyret/2026-2029.md
---

## Mål 1: Ungdomsdemokrati og medvirkning

### Tiltak

- **1.1** Arrangere erfaringsdelingsarenaer for elevråd
  - når: I løpet av året
- **1.2** Konferanse om handlingsplanen med ungdom fra hele fylket
  - når: Q4 2026
"""


@pytest.fixture
def plans(tmp_path):
    shutil.copytree(PLANS / "landsstyret", tmp_path / "plans" / "landsstyret")
    return tmp_path / "plans"


def codes(path):
    return [d.code for d in api.check([path]).findings]


def test_a_youth_councils_plan_gets_no_requirements_from_the_national_plan(plans):
    plan = plans / "ungdomsrad" / "2026.md"
    plan.parent.mkdir()
    plan.write_text(PLAN.format(level="annet"), encoding="utf-8")
    found = codes(plan)
    assert "AP601" not in found and "AP603" not in found
    assert [c for c in found if c.startswith("AP1")] == []  # the level and the one-year period are read
    assert load_plan(plan)[0].meta.level is Level.ANNET


def test_the_same_plan_as_a_county_branch_does_get_them(plans):
    # What `annet` changes: the identical plan, as a county branch, is asked for the national plan's
    # «Fylkeslagas rolle».
    plan = plans / "fylke" / "2026.md"
    plan.parent.mkdir()
    plan.write_text(PLAN.format(level="fylkeslag"), encoding="utf-8")
    assert "AP601" in codes(plan)


@pytest.mark.parametrize("word", ["annet", "Annet", "anna", "annen organisasjon", "annan organisasjon"])
def test_the_words_for_other(word):
    assert level_word(word) is Level.ANNET


def test_other_is_never_a_role_section():
    # «Anna rolle» is not a section addressed to a level; «Lokallagas rolle» is.
    assert classify_section("Anna rolle")[0] is None
    assert classify_section("Lokallagas rolle")[1] is Level.LOKALLAG


def test_new_does_not_offer_other(plans, cli):
    result = cli("new", "--level", "annet", "--org", "Telemark ungdomsråd", "--parent",
                 plans / "landsstyret" / "2026-2029.md")
    # Nothing is asked of a body outside the party, so there is nothing to draft: one clear line, bad usage.
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "arbeidsplan: «annet» er en organisasjon utenfor partiet, og partiets planer ber den ikke om noe, så det er "
        "ingenting å lage et utkast av; skriv planen selv, eller hent den inn med «arbeidsplan import --level annet»"]


@pytest.mark.skipif(not YOUTH_COUNCIL.exists(), reason="the source documents (shared/kilder) are not beside this checkout")
def test_importing_the_youth_councils_plan_with_level_other(tmp_path, cli):
    before = cli("import", YOUTH_COUNCIL)
    assert before.code == 2 and "--level" in before.err  # the document does not say its level: no guessing
    out = tmp_path / "ungdomsrad.md"
    result = cli("import", YOUTH_COUNCIL, "--org", "Telemark ungdomsråd", "--level", "annet", "-o", out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "nivå: annet\nperiode: 2025\n" in text
    plan, findings = load_plan(out)
    assert plan.meta.level is Level.ANNET and plan.meta.period.first == plan.meta.period.last == 2025
    assert len(list(plan.measures())) == 47
    assert cli("check", out).code == 0
