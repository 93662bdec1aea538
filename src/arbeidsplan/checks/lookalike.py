"""Ids that look the same but are not: «1.1» with a zero-width space, a bidi control, full-width digits or a
Cyrillic «а» in it reads as 1.1 to every person and as another id to the program (a link to it, or a status for
it, silently goes elsewhere or nowhere)."""

from __future__ import annotations

import unicodedata

# Letters from other scripts drawn like Latin ones (Cyrillic, Greek), as Unicode's confusables list has them.
_CONFUSABLE = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y",
    "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "l",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i",
})


def hidden(text: str) -> list[str]:
    """The invisible characters in `text` (format characters: zero-width spaces and joiners, bidi controls, a
    BOM), by their Unicode names."""
    return [unicodedata.name(c, f"U+{ord(c):04X}") for c in text if unicodedata.category(c) == "Cf"]


def skeleton(text: str) -> str:
    """What `text` looks like: full-width and other compatibility forms folded (NFKC), invisible characters
    dropped, look-alike letters from other scripts made Latin."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if unicodedata.category(c) != "Cf").translate(_CONFUSABLE)


def foreign(text: str) -> bool:
    """Whether `text` holds a character that is not what it looks like (full-width, another script's look-alike)."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return skeleton(visible) != visible


def shown(text: str) -> str:
    """`text` with every character that is not what it looks like written as \\uXXXX, so the message shows it."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cf" or skeleton(c) != c else c for c in text)
