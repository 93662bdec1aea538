"""Timing and responsible read out of a measure's own text, for plans that have no columns for them — only
when the text says it once and plainly («Arrangere en årlig samling …» → når: årlig; «Fylkesstyret skal …»
→ ansvar: Fylkesstyret). The text stays as adopted; the properties are added beside it. Off unless asked for
(`--timing-from-text`): a board that did not write a timing has not decided one."""

from __future__ import annotations

import re

from ..timing import parse_timing

_YEAR = re.compile(r"(?<![\wæøå])(?:(i|innen|før|fra|høsten|våren)\s+)((?:19|20)\d\d)(?![\d\wæøå])", re.IGNORECASE)
_FREQUENCY = re.compile(r"(?<![\wæøå])(halvårlige?|halvårleg|kvartalsvis|månedlige?|årlige?|årleg|hvert år|"
                        r"to ganger i året|to gonger i året|i valgår|i mellomvalgår|ikke-valgår)(?![\wæøå])",
                        re.IGNORECASE)
_RESPONSIBLE = re.compile(r"^(Fylkesstyret|Styret|Lokallagsstyret|Lokallaget|Fylkeslaget|Sentralstyret|Landsstyret|"
                          r"Partikontoret|Bystyregruppen|Fylkestingsgruppa|Fylkessekretæren|AU|Valgkomiteen|"
                          r"Stortingsgruppa|Utvalga|Utvalgene)\s+(?:skal|vil|har ansvar)\b")


def timing_in(text: str) -> str | None:
    """The one timing the text names, as the timing reader reads it; None when it names none or several."""
    found: set[str] = set()
    if len(set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))) > 1:  # «i 2027 og 2029»: not one timing
        return None
    for m in _YEAR.finditer(text):
        word = m.group(1).lower()
        found.add(f"Fra {m.group(2)}" if word == "fra" else
                  f"{word.capitalize()} {m.group(2)}" if word in ("høsten", "våren") else m.group(2))
    for m in _FREQUENCY.finditer(text):
        word = m.group(1).lower()
        found.add({"årlige": "årlig", "halvårlige": "halvårlig", "månedlige": "månedlig"}.get(word, word))
    if len(found) != 1:
        return None
    phrase = found.pop()
    timing = parse_timing(phrase)
    return phrase if timing.understood and not timing.unread else None


def responsible_in(text: str) -> str | None:
    m = _RESPONSIBLE.match(text.strip())
    return m.group(1) if m else None
