"""Diagnostics → text. One function per output format; none of them checks anything."""

from __future__ import annotations

import json
from collections import Counter
from typing import Callable

from .diagnostics import Diagnostic, Severity


def location(d: Diagnostic) -> str:
    if d.span.line:
        return f"{d.span.file}:{d.span.line}:{d.span.col}"
    return d.span.file


def text_line(d: Diagnostic) -> str:
    return f"{location(d)}: {d.code} {d.message}"


def as_text(diagnostics: list[Diagnostic], files: int) -> str:
    return "".join(text_line(d) + "\n" for d in diagnostics)


def summary_counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    counts = Counter(d.severity.value for d in diagnostics)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def as_json(diagnostics: list[Diagnostic], files: int) -> str:
    data = {
        "versjon": 1,
        "filer": files,
        "sammendrag": summary_counts(diagnostics),
        "funn": [
            {
                "kode": d.code,
                "alvor": d.severity.value,
                "fil": d.span.file,
                "linje": d.span.line,
                "kolonne": d.span.col,
                "melding": d.message,
                **({"hint": d.hint} if d.hint else {}),
            }
            for d in diagnostics
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: list[Diagnostic], files: int) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.span.file)}"]
        if d.span.line:
            props += [f"line={d.span.line}", f"col={d.span.col}"]
        props.append(f"title={_escape_property(d.code)}")
        out.append(f"::{kinds[d.severity]} {','.join(props)}::{_escape_data(d.message)}\n")
    return "".join(out)


FORMATTERS: dict[str, Callable[[list[Diagnostic], int], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
}
