"""The import pipeline, end to end in memory: extract → clean → structure → write, then the written plan
parsed by the ordinary parser and compared with the source («nothing lost»). Writing the file is api.import_document's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...diagnostics import Diagnostic, exit_code
from ...messages import message, using
from ...model import Level, Period, Plan
from ..source import decode
from .clean import clean
from .coverage import Lost, check_coverage
from .extract import Extracted, ImportProblem, extract
from .facts import Facts, read_facts
from .structure import read_structure
from .write import front_matter, plan_markdown


@dataclass(frozen=True)
class Imported:
    source: str
    kind: str  # "word", "pdf", "tekst"
    unit: str  # what a source location counts: "linje", "avsnitt", "side"
    layout: str
    text: str  # the plan, Markdown with front matter
    plan: Plan | None
    findings: list[Diagnostic]  # the parser's findings on the written plan: from the document itself
    notes: list[str]
    revisions: list[tuple[str, str, int]]  # (id, mark, where)
    lost: list[Lost]
    words: int
    kept: int
    removed: dict[str, int]
    facts: list[str]  # what the front matter took from the document, with the phrase it came from
    output: str | None = None
    derived_ids: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return max(exit_code(self.findings), 1 if self.lost else 0)


@dataclass(frozen=True)
class Options:
    organisation: str | None = None
    level: str | None = None
    period: tuple[int, int] | None = None
    parents: tuple[str, ...] = ()
    timing_from_text: bool = False


def import_file(path: str, options: Options, plan_path: str = "<import>") -> Imported:
    """Raises ImportProblem when the document cannot be read or the front matter lacks a fact."""
    return import_extracted(extract(path), options, plan_path)


def import_extracted(extracted: Extracted, options: Options, plan_path: str) -> Imported:
    if extracted.data:
        from .ownword import exported_plan, open_document

        try:
            document = open_document(extracted.data)
        except Exception:  # word.py has read it; a package python-docx cannot open again is read as it did
            document = None
        if document is not None and exported_plan(document):
            return _import_exported(extracted, document, options, plan_path)
    cleaned = clean(extracted.lines)
    outline = read_structure(cleaned.lines, options.timing_from_text)
    facts = read_facts(cleaned.lines)
    derived = sum(1 for e in outline.entries() if not e.own_id)
    meta, told = _meta(extracted, facts, options, derived)
    text = plan_markdown(outline, meta)
    source, found = decode(plan_path, text.encode("utf-8"))
    plan = None
    findings = list(found)
    if source is not None:
        from ..parser import parse_plan

        plan, parsed = parse_plan(source)
        findings += parsed
    coverage = check_coverage(cleaned.lines, text)
    unread = [Lost(where, words) for where, words in extracted.unread]  # never read out of the document at all
    lost = sorted([*coverage.lost, *unread], key=lambda x: x.where)
    words = coverage.words + sum(len(x.text.split()) for x in unread)
    notes = [*extracted.notes, *outline.notes]
    if plan is not None and not plan.meta.parents and plan.meta.level not in (None, Level.NASJONALT, Level.ANNET):
        # without a parent, check compares the plan with nothing: say so while the option is at hand
        notes.append(message("import.note.no_parent"))
    return Imported(extracted.path, extracted.kind, extracted.unit, outline.layout, text, plan, findings,
                    notes, outline.revisions, lost, words, coverage.kept,
                    {k: v for k, v in cleaned.removed.items() if v}, told, derived_ids=derived,
                    counts=plan.counts() if plan is not None else {})


def _import_exported(extracted: Extracted, document: Any, options: Options, plan_path: str) -> Imported:
    """A plan arbeidsplan wrote to Word (ownword.py): read back on the paper's own terms, the options over
    what its facts table says."""
    from .ownplan import read_back
    from .ownword import words

    back = read_back(document, words())
    meta = dict(back.meta)
    given = {"organisasjon": options.organisation, "nivå": options.level,
             "periode": (options.period[0] if options.period[0] == options.period[1] else str(Period(*options.period)))
             if options.period else None, "overordnet": list(options.parents) or None}
    meta.update({k: v for k, v in given.items() if v})
    missing = [(key, flag) for key, flag, name in [("organisation", "--org", "organisasjon"),
                                                    ("level", "--level", "nivå"), ("period", "--period", "periode")]
               if not meta.get(name)]
    if missing:
        what = ", ".join(message(f"import.needs.{key}") for key, _ in missing)
        raise ImportProblem(message("import.needs", path=extracted.path, what=what,
                                    options=" ".join(f for _, f in missing)))
    order = ("organisasjon", "nivå", "periode", "overordnet", "vedtatt", "revisjoner", "språk", "merknad", "kilde")
    text = front_matter({k: meta[k] for k in order if k in meta}) + "\n" + back.body
    source, found = decode(plan_path, text.encode("utf-8"))
    plan, findings = None, list(found)
    if source is not None:
        from ..parser import parse_plan

        plan, parsed = parse_plan(source)
        findings += parsed
    coverage = check_coverage(back.lines, text)
    unread = [Lost(where, words) for where, words in extracted.unread]
    lost = sorted([*coverage.lost, *unread], key=lambda x: x.where)
    notes = [*extracted.notes, message("import.note.export", path=extracted.path)]
    notes += [message("import.note.export_fact", path=extracted.path, text=t) for t in back.unknown_facts]
    return Imported(extracted.path, extracted.kind, extracted.unit, "eksport", text, plan, findings, notes, back.revisions,
                    lost, coverage.words + sum(len(x.text.split()) for x in unread), coverage.kept,
                    {"eksport": back.removed} if back.removed else {}, [],
                    counts=plan.counts() if plan is not None else {})


def _meta(extracted: Extracted, facts: Facts, options: Options, derived: int) -> tuple[dict[str, Any], list[str]]:
    told: list[str] = []
    organisation = options.organisation or facts.organisation
    level = options.level or facts.level
    period = options.period or facts.period
    missing = [(key, flag) for key, flag, value in
               [("organisation", "--org", organisation), ("level", "--level", level), ("period", "--period", period)]
               if not value]
    if missing:
        what = ", ".join(message(f"import.needs.{key}") for key, _ in missing)
        raise ImportProblem(message("import.needs", path=extracted.path, what=what,
                                    options=" ".join(f for _, f in missing)))
    for key, given, value in [("organisasjon", options.organisation, facts.organisation),
                              ("nivå", options.level, facts.level)]:
        if not given and key in facts.evidence:
            told.append(message("import.fact", key=key, value=value, evidence=facts.evidence[key]))
    assert period is not None
    if not options.period and "periode" in facts.evidence:
        told.append(message("import.fact", key="periode", value=str(Period(*period)),
                            evidence=facts.evidence["periode"]))
    one_year = period[0] == period[1]  # `periode: 2025`, a one-year plan
    meta: dict[str, Any] = {"organisasjon": organisation, "nivå": level,
                            "periode": period[0] if one_year else str(Period(*period))}
    if facts.language:  # the plan's own language: its report and the note below are written in it
        meta["språk"] = facts.language
        told.append(message("import.fact", key="språk", value=facts.language, evidence=facts.evidence["språk"]))
    if options.parents:
        meta["overordnet"] = list(options.parents)
    if facts.adopted is not None:
        meta["vedtatt"] = {"dato": facts.adopted[0], "av": facts.adopted[1]}
        told.append(message("import.fact", key="vedtatt", value=f"{facts.adopted[0]}, {facts.adopted[1]}",
                            evidence=facts.evidence["vedtatt"]))
    if derived:  # written into the plan: in the plan's language (bokmål unless it says `språk`), not --lang's
        with using(str(meta.get("språk") or "nb")):
            meta["merknad"] = message("import.meta.derived", n=derived)
    meta["kilde"] = extracted.path.replace("\\", "/").rsplit("/", 1)[-1]
    return meta, told
