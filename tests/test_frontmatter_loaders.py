"""Front matter is read with libyaml where PyYAML has it (read/frontmatter.py), ten times faster than the
pure-Python reader; the plan tree and every finding must be the same as the pure-Python reader gives, on every
plan we have: the shipped ones, the examples, the fictional ones and the bad-input corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from arbeidsplan.read import frontmatter
from arbeidsplan.read.parsecache import parse_bytes

REPO = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("plans", "examples", "benchmarks/fictional", "tests/corpus/bad")
               for p in (REPO / folder).rglob("*.md"))


@pytest.mark.skipif(getattr(yaml, "CSafeLoader", None) is None, reason="PyYAML is built without libyaml here")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_libyaml_reads_every_plan_as_the_pure_python_reader_does(path, monkeypatch):
    data = path.read_bytes()
    fast = parse_bytes(str(path), data)
    monkeypatch.setattr(frontmatter, "_C_LOADER", None)
    slow = parse_bytes(str(path), data)
    assert fast == slow


def test_the_corpus_is_there():
    assert len(FILES) > 40 and any("corpus" in str(p) for p in FILES)
