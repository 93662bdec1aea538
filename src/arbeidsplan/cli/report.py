"""`arbeidsplan report YEAR`: the board's yearly report, Markdown or HTML, to stdout or -o."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import check_output, fail, finish, library_call, show_problems, write_output

REPORT_FORMATS = ("md", "html")


@app.command(help=message("cli.report.help"), short_help=message("cli.report.short"))
def report(
    year: int = typer.Argument(..., metavar="ÅR", help=message("cli.opt.report_year"), show_default=False),
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=message("cli.opt.format", choices=", ".join(REPORT_FORMATS))),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.output")),
    template: Optional[Path] = typer.Option(None, "--template", help=message("cli.opt.template")),
) -> None:
    from .. import api
    from ..render.report import TemplateProblem, format_for, render

    if fmt is not None and fmt not in REPORT_FORMATS:
        fail(message("cli.bad_format", value=fmt, choices=", ".join(REPORT_FORMATS)))
    chosen = format_for(output, fmt)
    if output is not None and str(output) != "-":
        if fmt and output.suffix.lower() in (".html", ".htm", ".md") and format_for(output, None) != fmt:
            fail(message("report.format_conflict", fmt=fmt, path=output))
    output = check_output(output, inputs=(*(paths or ()), template))
    if template is not None and not template.is_file():
        fail(message("report.template_error", where=template, reason=message("reason.missing")))
    result = library_call(api.report, year, paths)
    show_problems(result)
    if result.data is None:
        finish(result)
    try:
        text = render(result.data, chosen, template)
    except TemplateProblem as err:
        fail(str(err))
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_output(output, text, (*result.inputs, *((template,) if template else ())))
        typer.echo(message("report.written", path=output), err=True)
    finish(result)
