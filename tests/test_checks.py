"""The checks as a library: every finding at once, did-you-mean, a crashing rule. Plans are written inline.

The exact line for each finding code, with a plan that triggers it and a near miss, is in
tests/fixtures/findings.txt (run by tests/test_findings.py)."""

from __future__ import annotations

import textwrap

from arbeidsplan import load
from arbeidsplan.checks.run import check_workspace
from arbeidsplan.diagnostics import exit_code
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

def _check(tmp_path, files: dict[str, str], target: str = "lag/plan.md"):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    ws = load([tmp_path / target] if target else [tmp_path])
    return check_workspace(ws)


def test_a_well_formed_plan_has_no_findings(tmp_path):
    found = _check(tmp_path, {"nasjonalt.md": NATIONAL, "lag/plan.md": OK_LOCAL})
    assert found == []


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


def test_a_crashing_rule_becomes_a_finding(tmp_path):
    from arbeidsplan.align.alignment import Aligner
    from arbeidsplan.checks.rules import Context
    from arbeidsplan.checks.run import run_rules

    def broken(plan, ctx):
        raise ValueError("au")

    ws = load([_write_ok(tmp_path)])
    found = run_rules(ws.plans[0], Context(ws, Aligner(ws)), rules=(("ødelagt", broken),))
    assert [(d.code, d.span.line, d.message) for d in found] == [
        ("AP900", 1, "intern feil i kontrollen «ødelagt»: ValueError: au; meld gjerne fra om dette")]
    assert exit_code(found) == 1


def _write_ok(tmp_path):
    (tmp_path / "nasjonalt.md").write_text(textwrap.dedent(NATIONAL), encoding="utf-8")
    path = tmp_path / "lag" / "plan.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(OK_LOCAL), encoding="utf-8")
    return path


def test_a_repeated_id_is_told_a_free_one_in_its_own_numbering(cli, write, tmp_path):
    """AP202 says which id to give the second item: the next one the plan does not have (1.2 is taken, so 1.3),
    and a third use of the same id another one still (1.4), so following both lines gives no new AP202."""
    write("plan.md", header() + textwrap.dedent("""\
        ## Mål 1: Flere aktive medlemmer
        ### Tiltak
        - **1.1** Ringe alle medlemmer.
        - **1.2** Verve ti nye.
        - **1.1** Dørbanke i alle bydeler.
        - **1.1** Stand på torget.
        """))
    lines = [line for line in cli("check", "plan.md", cwd=tmp_path).out.splitlines() if "AP202" in line]
    assert lines == ["plan.md:10:3: AP202 id-en «1.1» er brukt før, på linje 8; gi dette punktet en ny id, f.eks. «1.3»",
                     "plan.md:11:3: AP202 id-en «1.1» er brukt før, på linje 8; gi dette punktet en ny id, f.eks. «1.4»"]
