"""`arbeidsplan show` (one plan's tree) and `arbeidsplan new` (a draft plan from its parent)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..messages import message
from .app import app
from .output import Formats, check_output, finish, library_call, show_problems, write_output
from .suffixes import chosen_format, deliver, in_word_template, word_template

SHOW_FORMATS = Formats(text="tree:plan_tree", json="plandata:as_json", docx="documents:plan_docx",
                       pdf="documents:plan_pdf")


@app.command(help=message("cli.show.help"), short_help=message("cli.show.short"))
def show(
    plan: Path = typer.Argument(..., help=message("cli.opt.plan"), show_default=False),
    fmt: Optional[str] = SHOW_FORMATS.option(None),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.show_output")),
    template: Optional[Path] = typer.Option(None, "--template", help=message("cli.opt.word_template")),
) -> None:
    from .. import api

    chosen = chosen_format(output, fmt, SHOW_FORMATS.renderers, "text")
    word = word_template(template, chosen)
    result = library_call(api.show, plan)
    show_problems(result)
    if result.plan is not None:
        if word is None:
            deliver(output, SHOW_FORMATS.render(chosen, result.plan), (plan,))
        else:
            from ..render.documents import plan_docx

            deliver(output, in_word_template(plan_docx, result.plan, word), (plan,))
    finish(result)


@app.command(help=message("cli.new.help"), short_help=message("cli.new.short"))
def new(
    level: str = typer.Option(..., "--level", "-l", help=message("cli.opt.level")),
    organisation: str = typer.Option(..., "--organisation", "--org", help=message("cli.opt.organisation")),
    parent: Path = typer.Option(..., "--parent", "-p", help=message("cli.opt.new_parent")),
    period: Optional[str] = typer.Option(None, "--period", help=message("cli.opt.period")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.new_output")),
    output_dir: Optional[Path] = typer.Option(None, "--output-dir", help=message("cli.opt.output_dir")),
) -> None:
    from .. import api

    output = check_output(output, may_exist=False, inputs=(parent,), make_folders=True)
    if output is not None:
        chosen_format(output, None, ("md",), "md", make_folders=True)  # a plan is Markdown: plans/ is searched for *.md
    draft = library_call(api.new_plan, level, organisation, parent, period, output,
                         output_dir=None if output is not None else output_dir)
    if draft.unlinked:
        typer.echo(message("new.unlinked", items=", ".join(draft.unlinked), n=len(draft.unlinked)), err=True)
    if output is None:
        typer.echo(draft.text, nl=False)
        if output_dir is None:  # the parent's path is right only for a plan saved in the current folder
            typer.echo(message("new.relative_note", cwd=Path.cwd()), err=True)
    else:
        write_output(output, draft.text, (parent,), may_exist=False, make_folders=True)
        typer.echo(message("new.written", path=output, goals=draft.goals, measures=draft.measures,
                           period=draft.period, source=message(f"new.period_{draft.period_from}"), parent=parent),
                   err=True)
