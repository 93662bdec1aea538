"""`arbeidsplan site [PATH…] -o DIR`: the static site, written file by file into a folder."""

from __future__ import annotations

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
    from ..write.site import SiteRefused, previous_site, write_site

    try:
        previous = previous_site(output, MANIFEST, force)
    except SiteRefused as err:
        fail(str(err))
    result = library_call(api.site_data, paths, year, not no_history)
    show_problems(result)
    show_notes(result.notes)
    if result.exit_code == 2:  # nothing could be read: no site of nothing
        finish(result)
    files = render(result)
    try:
        stale = write_site(output, files, previous)
    except SiteRefused as err:
        fail(str(err))
    typer.echo(message("site.written", n=len(files), path=output, index=output / "index.html"), err=True)
    if stale:
        typer.echo(message("site.removed", n=len(stale)), err=True)
    finish(result)
