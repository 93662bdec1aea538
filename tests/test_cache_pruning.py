"""The cache folder does not grow for ever: what no run has used for a month goes, at most once a day, and
nothing but this user's own regular files and folders is ever deleted."""

from __future__ import annotations

import os
import time

import pytest

from arbeidsplan.read import cache

DAY = 86400


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARBEIDSPLAN_CACHE", raising=False)
    monkeypatch.setattr(cache, "_pruned_now", set())
    found = cache._folder()
    assert found is not None
    return found


def age(path, days):
    then = time.time() - days * DAY
    os.utime(path, (then, then), follow_symlinks=False)


def entry(key):
    return cache._folder() / cache._name(key, "plan.md")


def a_new_day(folder, monkeypatch):
    """A run on a later day: the last pruning was yesterday, and this process has not looked yet."""
    age(folder / ".pruned", 1.5)
    monkeypatch.setattr(cache, "_pruned_now", set())


def test_what_no_run_has_used_for_a_month_is_deleted_when_a_run_writes(folder, monkeypatch):
    cache.put("brukt", "plan.md", "i bruk")
    cache.put("glemt", "plan.md", "gammel")
    age(entry("brukt"), 40)
    age(entry("glemt"), 40)
    a_new_day(folder, monkeypatch)
    assert cache.get("brukt", "plan.md") == "i bruk"  # read by a run today: used
    left_over = folder / ".tmp-abc"  # a run that died while writing
    left_over.write_bytes(b"halv")
    age(left_over, 40)
    fresh = folder / ".tmp-now"  # a run writing now
    fresh.write_bytes(b"skrives")
    cache.put("ny", "plan.md", "i dag")  # the first write of a run prunes
    assert not entry("glemt").exists() and not left_over.exists()
    assert entry("brukt").exists() and entry("ny").exists() and fresh.exists()
    assert cache.get("brukt", "plan.md") == "i bruk"


def test_pruned_at_most_once_a_day(folder):
    cache.put("a", "plan.md", 1)
    age(entry("a"), 40)
    assert cache.prune(folder) == 0  # the first put pruned a moment ago
    assert cache.prune(folder, now=time.time() + 2 * DAY) == 1


def test_other_versions_folders_go_when_unused(folder):
    old = folder.parent / "planer-0.0.1"
    old.mkdir(mode=0o700)
    (old / ("a" * 40)).write_bytes(b"gammel")  # an entry, named as the cache names them
    age(old / ("a" * 40), 40)
    recent = folder.parent / "planer-0.0.2"  # another installed version, in use
    recent.mkdir(mode=0o700)
    (recent / ("b" * 40)).write_bytes(b"ny")
    cache.prune(folder, now=time.time() + 2 * DAY)
    assert not old.exists()
    assert (recent / ("b" * 40)).exists()


def test_never_deletes_through_a_link_or_what_is_not_a_plain_own_file(folder, tmp_path):
    outside = tmp_path / "viktig.md"
    outside.write_text("brukerens fil", encoding="utf-8")
    age(outside, 40)
    link = folder / ("c" * 40)  # named as an entry: only the link itself keeps it
    link.symlink_to(outside)
    age(link, 40)
    shared = folder / ("d" * 40)
    shared.write_bytes(b"x")
    shared.chmod(0o666)  # writable by others: not a file this cache wrote
    age(shared, 40)
    sub = folder / "mappe"
    sub.mkdir()
    (sub / ("f" * 40)).write_bytes(b"z")
    age(sub / ("f" * 40), 40)
    linked_version = folder.parent / "planer-9.9.9"  # a version folder that is a link elsewhere
    target = tmp_path / "annet"
    target.mkdir()
    (target / ("e" * 40)).write_bytes(b"behold")
    age(target / ("e" * 40), 40)
    linked_version.symlink_to(target, target_is_directory=True)
    cache.prune(folder, now=time.time() + 2 * DAY)
    assert outside.read_text(encoding="utf-8") == "brukerens fil" and link.is_symlink()
    assert shared.exists() and (sub / ("f" * 40)).exists() and (target / ("e" * 40)).exists()


def test_a_cache_folder_set_among_the_users_own_files_deletes_only_what_the_cache_wrote(tmp_path, monkeypatch):
    """ARBEIDSPLAN_CACHE_DIR may point at a folder of the user's own, with a «planer-2025» of their own beside the
    cache's folder: only files named as the cache names them are ever deleted."""
    documents = tmp_path / "Dokumenter"
    own = documents / "planer-2025"
    own.mkdir(parents=True)
    (own / "budsjett.docx").write_bytes(b"styrets budsjett")
    age(own / "budsjett.docx", 400)
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(documents))
    monkeypatch.delenv("ARBEIDSPLAN_CACHE", raising=False)
    folder = cache._folder()
    assert folder is not None
    note = folder / "notat.txt"  # not a name the cache writes, even inside its own folder
    note.write_text("behold", encoding="utf-8")
    age(note, 400)
    cache.put("gammel", "plan.md", 1)
    age(entry("gammel"), 40)
    assert cache.prune(folder, now=time.time() + 2 * DAY) == 1  # the old entry, and nothing else
    assert (own / "budsjett.docx").read_bytes() == b"styrets budsjett" and own.is_dir()
    assert note.read_text(encoding="utf-8") == "behold"
