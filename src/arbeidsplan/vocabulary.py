"""The words people type in plans: status words, table columns, attribute keys, section headings.
Bokmål and nynorsk forms side by side; everything is matched in lower case."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Level, Section, StatusWord

STATUS_WORDS: dict[str, StatusWord] = {
    "planlagt": StatusWord.PLANLAGT, "planlagd": StatusWord.PLANLAGT, "planlagde": StatusWord.PLANLAGT,
    "i gang": StatusWord.I_GANG, "igang": StatusWord.I_GANG, "i gong": StatusWord.I_GANG,
    "påbegynt": StatusWord.I_GANG, "påbyrja": StatusWord.I_GANG, "starta": StatusWord.I_GANG,
    "gjennomført": StatusWord.GJENNOMFORT, "gjennomførd": StatusWord.GJENNOMFORT,
    "gjennomførte": StatusWord.GJENNOMFORT, "utført": StatusWord.GJENNOMFORT, "ferdig": StatusWord.GJENNOMFORT,
    "delvis gjennomført": StatusWord.DELVIS, "delvis gjennomførd": StatusWord.DELVIS,
    "delvis utført": StatusWord.DELVIS,
    "utsatt": StatusWord.UTSATT, "utsett": StatusWord.UTSATT,
    "ikke gjennomført": StatusWord.IKKE_GJENNOMFORT, "ikkje gjennomført": StatusWord.IKKE_GJENNOMFORT,
    "ikkje gjennomførd": StatusWord.IKKE_GJENNOMFORT, "ikke utført": StatusWord.IKKE_GJENNOMFORT,
    "strøket": StatusWord.STROKET, "stroke": StatusWord.STROKET, "stroken": StatusWord.STROKET,
    "strykt": StatusWord.STROKET, "stryke": StatusWord.STROKET,
}
_STATUS_ORDER = sorted(STATUS_WORDS, key=len, reverse=True)
# One named group per word: which word matched is the group's name, never a lookup of the matched text, which
# IGNORECASE lets differ from every key ("utſatt", "İ gang").
_STATUS_RE = re.compile(
    r"^(?:" + "|".join(f"(?P<w{k}>{re.escape(w)})" for k, w in enumerate(_STATUS_ORDER)) + r")(?![\wæøå])",
    re.IGNORECASE,
)


def known_status_words() -> str:
    """The status words to suggest when one is not understood: the nynorsk forms to a nynorsk user, else the
    bokmål ones (an English user writes the plan's own words too)."""
    return ", ".join(_suggested(w) for w in StatusWord)


def _suggested(word: StatusWord) -> str:
    from .messages import catalogue, language

    return str(catalogue("nn").get(f"word.{word.value}", word.value)) if language() == "nn" else word.value


def status_meant(typed: str) -> str:
    """«; mente du «gjennomført»?» for a misspelt status word («gjenomført», «utsat»): the closest of all the
    words read as statuses, said in the form known_status_words lists; "" when none is close."""
    import difflib

    from .messages import message

    close = difflib.get_close_matches(" ".join(typed.split()).lower(), list(STATUS_WORDS), n=1, cutoff=0.75)
    return message("did_you_mean", suggestion=_suggested(STATUS_WORDS[close[0]])) if close else ""


_AFTER_STATUS = re.compile(r"^(?:$|\s|[—–:,.;(])")  # "ferdig-ish" is not "ferdig"


def match_status(text: str) -> tuple[StatusWord | None, str]:
    """Split "gjennomført — 45 deltakere" into the status word and what follows it."""
    text = text.strip()
    m = _STATUS_RE.match(text)
    if not m or not _AFTER_STATUS.match(text[m.end():]):
        return None, text
    return STATUS_WORDS[_STATUS_ORDER[int(m.lastgroup[1:])]], text[m.end():]


TIMING_KEYS = {"når", "tidsrom", "gjennomføring", "tid", "frist", "tidspunkt", "tidsplan"}
RESPONSIBLE_KEYS = {"ansvar", "ansvarlig", "ansvarleg"}
LINK_KEYS = {"svarer på", "svarar på", "svarer", "svarar", "kobling", "koblinger", "kopling", "koplingar"}
ADDRESSED_KEYS = {"til", "rettet til", "retta til"}
ID_COLUMNS = {"", "nr", "id", "nummer"}
TEXT_COLUMNS = {"tiltak"}

# The words for each level, bokmål and nynorsk, singular and plural, with the possessives of role headings
# («Fylkeslagas rolle»). A requirement's wording also names the level by its board («Fylkesstyret skal …»).
LEVEL_FORMS: dict[Level, tuple[str, ...]] = {
    Level.FYLKESLAG: ("fylkeslag", "fylkeslaga", "fylkeslagas", "fylkeslaget", "fylkeslagets", "fylkeslagene",
                      "fylkeslagenes", "fylka", "fylkene"),
    Level.LOKALLAG: ("lokallag", "lokallaga", "lokallagas", "lokallaget", "lokallagets", "lokallagene",
                     "lokallagenes"),
    Level.BYDELSLAG: ("bydelslag", "bydelslaga", "bydelslagas", "bydelslaget", "bydelslagene", "bydelslagenes"),
    Level.STUDENTLAG: ("studentlag", "studentlaga", "studentlagas", "studentlaget", "studentlagene",
                       "studentlagenes"),
    Level.REGIONLAG: ("regionlag", "regionlaga", "regionlagas", "regionlaget", "regionlagene", "regionlagenes"),
    Level.NASJONALT: ("nasjonalt", "nasjonal", "sentralt", "landsstyret"),
    # Outside the party: only whole words for it, never a role heading's possessive («andre» is too common).
    Level.ANNET: ("annet", "anna", "annen organisasjon", "annan organisasjon", "ekstern organisasjon"),
}
BOARD_FORMS: dict[Level, tuple[str, ...]] = {
    Level.FYLKESLAG: ("fylkesstyret", "fylkesstyrene"),
    Level.LOKALLAG: ("lokallagsstyret", "lokallagsstyrene"),
}
LEVEL_WORDS: dict[str, Level] = {form: level for level, forms in LEVEL_FORMS.items() for form in forms}


def level_word(text: str) -> Level | None:
    return LEVEL_WORDS.get(text.strip().lower())


_ROLE = re.compile(r"^(\w+)\s+(?:sin\s+)?rolle$")
# "Status 2026", "status for 2026" (lower case, colon stripped): the one pattern for a status heading.
STATUS_HEADING = re.compile(r"^status(?:\s+for)?\s+((?:19|20)\d\d)$")
SECTION_HEADINGS: dict[str, Section] = {
    "tiltak": Section.TILTAK,
    "tiltak for å nå målet": Section.TILTAK,
    "tiltak for å nå målene": Section.TILTAK,
    "tiltak for å nå måla": Section.TILTAK,
    "sentrale tiltak": Section.SENTRALE_TILTAK,
    "sentrale tiltak i perioden": Section.SENTRALE_TILTAK,
    "viktige prioriteringer i perioden": Section.PRIORITERINGER,
    "viktige prioriteringar i perioden": Section.PRIORITERINGER,
    "prioriteringer": Section.PRIORITERINGER,
    "prioriteringar": Section.PRIORITERINGER,
    "delmål": Section.DELMAL,
}


@lru_cache(maxsize=4096)  # the same headings in every version of a plan, and in every plan
def classify_section(title: str) -> tuple[Section | None, Level | None, int | None]:
    """For a heading's text: its section kind, the level a role section is addressed to, or a status year."""
    t = re.sub(r"\s+", " ", title.strip().rstrip(":").strip().lower())
    if t in SECTION_HEADINGS:
        return SECTION_HEADINGS[t], None, None
    m = _ROLE.match(t)
    role_level = level_word(m.group(1)) if m else None
    if role_level is not None and role_level.in_party:
        return Section.ROLLE, role_level, None
    m = STATUS_HEADING.match(t)
    if m:
        return None, None, int(m.group(1))
    return None, None, None


@lru_cache(maxsize=4096)  # the same few headers and attribute keys in every plan
def column_kind(header: str) -> str:
    h = re.sub(r"\s+", " ", header.strip().strip(":.").strip().lower())
    if h in ID_COLUMNS:
        return "id"
    if h in TEXT_COLUMNS:
        return "text"
    if h in TIMING_KEYS:
        return "timing"
    if h in RESPONSIBLE_KEYS:
        return "responsible"
    if h in LINK_KEYS:
        return "links"
    if h in ADDRESSED_KEYS:
        return "addressed"
    return "other"


def attribute_kind(key: str) -> str | None:
    kind = column_kind(key)
    return None if kind in ("id", "text", "other") else kind


# Words that head a document's prose sections: `import` reads such a line as a heading even when its paragraph
# follows without a blank line («Innledning» in the 2026–2029 national plan).
PROSE_HEADINGS = {"innledning", "innleiing", "bakgrunn", "forord", "føreord", "formål", "føremål", "oppsummering",
                  "samandrag", "sammendrag", "avslutning", "avslutting"}


def prose_heading(text: str) -> bool:
    """«Innledning», «Bakgrunn:» …: a line that heads a section of prose, even with its paragraph right below."""
    return text.rstrip(" :").lower() in PROSE_HEADINGS
