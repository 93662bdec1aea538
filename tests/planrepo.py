"""A real git repository in which a plan goes through three annual meetings (test fixture).

2024: adopted (tag vedtatt/2024); statuses during 2024.
2025: the meeting strikes 2.3 (done), rewords 1.2, adds 1.4, moves 2.2 to goal 1, new timing for 3.1
      (tag vedtatt/2025). Then the file is renamed.
2026: the meeting gives 1.4 a new id (1.5) and rewords it slightly, adds 3.2, on a branch merged into main
      (tag vedtatt/2026). Statuses for 2026 afterwards.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

HEAD = """---
organisasjon: Testby SV
nivå: lokallag
periode: 2024–2027
vedtatt:
  dato: {adopted}
  av: Årsmøtet i Testby SV
---

# Arbeidsplan for Testby SV
"""

V2024 = HEAD + """
## Mål 1: Flere aktive medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer innen to uker.
  - når: Årlig
  - ansvar: Styret
- **1.2** Arrangere medlemsmøte hver måned.
  - når: Hele perioden
  - ansvar: Styret

## Mål 2: Synlighet

### Tiltak

- **2.1** Stand på torget i valgkampen.
  - når: i valgår
  - ansvar: Valgkampleder
- **2.2** Lage en velkomstpakke.
  - når: 2024
  - ansvar: Styret
- **2.3** Starte en Instagram-konto.
  - når: 2024
  - ansvar: Styret

## Mål 3: Skolering

### Tiltak

- **3.1** Kurs i dørbanking.
  - når: 2025
  - ansvar: Styret
"""

STATUS_2024 = """
## Status 2024

- **1.1** gjennomført
- **2.3** gjennomført — 300 følgere
"""

V2025 = (V2024.replace("- **1.2** Arrangere medlemsmøte hver måned.",
                       "- **1.2** Arrangere medlemsmøte annenhver måned, med mat.")
         .replace("""- **2.2** Lage en velkomstpakke.
  - når: 2024
  - ansvar: Styret
""", "")
         .replace("""- **2.3** Starte en Instagram-konto.
  - når: 2024
  - ansvar: Styret
""", "")
         .replace("""  - når: Hele perioden
  - ansvar: Styret

## Mål 2""", """  - når: Hele perioden
  - ansvar: Styret
- **2.2** Lage en velkomstpakke.
  - når: 2024
  - ansvar: Styret
- **1.4** Dørbanke i alle bydeler før valget.
  - når: 2025
  - ansvar: Valgkampleder

## Mål 2""")
         .replace("- **3.1** Kurs i dørbanking.\n  - når: 2025", "- **3.1** Kurs i dørbanking.\n  - når: 2026")
         ) + STATUS_2024

V2026 = (V2025.replace("- **1.4** Dørbanke i alle bydeler før valget.",
                       "- **1.5** Dørbanke i alle bydeler før valget i 2027.")
         .replace("""- **3.1** Kurs i dørbanking.
  - når: 2026
  - ansvar: Styret
""", """- **3.1** Kurs i dørbanking.
  - når: 2026
  - ansvar: Styret
- **3.2** Studiesirkel om lokalpolitikk.
  - når: Høsten 2026
  - ansvar: Studieleder
"""))

STATUS_2026 = """
## Status 2026

- **3.1** gjennomført — 18 deltakere
"""


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Kari Nordmann", "GIT_AUTHOR_EMAIL": "kari@testby.invalid",
           "GIT_COMMITTER_NAME": "Kari Nordmann", "GIT_COMMITTER_EMAIL": "kari@testby.invalid",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def make_repo(root: Path) -> Path:
    """The repository, with the plan at plans/testby/2024-2027.md in the end. Returns the plan's path."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    old = root / "plans" / "lag" / "plan.md"
    old.parent.mkdir(parents=True)

    def commit(text: str, msg: str, date: str, path: Path = old) -> None:
        path.write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", msg, date=date)

    commit(V2024.format(adopted="2024-01-27"), "Arbeidsplan vedtatt av årsmøtet 2024", "2024-01-28T12:00:00+01:00")
    git(root, "tag", "vedtatt/2024")
    commit(V2024.format(adopted="2024-01-27") + STATUS_2024, "Status etter 2024", "2024-12-10T20:00:00+01:00")
    commit(V2025.format(adopted="2025-01-25"), "Revidert på årsmøtet 2025", "2025-01-26T12:00:00+01:00")
    git(root, "tag", "vedtatt/2025")
    new = root / "plans" / "testby" / "2024-2027.md"
    new.parent.mkdir(parents=True)
    git(root, "mv", str(old), str(new))
    git(root, "commit", "-q", "-m", "Flytt planen til plans/testby/", date="2025-03-01T12:00:00+01:00")
    git(root, "checkout", "-q", "-b", "arsmote-2026")
    commit(V2026.format(adopted="2026-01-31"), "Forslag til revisjon 2026", "2026-01-20T12:00:00+01:00", new)
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Revidert på årsmøtet 2026", "arsmote-2026",
        date="2026-02-01T12:00:00+01:00")
    git(root, "tag", "vedtatt/2026")
    commit(V2026.format(adopted="2026-01-31") + STATUS_2026, "Status høst 2026", "2026-10-01T12:00:00+02:00", new)
    return new


def history(root: Path, rel: str, versions: list[tuple[str, str, str, str | None]]) -> Path:
    """A new repository at `root` in which the plan at `rel` goes through `versions`: (text, commit message, date,
    tag or None) in order. Returns the plan's path."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    plan = root / rel
    plan.parent.mkdir(parents=True, exist_ok=True)
    for text, msg, date, tag in versions:
        plan.write_text(text, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", msg, date=date)
        if tag:
            git(root, "tag", tag)
    return plan
