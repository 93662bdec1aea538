"""`history` reads a plan's versions with what earlier versions read kept (read/versions.py): tokens per piece,
each list's and table's reading, front matter, frozen goals and measures. Every version must read exactly as it
reads alone — the same tree, spans included, and the same findings — and its comparison with the version before
it must be the same: on every plan the project holds, generated histories, versions as a board edits them, and
fuzzed text."""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsplan.history.plandiff import diff_plans
from arbeidsplan.read import drafts
from arbeidsplan.read import versions as versions_module
from arbeidsplan.read.parser import parse_plan
from arbeidsplan.read.source import decode
from arbeidsplan.read.versions import Versions
from test_parse_backends import ROOT, corpus_files, mutated
from test_properties import MARKDOWN_BITS


@pytest.fixture(autouse=True, params=[8, 1], ids=["marks-every-8", "marks-every-piece"])
def marks(request, monkeypatch):
    """Each test as history runs it, and with the walk kept at every piece: taken up at any piece boundary."""
    monkeypatch.setattr(versions_module, "MARK_EVERY", request.param)


def read_in_turn(texts: list[str], name: str = "f.md", versions: Versions | None = None) -> None:
    """Each text read by one Versions, in turn, is what it is alone; so is its comparison with the one before."""
    versions = versions or Versions()
    before = alone_before = None
    for n, text in enumerate(texts):
        source, _ = decode(name, text.encode("utf-8", errors="surrogatepass"))
        if source is None:
            before = alone_before = None
            continue
        shared, alone = parse_plan(source, versions), parse_plan(source)
        assert shared == alone, (name, n)
        assert diff_plans(before, shared[0], name) == diff_plans(alone_before, alone[0], name), (name, n)
        before, alone_before = shared[0], alone[0]


def test_every_plan_in_the_repository_reads_the_same_again_and_after_another():
    files = corpus_files()
    versions = Versions()  # one for all: a block seen under one plan's headings is read again under another's
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        read_in_turn([text, text, text.replace("\n\n", "\n\n\n", 3), text], str(path.relative_to(ROOT)), versions)


def test_a_plans_versions_as_a_board_edits_them_read_the_same():
    rng = random.Random(23)
    plans = [p.read_text(encoding="utf-8", errors="replace") for p in corpus_files()]
    for _ in range(16):
        texts = [rng.choice(plans)]
        for _version in range(14):
            texts.append(mutated(rng, texts[-1]) if rng.random() < 0.8 else rng.choice(texts))
        read_in_turn(texts)


def test_a_generated_history_reads_the_same(tmp_path):
    target = tmp_path / "parti"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(target), "--locals", "3",
                    "--counties", "2", "--commits", "40", "--seed", "3"], check=True, capture_output=True)
    focus = "plans/fylke01/2026-2029.md"
    shas = subprocess.run(["git", "-C", str(target), "log", "--format=%H", "--", focus], capture_output=True,
                          text=True, check=True).stdout.split()
    assert len(shas) > 20
    texts = [subprocess.run(["git", "-C", str(target), "show", f"{sha}:{focus}"], capture_output=True, text=True,
                            check=True).stdout for sha in shas]
    read_in_turn(texts, focus)


HEADINGS = """---
organisasjon: X
nivå: lokallag
---

# Plan

## Mål 1: A

Svarer på: 1.F2

Om målet.

### Tiltak

- **1.1** Ringe.
  - når: Årlig

### Delmål

- a) Først
- **b)** Så

Tekst under.

| Nr | Tiltak | Tidsrom |
| --- | --- | --- |
| 1.2 | Rad | 2027 |

## Status 2026

- **1.1** gjennomført

Notat.
"""


def test_a_block_under_a_changed_heading_is_read_again():
    # The pieces below a heading are the same tokens, but what they mean has changed with the heading above.
    texts = [HEADINGS]
    for old, new in [("## Mål 1: A", "## Mål 2: A"), ("## Mål 2: A", "## Målområde 2: A"),
                     ("### Tiltak", "### Fylkeslagas rolle"), ("### Delmål", "### Prioriteringer"),
                     ("## Status 2026", "## Status 2027"), ("## Status 2027", "## Status"),
                     ("Svarer på: 1.F2\n\n", ""), ("Om målet.\n\n", ""), ("Notat.\n", "Notat.\n\n## Tom\n"),
                     ("Tekst under.\n\n", "## Tom 2\n\n"),
                     ("## Målområde 2: A", "## Mål: A"), ("## Mål: A", "## A"), ("## A", "# A"), ("# Plan\n", ""),
                     ("---\norg", "--\norg")]:
        texts.append(texts[-1].replace(old, new, 1))
    read_in_turn(texts + texts[::-1])
    read_in_turn(texts, "a.md", Versions())
    versions = Versions()
    read_in_turn(texts, "a.md", versions)
    read_in_turn(texts, "b.md", versions)  # another path: every span says so


def test_a_walk_taken_up_under_a_heading_knows_what_stood_under_it_before():
    # A heading with text under it in one version and none in the next (AP203), the walk taken up between them.
    head = "---\norganisasjon: X\n---\n\n# Plan\n\n## Tom\n\n"
    read_in_turn([head + "Tekst.\n", head + "## Neste\n\nMer.\n", head + "Tekst.\n\nMer.\n", head + "## Neste\n"])
    goal = "---\norganisasjon: X\n---\n\n# Plan\n\n## Mål 1: A\n\n"
    read_in_turn([goal + "Om.\n\nSvarer på: 1.F2\n", goal + "Om.\n\n## Mål 2: B\n", goal + "## Mål 2: B\n"])


def test_a_version_that_is_the_first_pieces_of_the_last_reads_the_same():
    # Every piece of the second is the first's (a version that lost its last paragraphs): nothing left to walk.
    text = "---\norganisasjon: X\n---\n\n# Plan\n\n" + "".join(f"Avsnitt {n}.\n\n" for n in range(16))
    read_in_turn([text + "Slutt.\n", text, text + "Slutt.\n", text[:-1]])


def test_an_unchanged_goal_is_the_same_object_in_the_next_version():
    versions = Versions()
    first = parse_plan(decode("f.md", HEADINGS.encode())[0], versions)[0]
    second = parse_plan(decode("f.md", HEADINGS.replace("Ringe.", "Ringe alle.").encode())[0], versions)[0]
    assert first.goals[0] is not second.goals[0]  # its measure changed
    assert first.goals[0].goals == second.goals[0].goals
    assert all(a is b for a, b in zip(first.goals[0].goals, second.goals[0].goals, strict=True))
    assert first.goals[0].measures[1] is second.goals[0].measures[1]


def test_the_keys_of_the_frozen_tree_hold_every_field_of_a_draft():
    # A field added to a draft must be added to its key, or two drafts that differ in it would freeze alike.
    measure = drafts.MeasureDraft(id="1", text="t", span=drafts.Span("f", 1))
    assert len(drafts.measure_key(measure)) == len(dataclasses.fields(drafts.MeasureDraft))
    goal = drafts.GoalDraft(kind=drafts.GoalKind.GOAL, id="1", title="t", span=drafts.Span("f", 1))
    children = {"goals", "measures"}
    own_fields = [f for f in dataclasses.fields(drafts.GoalDraft) if f.name not in children]
    assert len(drafts.goal_key(goal)) == len(own_fields)
    for name in [f.name for f in dataclasses.fields(drafts.MeasureDraft)]:
        changed = dataclasses.replace(measure, **{name: _other(getattr(measure, name))})
        assert drafts.measure_key(changed) != drafts.measure_key(measure), name
    for name in [f.name for f in dataclasses.fields(drafts.GoalDraft) if f.name not in children]:
        changed = dataclasses.replace(goal, **{name: _other(getattr(goal, name))})
        assert drafts.goal_key(changed) != drafts.goal_key(goal), name


def _other(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, list):
        return [*value, "x"]
    if isinstance(value, drafts.Span):
        return drafts.Span("f", 2)
    if isinstance(value, drafts.GoalKind):
        return drafts.GoalKind.AREA
    if isinstance(value, drafts.Section):
        return drafts.Section.ROLLE
    if value is None or isinstance(value, drafts.Level):
        return drafts.Level.ANNET
    return f"{value}x"


def test_two_items_alike_in_every_field_are_two_objects():
    # Matching tells items apart by object: within one version, no object is given twice.
    kept = drafts.Kept()
    draft = drafts.MeasureDraft(id="1", text="t", span=drafts.Span("f", 1))
    goal = drafts.GoalDraft(kind=drafts.GoalKind.GOAL, id="g", title="t", span=drafts.Span("f", 1),
                            measures=[draft, draft])
    plan = drafts.freeze("f", "", drafts.PlanMeta(), None, [goal, goal], [], [], kept)
    assert plan.goals[0] == plan.goals[1] and plan.goals[0] is not plan.goals[1]
    assert plan.goals[0].measures[0] is not plan.goals[0].measures[1]
    assert len({id(m) for m in plan.measures()}) == 4


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(MARKDOWN_BITS, st.sampled_from(
    ["\n", "\n\n", "# ", "## ", "### Tiltak\n", "### Delmål\n", "## Status 2027\n", "## Mål 2: B\n", "Mål 3. C\n",
     "- x\n", "- **1.2** y\n", "1. z\n", "  - ansvar: AU\n", "| a | b |\n", "|---|---|\n", "Tekst.\n", "> x\n",
     "| Nr | Tiltak | Ansvar |\n", "| 1.3 | z | AU |\n", "- a) s\n"]), st.text(max_size=6)), max_size=30)
    .map(lambda parts: "".join(parts) + "\n"), min_size=1, max_size=5))
def test_fuzzed_versions_read_the_same(texts):
    read_in_turn(texts + texts)
