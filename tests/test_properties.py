"""Property tests: plans written by a program parse back to the same tree; the parser never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsplan.read.parser import parse_plan
from arbeidsplan.read.source import decode

WORDS = st.sampled_from(["Ringe", "nye", "medlemmer", "dørbank", "i", "bydelene", "kurs", "for", "tillitsvalgte",
                         "årlig", "samling", "Øke", "aktivitet", "SV-appen", "«Ny i SV»", "fagbevegelsen", "2026"])
TEXT = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
TIMING = st.sampled_from(["2026", "Årlig", "Hele perioden", "Mars, årlig", "2026 og 2028", "i valgår", None])
WHO = st.sampled_from(["Styret", "Leder", "Styret og bydelslagene", None])
STATUS = st.sampled_from(["planlagt", "i gang", "gjennomført", "delvis gjennomført", "utsatt", "ikke gjennomført"])


@st.composite
def plans(draw):
    goals = []
    for g in range(1, draw(st.integers(1, 4)) + 1):
        measures = []
        for k in range(1, draw(st.integers(0, 6)) + 1):
            measures.append({"id": f"{g}.{k}", "text": draw(TEXT), "timing": draw(TIMING), "who": draw(WHO)})
        subgoals = [{"label": chr(ord("a") + i), "text": draw(TEXT)} for i in range(draw(st.integers(0, 3)))]
        goals.append({"id": str(g), "title": draw(TEXT), "measures": measures, "subgoals": subgoals,
                      "table": draw(st.booleans())})
    ids = [m["id"] for g in goals for m in g["measures"]]
    statuses = {}
    if ids:
        for mid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))):
            statuses[mid] = (draw(STATUS), draw(st.one_of(st.none(), TEXT)))
    return {"goals": goals, "statuses": statuses, "crlf": draw(st.booleans())}


def write(plan) -> str:
    out = ["---", "organisasjon: Generert SV", "nivå: lokallag", "periode: 2026–2029", "---", ""]
    for g in plan["goals"]:
        out += [f"## Mål {g['id']}: {g['title']}", ""]
        if g["subgoals"]:
            out += ["### Delmål", ""] + [f"- **{s['label']})** {s['text']}" for s in g["subgoals"]] + [""]
        if g["measures"]:
            out += ["### Tiltak", ""]
            if g["table"]:
                out += ["| Nr | Tiltak | Tidsrom | Ansvar |", "| --- | --- | --- | --- |"]
                out += [f"| {m['id']} | {m['text']} | {m['timing'] or ''} | {m['who'] or ''} |" for m in g["measures"]]
            else:
                for m in g["measures"]:
                    out.append(f"- **{m['id']}** {m['text']}")
                    if m["timing"]:
                        out.append(f"  - når: {m['timing']}")
                    if m["who"]:
                        out.append(f"  - ansvar: {m['who']}")
            out.append("")
    if plan["statuses"]:
        out += ["## Status 2026", ""]
        out += [f"- **{mid}** {word}" + (f" — {note}" if note else "") for mid, (word, note) in plan["statuses"].items()]
    text = "\n".join(out) + "\n"
    return text.replace("\n", "\r\n") if plan["crlf"] else text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_written_plans_parse_back_to_the_same_tree(plan):
    source, diags = decode("generert.md", write(plan).encode("utf-8"))
    assert diags == []
    parsed, found = parse_plan(source)
    assert [d for d in found if d.severity.value == "error"] == []
    assert [(g.id, g.title) for g in parsed.goals] == [(g["id"], g["title"]) for g in plan["goals"]]
    for goal, spec in zip(parsed.goals, plan["goals"], strict=True):
        assert [(s.label, s.title) for s in goal.goals] == [(f"{s['label']})", s["text"]) for s in spec["subgoals"]]
        got = [(m.id, m.text, m.timing_text, m.responsible) for m in goal.measures]
        assert got == [(m["id"], m["text"], m["timing"], m["who"]) for m in spec["measures"]]
    for mid, (word, note) in plan["statuses"].items():
        (measure,) = parsed.find(mid)
        entry = measure.status_for(2026)
        assert (entry.word.value, entry.note) == (word, note)


MARKDOWN_BITS = st.sampled_from([
    "---\n", "organisasjon: X\n", "nivå: lokallag\n", "periode: 2026-2029\n", "## Mål 1: A\n", "### Tiltak\n",
    "- **1.1** tekst\n", "  - når: Årlig\n", "  - svarer på: 1.L1\n", "| Nr | Tiltak |\n", "| --- | --- |\n",
    "| 1.2 | rad |\n", "## Status 2026\n", "- **1.1** gjennomført — ok\n", "#### Delmål 1.1.1: B\n", "> sitat\n",
    "```\n", "    kode\n", "* * *\n", "<!-- x -->\n", "\t\n", "\x00", "\ufeff", "\r\n", "æøå\u0301\n", "[x]: y\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=20)), max_size=40).map("".join))
def test_the_parser_never_raises(text):
    source, diags = decode("fuzz.md", text.encode("utf-8", errors="surrogatepass"))
    if source is not None:
        parse_plan(source)
