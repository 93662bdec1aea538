"""`check`'s result → text: one function per output format (text, json, github), and the summary printed after
the findings. None of them checks anything."""

from __future__ import annotations

import json
from collections import Counter

from ..diagnostics import Diagnostic, Severity
from ..messages import message
from ..read.source import repository_path
from ..results import CheckResult
from .terminal import Lines


def location(d: Diagnostic) -> str:
    if d.span.line:
        return f"{d.span.file}:{d.span.line}:{d.span.col}"
    return d.span.file


def text_line(d: Diagnostic) -> str:
    return f"{location(d)}: {d.code} {d.message}"


def promoted(result: CheckResult, d: Diagnostic) -> bool:
    """A warning that counts as an error because of --strict."""
    return result.strict and d.severity is Severity.WARNING


_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def as_text(result: CheckResult) -> Lines | str:
    """One line per finding, coloured by severity on a terminal (plain in a pipe or with NO_COLOR). Built from
    Text pieces, never markup, so a plan's own `[...]` is printed as it is. Print it without wrapping
    (cli/check.py) so that a long line stays one line."""
    if not result.findings:
        return ""
    out = Lines()
    mark = f" [{message('strict.as_error')}]"
    for d in result.findings:
        strict = promoted(result, d)
        style = _SEVERITY_STYLE[Severity.ERROR if strict else d.severity]
        out.line((text_line(d), style), *([(mark, "bold red")] if strict else []))
    return out


def summary_counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    counts = Counter(d.severity.value for d in diagnostics)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def as_json(result: CheckResult) -> str:
    from ..align.summary import data as coverage_data

    diagnostics = result.findings
    data = {
        "versjon": 1,
        "filer": result.files,
        "sammendrag": summary_counts(diagnostics),
        **({"streng": True} if result.strict else {}),
        "funn": [
            {
                "kode": d.code,
                "alvor": d.severity.value,
                "fil": d.span.file,
                "linje": d.span.line,
                "kolonne": d.span.col,
                "melding": d.message,
                **({"hint": d.hint} if d.hint else {}),
                **({"regnes_som": Severity.ERROR.value} if promoted(result, d) else {}),
            }
            for d in diagnostics
        ],
        "dekning": coverage_data(result.coverage),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: one annotation per finding, its file named from the repository's root
    (where GitHub looks for it, from wherever the check ran)."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for d in result.findings:
        props = [f"file={_escape_property(repository_path(d.span.file))}"]  # from the repository's root
        if d.span.line:
            props += [f"line={d.span.line}", f"col={d.span.col}"]
        props.append(f"title={_escape_property(d.code)}")
        kind = kinds[Severity.ERROR if promoted(result, d) else d.severity]
        text = d.message + (f" [{message('strict.as_error')}]" if promoted(result, d) else "")
        out.append(f"::{kind} {','.join(props)}::{_escape_data(text)}\n")
    return "".join(out)


def summary(result: CheckResult) -> Lines:
    """After the findings (on stderr): per plan and parent priority, requirements linked / suggested / unanswered
    (one matrix of plans × priorities for more than a few plans), then the counts."""
    from .coverage import matrix_table, summary_table

    out = Lines()
    if len(result.alignments) > 3:
        for m in result.coverage:
            out.extend(matrix_table(m))
    else:
        for plan, alignments in result.alignments:
            for al in alignments:
                if not al.answers:
                    continue  # the plan above asks nothing of this plan's level: a table of zeros says nothing
                out.line(("", None))
                out.line((plan.name, "bold"))
                out.extend(summary_table(al))
    counts = summary_counts(result.findings)
    parts: list[tuple[str, str | None]] = [(message("summary.files", n=result.files), None)]
    style = "green"
    if counts["error"]:
        parts.append((message("summary.errors", n=counts["error"]), "bold red"))
        style = "red"
    if counts["warning"] and result.strict:
        parts.append((message("strict.summary", n=counts["warning"]), "bold red"))
        style = "red"
    elif counts["warning"]:
        parts.append((message("summary.warnings", n=counts["warning"]), "yellow"))
    if counts["info"]:
        parts.append((message("summary.infos", n=counts["info"]), None))
    if not result.findings:
        parts.append((message("summary.clean"), "green"))
    pieces: list[tuple[str, str | None]] = [("●", style), (" ", None)]
    for k, part in enumerate(parts):
        pieces += ([(" · ", None)] if k else []) + [part]
    out.line(*pieces)
    return out
