"""The static site (api.site_data) rendered to files in memory: path inside the site → bytes.

Pages are Jinja2 templates in templates/site/ with autoescaping on, so plan text is escaped wherever it goes
(element text and attributes alike). The stylesheet and the filter script are copied from templates/site/
as they are: the site needs no server, no CDN and no network, and links are relative, so it works from a
folder, a file:// URL or a static host. `arbeidsplan-site.json` lists the files, so a later run knows the
folder is a site it made (cli/site.py).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import PurePath
from typing import Any

from .. import __version__
from ..align.alignment import Alignment, Answer, PriorityCoverage, State, as_in_others
from ..align.links import short_name
from ..align.state import any_in
from ..history.plandiff import summary as diff_summary
from ..messages import NB, language, message
from ..model import Plan
from ..status.report import STATUS_CLASS, STATUS_ORDER
from ..status.year import NOT_REPORTED, Summary, scheduled_years, status_in
from .paper import inline_html, long_date
from .report import template_dir

MANIFEST = "arbeidsplan-site.json"
ASSETS = ("site.css", "site.js")
UNSCHEDULED = "ikke planlagt"
STATE_CLASS = {State.LINKED: "koblet", State.SUGGESTED: "foreslatt", State.MAYBE: "mulig", State.UNANSWERED: "ubesvart",
               State.NOT_APPLICABLE: "ikke-aktuelt"}


def slug(text: str) -> str:
    """A file name from any text: lower case ASCII letters, digits and dashes (æ → ae, ø → o, å → a)."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


class _Names:
    """A unique file name for each plan and requirement, the same every run for the same plans."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.by_key: dict[Any, str] = {}

    def add(self, key: Any, wanted: str) -> str:
        name, n = wanted[:80], 1
        while name in self.taken:
            n += 1
            name = f"{wanted[:80]}-{n}"
        self.taken.add(name)
        self.by_key[key] = name
        return name


def _plan_slug(plan: Plan) -> str:
    return slug("-".join(PurePath(short_name(plan)).parts[-3:]))


def segments(summary: Summary) -> list[dict[str, Any]]:
    """A stacked bar of the year's scheduled measures by status: x and width in percent of the whole."""
    out, x = [], 0.0
    total = summary.scheduled
    for word in STATUS_ORDER:
        n = summary.by_status.get(word, 0)
        if n and total:
            width = 100.0 * n / total
            out.append({"status": word, "klasse": STATUS_CLASS[word], "antall": n, "x": round(x, 3),
                        "bredde": round(width, 3)})
            x += width
    return out


def cell_state(cov: PriorityCoverage) -> str:
    """The colour of an overview cell: all linked, none answered, or in between; the requirements marked «ikke
    aktuelt» are not counted, and a priority with only those has their colour."""
    if not cov.answers:
        return "tom"
    total = cov.applicable
    if not total:
        return STATE_CLASS[State.NOT_APPLICABLE]
    linked, suggested = cov.count(State.LINKED), cov.count(State.SUGGESTED)
    if linked == total:
        return "koblet"
    return "ubesvart" if linked + suggested == 0 else "foreslatt"


def _status_text(word: str) -> str:
    """A status word (the bokmål value, kept for CSS classes and comparisons) as the site's language says it."""
    return message("word." + word)


def _level_text(level: Any) -> str:
    """A level (the data's word, kept for the filter's values) as the site's language says it."""
    return message("level." + level.value) if level else ""


def _score(score: float) -> str:
    """A matching score with two decimals and the language's decimal sign: «0,38» in Norwegian."""
    return f"{score:.2f}".replace(".", message("site.decimal_point"))


def _texts() -> dict[str, str]:
    """The site's texts by their short names; those that change with a number are said with `counted`."""
    return {k.split(".", 1)[1]: message(k) for k in NB if k.startswith("site.") and isinstance(NB[k], str)}


def _counted(name: str, n: int) -> str:
    """A site text that changes with a number: «av 1 plan», «av 3 planer»."""
    return message(f"site.{name}", n=n)


def render(result: Any) -> dict[str, bytes]:
    """Every file of the site for an api.site_data result."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = template_dir() / "site"
    env = Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["fill"] = lambda text, *args: text.format(*args)
    env.filters["score"] = _score
    env.filters["dato"] = long_date  # «7. mars 2026», as the report writes it
    env.filters["uthevet"] = inline_html  # a measure's **bold** and *italic*, as its Markdown reads
    env.filters["level"] = _level_text
    env.filters["alike"] = lambda candidate, plan: as_in_others(candidate.alike, plan.meta.level)
    names = _Names()
    for plan in result.plans:
        names.add(plan.path, _plan_slug(plan))
    req_names = _Names()
    for ra in result.requirements:
        req = ra.requirement
        req_names.add((req.plan.path, id(req.item)), _plan_slug(req.plan) + "-" + slug(req.id))

    def plan_url(plan: Plan) -> str | None:
        name = names.by_key.get(plan.path)
        return f"plan/{name}.html" if name else None

    def req_url(answer_or_req: Any) -> str | None:
        req = getattr(answer_or_req, "requirement", answer_or_req)
        name = req_names.by_key.get((req.plan.path, id(req.item)))
        return f"krav/{name}.html" if name else None

    def year_of(plan: Plan, year: int) -> Any:
        return next((py for py in result.years.get(plan.path, ()) if py.year == year), None)

    def status_word(plan: Plan, measure: Any, year: int) -> str:
        """The measure's status word in `year`; for a year it is not planned in and has no status,
        UNSCHEDULED rather than «ikke rapportert»."""
        word = status_in(measure, year).word
        if word:
            return word.value
        period = plan.meta.period
        return NOT_REPORTED if period and year in scheduled_years(measure, period) else UNSCHEDULED

    def has(plan: Plan) -> str:
        """How the plan answers what every plan above it asks, as the words the overview's filter looks for:
        «ubesvart» when any requirement is unanswered, as `check` says AP601."""
        return " ".join(sorted({STATE_CLASS[a.state] for al in result.alignments.get(plan.path, ())
                                for a in al.answers}))

    labels = Counter(plan.label for plan in result.plans)

    env.globals.update(
        t=_texts(), year=result.year, generated=result.generated, version=__version__, plan_url=plan_url,
        req_url=req_url, year_of=year_of, segments=segments, cell_state=cell_state, state_class=STATE_CLASS,
        status_class={**STATUS_CLASS, UNSCHEDULED: "uplanlagt"}, status_word=status_word, short_name=short_name, diff_summary=diff_summary,
        status_text=_status_text, level_text=_level_text, counted=_counted, lang=language(),
        with_history=result.with_history, has=has, shared_name=lambda plan: labels[plan.label] > 1,
        State=State, statuses=[*STATUS_ORDER, UNSCHEDULED], any_in=any_in,
    )
    files: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        files[path] = env.get_template(template).render(root=root, **context).encode("utf-8")

    in_matrix = {p.path for m in result.matrices for p, _al in m.rows}
    page("index.html", "index.html.j2", matrices=result.matrices, requirements=result.requirements,
         others=[p for p in result.plans if p.path not in in_matrix], problems=len(result.problems))
    for plan in result.plans:
        page(plan_url(plan) or "", "plan.html.j2", plan=plan, alignments=result.alignments.get(plan.path, []),
             years=result.years.get(plan.path, []), history=result.histories.get(plan.path),
             answered=_answered_by(result.alignments.get(plan.path, [])))
    for ra in result.requirements:
        page(req_url(ra.requirement) or "", "krav.html.j2", ra=ra)
    for asset in ASSETS:
        files[f"assets/{asset}"] = (folder / asset).read_bytes()
    files[MANIFEST] = (json.dumps({"laget_av": f"arbeidsplan {__version__}", "filer": sorted(files)},
                                  ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def _answered_by(alignments: list[Alignment]) -> Any:
    """goal or measure → the requirements linked to it: shown beside each measure on its plan's page."""
    out: dict[int, list[Answer]] = {}
    for al in alignments:
        for answer in al.answers:
            for item in answer.linked:
                out.setdefault(id(item), []).append(answer)
    return lambda item: out.get(id(item), [])
