"""Writing the static site into a folder: only into an empty folder or one a previous run wrote (its manifest
lists its files), each file atomically and read back, and removing only pages a previous run listed."""

from __future__ import annotations

import json
from pathlib import Path

from ..messages import message
from .files import Unwritable, write_atomically


class SiteRefused(Exception):
    """The folder cannot take the site; the message says why."""


def previous_site(output: Path, manifest: str, force: bool) -> list[str]:
    """The files a previous run wrote there (from its manifest), after refusing a folder that holds anything
    else, unless `force`."""
    if output.exists() and not output.is_dir():
        raise SiteRefused(message("site.not_directory", path=output))
    if not output.exists() and output.suffix.lower() in (".html", ".htm"):  # a page's name, not a folder's
        raise SiteRefused(message("site.output_is_a_page", path=output, folder=output.parent / output.stem))
    if not output.is_dir() or not any(output.iterdir()):
        return []
    try:
        listed = json.loads((output / manifest).read_text(encoding="utf-8"))["filer"]
        files = [str(f) for f in listed if isinstance(f, str)]
    except (OSError, ValueError, KeyError, TypeError):
        files = None
    if files is None and not force:
        raise SiteRefused(message("site.not_empty", path=output))
    # Only what a run of ours listed is ever removed, and only inside the folder.
    return [f for f in files or [] if ".." not in Path(f).parts and not Path(f).is_absolute()]


def write_site(output: Path, files: dict[str, bytes], previous: list[str]) -> list[str]:
    """Each file atomically and read back (a page is the old one or the whole new one); then the pages the
    previous run wrote that this one does not. Returns those removed."""
    for name, data in files.items():
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomically(path, data)
        except Unwritable as err:
            raise SiteRefused(str(err)) from None
    stale = [name for name in previous if name not in files and name.endswith(".html")]
    for name in stale:
        (output / name).unlink(missing_ok=True)
    return stale
