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
ADOPTED = re.compile(r"\b[Vv]edtatt av ([^,\n]+?),?\s+(\d{1,2})\.\s*([A-Za-zæøå]+)\s+((?:19|20)\d\d)")
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)\b")
_PLAN_YEAR = re.compile(r"plan\b\D{0,40}?\b((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)", re.IGNORECASE)
_ORG = re.compile(r"\b((?:[A-ZÆØÅ][a-zæøå]+(?:[- ][A-ZÆØÅ][a-zæøå]+)?) SV)\b")
_LEVEL_EVIDENCE = [
    ("nasjonalt", re.compile(r"vedtatt av (?:svs )?landsstyre|landsstyret vedtar planen", re.IGNORECASE)),
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
_NYNORSK = {"ikkje", "eit", "frå", "dei", "korleis", "kva", "kven", "noko", "mykje", "berre", "òg", "vere", "vore",
            "medlemar", "fleire", "saman", "heile"}
_BOKMAL = {"ikke", "et", "fra", "de", "hvordan", "hva", "hvem", "noe", "mye", "bare", "også", "være", "vært",
           "medlemmer", "flere", "sammen", "hele"}
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
        if m and m.group(3).lower() in MONTHS:
            try:
                facts.adopted = (date(int(m.group(4)), MONTHS[m.group(3).lower()], int(m.group(2))),
                                 m.group(1).strip())
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
    facts.language, evidence = written_language(texts)
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
