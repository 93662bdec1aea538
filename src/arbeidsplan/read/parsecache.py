"""A plan file's tree and its reading findings, kept between runs: a second `check` (or `show`, `status`,
`report`, `coverage` …) of an unchanged repository loads each file's parse from the cache instead of running
markdown-it again.

An entry is keyed by the file's bytes (a hash), its path as given (every Span carries it), the language the
findings are written in, and the tool: the cache folder is per package version (cache.py) and the key also holds
a stamp of the package's own source files (name, size, modification time), so an edited parser never reads a
tree an older one made. Entries are stored through cache.py, which loads nothing that someone else could have
written; ARBEIDSPLAN_CACHE=0 turns it off, ARBEIDSPLAN_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..diagnostics import Diagnostic
from ..messages import language
from ..model import Plan
from . import cache
from .source import SourceText, decode


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The tool's own code: its source files' names, sizes and modification times. In every cache key, so that an
    edited tool never reads what an older one kept."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                try:
                    st = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                digest.update(f"{os.path.relpath(os.path.join(root, name), package)}\0{st.st_size}\0"
                              f"{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def digest(data: bytes) -> str:
    """A file's bytes as the caches key them."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def entry_key(data: bytes, kind: str = "fil", *, known: str | None = None) -> str:
    """The part of the key that is not the path: what is kept, the bytes (`known`: their digest, when the
    caller has it), the findings' language, the tool's code."""
    return f"{kind}:{known or digest(data)}:{language()}:{code_stamp()}"


def parse_plan(source: SourceText, tokenise: Callable[[str], list[Any]] | None = None,
               ) -> tuple[Plan, list[Diagnostic]]:
    """parser.parse_plan, imported when first used: a run that finds every file in the caches never loads
    markdown-it."""
    from .parser import parse_plan as parse

    return parse(source, tokenise) if tokenise is not None else parse(source)


def parse_bytes(name: str, data: bytes, tokenise: Callable[[str], list[Any]] | None = None,
                ) -> tuple[Plan | None, list[Diagnostic]]:
    """Bytes → (plan or None, findings from decoding and parsing), with no cache. `tokenise`: as parser.parse_plan."""
    source, diags = decode(name, data)
    if source is None:
        return None, diags
    plan, found = parse_plan(source, tokenise) if tokenise is not None else parse_plan(source)
    return plan, diags + found


def parse_cached(name: str, data: bytes) -> tuple[Plan | None, list[Diagnostic]]:
    """As parse_bytes, through the cache: an entry that is not exactly (Plan or None, list) is a miss."""
    key = entry_key(data)
    hit = _entry(key, name)
    if hit is not None:
        return hit
    plan, diags = parse_bytes(name, data)
    cache.put(key, name, (plan, diags))
    return plan, diags


def _entry(key: str, name: str) -> tuple[Plan | None, list[Diagnostic]] | None:
    """The cached (plan, findings), or None: anything else found under the key is a miss."""
    hit = cache.get(key, name)
    if (isinstance(hit, tuple) and len(hit) == 2 and (hit[0] is None or isinstance(hit[0], Plan))
            and isinstance(hit[1], list)):
        return hit[0], list(hit[1])
    return None


PARALLEL_MIN = 24  # fewer files than this to parse are parsed here: starting workers would cost more


def parse_cached_many(items: list[tuple[str, bytes]]) -> list[tuple[Plan | None, list[Diagnostic]]]:
    """parse_cached for many files at once: the files not in the cache are parsed in a pool of worker
    processes, one per core, when there are at least PARALLEL_MIN of them and more than one core."""
    keys = [entry_key(data) for _name, data in items]
    results: list[tuple[Plan | None, list[Diagnostic]] | None] = []
    for key, (name, _data) in zip(keys, items, strict=True):
        results.append(_entry(key, name))
    missing = [k for k, found in enumerate(results) if found is None]
    for k, parsed in zip(missing, _parse_all([items[k] for k in missing]), strict=True):
        results[k] = parsed
        cache.put(keys[k], items[k][0], parsed)
    return results  # type: ignore[return-value]


def _parse_all(items: list[tuple[str, bytes]]) -> list[tuple[Plan | None, list[Diagnostic]]]:
    from ..workers import run_all

    return run_all(_parse_item, items, PARALLEL_MIN)


def _parse_item(item: tuple[str, bytes]) -> tuple[Plan | None, list[Diagnostic]]:
    return parse_bytes(*item)
