"""`arbeidsplan ids PLAN [--write]`: written ids where the plan has only derived ones."""

from __future__ import annotations

from pathlib import Path

import typer

from ..messages import message
from .app import app
from .output import Formats, fail, library_call

FORMATS = Formats(text="ids:as_text", json="ids:as_json")


@app.command(help=message("cli.ids.help"), short_help=message("cli.ids.short"))
def ids(
    plan: Path = typer.Argument(..., help=message("cli.opt.plan_file"), show_default=False),
    write: bool = typer.Option(False, "--write", help=message("cli.opt.ids_write")),
    fmt: str = FORMATS.option(),
) -> None:
    from .. import api
    from ..write.status import BadInput, Refused

    FORMATS.checked(fmt)
    try:
        result = library_call(api.ids, plan, write)
    except BadInput as err:  # a file that cannot be used: exit 2, as for any bad usage
        fail(str(err), 2)
    except Refused as err:  # the plan's content stands in the way (errors in it)
        fail(str(err), 1)
    FORMATS.emit(fmt, result)
