"""The parser on small plans written the way boards write them."""

from __future__ import annotations

import textwrap

from arbeidsplan.model import GoalKind, Level, Section, StatusWord
from arbeidsplan.read.parser import parse_plan
from arbeidsplan.read.source import decode
from conftest import header


def parse(body: str, **front: str):
    text = header(**front) + textwrap.dedent(body)
    source, diags = decode("plan.md", text.encode("utf-8"))
    assert source is not None, diags
    return parse_plan(source)


def test_list_style_measure_with_all_its_parts():
    plan, found = parse("""
        ## Mål 1: Direkte velgerkontakt
        ### Tiltak
        - **1.1** Ringe alle medlemmer før dørbankhelga.
          Fortsettelse av teksten.
          - når: mars, årlig
          - ansvar: Styret
          - svarer på: 1.L2, landsstyret/2026-2029#1.L1
        ## Status 2026
        - **1.1** gjennomført — 45 samtaler, 12 nye aktive
        ## Status 2027
        - **1.1** i gang
    """)
    assert found == []
    (m,) = plan.measures()
    assert m.text == "Ringe alle medlemmer før dørbankhelga. Fortsettelse av teksten."
    assert m.timing_text == "mars, årlig" and m.timing.months == frozenset({3})
    assert m.responsible == "Styret"
    assert m.links == ("1.L2", "landsstyret/2026-2029#1.L1")
    assert [(s.year, s.word, s.note) for s in m.statuses] == [
        (2026, StatusWord.GJENNOMFORT, "45 samtaler, 12 nye aktive"),
        (2027, StatusWord.I_GANG, None),
    ]
    assert m.span.line == 9  # 5 lines of front matter, a blank line, two headings


def test_table_style_with_an_empty_id_header_like_innlandet():
    plan, found = parse("""
        ## Målområde 2: Organisasjonsmål
        ### Mål 2.3: En aktiv organisasjon
        #### Tiltak
        |  | Tiltak | Gjennomføring |
        | --- | --- | --- |
        | 2.3a | Sende faste nyhetsbrev til medlemmer | Månedlig |
        | | Et tiltak uten nummer | Årlig |
    """)
    assert found == []
    area = plan.goals[0]
    assert area.kind is GoalKind.AREA and area.goals[0].kind is GoalKind.GOAL
    measures = list(plan.measures())
    assert [m.id for m in measures] == ["2.3a", "2.3.t2"]
    assert [m.explicit_id for m in measures] == [True, False]


def test_national_role_sections_say_who_items_are_for():
    plan, _ = parse("""
        ## Hovedmål 2: SV har aktive medlemmer
        ### Viktige prioriteringer i perioden
        - **2.P1** SVs medlemmer skal vite at de er partiets viktigste ressurs.
        ### Sentrale tiltak
        - **2.S1** Nye medlemmer inviteres til digitale Ny i SV-møter.
        ### Fylkeslagas rolle
        - **2.F1** Støtte lokallag i deres medlemskontakt.
        ### Lokallagas rolle:
        - **2.L1** Ringe nye medlemmer senest to uker etter innmelding.
    """, nivå="nasjonalt")
    goal = plan.goals[0]
    assert [(g.id, g.section) for g in goal.goals] == [("2.P1", Section.PRIORITERINGER)]
    assert [(m.id, m.section, m.addressed_to) for m in goal.measures] == [
        ("2.S1", Section.SENTRALE_TILTAK, None),
        ("2.F1", Section.ROLLE, Level.FYLKESLAG),
        ("2.L1", Section.ROLLE, Level.LOKALLAG),
    ]


def test_lettered_subgoals_take_the_goal_id_like_bergen():
    plan, _ = parse("""
        ## Mål 3: Samle venstresiden
        ### Delmål
        - **a)** Planlegge arrangementer i fellesskap.
        - **b)** Samarbeid med fagbevegelsen.
    """)
    assert [(g.id, g.label) for g in plan.goals[0].goals] == [("3a", "a)"), ("3b", "b)")]


def test_prose_headings_are_not_goals():
    plan, _ = parse("""
        # Arbeidsplan for Testlaget
        ## Innledning
        Tekst.
        ## Mål for perioden
        - Styrke organisasjonen
        ## Mål 1: Et ekte mål
    """)
    assert plan.title == "Arbeidsplan for Testlaget"
    assert [g.title for g in plan.goals] == ["Et ekte mål"]


def test_nynorsk_plan():
    plan, found = parse("""
        ## Hovudmål 1: Fleire aktive medlemmer
        ### Tiltak
        - **1.1** Ringje nye medlemmer
          - når: kvart år i valår
          - ansvarleg: Styret
        ## Status 2027
        - **1.1** gjennomførd
    """, språk="nynorsk")
    assert found == []
    (m,) = plan.measures()
    assert m.responsible == "Styret" and m.statuses[0].word is StatusWord.GJENNOMFORT
    assert plan.meta.language == "nynorsk"


def test_a_goal_heading_with_its_number_and_no_colon_is_a_goal():
    """«## Mål 1 Fleire aktive medlemer», as a board types it in Word and the importer once wrote it: the number
    makes it a goal, with or without «:», «.» or «–» after it."""
    plan, found = parse("""
        ## Mål 1 Fleire aktive medlemer
        ### Tiltak
        - **1.1** Ringje alle nye medlemer.
        ## Mål 2 – Synlege i kommunen
        | Nr | Tiltak | Tidsrom |
        | --- | --- | --- |
        | 2.1 | Stand på torget. | Årleg |
    """, språk="nynorsk")
    assert found == []
    assert [(g.id, g.title) for g in plan.goals] == [("1", "Fleire aktive medlemer"), ("2", "Synlege i kommunen")]
    assert [(m.id, m.text) for m in plan.measures()] == [("1.1", "Ringje alle nye medlemer."),
                                                         ("2.1", "Stand på torget.")]


def test_a_table_of_measures_written_as_text_is_a_finding_not_silence():
    """A table of measures as lines of text (kept so at import, or a Markdown table without its «| --- |» line):
    its rows are not measures, and `check` says so instead of «Ingen funn»."""
    plan, found = parse("""
        ## Mål 1: Fleire aktive medlemer

        Nr | Tiltak | Tidsrom | Ansvar

        Ringje alle nye medlemer. | Heile perioden | Styret

        ## Mål 2: Synlege i kommunen
        | Nr | Tiltak | Ansvar |
        | 2.1 | Stand på torget. | Styret |

        ## Mål 3: Ein tabell som ikkje er tiltak
        | Månad | Valår | Mellomår |
        | --- | --- | --- |
        | Mars | Stand | Møte |

        Kontakt: Kari | leiar@fjellvik.no
    """, språk="nynorsk")
    assert plan.counts()["tiltak"] == 0
    assert [(d.code, d.span.line, d.severity.value) for d in found] == [("AP215", 10, "warning"),
                                                                        ("AP215", 15, "warning")]
    assert "«Nr | Tiltak | Tidsrom | Ansvar» er overskriftsraden i en tabell med tiltak" in found[0].message
