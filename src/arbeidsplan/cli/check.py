"""`arbeidsplan check`: findings on stdout, the coverage summary and counts on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import Formats, fail, finish, library_call, print_lines, print_out

FORMATS = Formats(text="findings:as_text", json="findings:as_json", github="findings:as_github",
                  gitlab="codequality:as_gitlab")


@app.command(help=message("cli.check.help"), short_help=message("cli.check.short"))
def check(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    fmt: str = FORMATS.option(),
    strict: bool = typer.Option(False, "--strict", help=message("cli.opt.strict")),
    select: Optional[List[str]] = typer.Option(None, "--select", help=message("cli.opt.select"), show_default=False),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=message("cli.opt.ignore"), show_default=False),
) -> None:
    from .. import api
    from ..checks.selection import split_option

    FORMATS.checked(fmt)
    if fmt == "gitlab":  # a report file GitLab can read even when the run stops at bad settings (exit 2)
        try:
            result = api.check(paths, strict=strict, select=split_option(select), ignore=split_option(ignore))
        except api.Problem as err:
            print_out("[]\n")
            fail(str(err))
    else:
        result = library_call(api.check, paths, strict=strict, select=split_option(select),
                              ignore=split_option(ignore))
    if fmt == "text":
        print_lines(FORMATS.render(fmt, result))
        print_lines(_summary(result), err=True)
    else:
        FORMATS.emit(fmt, result)
    finish(result)


def _summary(result):  # type: ignore[no-untyped-def]
    from ..render.findings import summary

    return summary(result)
