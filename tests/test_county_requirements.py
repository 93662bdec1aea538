"""A county plan of goal areas asks its local branches, as a plan of goals does (docs/format.md §10).

From a new-user trial: Innlandet's plan is «Målområde» → «Mål 2.3» → «2.3d Sikre at alle lokallag har en definert
person …». Its requirements fell under the area while its priorities are the goals inside it, so no local plan under
Innlandet got any requirement from it: `check` said «Ingen funn» and `coverage --parent` showed «–» everywhere.
"""

from __future__ import annotations

COUNTY = """\
---
organisasjon: Fjellfylke SV
nivå: fylkeslag
periode: 2026–2029
---

# Arbeidsplan for Fjellfylke SV (oppdiktet)

## Målområde 1: Organisasjon

### Mål 1.1: Levende lokallag

#### Tiltak

- **1.1a** Alle lokallag skal ha et åpent medlemsmøte hvert år.
- **1.1b** Fylkesstyret besøker hvert lokallag i perioden.
"""

LOCAL = """\
---
organisasjon: Dalby SV
nivå: lokallag
periode: 2026–2029
overordnet: ../2026-2029.md
---

# Arbeidsplan for Dalby SV (oppdiktet)

## Mål 1: Flere aktive medlemmer

### Tiltak

- **1.1** Ringe alle nye medlemmer før sommeren.
"""


def test_a_local_plan_is_asked_what_a_county_plan_of_goal_areas_asks(cli, write, tmp_path):
    write("plans/fjell/2026-2029.md", COUNTY)
    local = write("plans/fjell/dalby/2026-2029.md", LOCAL)
    out = cli("check", "--select", "AP6", local).out
    assert "AP601 kravet 1.1a fra fjell/2026-2029 er ikke besvart" in out, out
    assert "1.1b" not in out  # the county board's own measure asks nothing of the local branches


def test_near_miss_the_same_requirement_under_a_plain_goal(cli, write):
    write("plans/fjell/2026-2029.md", COUNTY.replace("## Målområde 1: Organisasjon\n\n", "")
          .replace("### Mål 1.1", "## Mål 1.1"))
    local = write("plans/fjell/dalby/2026-2029.md", LOCAL)
    assert "AP601 kravet 1.1a fra fjell/2026-2029 er ikke besvart" in cli("check", "--select", "AP6", local).out


def test_innlandets_requirements_reach_its_local_plans(cli, party):
    local = party / "innlandet" / "hamar" / "2026-2029.md"
    local.parent.mkdir(parents=True)
    local.write_text(LOCAL.replace("Dalby", "Hamar").replace("../2026-2029.md", "../2025-2028.md"), encoding="utf-8")
    out = cli("coverage", "--detail", "--parent", party / "innlandet" / "2025-2028.md", local).out
    for requirement in ("1.3b", "2.3d"):  # what Innlandet's plan asks of «alle lokallag»
        assert requirement in out, out
    # «Lokallag med enpersonsgrupper inviteres til møte …» is what the county board does for them: not asked of them
    assert "2.2.2d" not in out


def test_a_request_in_the_passive_is_still_asked(write, tmp_path):
    from arbeidsplan.align.requirements import requirements_for
    from arbeidsplan.model import Level
    from arbeidsplan.read.workspace import load_plan

    county = write("plans/fjell/2026-2029.md", COUNTY.replace(
        "- **1.1b** Fylkesstyret besøker hvert lokallag i perioden.",
        "- **1.1b** Alle lokallag oppfordres til å holde et åpent møte.\n"
        "- **1.1c** Lokallag uten styre inviteres til et oppstartsmøte."))
    plan, _ = load_plan(county)
    assert [r.id for r in requirements_for(plan, Level.LOKALLAG)] == ["1.1a", "1.1b"]
