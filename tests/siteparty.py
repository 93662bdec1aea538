"""A small fictional party for the site's tests (test fixture): a national plan, two county plans, and three
local plans under them, two of them named «Nes SV» (one in each county).

- fjell/nes answers the national requirement 1.L1 but not its county's 1.2 (AP601 from the county plan only);
- fjell/dal answers both;
- kyst/nes answers nothing (AP601 from the national plan).
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

PLANS = {
    "landsstyret/2026-2029.md": """
        ---
        organisasjon: SV
        nivå: nasjonalt
        periode: 2026–2029
        ---

        # Arbeidsplan 2026–2029 (oppdiktet)

        ## Mål 1: Flere aktive medlemmer

        ### Tiltak

        - **1.L1** Alle lokallag skal ha en dørbankansvarlig.
        - **1.F1** Alle fylkeslag skal holde et kurs for lokallagsledere.
        """,
    "fjell/2026-2029.md": """
        ---
        organisasjon: Fjellfylke SV
        nivå: fylkeslag
        periode: 2026–2029
        overordnet: ../landsstyret/2026-2029.md
        ---

        # Arbeidsplan for Fjellfylke SV (oppdiktet)

        ## Mål 1: Levende lokallag

        ### Tiltak

        - **1.1** Kurs for lokallagsledere i mars.
          - svarer på: 1.F1
        - **1.2** Alle lokallag skal ha et åpent medlemsmøte hvert år.
        """,
    "kyst/2026-2029.md": """
        ---
        organisasjon: Kystfylke SV
        nivå: fylkeslag
        periode: 2026–2029
        overordnet: ../landsstyret/2026-2029.md
        ---

        # Arbeidsplan for Kystfylke SV (oppdiktet)

        ## Mål 1: Skolerte tillitsvalgte

        ### Tiltak

        - **1.1** Kurs for lokallagsledere i mai.
          - svarer på: 1.F1
        """,
    "fjell/nes/2026-2029.md": """
        ---
        organisasjon: Nes SV
        nivå: lokallag
        periode: 2026–2029
        overordnet: ../2026-2029.md
        ---

        # Arbeidsplan for Nes SV i Fjellfylke (oppdiktet)

        ## Mål 1: Synlige i bygda

        ### Tiltak

        - **1.1** Velge en dørbankansvarlig.
          - svarer på: 1.L1
        """,
    "fjell/dal/2026-2029.md": """
        ---
        organisasjon: Dal SV
        nivå: lokallag
        periode: 2026–2029
        overordnet: ../2026-2029.md
        ---

        # Arbeidsplan for Dal SV (oppdiktet)

        ## Mål 1: Synlige i bygda

        ### Tiltak

        - **1.1** Velge en dørbankansvarlig.
          - svarer på: 1.L1
        - **1.2** Åpent medlemsmøte i april.
          - svarer på: 1.2
        """,
    "kyst/nes/2026-2029.md": """
        ---
        organisasjon: Nes SV
        nivå: lokallag
        periode: 2026–2029
        overordnet: ../2026-2029.md
        ---

        # Arbeidsplan for Nes SV i Kystfylke (oppdiktet)

        ## Mål 1: Synlige i bygda

        ### Tiltak

        - **1.1** Stand på torget.
        """,
}


def make_party(root: Path) -> Path:
    """The party's plans under root/plans; returns that folder."""
    plans = root / "plans"
    for name, text in PLANS.items():
        path = plans / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return plans
