"""`arbeidsplan calendar [PATH…] -o kalender.ics`: the measures with a month or season as calendar events."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import check_output, fail, finish, library_call, show_problems, write_output_bytes


@app.command(help=message("cli.calendar.help"), short_help=message("cli.calendar.short"))
def calendar(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.calendar_output")),
) -> None:
    from .. import api
    from ..render.calendar import CalendarProblem, as_ics, verify

    if output is not None:
        if output.suffix.lower() != ".ics":
            fail(message("calendar.not_ics", path=output))
        check_output(output)
    result = library_call(api.calendar, paths)
    show_problems(result)
    if result.exit_code == 2:  # nothing could be read: the problems are the answer, not an empty calendar
        finish(result)
    data = as_ics(result)
    try:  # read back before anything is written: a calendar that cannot be read never replaces a good one
        verify(data, len(result.events))
    except CalendarProblem as err:
        fail(message("calendar.verify_failed", path=output or "-", reason=err))
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_output_bytes(output, data, api.input_files(paths))  # atomic, and read back byte for byte
        typer.echo(message("calendar.written", n=len(result.events), path=output), err=True)
    if result.without_month:
        typer.echo(message("calendar.without_month", n=result.without_month), err=True)
    if result.outside_period:
        typer.echo(message("calendar.outside_period", n=result.outside_period), err=True)
    finish(result)
