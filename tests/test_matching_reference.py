"""The fast text matching (align/textmatch.py's Index, align/alignment.py's suggest) gives exactly what the
plain one gave before it was made fast (tests/matchreference.py, main's code kept word for word): every
document's features, IDF, lengths and score to the last bit, and so every suggestion, its order, score and
shared words, and every requirement's state, for every plan the project holds and a generated party, with and
without other plans' answers as evidence. A reference rather than golden files, so that it holds for any plan
and a generated party, and keeps holding when the matching's tuning (CONCEPTS, weights) changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import matchreference
from arbeidsplan import load
from arbeidsplan.align import alignment
from arbeidsplan.align.alignment import Aligner, candidate_documents, item_text, links_into
from arbeidsplan.align.textmatch import OWN_LEVEL_WORDS, Index
from arbeidsplan.model import Level

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"plans": 2, "examples": 1, "benchmarks/fictional": 12}  # → how many plans have requirements to match


def compared(ws) -> list[tuple]:
    """(plan, the requirements asked of it) for every plan with a plan above it that asks something."""
    aligner = Aligner(ws)
    out = []
    for child in ws.plans:
        level = child.meta.level
        if level is None or level is Level.NASJONALT or not level.in_party:
            continue
        parents = [p for p in ws.ancestors(child) if p.meta.level is not level and aligner.requirements(p, level)]
        requirements = [r for p in parents for r in aligner.requirements(p, level)]
        if requirements:
            out.append((child, requirements))
    return out


def evidence_for(ws, child, requirements) -> dict[int, tuple[str, ...]]:
    """As benchmarks/alignment.py --links gives it: the texts of the other plans' items linked to each
    requirement; and, so that every plan has some, another plan's measure for every third one."""
    others = [p for p in ws.by_path.values() if p is not child]  # the plans asked for and the plans above them
    pool = [m.text for other in others for m in other.measures()]
    linked: dict[tuple[str, int], list[str]] = {}
    for other in others:
        for (path, ident), items in links_into(other, ws.ancestors(other)).items():
            linked.setdefault((path, ident), []).extend(item_text(i) for i in items)
    out = {}
    for i, r in enumerate(requirements):
        texts = list(linked.get((r.plan.path, id(r.item)), ()))
        if i % 3 == 0 and pool:
            texts.append(pool[i % len(pool)])
        if texts:
            out[i] = tuple(texts)
    return out


def assert_same_index(docs, ignore) -> None:
    fast, plain = Index(docs, ignore=ignore), matchreference.Index(docs, ignore=ignore)
    # dict == ignores order; the order is the order the sums are taken in, so compare it too
    assert [list(f.items()) for f in fast.features] == [list(f.items()) for f in plain.features]
    assert list(fast.idf.items()) == list(plain.idf.items())
    assert fast.lengths == plain.lengths and fast._norms == plain._norms
    for query in range(len(docs)):
        for wanted in (list(range(len(docs))), [d for d in range(len(docs)) if d != query]):
            got = fast.scores(query, wanted)
            assert list(got.items()) == list(plain.scores(query, wanted).items()), (query, docs[query])
            for doc in got:
                assert fast.shared(query, doc, 3) == plain.shared(query, doc, 3), (query, doc)


def assert_same(ws) -> int:
    """Everything the check shows of the matching, fast and plain alike, for every plan of `ws`; the number of
    plans compared."""
    pairs = compared(ws)
    for child, requirements in pairs:
        expected = matchreference.suggest(requirements, child)
        assert alignment.suggest(requirements, child) == expected, child.path
        evidence = evidence_for(ws, child, requirements)
        assert evidence, child.path
        assert alignment.suggest(requirements, child, evidence) == matchreference.suggest(
            requirements, child, evidence), child.path
        own = frozenset(OWN_LEVEL_WORDS.get(child.meta.level.value, set()))
        _items, docs = candidate_documents(child)
        assert_same_index([matchreference.requirement_document(r) for r in requirements] + docs, own)
        assert [alignment.requirement_document(r) for r in requirements] == [
            matchreference.requirement_document(r) for r in requirements]
    return len(pairs)


def alignments(ws) -> list[tuple]:
    """Every alignment the check reads, with each requirement's state, as plain values."""
    aligner = Aligner(ws)
    return [(a, [(ans.requirement.id, ans.state) for ans in a.answers])
            for child in ws.plans for a in aligner.align(child)]


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_plan_the_project_holds_is_matched_as_before(corpus, monkeypatch):
    ws = load([ROOT / corpus])
    assert assert_same(ws) == CORPORA[corpus]
    fast = alignments(ws)
    monkeypatch.setattr(alignment, "suggest", matchreference.suggest)
    assert fast == alignments(ws)  # the Aligner's answers and states, from the plain suggest()


def test_a_generated_party_is_matched_as_before(tmp_path, monkeypatch):
    target = tmp_path / "parti"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(target), "--locals", "10",
                    "--counties", "3", "--commits", "2", "--seed", "11"], check=True, capture_output=True)
    ws = load([target / "plans"])
    assert len(ws.plans) == 14
    assert assert_same(ws) == 13
    fast = alignments(ws)
    assert sum(1 for _a, states in fast for _s in states) > 100
    monkeypatch.setattr(alignment, "suggest", matchreference.suggest)
    assert fast == alignments(ws)


def test_texts_that_differ_only_in_what_is_kept_are_matched_as_before():
    """What the fast index keeps across indexes: the same text in another index with other words beside it
    (so other compounds split, other stems common), as a context at another weight, and an ignored word set
    equal to another but not the same object."""
    national = "Lokallagene skal gjennomføre dørbanking og medlemsringing i valgkampen. Alle skal kurses."
    base = [[(national, 1.0)], [("Dørbankansvarlig i hver bydel", 1.0), ("Valgkamp og dørbank", 0.35)],
            [("Medlemsringing før årsmøtet", 1.0), ("Ringe alle medlemmer", 0.35), ("Kurs", 0.2)],
            "Skolering av nye medlemmer", "Ringe medlemmene"]
    for extra in ([], ["Dørbank", "Dørbank i bydelene"], ["Ringing", "Ringing og ring", "Medlem ring"],
                  [[("Valgkamp og dørbank", 1.0)], [("Valgkamp og dørbank", 0.2)]]):
        for own in (OWN_LEVEL_WORDS["lokallag"], frozenset(OWN_LEVEL_WORDS["lokallag"]), frozenset()):
            assert_same_index(base + extra, frozenset(own))
