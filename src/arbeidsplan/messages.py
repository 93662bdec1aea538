"""Every user-facing text, looked up by key in the catalogues in locale/: nb.py (bokmål, the source of every
key), nn.py and en.py, with the same keys in the same order (tests/test_languages.py keeps them complete).

A text is a str.format pattern, or a pair (singular, plural) chosen by the argument `n`: bokmål, nynorsk and
English all use the singular for exactly one. The interface language is --lang, else ARBEIDSPLAN_LANG, else
the locale (LC_ALL, LC_MESSAGES, LANG), else bokmål; a report is written in its plan's `språk` (`using`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from .locale.nb import NB

Text = str | tuple[str, str]

LANGUAGES = ("nb", "nn", "en")
# What people write for a language: in front matter (`språk`), ARBEIDSPLAN_LANG, --lang and locale names.
LANGUAGE_NAMES = {
    "nb": "nb", "bokmål": "nb", "bokmal": "nb", "no": "nb", "nob": "nb",
    "nn": "nn", "nynorsk": "nn", "nno": "nn",
    "en": "en", "english": "en", "engelsk": "en", "eng": "en",
}
_chosen: ContextVar[str | None] = ContextVar("arbeidsplan_language", default=None)
_catalogues: dict[str, dict[str, Text]] = {"nb": NB}


def language_code(name: str | None) -> str | None:
    """«nynorsk», «nn», «nn_NO.UTF-8», «en_GB» … → nb, nn or en; None if it names none of them."""
    if not name:
        return None
    lowered = name.strip().lower()
    return LANGUAGE_NAMES.get(lowered) or LANGUAGE_NAMES.get(lowered.split(".")[0].split("_")[0].split("-")[0])


def choose_language(name: str | None) -> None:
    """Set the interface language for the rest of the process (--lang)."""
    _chosen.set(language_code(name))


def chosen_on_command_line() -> str | None:
    """The language --lang chose, if it was given (not ARBEIDSPLAN_LANG or the machine's locale): the report is in
    each plan's own language unless the user asked for one."""
    return _chosen.get()


def language() -> str:
    chosen = _chosen.get()
    if chosen:
        return chosen
    for variable in ("ARBEIDSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        code = language_code(os.environ.get(variable))
        if code:
            return code
    return "nb"


@contextmanager
def using(name: str | None) -> Iterator[None]:
    """Texts in this language inside the block (a report in its plan's `språk`); unknown names change nothing."""
    token = _chosen.set(language_code(name) or language())
    try:
        yield
    finally:
        _chosen.reset(token)


def catalogue(code: str) -> dict[str, Text]:
    if code not in _catalogues:
        from importlib import import_module

        _catalogues[code] = getattr(import_module(f".locale.{code}", __package__), code.upper())
    return _catalogues[code]


def message(key: str, /, **args: object) -> str:
    text = catalogue(language()).get(key) or NB[key]
    if isinstance(text, tuple):
        text = text[0] if args.get("n") == 1 else text[1]
    return text.format(**args) if args else text
