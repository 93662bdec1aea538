"""`arbeidsplan history` (a plan's revisions from git) and `arbeidsplan diff` (what changed between two)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import chosen_on_command_line, message, using
from .app import app
from .output import Formats, library_call, show_notes
from .suffixes import chosen_format, deliver, in_word_template, word_template

HISTORY_FORMATS = Formats(text="diff:history_rich", md="diff:history_markdown", json="diff:history_json")
DIFF_FORMATS = Formats(text="diff:as_rich", md="diff:as_markdown", json="diff:as_json", docx="documents:diff_docx",
                       pdf="documents:diff_pdf")


@app.command(help=message("cli.history.help"), short_help=message("cli.history.short"))
def history(
    plan: Optional[Path] = typer.Argument(None, help=message("cli.opt.plan_or_dir"), show_default=False),
    fmt: Optional[str] = HISTORY_FORMATS.option(None),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.history_output")),
) -> None:
    from .. import api

    chosen = chosen_format(output, fmt, HISTORY_FORMATS.renderers, "text")
    result = library_call(api.history, [plan] if plan else None)
    show_notes(result.notes)
    for h in result.histories:
        if h.dirty:
            typer.echo(message("git.dirty", path=h.path), err=True)
    deliver(output, [HISTORY_FORMATS.render(chosen, h) for h in result.histories], api.input_files([plan] if plan else None))


@app.command(help=message("cli.diff.help"), short_help=message("cli.diff.short"))
def diff(
    args: Optional[List[str]] = typer.Argument(None,
                                               help=message("cli.opt.revs_paths"), show_default=False),
    since_adopted: bool = typer.Option(False, "--since-adopted", help=message("cli.opt.since_adopted")),
    fmt: Optional[str] = DIFF_FORMATS.option(None),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.diff_output")),
    template: Optional[Path] = typer.Option(None, "--template", help=message("cli.opt.word_template")),
) -> None:
    from .. import api

    chosen = chosen_format(output, fmt, DIFF_FORMATS.renderers, "text")
    word = word_template(template, chosen)
    result = library_call(api.compare, args or [], since_adopted)
    show_notes(result.notes)
    # The meeting's paper in the plan's own `språk`, as the report is (a nynorsk lag's paper in nynorsk), unless
    # --lang asked for another; the notes above stay in the interface's language.
    with using(chosen_on_command_line() or result.language):
        if word is None:
            rendered = DIFF_FORMATS.render(chosen, result.diffs)
        else:
            from ..render.documents import diff_docx

            rendered = in_word_template(diff_docx, result.diffs, word)
    deliver(output, rendered, _read(args))


def _read(args: Optional[List[str]]) -> tuple[Path, ...]:
    """The plans `diff` reads: the arguments that are files or folders (the others are revisions)."""
    from .. import api

    return api.input_files([a for a in args or () if Path(a).exists()] or None)
