"""Time phrases boards write in their plans (issue 14's trial) that the reader did not understand before:
each gives the years, months and recurrence a county secretary would read in it."""

from __future__ import annotations

import pytest

from arbeidsplan.model import Period
from arbeidsplan.read.timing import parse_timing

P2025 = Period(2025, 2028)
ONE_YEAR = Period(2025, 2025)  # a youth council's one-year plan
EVERY_YEAR = {2025, 2026, 2027, 2028}


@pytest.mark.parametrize(
    "text, period, years, months, frequency",
    [
        # Some time in each year, or the whole of each year.
        ("I løpet av året", P2025, EVERY_YEAR, set(), "årlig"),
        ("I løpet av året", ONE_YEAR, {2025}, set(), "årlig"),
        ("Hele året", P2025, EVERY_YEAR, set(), "kontinuerlig"),
        ("Heile året", P2025, EVERY_YEAR, set(), "kontinuerlig"),
        ("Gjennom hele året", ONE_YEAR, {2025}, set(), "kontinuerlig"),
        ("Året rundt", P2025, EVERY_YEAR, set(), "kontinuerlig"),
        ("I løpet av 2026", P2025, {2026}, set(), None),
        # Quarters.
        ("Q1 2025", P2025, {2025}, {1, 2, 3}, None),
        ("Q2 2026", P2025, {2026}, {4, 5, 6}, None),
        ("Q3 2027", P2025, {2027}, {7, 8, 9}, None),
        ("Q4 2025", P2025, {2025}, {10, 11, 12}, None),
        ("1. kvartal 2025", P2025, {2025}, {1, 2, 3}, None),
        ("4. kvartal 2026", P2025, {2026}, {10, 11, 12}, None),
        ("Tredje kvartal 2026", P2025, {2026}, {7, 8, 9}, None),
        ("Q1 og Q3 2027", P2025, {2027}, {1, 2, 3, 7, 8, 9}, None),
        # Deadlines: the month of the deadline.
        ("innen 1. mars", P2025, EVERY_YEAR, {3}, None),
        ("Innen 1. mars 2026", P2025, {2026}, {3}, None),
        ("Frist 15. oktober 2025", P2025, {2025}, {10}, None),
        ("innan 1. mars", P2025, EVERY_YEAR, {3}, None),
        # Weeks: the month the week's Thursday falls in (ISO weeks, as in Norwegian calendars).
        ("uke 42", P2025, EVERY_YEAR, {10}, None),
        ("Uke 42 2025", P2025, {2025}, {10}, None),
        ("veke 42", P2025, EVERY_YEAR, {10}, None),
        ("uke 9", P2025, EVERY_YEAR, {2, 3}, None),  # Thursday of week 9 is in February some years, March others
        ("uke 9 2026", P2025, {2026}, {2}, None),  # Thursday 26 February 2026
        ("uke 1 2026", P2025, {2026}, {1}, None),
        ("uke 53 2026", P2025, {2026}, {12}, None),  # 2026 has 53 weeks; Thursday 31 December
        ("uke 5-10 2026", P2025, {2026}, {1, 2, 3}, None),  # Thursdays 29 Jan … 5 Mar
        # Twice a year.
        ("hvert semester", P2025, EVERY_YEAR, set(), "halvårlig"),
        ("Kvart semester", P2025, EVERY_YEAR, set(), "halvårlig"),
        # Dates.
        ("15.10.2025", P2025, {2025}, {10}, None),
        ("1.3.2026", P2025, {2026}, {3}, None),
        ("2025-10-15", P2025, {2025}, {10}, None),
        ("Innen 15.10.2025", P2025, {2025}, {10}, None),
    ],
)
def test_reads_the_phrases_boards_write(text, period, years, months, frequency):
    timing = parse_timing(text)
    assert timing.unread is None, f"«{text}»: did not understand «{timing.unread}»"
    assert set(timing.years_in(period)) == years
    assert set(timing.months) == months
    assert timing.frequency == frequency


def test_a_dated_measure_is_one_off_and_a_yearly_phrase_recurs():
    assert not parse_timing("15.10.2025").recurring
    assert not parse_timing("Q1 2025").recurring
    assert parse_timing("I løpet av året").recurring
    assert parse_timing("hvert semester").recurring


@pytest.mark.parametrize("text, rest", [
    ("31.02.2025", "31 02"),  # no such day: the year is read, the rest is named, not guessed
    ("uke 53 2025", "uke 53"),  # 2025 has no week 53
    ("uke 60", "uke 60"),
    ("Q5 2025", "q5"),
    ("32. mars", "32"),
])
def test_impossible_dates_and_weeks_are_named_not_guessed(text, rest):
    assert parse_timing(text).unread == rest


def test_a_week_is_never_a_year_or_a_date_never_a_range():
    # "2025-10-15" is a date, not the years 2025 … 2010; "uke 20" is not the year 20.
    assert set(parse_timing("2025-10-15").years_in(Period(2000, 2030))) == {2025}
    assert set(parse_timing("uke 20 2027").years_in(Period(2025, 2028))) == {2027}


def test_long_whitespace_between_parts_stays_fast():
    # The hostile-input rule: no pattern may be quadratic on a long run of spaces.
    text = "uke" + " " * 200_000 + "42" + " " * 200_000 + "15." + " " * 200_000 + "10.2025 Q1"
    timing = parse_timing(text)
    assert 10 in timing.months


def test_check_reads_the_new_phrases_and_names_an_impossible_date(write, cli):
    plan = write("plan.md", """\
        ---
        organisasjon: Testlaget SV
        nivå: lokallag
        periode: 2025
        ---

        ## Mål 1: Synlig for ungdom

        ### Tiltak

        - **1.1** Møte med elevrådene
          - når: 31.02.2025
        - **1.2** Konferanse
          - når: uke 42
        - **1.3** Erfaringsdeling
          - når: I løpet av året
        - **1.4** Handlingsplanen rulleres
          - når: innen 1. mars
        """)
    checked = cli("check", plan.name, cwd=plan.parent)
    assert checked.code == 0  # a warning
    assert [line for line in checked.out.splitlines() if "AP" in line] == [
        "plan.md:11:3: AP301 tidsangivelsen «31.02.2025» kan ikke leses (forstår ikke «31 02»)"]
