"""One record for a finding: code, severity, where, message. Checks produce them; formatters print them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .messages import message
from .model import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Every finding code, its severity and whether it means the input could not be read at all (exit 2).
# The README's code table is generated from this and checked by a test.
CODES: dict[str, tuple[Severity, bool]] = {
    "AP101": (Severity.ERROR, True),  # file cannot be read
    "AP102": (Severity.ERROR, False),  # no front matter
    "AP103": (Severity.ERROR, False),  # broken YAML
    "AP104": (Severity.ERROR, False),  # front matter not a mapping
    "AP105": (Severity.ERROR, False),  # required key missing
    "AP106": (Severity.ERROR, False),  # ill-typed value
    "AP107": (Severity.WARNING, False),  # unknown key
    "AP108": (Severity.ERROR, True),  # no plans found / path missing
    "AP201": (Severity.ERROR, False),  # measure outside any goal
    "AP202": (Severity.ERROR, False),  # duplicate id
    "AP203": (Severity.WARNING, False),  # heading with no content
    "AP204": (Severity.ERROR, False),  # table without measure column / row with missing cells
    "AP205": (Severity.WARNING, False),  # line under a measure not understood
    "AP206": (Severity.WARNING, False),  # gap in numbering
    "AP207": (Severity.ERROR, False),  # heading nesting wrong
    "AP208": (Severity.ERROR, False),  # empty measure
    "AP209": (Severity.WARNING, False),  # plan with no goals and no measures
    "AP210": (Severity.ERROR, False),  # nesting too deep: text past it is not read
    "AP211": (Severity.WARNING, False),  # a **id** line outside a measure or status section
    "AP212": (Severity.INFO, False),  # plan in git with derived ids: `arbeidsplan ids` writes fixed ones
    "AP213": (Severity.ERROR, False),  # an id with invisible or look-alike characters
    "AP214": (Severity.ERROR, False),  # an id with a space or * (a status line cannot name it)
    "AP215": (Severity.WARNING, False),  # a table of measures as lines of text: its rows are not measures
    "AP301": (Severity.WARNING, False),  # timing unreadable
    "AP302": (Severity.WARNING, False),  # timing outside period
    "AP401": (Severity.ERROR, False),  # unknown status word
    "AP402": (Severity.ERROR, False),  # status for unknown id
    "AP403": (Severity.WARNING, False),  # status year outside period
    "AP404": (Severity.ERROR, False),  # two statuses same measure and year
    "AP405": (Severity.ERROR, False),  # status line not understood
    "AP501": (Severity.ERROR, False),  # link does not resolve
    "AP502": (Severity.ERROR, False),  # parent plan missing
    "AP503": (Severity.ERROR, False),  # parent period does not overlap
    "AP504": (Severity.ERROR, False),  # ambiguous link
    "AP505": (Severity.ERROR, False),  # parent chain is a cycle
    "AP506": (Severity.ERROR, False),  # link to an item addressed to another level
    "AP507": (Severity.ERROR, False),  # parent path leads out of the repository
    "AP508": (Severity.ERROR, False),  # parent plan at a level that does not stand above the plan's
    "AP601": (Severity.WARNING, False),  # requirement of a parent plan not answered
    "AP602": (Severity.INFO, False),  # requirement probably answered by: suggestion with the line to add
    "AP603": (Severity.WARNING, False),  # parent priority with nothing under it
    "AP604": (Severity.INFO, False),  # requirement perhaps answered («mulig svar»): weak best candidate, not a gap
    "AP605": (Severity.ERROR, False),  # «ikke aktuelt» names no requirement of the plan
    "AP606": (Severity.WARNING, False),  # «ikke aktuelt» without the board's reason (the mark still counts)
    "AP607": (Severity.WARNING, False),  # requirement both linked and marked «ikke aktuelt»: the link wins
    "AP900": (Severity.ERROR, False),  # internal error in a check
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    span: Span
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None

    @property
    def unreadable(self) -> bool:
        return CODES.get(self.code, (None, False))[1]


def finding(code: str, span: Span, /, hint: str | None = None, **args: object) -> Diagnostic:
    """Make a diagnostic whose message is the catalogue text for `code`, filled with `args`."""
    severity, _ = CODES[code]
    return Diagnostic(span=span, code=code, message=message(code, **args), severity=severity, hint=hint)


def exit_code(diagnostics: list[Diagnostic], strict: bool = False) -> int:
    """The one exit-code policy, for every command: 2 when a file could not be read or no plan was found (or
    the command was used wrongly, which the CLI decides before any finding exists), 1 when a plan has an error
    (or, with `strict`, a warning), else 0."""
    if any(d.unreadable for d in diagnostics):
        return 2
    if any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING) for d in diagnostics):
        return 1
    return 0


def code_table() -> str:
    """The README's table of finding codes, made from CODES and the message catalogue."""
    from .messages import message as text

    names = {Severity.ERROR: "feil", Severity.WARNING: "advarsel", Severity.INFO: "merknad"}
    rows = ["| kode | alvor | hva |", "| --- | --- | --- |"]
    for code, (severity, unreadable) in CODES.items():
        exit_note = " (avslutter med 2)" if unreadable else ""
        rows.append(f"| {code} | {names[severity]}{exit_note} | {text('title.' + code)} |")
    return "\n".join(rows) + "\n"
