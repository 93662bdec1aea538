"""click's own words in the user's language: the help's usage line, section headings, the help option, the
«[default: …]» and «[required]» notes. typer vendors click with these strings in English; they are replaced
here, at the formatter every help page goes through, by texts from the catalogues (messages.py)."""

from __future__ import annotations

import difflib
import re
from typing import Sequence

from typer._click.core import Context
from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from ..messages import message

_SECTIONS = {"Options": "cli.click.options", "Commands": "cli.click.commands", "Arguments": "cli.click.arguments"}
_METAVARS = {"[OPTIONS]": "cli.click.options_metavar", "COMMAND [ARGS]...": "cli.click.command_metavar"}
_NOTES = re.compile(r"\[(default: (?P<default>[^\]]*)|required)\]")


def _note(m: re.Match[str]) -> str:
    if m.group("default") is not None:
        return "[" + message("cli.click.default", default=m.group("default")) + "]"
    return "[" + message("cli.click.required") + "]"


class LocalisedFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, key in _METAVARS.items():
            args = args.replace(english, message(key))
        super().write_usage(prog, args, prefix=message("cli.click.usage") + " ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(message(_SECTIONS[heading]) if heading in _SECTIONS else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        help_text = "Show this message and exit."
        rows = [(term, message("cli.click.help") if text == help_text else _NOTES.sub(_note, text))
                for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class LocalisedContext(Context):
    formatter_class = LocalisedFormatter


class LocalisedCommand(TyperCommand):
    context_class = LocalisedContext


class NoSuchCommand(UsageError):
    """An unknown command name, said in the user's language with the nearest command."""


class LocalisedGroup(TyperGroup):
    context_class = LocalisedContext

    def resolve_command(self, ctx: Context, args: list[str]):  # type: ignore[no-untyped-def]
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            hint = message("did_you_mean", suggestion=close[0]) if close else ""
            raise NoSuchCommand(message("cli.usage.no_such_command", name=name, suggestion=hint), ctx)
        return super().resolve_command(ctx, args)
