"""The per-file parse cache (read/parsecache.py): a second load of unchanged files gives the same trees and
findings without running the parser; a changed file is parsed again; nothing someone else could have written is
loaded; ARBEIDSPLAN_CACHE=0 turns it off."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from arbeidsplan import workers
from arbeidsplan.read import cache, parsecache
from arbeidsplan.read.workspace import load


def first_plan(party):
    return sorted(p for p in party.rglob("*.md") if p.name != "README.md")[0]


def no_parser(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed although the file was in the cache")
    monkeypatch.setattr(parsecache, "parse_plan", refuse)


def entries():
    folder = cache._folder()
    return [] if folder is None else [p for p in folder.iterdir() if not p.name.startswith(".")]  # not a run's temporary file or the pruning mark


def test_a_second_load_gives_the_same_trees_and_findings_without_parsing(party, monkeypatch):
    first = load([party])
    assert len(first.plans) >= 3 and len(entries()) == len(first.files)
    no_parser(monkeypatch)
    second = load([party])
    assert second.plans == first.plans
    assert second.diagnostics == first.diagnostics
    assert [p.text for p in second.plans] == [p.text for p in first.plans]


def test_a_changed_file_is_parsed_again(party, monkeypatch):
    first = load([party])
    target = Path(first.plans[-1].path)
    text = target.read_text(encoding="utf-8")
    changed = text.replace(first.plans[-1].title, "Ny tittel på planen", 1)
    assert changed != text
    target.write_text(changed, encoding="utf-8")
    calls = []
    real = parsecache.parse_plan
    monkeypatch.setattr(parsecache, "parse_plan", lambda source: calls.append(source.path) or real(source))
    second = load([party])
    assert calls == [str(target)]  # only the changed file
    assert second.plans[-1].title == "Ny tittel på planen"
    assert second.plans[:-1] == first.plans[:-1]


def test_the_same_file_by_another_path_keeps_its_own_spans(party):
    name = str(first_plan(party))
    load([name])
    other = os.path.abspath(name)
    plan = load([other]).plans[0]
    assert plan.path == other and plan.meta.span.file == other


def test_findings_follow_the_language(party, monkeypatch):
    broken = party / "ødelagt.md"
    broken.write_text("---\norganisasjon: [\n---\n# X\n", encoding="utf-8")
    bokmål = load([broken]).diagnostics
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    english = load([broken]).diagnostics
    assert bokmål and english and [d.message for d in bokmål] != [d.message for d in english]


class Planted:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def plant(party, tmp_path):
    """A pickle that runs code, put where the cache would look for the first plan's entry."""
    path = str(first_plan(party))
    marker = tmp_path / "PWNED"
    entry = cache._folder() / cache._name(parsecache.entry_key(Path(path).read_bytes()), path)
    entry.write_bytes(pickle.dumps(Planted(marker)))
    entry.chmod(0o600)
    return path, entry, marker


def test_an_entry_in_a_folder_others_can_write_is_not_loaded(party, tmp_path):
    path, entry, marker = plant(party, tmp_path)
    entry.parent.chmod(0o777)
    try:
        plan = load([path]).plans[0]
    finally:
        entry.parent.chmod(0o700)
    assert not marker.exists() and plan.title  # parsed from the file instead


def test_an_entry_others_can_write_is_not_loaded(party, tmp_path):
    path, entry, marker = plant(party, tmp_path)
    entry.chmod(0o666)
    plan = load([path]).plans[0]
    assert not marker.exists() and plan.title


def test_a_private_planted_entry_would_be_loaded(party, tmp_path):
    """The checks above are what stop the planted entry: in the user's own private folder it is read."""
    path, _entry, marker = plant(party, tmp_path)
    load([path])
    assert marker.exists()


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_someone_else_is_not_loaded(party, tmp_path):
    path, entry, marker = plant(party, tmp_path)
    os.chown(entry, 54321, 54321)
    plan = load([path]).plans[0]
    assert not marker.exists() and plan.title


def test_cache_off_parses_every_time_and_writes_nothing(party, monkeypatch, tmp_path):
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    calls = []
    real = parsecache.parse_plan
    monkeypatch.setattr(parsecache, "parse_plan", lambda source: calls.append(source.path) or real(source))
    first = load([party])
    second = load([party])
    assert len(calls) == 2 * len(first.plans) and second.plans == first.plans
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*"))


def test_parsing_in_worker_processes_gives_the_same_trees_and_findings(party, monkeypatch):
    """Many files are parsed in a pool of processes (parsecache._parse_all): the trees and findings, in the
    findings' language, are the ones parsing here gives."""
    (party / "ødelagt.md").write_text("---\norganisasjon: [\n---\n# X\n", encoding="utf-8")
    monkeypatch.setenv("ARBEIDSPLAN_CACHE", "0")
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    here = load([party])
    monkeypatch.setattr(parsecache, "PARALLEL_MIN", 2)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    me, real = os.getpid(), parsecache.parse_plan

    def elsewhere(source):
        assert os.getpid() != me, "parsed in this process, not in a worker"
        return real(source)
    monkeypatch.setattr(parsecache, "parse_plan", elsewhere)
    there = load([party])
    assert there.plans == here.plans and [p.text for p in there.plans] == [p.text for p in here.plans]
    assert there.diagnostics == here.diagnostics and there.files == here.files
