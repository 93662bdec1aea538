"""What the document says about itself, for the front matter: organisation, level, period, adopting body and
date. Each fact is taken only from a phrase that states it; what is not stated is left out, for the user to
give as an option (the import asks for it rather than guess)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .clean import Line

MONTHS = {name: n for n, name in enumerate(
    ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
     "desember"], 1)}
# «Vedtatt av årsmøtet i Testby SV, 20. januar 2024»; in nynorsk «Vedteken av …», «Vedteke på …», «Vedtekne …»;
# the date also as 20.01.2024.
ADOPTED = re.compile(r"\b[Vv]ed(?:tatt|tatte|teken|teke|tekne|tekent)\s+(?:av|på|i)\s+(?P<body>[^,\n]+?),?\s+"
                     r"(?:den\s+)?(?P<day>\d{1,2})\.\s*(?:(?P<month>[A-Za-zæøå]+)\s+|(?P<number>\d{1,2})\.\s*)"
                     r"(?P<year>(?:19|20)\d\d)")
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)\b")
_PLAN_YEAR = re.compile(r"plan\b\D{0,40}?\b((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)", re.IGNORECASE)
_ORG = re.compile(r"\b((?:[A-ZÆØÅ][a-zæøå]+(?:[- ][A-ZÆØÅ][a-zæøå]+)?) SV)\b")
_LEVEL_EVIDENCE = [
    ("nasjonalt", re.compile(r"ved(?:tatt|teke|teken) av (?:svs )?landsstyre|landsstyret vedtar planen",
                             re.IGNORECASE)),
    ("fylkeslag", re.compile(r"årsmøtet i fylkeslaget|fylkesstyret rapporterer", re.IGNORECASE)),
    ("lokallag", re.compile(r"årsmøtet i lokallaget|lokallagsstyret rapporterer", re.IGNORECASE)),
]


@dataclass
class Facts:
    organisation: str | None = None
    level: str | None = None
    period: tuple[int, int] | None = None
    adopted: tuple[date, str] | None = None
    language: str | None = None  # "nynorsk" when the document is written in it; bokmål is the format's default
    evidence: dict[str, str] = field(default_factory=dict)  # fact → the phrase it was read from


# Common words that are written one way in nynorsk and another in bokmål: which of the two a document uses.
# Only words that are not also correct in the other (or in it another word: «gjeld», «fyrste»): «også», «hos» and
# «skole» are both, and left out.
_NYNORSK = {"ikkje", "eit", "ein", "frå", "dei", "korleis", "kva", "kven", "kvar", "kvart", "noko", "nokre",
            "nokon", "mykje", "berre", "òg", "vere", "vore", "medlemar", "medlemer", "medlemene", "fleire", "saman",
            "heile", "heilt", "synleg", "synlege", "årleg", "månadleg", "jamleg", "mogleg", "viktigaste", "eigen",
            "eige", "eigne", "veke", "veker", "månad", "månader", "laurdag", "utan", "sjølv", "gjere", "ho",
            "medan", "leiar", "seinast", "tilsette", "folkevalde", "tillitsvalde", "valkamp", "valet", "innspel",
            "ringje", "haust", "hausten", "høyrer"}
_BOKMAL = {"ikke", "et", "en", "fra", "de", "hvordan", "hva", "hvem", "hver", "hvert", "hvor", "noe", "noen", "mye",
           "bare", "være", "vært", "medlemmer", "medlemmene", "flere", "sammen", "hele", "helt", "synlig", "synlige",
           "årlig", "månedlig", "jevnlig", "mulig", "viktigste", "egen", "eget", "egne", "uke", "uker", "måned",
           "måneder", "lørdag", "uten", "selv", "gjøre", "hun", "ble", "leder", "senest", "ansatte", "folkevalgte",
           "tillitsvalgte", "valgkamp", "valget", "innspill", "høst", "høsten", "hører", "gjelder"}
_WORD = re.compile(r"[a-zæøåò]+")


def written_language(texts: list[str]) -> tuple[str | None, str]:
    """"nynorsk" when the document's telling words are clearly nynorsk's (at least five, and three times as
    many as bokmål's), with the words it was read from; None otherwise."""
    words = [w for text in texts for w in _WORD.findall(text.lower())]
    nn = [w for w in words if w in _NYNORSK]
    nb = [w for w in words if w in _BOKMAL]
    if len(nn) >= 5 and len(nn) >= 3 * len(nb):
        return "nynorsk", ", ".join(list(dict.fromkeys(nn))[:4])
    return None, ""


def read_facts(lines: list[Line]) -> Facts:
    facts = Facts()
    texts = [line.text for line in lines if line.text and not line.cells]
    head = texts[:25]
    for text in texts:
        m = ADOPTED.search(text)
        if m is None:
            continue
        month = MONTHS.get((m.group("month") or "").lower()) or int(m.group("number") or 0)
        if month:
            try:
                facts.adopted = (date(int(m.group("year")), month, int(m.group("day"))),
                                 m.group("body").strip())
                facts.evidence["vedtatt"] = m.group(0)
            except ValueError:
                pass
            break
    for text in head:
        m = _PERIOD.search(text)
        if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 8:
            facts.period = (int(m.group(1)), int(m.group(2)))
            facts.evidence["periode"] = text
            break
    if facts.period is None:
        for text in head:
            m = _PLAN_YEAR.search(text)
            if m:
                facts.period = (int(m.group(1)), int(m.group(1)))
                facts.evidence["periode"] = text
                break
    found = {level: text for text in texts for level, pattern in _LEVEL_EVIDENCE if pattern.search(text)}
    facts.language, evidence = written_language([line.text for line in lines if line.text])  # tables' too
    if facts.language:
        facts.evidence["språk"] = evidence
    if len(found) == 1:
        facts.level = next(iter(found))
        facts.evidence["nivå"] = found[facts.level]
    if facts.level == "nasjonalt":
        facts.organisation = "SV"
        facts.evidence["organisasjon"] = facts.evidence["nivå"]
    else:
        for text in head:
            m = _ORG.search(text)
            if m:
                facts.organisation = m.group(1)
                facts.evidence["organisasjon"] = text
                break
    return facts
