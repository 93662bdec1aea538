"""`arbeidsplan site [PATH…] -o DIR`: the static site, written file by file into a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import fail, finish, library_call, show_notes, show_problems


@app.command(help=message("cli.site.help"), short_help=message("cli.site.short"))
def site(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help=message("cli.opt.site_output")),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=message("cli.opt.site_year"), show_default=False),
    force: bool = typer.Option(False, "--force", help=message("cli.opt.site_force")),
    no_history: bool = typer.Option(False, "--no-history", help=message("cli.opt.no_history")),
) -> None:
    from .. import api
    from ..render.site import MANIFEST, render

    previous = _previous_site(output, MANIFEST, force)
    result = library_call(api.site_data, paths, year, not no_history)
    show_problems(result)
    show_notes(result.notes)
    files = render(result)
    _write_site(output, files)
    stale = [name for name in previous if name not in files and name.endswith(".html")]
    for name in stale:
        (output / name).unlink(missing_ok=True)
    typer.echo(message("site.written", n=len(files), path=output, index=output / "index.html"), err=True)
    if stale:
        typer.echo(message("site.removed", n=len(stale)), err=True)
    finish(result)


def _previous_site(output: Path, manifest: str, force: bool) -> list[str]:
    """The files a previous run wrote there (from its manifest), after refusing a folder that holds anything
    else, unless --force."""
    if output.exists() and not output.is_dir():
        fail(message("site.not_directory", path=output))
    if not output.is_dir() or not any(output.iterdir()):
        return []
    try:
        listed = json.loads((output / manifest).read_text(encoding="utf-8"))["filer"]
        files = [str(f) for f in listed if isinstance(f, str)]
    except (OSError, ValueError, KeyError, TypeError):
        files = None
    if files is None and not force:
        fail(message("site.not_empty", path=output))
    # Only what a run of ours listed is ever removed, and only inside the folder.
    return [f for f in files or [] if ".." not in Path(f).parts and not Path(f).is_absolute()]


def _write_site(output: Path, files: dict[str, bytes]) -> None:
    """Each file atomically, then read back: a page is either the old one or the whole new one."""
    from ..write.files import write_atomically

    for name, data in files.items():
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        if path.read_bytes() != data:
            fail(message("site.verify_failed", path=path))
