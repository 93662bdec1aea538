"""A county plan without written ids, adopted 2024 and revised 2026 (test fixture for matching and `ids`).

The 2026 meeting: strikes goal «Skolering» (with its two measures), rewords «Arrangere medlemsmøte …»,
adds three measures — one inserted before the unchanged «Stand på torget …», one at the end of goal 1, one
in the goal «Valgkamp» — and changes nothing else.
"""

from __future__ import annotations

from pathlib import Path

from planrepo import git

HEAD = """---
organisasjon: Fjordfylke SV
nivå: fylkeslag
periode: 2024–2027
vedtatt:
  dato: {adopted}
  av: Årsmøtet i Fjordfylke SV
---

# Arbeidsplan for Fjordfylke SV 2024–2027
"""

GOAL_MEMBERS = """
## Mål: Flere aktive medlemmer

### Tiltak

- Ringe alle nye medlemmer innen to uker etter innmelding.
  - når: Løpende
  - ansvar: Fylkesstyret
- Arrangere medlemsmøte i hvert lokallag minst to ganger i året.
  - når: Årlig
  - ansvar: Lokallagene
- Lage en velkomstpakke til nye medlemmer.
  - når: 2024
  - ansvar: Organisasjonssekretær
"""

GOAL_SCHOOLING = """
## Mål: Skolering

### Tiltak

- Holde grunnskolering for nye tillitsvalgte hvert år.
  - når: Årlig
  - ansvar: Skoleringsansvarlig
- Sende to medlemmer på SVs sommerskole.
  - når: Sommeren
  - ansvar: Fylkesstyret
"""

GOAL_VISIBLE = """
## Mål: Synlighet i hele fylket

### Tiltak

- Skrive leserinnlegg i lokalavisene hver måned.
  - når: Månedlig
  - ansvar: Politisk nestleder
- Stå på stand på torget i alle kommunesentre.
  - når: i valgår
  - ansvar: Lokallagene
"""

GOAL_ELECTION = """
## Mål: Valgkamp

### Tiltak

- Lage en felles valgkampplan for fylket.
  - når: 2025
  - ansvar: Valgkampleder
"""

V2024 = HEAD + GOAL_MEMBERS + GOAL_SCHOOLING + GOAL_VISIBLE + GOAL_ELECTION

V2026 = (HEAD
         + GOAL_MEMBERS.replace("- Arrangere medlemsmøte i hvert lokallag minst to ganger i året.",
                                "- Arrangere medlemsmøte i hvert lokallag minst fire ganger i året, med mat.")
         + """- Ta i bruk medlemsregisteret for å følge opp nye medlemmer.
  - når: 2026
  - ansvar: Organisasjonssekretær
"""
         + GOAL_VISIBLE.replace("- Stå på stand", """- Lage en egen Instagram-konto for fylkeslaget.
  - når: 2026
  - ansvar: Kommunikasjonsansvarlig
- Stå på stand""")
         + GOAL_ELECTION + """- Dørbanke i alle kommuner med lokallag før valget i 2027.
  - når: 2027
  - ansvar: Valgkampleder
""")


def commit(root: Path, path: Path, text: str, msg: str, date: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", msg, date=date)


def make_county_repo(root: Path) -> Path:
    """plans/fjordfylke/2024-2027.md, tagged vedtatt/2024 and vedtatt/2026. Returns the plan's path."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    plan = root / "plans" / "fjordfylke" / "2024-2027.md"
    commit(root, plan, V2024.format(adopted="2024-02-10"), "Vedtatt på årsmøtet 2024", "2024-02-11T12:00:00+01:00")
    git(root, "tag", "vedtatt/2024")
    commit(root, plan, V2026.format(adopted="2024-02-10"), "Revidert på årsmøtet 2026", "2026-02-08T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    return plan
