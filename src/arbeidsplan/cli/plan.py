"""`arbeidsplan show` (one plan's tree) and `arbeidsplan new` (a draft plan from its parent)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..messages import message
from .app import app
from .output import Formats, check_output, finish, library_call, show_problems, write_output

SHOW_FORMATS = Formats(text="tree:plan_tree", json="plandata:as_json")


@app.command(help=message("cli.show.help"), short_help=message("cli.show.short"))
def show(
    plan: Path = typer.Argument(..., help=message("cli.opt.plan"), show_default=False),
    fmt: str = SHOW_FORMATS.option(),
) -> None:
    from .. import api

    SHOW_FORMATS.checked(fmt)
    result = library_call(api.show, plan)
    show_problems(result)
    if result.plan is not None:
        SHOW_FORMATS.emit(fmt, result.plan)
    finish(result)


@app.command(help=message("cli.new.help"), short_help=message("cli.new.short"))
def new(
    level: str = typer.Option(..., "--level", "-l", help=message("cli.opt.level")),
    organisation: str = typer.Option(..., "--organisation", "--org", help=message("cli.opt.organisation")),
    parent: Path = typer.Option(..., "--parent", "-p", help=message("cli.opt.new_parent")),
    period: Optional[str] = typer.Option(None, "--period", help=message("cli.opt.period")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.new_output")),
) -> None:
    from .. import api

    output = check_output(output, may_exist=False, inputs=(parent,))
    draft = library_call(api.new_plan, level, organisation, parent, period, output)
    if output is None:
        typer.echo(draft.text, nl=False)
    else:
        write_output(output, draft.text, (parent,), may_exist=False)
        typer.echo(message("new.written", path=output, goals=draft.goals, measures=draft.measures, parent=parent),
                   err=True)
