"""`history` tokenises a plan's versions piece by piece, cut at the headings and at paragraphs after an empty
line, and keeps the pieces (read/chunks.py). The tokens, and so the plan tree and the findings, must be exactly
those of the whole text: on every plan the project holds, on a plan's versions as a board edits them, and on
fuzzed text."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsplan.read import chunks, tokens
from arbeidsplan.read.chunks import ChunkedTokens, pieces
from arbeidsplan.read.parser import parse_plan
from arbeidsplan.read.source import decode
from test_parse_backends import corpus_files, mutated, token_view
from test_properties import MARKDOWN_BITS


def same_as_whole(text: str, tokenise: ChunkedTokens, name: str = "f.md") -> None:
    last = tokenise._cut
    assert token_view(tokenise(text)) == token_view(tokens.block_tokens(text)), name
    assert pieces(text, last) == pieces(text), name  # cut below the pieces it shares with the text before it
    source, _ = decode(name, text.encode("utf-8", errors="surrogatepass"))
    if source is not None:
        assert parse_plan(source, tokenise) == parse_plan(source), name


@pytest.mark.parametrize("parser", ["rust", "py"])
def test_every_plan_in_the_repository_tokenises_the_same_cut(monkeypatch, parser):
    if parser == "py":
        monkeypatch.setenv("ARBEIDSPLAN_PARSER", "py")
    files = corpus_files()
    cut = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        same_as_whole(text, ChunkedTokens(), str(path))
        cut += pieces(text) is not None
    assert cut > len(files) // 2  # the proof is about cut texts: most plans are cut


def test_a_plans_versions_as_a_board_edits_them_tokenise_the_same():
    # As history reads them: one tokeniser for a run of versions, each a few edits away from the one before it
    # (lines deleted, doubled, swapped, indented, Markdown put in: headings, fences, front matter fences).
    rng = random.Random(11)
    plans = [p.read_text(encoding="utf-8") for p in corpus_files() if "corpus/bad" not in str(p)]
    for _ in range(12):
        text, tokenise = rng.choice(plans), ChunkedTokens()
        for _version in range(15):
            same_as_whole(text, tokenise)
            text = mutated(rng, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(MARKDOWN_BITS, st.sampled_from(
    ["\n", "\n\n", "# ", "## ", "#\n", "#", "| a | b |\n", "|---|:--:|\n", "```\n", "~~~\n", "- x\n", "---\n",
     "...\n", "  # x\n", "> x\n", "\n\nTekst\n", "<!-- k -->\n", "    kode\n", "1. x\n", "  videre\n", "* y\n",
     "[a]: b\n", "x | y\n", "===\n", "\u00a0z\n"]), st.text(max_size=8)), max_size=30)
    .map(lambda parts: "".join(parts) + "\n"),
    min_size=1, max_size=4))
def test_fuzzed_versions_tokenise_the_same(texts):
    tokenise = ChunkedTokens()
    for text in texts:
        same_as_whole(text, tokenise)


def test_a_plan_is_cut_at_its_headings_after_the_front_matter():
    text = "---\norganisasjon: X\n# en kommentar i YAML\n---\n\n# Plan\n\n## Mål 1: A\n\n- x\n#\n#tagg\n"
    cut = pieces(text)
    assert cut is not None and "".join(piece for _line, piece in cut) == text
    assert [(line, piece.split("\n")[0]) for line, piece in cut] == [(0, "---"), (5, "# Plan"), (7, "## Mål 1: A"),
                                                                   (10, "#")]


@pytest.mark.parametrize("text", [
    "# Plan\n\n```\n# kode\n```\n",  # a fence: its `#` lines are code
    "# Plan\n\n~~~\n# kode\n~~~\n",
    "---\norganisasjon: X\n# kommentar\n",  # front matter never closed
    "--- \na: 1\n---\n# Plan\n",  # a first line that is not exactly the fence
    "# Plan\n\n## Mål 1: A",  # no line end at the end
    "# Plan\r\n## Mål 1: A\r\n",
    "Ingen overskrift\n",
])
def test_a_text_a_heading_may_not_end_is_tokenised_whole(text):
    assert pieces(text) is None
    assert token_view(ChunkedTokens()(text)) == token_view(tokens.block_tokens(text))


def test_a_version_tokenises_only_the_pieces_it_changed(monkeypatch):
    seen: list[str] = []
    real = chunks.block_tokens
    monkeypatch.setattr(chunks, "block_tokens", lambda text: seen.append(text) or real(text))
    tokenise = ChunkedTokens()
    first = "---\na: 1\n---\n\n# Plan\n\n## Mål 1: A\n\n- x\n\n## Mål 2: B\n\n- y\n"
    tokenise(first)
    assert len(seen) == 4  # the front matter, the title, two goals
    tokenise(first.replace("- x", "- x endret"))  # a measure reworded: the other pieces are where they were
    assert len(seen) == 5 and seen[-1] == "## Mål 1: A\n\n- x endret\n\n"
    second = first.replace("# Plan\n", "# Plan\n\nInnledning.\n")
    moved = tokenise(second)  # two lines above the goals: the goals only moved, and are not tokenised again
    assert seen[5:] == ["Innledning.\n\n"]
    assert token_view(moved) == token_view(tokens.block_tokens(second))


def test_a_text_is_cut_after_an_empty_line_where_only_a_paragraph_can_start():
    text = ("# Plan\n\nInnledning.\n\n- a\n\n- b\n\n  videre\n\n> sitat\n\n| a |\n\n1. x\n\n<!-- k -->\n\n"
            "*y*\n\n---\n\n[a]: b\n\nSlutt\n\n#tagg\n")
    assert [piece.split("\n")[0] for _line, piece in pieces(text)] == ["# Plan", "Innledning.", "<!-- k -->",
                                                                       "Slutt", "#tagg"]
