"""The «nothing lost» check: every word of the cleaned source text must be in the written plan, in order.

The source and the plan are compared as sequences of words (letters and digits, lower case); what the plan
adds (keywords, ids, Markdown) is allowed, what the source has and the plan lacks is reported, as the
source's own text, with where it was. A run of words that the plan has joined (a word broken across lines,
«Bystyregr uppen») counts as kept when its letters are in the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import Line

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Lost:
    where: int
    text: str


@dataclass(frozen=True)
class Coverage:
    words: int  # words in the source (after cleaning)
    kept: int
    lost: list[Lost]


def _source_words(lines: list[Line]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for line in lines:
        text = " ".join(line.cells) if line.cells else line.text
        out += [(w.lower(), line.where) for w in _WORD.findall(text)]
    return out


def check_coverage(lines: list[Line], markdown: str) -> Coverage:
    source = _source_words(lines)
    body = markdown.split("\n---\n", 1)[-1] if markdown.startswith("---\n") else markdown
    body = body.replace("<br>", " ")
    plan = [w.lower() for w in _WORD.findall(body)]
    letters = "".join(plan)
    matched = _align([w for w, _ in source], plan)
    lost: list[Lost] = []
    kept = sum(matched)
    k = 0
    while k < len(source):
        if matched[k]:
            k += 1
            continue
        start = k
        while k < len(source) and not matched[k]:
            k += 1
        run = source[start:k]
        joined = "".join(w for w, _ in run)
        if joined in letters:
            kept += len(run)
            continue
        lost.append(Lost(run[0][1], " ".join(w for w, _ in run)))
    return Coverage(len(source), kept, lost)


WINDOW = 200  # how far ahead in the plan a source word is looked for: past what the writer adds per item


def _align(source: list[str], plan: list[str]) -> list[bool]:
    """Which source words the plan has, in order. Linear: the plan keeps the source's order and adds a few
    words (keywords, ids) per item, so each word is looked for a little way ahead of the last one found, and a
    match further ahead (or, after a wrong jump, behind) counts only when the next source word follows it there
    too."""
    matched = [False] * len(source)
    j = 0
    for k, word in enumerate(source):
        if j < len(plan) and plan[j] == word:
            matched[k] = True
            j += 1
            continue
        following = source[k + 1] if k + 1 < len(source) else None
        ahead = range(j + 1, min(len(plan), j + WINDOW))
        behind = range(j - 1, max(-1, j - WINDOW), -1)  # after a wrong jump ahead: find the way back
        for f in [*ahead, *behind]:
            if plan[f] == word and (following is None or following in plan[f + 1: f + 4]):
                matched[k] = True
                j = f + 1
                break
    return matched
