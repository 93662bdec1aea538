"""The Rust markdown-it backend (read/tokens.py) gives the parser exactly what markdown-it-py gives: the same
block tokens, so the same plan tree and the same findings, on every plan the project holds, a generated party
and fuzzed text. markdown-it-py is the reference; where the Rust side is not installed its tests are skipped,
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
from arbeidsplan.read.parser import parse_plan
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


def both(monkeypatch: pytest.MonkeyPatch, path: str, data: bytes) -> tuple[object, object, bool]:
    """(reference result, default result, whether the default went through the Rust parser) for one file."""
    source, diags = decode(path, data)
    if source is None:
        return diags, diags, False
    monkeypatch.setenv("ARBEIDSPLAN_PARSER", "py")
    reference = parse_plan(source)
    monkeypatch.delenv("ARBEIDSPLAN_PARSER")
    rust = tokens.rust_tokens(source.text)
    if rust is not None:
        assert token_view(rust) == token_view(tokens.py_tokens(source.text)), path
    return reference, parse_plan(source), rust is not None


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
    monkeypatch.delenv("ARBEIDSPLAN_PARSER")
    monkeypatch.setattr(tokens, "_RUST", None)
    assert tokens.rust_tokens(text) is None
    assert type(tokens.block_tokens(text)[0]).__module__ == "markdown_it.token"


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
