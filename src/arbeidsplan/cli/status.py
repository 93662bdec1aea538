"""`arbeidsplan status` (a year's measures with status) and `arbeidsplan status set` (record one)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .localised import LocalisedGroup
from .output import Formats, fail, finish, library_call, show_problems

FORMATS = Formats(text="status:as_rich", json="status:as_json", csv="status:as_csv", md="status:as_markdown")


class _DefaultCommandGroup(LocalisedGroup):
    """`arbeidsplan status plans/` means `arbeidsplan status show plans/`; `status set …` is the other command."""

    default_command = "show"

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx, formatter):  # type: ignore[no-untyped-def]
        """`status --help` also lists the options of `status` itself (--year, --missing …), which belong to the
        default command and would otherwise only show under `status show --help`."""
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        default = self.get_command(ctx, self.default_command)
        rows = [r for r in (p.get_help_record(ctx) for p in default.params) if r] if default else []
        if rows:
            with formatter.section(message("cli.status.default_options")):
                formatter.write_dl(rows)
        self.format_epilog(ctx, formatter)


status_app = typer.Typer(cls=_DefaultCommandGroup, help=message("cli.status.help"), add_completion=False,
                         rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(status_app, name="status", short_help=message("cli.status.short"))


@status_app.command("show", help=message("cli.status.show.help"))
def status_show(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=message("cli.opt.year")),
    ansvar: Optional[str] = typer.Option(None, "--ansvar", help=message("cli.opt.ansvar")),
    overdue: bool = typer.Option(False, "--overdue", help=message("cli.opt.overdue")),
    missing: bool = typer.Option(False, "--missing", help=message("cli.opt.missing")),
    fmt: Optional[str] = FORMATS.option(None),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.status_output")),
) -> None:
    from .. import api
    from .suffixes import chosen_format, deliver

    chosen = chosen_format(output, fmt, FORMATS.renderers, "text")
    result = library_call(api.status, paths, year, ansvar, overdue, missing)
    show_problems(result)
    if result.tables:
        deliver(output, FORMATS.render(chosen, result.tables), api.input_files(paths))
    finish(result)


@status_app.command("set", help=message("cli.status.set.help"))
def status_set(
    plan: Path = typer.Argument(..., help=message("cli.opt.plan_file"), show_default=False),
    item_id: str = typer.Argument(..., help=message("cli.opt.id"), show_default=False),
    status: str = typer.Argument(..., help=message("cli.opt.status"), show_default=False),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=message("cli.opt.year")),
    note: Optional[str] = typer.Option(None, "--note", "-n", help=message("cli.opt.note")),
) -> None:
    from ..api import current_year
    from ..write.status import BadInput, Refused, set_status

    when = year or current_year()
    try:
        change = set_status(plan, item_id, status, when, note)
    except BadInput as err:  # a mistyped word or id, a year outside the period, a file that cannot be used
        fail(str(err), 2)
    except Refused as err:  # the plan's content stands in the way (errors in it, an id used twice)
        fail(str(err), 1)
    if change.before is None:
        typer.echo(message("set.done_new", path=plan, id=item_id, year=when, after=change.after))
    else:
        typer.echo(message("set.done_changed", path=plan, id=item_id, year=when, before=change.before,
                           after=change.after))
