"""Every timing form in the source documents, read as a county secretary would read it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbeidsplan.model import Period
from arbeidsplan.read.timing import parse_timing

P2025 = Period(2025, 2028)  # Innlandet
P2024 = Period(2024, 2027)  # Bergen
P2026 = Period(2026, 2029)  # the national plan


@pytest.mark.parametrize(
    "text, period, years, months",
    [
        # Bergen SV 2024–2027
        ("2024", P2024, {2024}, set()),
        ("2024-2027", P2024, {2024, 2025, 2026, 2027}, set()),
        ("2024 - 2027", P2024, {2024, 2025, 2026, 2027}, set()),
        ("2024-2025", P2024, {2024, 2025}, set()),
        ("2024, 2025, 2026, 2027.", P2024, {2024, 2025, 2026, 2027}, set()),
        ("2025 (Høst)", P2024, {2025}, {9, 10, 11}),
        ("2025 og 2027", P2024, {2025, 2027}, set()),
        ("Fra 2024 - 2027", P2024, {2024, 2025, 2026, 2027}, set()),
        ("2024 - 2025 / 2025 - 2027", P2024, {2024, 2025, 2026, 2027}, set()),
        # Innlandet SV 2025–2028
        ("2025", P2025, {2025}, set()),
        ("2024 og 2026", P2025, {2026}, set()),
        ("Årlig", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Kontinuerlig", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Hele perioden", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Halvårlig", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Mars, årlig", P2025, {2025, 2026, 2027, 2028}, {3}),
        ("April/mai årlig", P2025, {2025, 2026, 2027, 2028}, {4, 5}),
        ("Månedlig / ved behov", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Månedlig", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Mars 2024", P2025, set(), {3}),
        ("April 2024", P2025, set(), {4}),
        ("April 2025", P2025, {2025}, {4}),
        ("Februar/mars 2024", P2025, set(), {2, 3}),
        ("Første halvår 2025", P2025, {2025}, {1, 2, 3, 4, 5, 6}),
        ("Første halvår etter årsmøtet", P2025, {2025, 2026, 2027, 2028}, {1, 2, 3, 4, 5, 6}),
        ("Første FS-møte etter årsmøtet, årlig", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Første FS-møte etter årsmøtet", P2025, {2025, 2026, 2027, 2028}, set()),
        ("Etter årsmøteperioden", P2025, {2025, 2026, 2027, 2028}, set()),
        # Election words: Norway votes every odd year; general 2025/2029, local 2023/2027.
        ("i valgår", P2026, {2027, 2029}, set()),
        ("i mellomvalgår", P2026, {2026, 2028}, set()),
        ("ikke-valgår", P2026, {2026, 2028}, set()),
        ("Våren i ikke-valgår", P2026, {2026, 2028}, {3, 4, 5}),
        ("lokalvalgår", P2026, {2027}, set()),
        ("kommunevalgår", P2026, {2027}, set()),
        ("stortingsvalgår", P2026, {2029}, set()),
        ("halvårlig i mellomvalgår", P2026, {2026, 2028}, set()),
        ("kvartalsvis i valgår", P2026, {2027, 2029}, set()),
        # Nynorsk
        ("Årleg", P2026, {2026, 2027, 2028, 2029}, set()),
        ("Heile perioden", P2026, {2026, 2027, 2028, 2029}, set()),
        ("Kvart år i valår", P2026, {2027, 2029}, set()),
        ("Ikkje-valår", P2026, {2026, 2028}, set()),
        ("Hausten 2026", P2026, {2026}, {9, 10, 11}),
        ("Månadleg", P2026, {2026, 2027, 2028, 2029}, set()),
        ("To gonger i året", P2026, {2026, 2027, 2028, 2029}, set()),
        ("Fyrste halvår 2027", P2026, {2027}, {1, 2, 3, 4, 5, 6}),
        ("Fra 2027", P2026, {2027, 2028, 2029}, set()),
        # Two seasons are both (a new-user trial: «Våren og høsten» was read as the spring alone, without a word)
        ("Våren og høsten, årlig", P2026, {2026, 2027, 2028, 2029}, {3, 4, 5, 9, 10, 11}),
        ("vår/høst", P2026, {2026, 2027, 2028, 2029}, {3, 4, 5, 9, 10, 11}),
        ("Våren og hausten 2026", P2026, {2026}, {3, 4, 5, 9, 10, 11}),
        ("Mars og høsten", P2026, {2026, 2027, 2028, 2029}, {3, 9, 10, 11}),
        ("Høsten (oktober) 2026", P2026, {2026}, {10}),  # a month inside the season says when in it
    ],
)
def test_reads_every_form_in_the_sources(text, period, years, months):
    timing = parse_timing(text)
    assert timing.unread is None, f"«{text}»: did not understand «{timing.unread}»"
    assert set(timing.years_in(period)) == years
    assert set(timing.months) == months


def test_named_years_outside_the_period_are_reported_not_dropped():
    timing = parse_timing("2024 og 2026")
    assert set(timing.outside(P2025)) == {2024}
    assert set(timing.years_in(P2025)) == {2026}


@pytest.mark.parametrize("text, rest", [("Når det passer", "når det passer"), ("Snarest", "snarest"), ("En gang", "en gang"),
                                        ("2026, når styret vil", "når styret vil")])
def test_what_it_cannot_read_is_named(text, rest):
    timing = parse_timing(text)
    assert timing.unread == rest


def test_recurring_and_one_off():
    assert parse_timing("Årlig").recurring
    assert not parse_timing("2025").recurring
    assert parse_timing("Årlig").frequency == "årlig"
    assert parse_timing("Halvårlig").frequency == "halvårlig"


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_never_raises_on_any_string(text):
    timing = parse_timing(text)
    timing.years_in(P2026)
    timing.outside(P2026)
