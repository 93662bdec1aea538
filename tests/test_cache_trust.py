"""The plan cache (history's and check's) loads pickles, and a pickle can run code: nothing is loaded that someone else could have
written (a folder or file writable by others, owned by another user, or a symlink)."""

from __future__ import annotations

import os
import pickle

import pytest

from arbeidsplan.read import cache


class Planted:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARBEIDSPLAN_CACHE", raising=False)
    found = cache._folder()
    assert found is not None
    return found


def plant(folder, marker, name="blob"):
    entry = folder / cache._name(name, "plan.md")
    entry.write_bytes(pickle.dumps(Planted(marker)))
    entry.chmod(0o600)
    return entry


def test_own_private_entries_are_used(folder):
    cache.put("blob", "plan.md", {"svar": 42})
    assert cache.get("blob", "plan.md") == {"svar": 42}


def test_a_folder_others_can_write_is_not_read(folder, tmp_path):
    marker = tmp_path / "PWNED"
    plant(folder, marker)
    folder.chmod(0o777)
    assert cache.get("blob", "plan.md") is None and not marker.exists()
    folder.chmod(0o700)
    cache.get("blob", "plan.md")  # the same file in a private folder is loaded: the check is what stopped it
    assert marker.exists()


def test_a_file_others_can_write_is_not_read(folder, tmp_path):
    marker = tmp_path / "PWNED"
    plant(folder, marker).chmod(0o666)
    assert cache.get("blob", "plan.md") is None and not marker.exists()


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_a_file_owned_by_someone_else_is_not_read(folder, tmp_path):
    marker = tmp_path / "PWNED"
    os.chown(plant(folder, marker), 54321, 54321)
    assert cache.get("blob", "plan.md") is None and not marker.exists()


def test_a_symlinked_entry_is_not_followed(folder, tmp_path):
    marker = tmp_path / "PWNED"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(pickle.dumps(Planted(marker)))
    os.symlink(elsewhere, folder / cache._name("blob", "plan.md"))
    assert cache.get("blob", "plan.md") is None and not marker.exists()


def test_a_folder_in_a_parent_others_can_write_is_not_used(tmp_path, monkeypatch):
    parent = tmp_path / "open"
    parent.mkdir()
    parent.chmod(0o777)  # world-writable, not sticky: someone could swap our folder for theirs
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(parent))
    assert cache._folder() is None
    parent.chmod(0o1777)  # like /tmp
    assert cache._folder() is not None
