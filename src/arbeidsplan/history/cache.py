"""A cache of parsed plan versions from git, keyed by the blob's object id.

A blob never changes, so neither does its parse: `history` over hundreds of revisions parses each version once
per machine, not once per run. The cache lives in the user's own cache folder (created private, 0700), holds
pickles this program wrote, and is keyed by the package version so a new parser never reads an old tree.
ARBEIDSPLAN_CACHE=0 turns it off; ARBEIDSPLAN_CACHE_DIR moves it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from .. import __version__


def _folder() -> Path | None:
    if os.environ.get("ARBEIDSPLAN_CACHE", "1") == "0":
        return None
    base = os.environ.get("ARBEIDSPLAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "arbeidsplan")
    folder = Path(base) / f"planer-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder.stat().st_uid != os.getuid():  # only a folder of our own
            return None
    except OSError:
        return None
    return folder


def _name(blob: str, path: str) -> str:
    import hashlib

    return hashlib.sha1(f"{blob}\0{path}".encode("utf-8")).hexdigest()


def get(blob: str, path: str):
    folder = _folder()
    if folder is None:
        return None
    try:
        with open(folder / _name(blob, path), "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def put(blob: str, path: str, value) -> None:
    folder = _folder()
    if folder is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / _name(blob, path))
    except (OSError, pickle.PicklingError, RecursionError):
        pass
