"""`arbeidsplan import`: a Word, PDF or text document as a plan."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import finish, library_call, print_out
from .suffixes import chosen_format


@app.command("import", help=message("cli.import.help"), short_help=message("cli.import.short"))
def import_(
    document: Path = typer.Argument(..., help=message("cli.opt.import_file"), show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.import_output")),
    organisation: Optional[str] = typer.Option(None, "--organisation", "--org", help=message("cli.opt.import_org")),
    level: Optional[str] = typer.Option(None, "--level", "-l", help=message("cli.opt.import_level")),
    period: Optional[str] = typer.Option(None, "--period", help=message("cli.opt.import_period")),
    parent: Optional[List[Path]] = typer.Option(None, "--parent", "-p", help=message("cli.opt.import_parent")),
    force: bool = typer.Option(False, "--force", help=message("cli.opt.import_force")),
    timing_from_text: bool = typer.Option(False, "--timing-from-text", help=message("cli.opt.timing_from_text")),
) -> None:
    from .. import api
    from ..render.importing import import_report

    if output is not None:
        chosen_format(output, None, ("md",), "md", make_folders=True)  # a plan is Markdown (plans/ holds *.md)
    result = library_call(api.import_document, document, output, organisation, level, period, parent or (), force,
                          timing_from_text)
    if output is None:
        print_out(result.text)
    print_out(import_report(result), err=True)
    finish(result)
