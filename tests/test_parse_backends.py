"""The Rust markdown-it backend (read/tokens.py) gives the parser exactly what markdown-it-py gives: the same
block tokens, so the same plan tree and the same findings, on every plan the project holds, a generated party
and fuzzed text. The parser reads plan_tokens, where each top-level list and table from the Rust parser is one
token holding what lists.list_items and tables.read_table read from its tokens: that is proven the same as
they read from markdown-it-py's tokens, and the plan tree the same through block_tokens too (history's and the
writers' path). markdown-it-py is the reference; where the Rust side is not installed its tests are skipped,
and the fallback is tested on its own."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsplan.read import tokens
from arbeidsplan.read.lists import list_items
from arbeidsplan.read.parser import _Parser, parse_plan
from arbeidsplan.read.tables import read_table
from arbeidsplan.read.source import decode
from test_properties import MARKDOWN_BITS

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ["plans", "examples", "tests/corpus/bad", "benchmarks/fictional"]
needs_rust = pytest.mark.skipif(tokens.markdown_it_pyrs is None, reason="markdown_it_pyrs is not installed")


def corpus_files() -> list[Path]:
    return sorted(p for folder in CORPORA for p in (ROOT / folder).rglob("*.md"))


def token_view(toks: list) -> list[tuple]:
    """Every attribute the parser and the writers read (write/status.py: a fence's markup)."""
    return [(t.type, t.tag, t.nesting, t.map, t.level, t.content) + ((t.markup, t.info) if t.type == "fence" else ())
            for t in toks]


def read_view(toks: list) -> list[tuple]:
    """What the parser reads from the tokens: each token's view, but each top-level list and table (its tokens, or
    plan_tokens' one token for it) as lists.list_items and tables.read_table read it."""
    out, i = [], 0
    while i < len(toks):
        t = toks[i]
        if t.level == 0 and t.type in ("list", "bullet_list_open", "ordered_list_open", "table", "table_open"):
            end = _Parser.matching(toks, i)
            block = toks[i:end + 1]
            if "table" in t.type:
                table = read_table(block)
                out.append(("table", t.map, table.header, table.kinds,
                            [(token_view([row])[0], cells) for row, cells in table.rows]))
            else:
                out.append(("list", t.map, [(token_view([item])[0], text, [(token_view([sub])[0], x) for sub, x in subs])
                                            for item, text, subs in list_items(block)]))
            i = end + 1
        else:
            out.append(token_view([t])[0])
            i += 1
    return out


def both(monkeypatch: pytest.MonkeyPatch, path: str, data: bytes) -> tuple[object, object, bool]:
    """(reference result, default result, whether the default went through the Rust parser) for one file. The
    Rust parser's tokens, whole and as plan_tokens gives them, are checked against markdown-it-py's on the way,
    and the plan read from its whole tokens (block_tokens) against the default."""
    source, diags = decode(path, data)
    if source is None:
        return diags, diags, False
    monkeypatch.setenv("ARBEIDSPLAN_PARSER", "py")
    reference = parse_plan(source)
    monkeypatch.delenv("ARBEIDSPLAN_PARSER")
    rust = tokens.rust_tokens(source.text)
    compact = tokens.rust_tokens(source.text, compact=True)
    assert (compact is None) == (rust is None), path  # the same texts go to markdown-it-py
    if rust is not None:
        py = tokens.py_tokens(source.text)
        assert token_view(rust) == token_view(py), path
        assert read_view(compact) == read_view(py), path
    fast = parse_plan(source)
    assert parse_plan(source, tokens.block_tokens) == fast, path
    return reference, fast, rust is not None


@needs_rust
def test_every_plan_in_the_repository_reads_the_same(monkeypatch):
    files = corpus_files()
    assert len(files) > 60
    through_rust = []
    for path in files:
        reference, fast, used = both(monkeypatch, str(path.relative_to(ROOT)), path.read_bytes())
        assert fast == reference, path  # the whole frozen tree and every finding, spans included
        through_rust.append(used)
    # The proof is about the Rust path: every well-formed plan takes it (the bad corpus may fall back).
    good = [used for path, used in zip(files, through_rust, strict=True) if "corpus/bad" not in str(path)]
    assert all(good)
    assert sum(through_rust) > len(good)


@needs_rust
def test_a_generated_party_reads_the_same(monkeypatch, tmp_path):
    target = tmp_path / "parti"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(target), "--locals", "8",
                    "--counties", "2", "--commits", "6", "--seed", "7"], check=True, capture_output=True)
    files = sorted((target / "plans").rglob("*.md"))
    assert len(files) == 11
    for path in files:
        reference, fast, used = both(monkeypatch, path.name, path.read_bytes())
        assert used and fast == reference, path


@needs_rust
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(MARKDOWN_BITS, st.sampled_from(
    ["\n", "\n\n", "  ", "    ", "- ", "1. ", "# ", "| a | b |\n", "|---|:--:|\n", "a | b\n", "```py\n", "~~~\n",
     "   - x\n", "     - y\n", "**T1** x\n", "\u00a0", "\u2028", "\x85", "---", "...\n", "--- \n"]),
    st.text(max_size=10)), max_size=50)
    .map(lambda parts: "".join(parts) + "\n"))
def test_fuzzed_text_reads_the_same(monkeypatch, text):
    reference, fast, _ = both(monkeypatch, "fuzz.md", text.encode("utf-8", errors="surrogatepass"))
    assert fast == reference


# Texts where the two parsers were once found to differ (by the fuzzing below, at a larger scale): each must now
# either convert to the same tokens or go to markdown-it-py.
ONCE_DIFFERENT = [
    "\u00a0\n", "\x85\n", "organisasjon: X\n---\n", "[a]:\n- \n", "```py\n\ufeff\n", "```py\n\n",
    "```\n    ```\n\n", "> sitat\n| Nr | Tiltak |\n| --- | --- |\n", "- organisasjon: X\n  \n", "- \n\n\n",
    "| x |\n---\n", "| Nr | Tiltak |\n| --- | --- |\n* \n", "- |---|:--:|\norganisasjon: X\n\n",
    "organisasjon: X\n|---\n\n", "\u00a0| x |\n|---|:--:|\n\n", "- a|b\n|-|-|\nc\n", "- a\nb\n\n",
    "x\n\n\u00a0| fil | plan |\n| --- | --- |\n| --- | --- |\n| a | b |\n",
    "``` | Tiltak | Ansvar |\n| --- | --- | --- |\n| 1 | a | b |\n", "# a | b\n|---|---|\n", "- a | b\n|---|---|\n",
    "---\na: 1\n...\nx\n", "---\na\n...\nb\n---\n",
]


EDITS = ["", " ", "  ", "    ", "- ", "* ", "1. ", "2) ", "# ", "## ", "---", "***", "===", "|", "| a |", "|---|",
         "```", "~~~", "\u00a0", "\u2003", "**T1** ", "  - ", "+ ", ":", "<!-- -->", "\\", "`"]


def mutated(rng: random.Random, text: str) -> str:
    """A plan with a few lines deleted, doubled, swapped, indented or outdented, or with Markdown put in."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        j, op = rng.randrange(len(lines)), rng.randrange(7)
        if op == 0:
            del lines[j]
        elif op == 1:
            lines.insert(j, lines[j])
        elif op == 2:
            lines[j] = rng.choice(EDITS) + lines[j]
        elif op == 3:
            lines[j] = lines[j][rng.randint(1, 4):]
        elif op == 4:
            lines.insert(j, rng.choice(EDITS))
        elif op == 5 and j + 1 < len(lines):
            lines[j], lines[j + 1] = lines[j + 1], lines[j]
        else:
            k = rng.randrange(len(lines[j]) + 1)
            lines[j] = lines[j][:k] + rng.choice(EDITS) + lines[j][k:]
    return "\n".join(lines).rstrip("\n") + "\n"


@needs_rust
def test_mutated_plans_read_the_same(monkeypatch):
    # The fuzzing that found the cases above, on the plans themselves (tens of thousands of runs by hand;
    # a fixed seed and a few hundred here).
    rng = random.Random(16)
    plans = [p.read_text(encoding="utf-8") for p in corpus_files() if "corpus/bad" not in str(p)]
    through_rust = 0
    for _ in range(300):
        reference, fast, used = both(monkeypatch, "f.md", mutated(rng, rng.choice(plans)).encode())
        assert fast == reference
        through_rust += used
    assert through_rust > 150


@needs_rust
@pytest.mark.parametrize("text", ONCE_DIFFERENT)
def test_texts_once_read_differently_read_the_same(monkeypatch, text):
    reference, fast, _ = both(monkeypatch, "f.md", text.encode())
    assert fast == reference


@needs_rust
@pytest.mark.parametrize("text", [
    "- a\n\tb\n",  # a tab
    "[a]:\n- b\n",  # a reference definition
    "> sitat\n| Nr | Tiltak |\n| --- | --- |\n",  # a blockquote
    "- ---\nx\n",  # front matter inside a list item, as markdown-it-py's plugin reads it
    "".join(f"{'  ' * n}- x\n" for n in range(40)),  # deep nesting
    "| a |\n---\n",  # a table to one, a setext heading to the other
    "- a\n",  # sure, but with no line end at the end: a last blank line is counted apart
])
def test_text_the_conversion_is_unsure_of_goes_to_markdown_it_py(text):
    assert tokens.rust_tokens(text.rstrip("\n")) is None
    assert (tokens.rust_tokens(text) is None) == (text != "- a\n")
    assert (tokens.rust_tokens(text, compact=True) is None) == (text != "- a\n")


@needs_rust
def test_hostile_nesting_never_reaches_the_rust_parser():
    # The Rust parser frees a tree recursively: one 50 000 lists deep crashed the process (SIGSEGV) before
    # the guard. A crash here ends the child, not the test run, and fails the test.
    script = """if True:
        from arbeidsplan.read import tokens
        from arbeidsplan.read.parser import parse_plan
        from arbeidsplan.read.source import decode
        for text in ['- ' * 50000 + 'x\\n', '1. ' * 50000 + 'x\\n', ''.join('  ' * i + '- x\\n' for i in range(3000))]:
            assert tokens.rust_tokens(text) is None
            source, _ = decode('dyp.md', text.encode())
            assert 'AP210' in [d.code for d in parse_plan(source)[1]]
        print('ok')
    """
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_markdown_it_py_reads_when_asked_or_when_rust_is_missing(monkeypatch):
    text = "---\na: 1\n---\n\n# Mål 1: A\n\n- **1.1** x\n"
    monkeypatch.setenv("ARBEIDSPLAN_PARSER", "py")
    assert type(tokens.block_tokens(text)[0]).__module__ == "markdown_it.token"
    assert type(tokens.plan_tokens(text)[-1]).__module__ == "markdown_it.token"
    monkeypatch.delenv("ARBEIDSPLAN_PARSER")
    monkeypatch.setattr(tokens, "_RUST", None)
    assert tokens.rust_tokens(text) is None
    assert type(tokens.block_tokens(text)[0]).__module__ == "markdown_it.token"
    assert type(tokens.plan_tokens(text)[-1]).__module__ == "markdown_it.token"


def test_a_panic_in_the_rust_parser_falls_back(monkeypatch):
    class Panic(BaseException):  # how pyo3 raises a Rust panic
        pass

    class Panicking:
        def tree(self, text):
            raise Panic("index out of bounds")

    monkeypatch.setattr(tokens, "_RUST", Panicking())
    text = "# Mål 1: A\n\n- **1.1** x\n"
    assert tokens.rust_tokens(text) is None
    assert token_view(tokens.block_tokens(text)) == token_view(tokens.py_tokens(text))


@needs_rust
def test_the_rust_parser_reads_by_default():
    text = "---\na: 1\n---\n\n# Mål 1: A\n\n- **1.1** x\n"
    assert isinstance(tokens.block_tokens(text)[0], tokens.BlockToken)


@needs_rust
def test_the_parser_reads_a_top_level_list_and_table_as_one_token_each():
    text = ("# Mål 1: A\n\n## Tiltak\n\n- **1.1** x\n  - Tidsrom: 2026\n    - mer\n\n  videre\n- **1.2** y\n\n"
            "| Nr | Tiltak |\n| --- | --- |\n| 1.3 | z<br>w |\n")
    found = tokens.plan_tokens(text)
    assert [t.type for t in found if t.level == 0] == ["heading_open", "heading_close", "heading_open", "heading_close",
                                                       "list", "table"]
    listed, table = found[-2], found[-1]
    assert [(item.map, text, [(sub.map, x) for sub, x in subs]) for item, text, subs in listed.items] == [
        ([4, 9], "**1.1** x videre", [([5, 8], "Tidsrom: 2026"), ([6, 8], "mer")]), ([9, 11], "**1.2** y", [])]
    assert (table.map, table.header, [(row.map, cells) for row, cells in table.rows]) == (
        [11, 14], ["Nr", "Tiltak"], [([13, 14], ["1.3", "z w"])])
    assert read_view(found) == read_view(tokens.py_tokens(text))


def test_the_trim_of_a_blocks_text_is_markdown_it_pys():
    # tokens._trim gives markdown-it-py's trim without importing it where only space, tab and line end are at the
    # edges; every other space (str.isspace's, and U+FEFF, U+200B, which markdown-it-py 4 keeps) asks it.
    others = [chr(c) for c in range(0x110000) if chr(c).isspace()] + ["\ufeff", "\u200b", "\x00", "a", "æ", ""]
    for c in others:
        for text in (c, c + "x", "x" + c, " " + c + "x" + c + "\t", "\n" + c + " x", c + " x y " + c + c, " \t\n"):
            assert tokens._trim(text) == tokens._md_trim()(text), repr(text)


@needs_rust
def test_a_plan_the_rust_parser_reads_never_imports_markdown_it_py():
    # Importing markdown-it-py is a tenth of a cold `history`: it is imported only for a text that goes to it.
    script = ("import sys\nfrom arbeidsplan.read.parser import parse_plan\nfrom arbeidsplan.read.source import decode\n"
              "source, _ = decode('f.md', b'---\\na: 1\\n---\\n\\n# Plan\\n\\n## Mal 1: A\\n\\n| Nr | Tiltak |\\n"
              "| --- | --- |\\n| 1.1 | x  |\\n\\n- **1.2** y\\n')\nparse_plan(source)\n"
              "print('markdown_it' in sys.modules, 'mdit_py_plugins' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"], done.stderr
