"""Norwegian timing expressions ("2024 og 2026", "April/mai årlig", "Første halvår 2025", "i mellomvalgår")
read into the years and months they name.

The reader recognises parts one after another and removes them from the text; what is left over after the
filler words is returned as `unread`, so a caller can warn about exactly that part. It never raises.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from ..model import ELECTION_YEARS, Period, Timing  # noqa: F401  (Timing: parse_timing's result)

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12, "des": 12,
}
SEASON_MONTHS = {"vår": (3, 4, 5), "sommer": (6, 7, 8), "høst": (9, 10, 11), "vinter": (12, 1, 2)}

# (pattern, field, value). Order matters: longer and compound forms first.
_W = r"(?<![\wæøå])"  # word start
_E = r"(?![\wæøå])"  # word end
_RULES: list[tuple[str, str, object]] = [
    (r"stortingsval(?:g)?s?år(?:et|a)?", "election", "stortingsvalgår"),
    (r"(?:kommune-? og fylkestings|lokal|kommune|fylkestings)val(?:g)?s?år(?:et|a)?", "election", "lokalvalgår"),
    (r"(?:mellomval(?:g)?s?|mellom|ikke-? ?val(?:g)?s?|ikkje-? ?val(?:g)?s?|utenom val(?:g)?s?)år(?:et|a)?",
     "election", "mellomvalgår"),
    (r"val(?:g)?s?år(?:et|a)?", "election", "valgår"),
    (r"(?:halvårlig|halvårleg|hvert halvår|kvart halvår|(?:hvert|kvart|hvart|per|pr\.?|kvar) semester|(?:to|2) gang(?:er)? (?:i|per|pr\.?) år(?:et)?"
     r"|(?:to|2) gonger (?:i|per) år(?:et)?)", "frequency", "halvårlig"),
    (r"(?:kvartalsvis|hvert kvartal|kvart kvartal)", "frequency", "kvartalsvis"),
    (r"(?:månedlig|månadleg|månedleg|hver måned|kvar månad)", "frequency", "månedlig"),
    (r"(?:ukentlig|vekentleg|hver uke|kvar veke)", "frequency", "ukentlig"),
    (r"(?:årlig|årleg|hvert år|kvart år|(?:en|ein) gang (?:i|per|pr\.?) året?|ein gong (?:i|per) året?)",
     "frequency", "årlig"),
    (r"(?:ved|etter) behov", "frequency", "ved behov"),
    # "Hele året" is the whole of each year; "i løpet av året" is some time in each year.
    (r"(?:gjennom |i )?(?:hele|heile) året|året rundt|gjennom året", "frequency", "kontinuerlig"),
    (r"i løpet av året", "frequency", "årlig"),
    (r"(?:kontinuerlig|kontinuerleg|løpende|løpande|fortløpende|fortløpande|jevnlig|jamleg|jevnleg)",
     "frequency", "kontinuerlig"),
    (r"(?:gjennom |i løpet av |i )?(?:hele|heile) (?:plan)?perioden|gjennom (?:plan)?perioden"
     r"|i løpet av (?:plan)?perioden|i (?:plan)?perioden", "whole_period", True),
    (r"(?:første|fyrste|første|1\.) (?:fs-møte|fylkesstyremøte|styremøte)(?: etter årsmøtet)?", "anchor", "årsmøtet"),
    (r"(?:etter|før|ved|på|i forkant av|i etterkant av) årsmøte(?:t|ne|perioden|sesongen)?", "anchor", "årsmøtet"),
    (r"(?:første|fyrste|1\.) (?:halvår|halvdel)(?:et)?", "half", 1),
    (r"(?:andre|siste|2\.) (?:halvår|halvdel)(?:et)?", "half", 2),
    # «hver høst», «kvar haust»: every year, in that season (the season itself is read by the rules below)
    (r"(?:hver|kvar)(?= (?:vår|sommer|sommar|sumar|høst|haust|vinter)(?![\wæøå]))", "frequency", "årlig"),
    (r"vår(?:en|parten)?", "season", "vår"),
    (r"(?:sommer(?:en)?|sommar(?:en)?|sumar(?:en)?)", "season", "sommer"),
    (r"(?:høst(?:en)?|haust(?:en)?)", "season", "høst"),
    (r"vinter(?:en)?", "season", "vinter"),
]
_COMPILED = [(re.compile(_W + p + _E), f, v) for p, f, v in _RULES]
# Dates and parts of a year, read into months (and a year where one is written): taken before plain years.
_DATE = re.compile(_W + r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)" + _E)  # 15.10.2025
_ISO_DATE = re.compile(_W + r"((?:19|20)\d\d)-(\d\d)-(\d\d)" + _E)  # 2025-10-15
_QUARTER_WORDS = {"første": 1, "fyrste": 1, "andre": 2, "tredje": 3, "fjerde": 4}
_QUARTER = re.compile(
    _W + r"(?:q([1-4])|([1-4])\. ?kvartal(?:et)?|(" + "|".join(_QUARTER_WORDS) + r") kvartal(?:et)?)" + _E
)
_WEEK = re.compile(_W + r"(?:uke|veke|u\.|v\.) ?(\d{1,2})(?:-(\d{1,2}))?" + _E)  # uke 42, veke 42-44
_RANGE = re.compile(_W + r"(?:fra(?: og med)? )?((?:19|20)\d\d) ?(?:-|til|t\.o\.m\.?) ?((?:19|20)\d\d)" + _E)
_FROM = re.compile(_W + r"(?:fra(?: og med)?|f\.o\.m\.?) ((?:19|20)\d\d)" + _E)
_YEAR = re.compile(_W + r"((?:19|20)\d\d)" + _E)
_DAY_MONTH = re.compile(_W + r"(\d{1,2})\. ?(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?" + _E)
_MONTH = re.compile(_W + "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?" + _E)
_FILLER = re.compile(
    _W + r"(?:i|og|eller|fra|til|med|per|pr|en|ein|gang|gong|hvert|kvart|året|år|innen|innan|senest|seinast"
    r"|etter|før|ved|på|om|av|start|starten|slutten|midten|fram|frem|mot|løpet|hele|heile|gjennom|frist)" + _E
)


_SPACES = re.compile(r" {2,}")


def _normalise(text: str) -> str:
    # Whitespace runs become one space first: the patterns below (`\s*-\s*`) would be quadratic on a long run.
    text = " ".join(unicodedata.normalize("NFC", text).lower().split())
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s*-\s*(?=\d)", "-", text)  # "2024 - 2027" -> "2024-2027"
    text = re.sub(r"(?<=\d)\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _months_of(season: object, half: object) -> tuple[int, ...]:
    if season in SEASON_MONTHS:
        return SEASON_MONTHS[season]  # type: ignore[index]
    if half in (1, 2):
        return tuple(range(1, 7)) if half == 1 else tuple(range(7, 13))
    return ()


def _all_months(named: set[int], parts: list[tuple[int, ...]]) -> frozenset[int]:
    """The named months, and each season or half-year that holds none of them: «våren og høsten» is both,
    «mars og høsten» is March and the autumn, «høsten (oktober)» is October."""
    months = set(named)
    for part in parts:
        if not named & set(part):
            months.update(part)
    return frozenset(months)


def _valid_day(day: int, month: int, year: int = 2000) -> bool:  # 2000: a leap year, so 29. februar is a day
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _week_months(week: int, years: set[int]) -> set[int]:
    """The month of each ISO week's Thursday (the week belongs to that month) in the named years, or in any
    year of a 28-year calendar cycle when no year is named; empty when the week does not exist."""
    months = set()
    for year in years or range(2001, 2029):
        try:
            months.add(date.fromisocalendar(year, week, 4).month)
        except ValueError:
            continue
    return months


def parse_timing(text: str) -> Timing:
    """Read a timing expression. Never raises; what is not understood is in `Timing.unread`."""
    if not isinstance(text, str):
        text = str(text)
    return _parse_timing(text)


@lru_cache(maxsize=4096)  # plans repeat a few dozen expressions; a Timing is immutable
def _parse_timing(text: str) -> Timing:
    original = text.strip()
    rest = _normalise(original)
    found: dict[str, object] = {}
    years: set[int] = set()
    months: set[int] = set()

    def take(pattern: re.Pattern[str], handle) -> None:
        """Remove each match that `handle` reads; a match it returns False for stays in the text, unread."""
        nonlocal rest
        rest = _SPACES.sub(" ", pattern.sub(lambda m: m.group(0) if handle(m) is False else " ", rest))  # no long runs

    def add_date(day: str, month: str, year: str) -> bool:
        if not _valid_day(int(day), int(month), int(year)):
            return False
        years.add(int(year))
        months.add(int(month))
        return True

    def add_quarter(m: re.Match[str]) -> None:
        quarter = int(m.group(1) or m.group(2) or _QUARTER_WORDS[m.group(3)])
        months.update(range(3 * quarter - 2, 3 * quarter + 1))

    weeks: list[tuple[int, int]] = []

    def add_week(m: re.Match[str]) -> bool:
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 1 <= first <= last <= 53:
            return False
        weeks.append((first, last))
        return True

    def add_day_month(m: re.Match[str]) -> bool:
        if not _valid_day(int(m.group(1)), MONTHS[m.group(2)]):
            return False
        months.add(MONTHS[m.group(2)])
        return True

    def add_range(m: re.Match[str]) -> None:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b and b - a <= 50:
            years.update(range(a, b + 1))
        else:
            years.update((a, b))

    take(_DATE, lambda m: add_date(m.group(1), m.group(2), m.group(3)))
    take(_ISO_DATE, lambda m: add_date(m.group(3), m.group(2), m.group(1)))
    take(_RANGE, add_range)
    take(_FROM, lambda m: found.setdefault("from_year", int(m.group(1))))
    parts: list[tuple[int, ...]] = []  # the months of every season and half-year named, not only the first's

    def add_part(field: str, value: object) -> None:
        found.setdefault(field, value)
        if field in ("season", "half"):
            parts.append(_months_of(value if field == "season" else None, value if field == "half" else None))

    for pattern, field, value in _COMPILED:
        take(pattern, lambda m, f=field, v=value: add_part(f, v))
    take(_QUARTER, add_quarter)
    take(_WEEK, add_week)
    take(_YEAR, lambda m: years.add(int(m.group(1))))
    take(_DAY_MONTH, add_day_month)
    take(_MONTH, lambda m: months.add(MONTHS[m.group(1)]))
    missing_weeks = []
    for first, last in weeks:  # after the years, so that "uke 1 2026" counts in 2026's calendar
        for week in range(first, last + 1):
            in_months = _week_months(week, years)
            months.update(in_months)
            if not in_months:  # week 53 of a year that has none
                missing_weeks.append(f"uke {week}")

    leftover = _FILLER.sub(" ", rest)
    leftover = re.sub(r"[\s,.;:/()\[\]&+*!?\"'«»-]+", " ", leftover).strip()
    leftover = " ".join([leftover, *missing_weeks]).strip()
    season = found.get("season")
    timing = Timing(
        text=original,
        years=frozenset(years) if years else None,
        from_year=found.get("from_year"),  # type: ignore[arg-type]
        months=_all_months(months, parts),
        frequency=found.get("frequency"),  # type: ignore[arg-type]
        whole_period=bool(found.get("whole_period")),
        election=found.get("election"),  # type: ignore[arg-type]
        anchor=found.get("anchor"),  # type: ignore[arg-type]
        half=found.get("half"),  # type: ignore[arg-type]
        season=season,  # type: ignore[arg-type]
        unread=leftover or None,
    )
    if not timing.understood and original:
        # Nothing was read: the whole expression is unread, even if it was only filler words ("en gang").
        timing = Timing(text=original, unread=_normalise(original))
    return timing
