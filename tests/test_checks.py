"""Each finding code: a plan that triggers it and a plan that does not. Plans are written inline."""

from __future__ import annotations

import re
import textwrap

import pytest

from arbeidsplan import load
from arbeidsplan.checks.run import check_workspace
from conftest import header

NATIONAL = header(organisasjon="SV", nivå="nasjonalt") + """
## Hovedmål 1: Dørbank
### Fylkeslagas rolle
- **1.F1** Ha en dørbankansvarlig for fylket.
### Lokallagas rolle
- **1.L1** Ringe alle medlemmer.
"""

OK_LOCAL = header(overordnet="../nasjonalt.md") + """
# Arbeidsplan for Testlaget

## Mål 1: Flere aktive medlemmer
### Tiltak
- **1.1** Ringe alle medlemmer før sommeren.
  - når: 2026
  - ansvar: Styret
  - svarer på: 1.L1

## Status 2026
- **1.1** gjennomført — 40 samtaler
"""

# (code, files, which file to check). Files are dedented; "lag/plan.md" is the plan under test.
CASES = {
    "AP102": {"lag/plan.md": "## Mål 1: Noe\n### Tiltak\n- **1** Gjøre noe\n"},
    "AP103": {"lag/plan.md": "---\norganisasjon: [uavsluttet\n---\n## Mål 1: Noe\n"},
    "AP104": {"lag/plan.md": "---\n- en\n- liste\n---\n## Mål 1: Noe\n"},
    "AP105": {"lag/plan.md": "---\norganisasjon: Testlaget\nnivå: lokallag\n---\n## Mål 1: Noe\n"},
    "AP106": {"lag/plan.md": header(periode="snart") + "## Mål 1: Noe\n"},
    "AP107": {"lag/plan.md": header(perioden="2026–2029") + "## Mål 1: Noe\n"},
    "AP201": {"lag/plan.md": header() + "### Tiltak\n- **1** Gjøre noe uten mål\n"},
    "AP202": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n- **1.1** B\n"},
    "AP203": {"lag/plan.md": header() + "## Mål 1: Noe\n## Mål 2: Tomt\n## Mål 3: Mer\n### Tiltak\n- **3.1** x\n"},
    "AP204": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n| Nr | Tiltak | Når |\n|---|---|---|\n| 1 | A |\n"},
    "AP205": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n  - hvem vet\n"},
    "AP206": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n- **1.3** C\n"},
    "AP207": {"lag/plan.md": header() + "## Delmål a: Foreldreløs\n"},
    "AP208": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1**\n"},
    "AP209": {"lag/plan.md": header() + "Bare tekst.\n"},
    "AP210": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n"
              + "".join("  " * (i + 1) + f"- {i}\n" for i in range(120))},
    "AP211": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n## Staus 2026\n- **1.1** utsatt\n"},
    "AP301": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n  - når: når det passer\n"},
    "AP302": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n  - når: 2024\n"},
    "AP401": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n## Status 2026\n- **1.1** nesten\n"},
    "AP402": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n## Status 2026\n- **9.9** utsatt\n"},
    "AP403": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n## Status 2031\n- **1.1** utsatt\n"},
    "AP404": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n## Status 2026\n- **1.1** utsatt\n"
              "- **1.1** gjennomført\n"},
    "AP405": {"lag/plan.md": header() + "## Mål 1: Noe\n### Tiltak\n- **1.1** A\n## Status 2026\n- gjennomført\n"},
    "AP501": {"nasjonalt.md": NATIONAL, "lag/plan.md": OK_LOCAL.replace("svarer på: 1.L1", "svarer på: 7.L7")},
    "AP502": {"lag/plan.md": header(overordnet="../finnes-ikke.md") + "## Mål 1: Noe\n"},
    "AP503": {"nasjonalt.md": NATIONAL.replace("2026–2029", "2018–2021"), "lag/plan.md": OK_LOCAL},
    "AP504": {
        "nasjonalt.md": NATIONAL,
        "nasjonalt2.md": NATIONAL,
        "lag/plan.md": OK_LOCAL.replace("overordnet: ../nasjonalt.md",
                                        "overordnet: [../nasjonalt.md, ../nasjonalt2.md]"),
    },
    "AP506": {"nasjonalt.md": NATIONAL, "lag/plan.md": OK_LOCAL.replace("svarer på: 1.L1", "svarer på: 1.F1")},
    "AP507": {"lag/plan.md": header(overordnet="../../../../../../../../../etc/hostname") + "## Mål 1: Noe\n"},
    "AP601": {"nasjonalt.md": NATIONAL, "lag/plan.md": header(overordnet="../nasjonalt.md")
              + "## Mål 1: Sommerfest\n### Tiltak\n- **1.1** Grille i parken\n"},
    "AP602": {"nasjonalt.md": NATIONAL, "lag/plan.md": header(overordnet="../nasjonalt.md")
              + "## Mål 1: Medlemmer\n### Tiltak\n- **1.1** Ringe alle medlemmer før jul\n"},
    "AP603": {"nasjonalt.md": NATIONAL, "lag/plan.md": header(overordnet="../nasjonalt.md")
              + "## Mål 1: Sommerfest\n### Tiltak\n- **1.1** Grille i parken\n"},
    "AP505": {
        "a.md": header(overordnet="b.md") + "## Mål 1: A\n",
        "b.md": header(overordnet="a.md") + "## Mål 1: B\n",
        "lag/plan.md": header(overordnet="../a.md") + "## Mål 1: C\n",
    },
}


def _check(tmp_path, files: dict[str, str], target: str = "lag/plan.md"):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    ws = load([tmp_path / target] if target else [tmp_path])
    return check_workspace(ws)


@pytest.mark.parametrize("code", sorted(CASES))
def test_plan_that_triggers_the_code(tmp_path, code):
    files = CASES[code]
    if code == "AP507":
        (tmp_path / ".git").mkdir()  # a repository: parent paths must stay inside it
    target = "a.md" if code == "AP505" else "lag/plan.md"
    found = _check(tmp_path, files, target)
    hits = [d for d in found if d.code == code]
    assert hits, f"{code} expected, got {[(d.code, d.message) for d in found]}"
    for d in hits:
        assert d.span.file.endswith(".md") and d.span.line >= 1
        assert not re.search(r"\{[a-z_]+\}", d.message), "a placeholder was left unfilled"


def test_a_well_formed_plan_has_no_findings(tmp_path):
    found = _check(tmp_path, {"nasjonalt.md": NATIONAL, "lag/plan.md": OK_LOCAL})
    assert found == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_clean_plan_does_not_trigger_the_code(tmp_path, code):
    found = _check(tmp_path, {"nasjonalt.md": NATIONAL, "lag/plan.md": OK_LOCAL})
    assert not [d for d in found if d.code == code]


def test_every_finding_is_reported_not_just_the_first(tmp_path):
    text = header(perioden="x") + textwrap.dedent("""
    ## Mål 1: Noe
    ### Tiltak
    - **1.1** A
      - når: 2019
    - **1.1** B
      - når: en gang
    """)
    found = _check(tmp_path, {"lag/plan.md": text})
    assert {"AP107", "AP302", "AP202", "AP301"} <= {d.code for d in found}


def test_unknown_key_gets_did_you_mean(tmp_path):
    found = _check(tmp_path, {"lag/plan.md": header(organisation="Testlaget") + "## Mål 1: Noe\n"})
    (d,) = [d for d in found if d.code == "AP107"]
    assert "mente du «organisasjon»" in d.message
    assert d.span.line == 5


def test_unknown_status_word_lists_the_vocabulary(tmp_path):
    files = CASES["AP401"]
    (d,) = [d for d in _check(tmp_path, files) if d.code == "AP401"]
    assert "«nesten»" in d.message and "gjennomført" in d.message and "utsatt" in d.message


def test_a_crashing_rule_becomes_a_finding(tmp_path):
    from arbeidsplan.align.alignment import Aligner
    from arbeidsplan.checks.rules import Context
    from arbeidsplan.checks.run import run_rules

    def broken(plan, ctx):
        raise ValueError("au")

    ws = load([_write_ok(tmp_path)])
    found = run_rules(ws.plans[0], Context(ws, Aligner(ws)), rules=(("ødelagt", broken),))
    assert [d.code for d in found] == ["AP900"]
    assert "ødelagt" in found[0].message


def _write_ok(tmp_path):
    (tmp_path / "nasjonalt.md").write_text(textwrap.dedent(NATIONAL), encoding="utf-8")
    path = tmp_path / "lag" / "plan.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(OK_LOCAL), encoding="utf-8")
    return path
