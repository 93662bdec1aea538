"""`arbeidsplan coverage`: every plan against the national plan's priorities."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import Formats, finish, library_call, show_problems

FORMATS = Formats(text="coverage:as_rich", json="coverage:as_json", csv="coverage:as_csv", md="coverage:as_markdown")
DETAIL_FORMATS = Formats(text="coverage:as_rich_detail", json="coverage:as_json", csv="coverage:as_csv",
                         md="coverage:as_markdown_detail")


@app.command(help=message("cli.coverage.help"), short_help=message("cli.coverage.short"))
def coverage(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    detail: bool = typer.Option(False, "--detail", "-d", help=message("cli.opt.detail")),
    parent: Optional[Path] = typer.Option(None, "--parent", "-p", help=message("cli.opt.parent")),
    fmt: Optional[str] = FORMATS.option(None),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.coverage_output")),
) -> None:
    from .. import api
    from .suffixes import chosen_format, deliver

    formats = DETAIL_FORMATS if detail else FORMATS
    chosen = chosen_format(output, fmt, formats.renderers, "text")
    result = library_call(api.coverage, paths, parent)
    show_problems(result)
    if result.matrices or result.exit_code != 2:  # nothing read: the problems are the answer
        deliver(output, formats.render(chosen, result.matrices), api.input_files(paths))
    finish(result)
