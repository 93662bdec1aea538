"""The `arbeidsplan` command group and its entry point: usage errors become one Norwegian line and exit 2.
The commands live in the modules beside this one, one per command or pair of commands."""

from __future__ import annotations

import ast
import os
import re
import sys

import typer

from .. import __version__
from ..messages import message
from .localised import LocalisedGroup

app = typer.Typer(
    cls=LocalisedGroup,
    help=message("cli.help"),
    no_args_is_help=True,
    # --install-completion / --show-completion for bash, zsh and fish (typer's scripts; shellingham finds the shell).
    add_completion=True,
    # Plain help: prints in a third of the time of typer's rich panels (which import rich.markdown and
    # markdown-it just to show --help), and reads the same in a terminal, a pipe and a CI log.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"arbeidsplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", help=message("cli.version.help"), callback=_version, is_eager=True,
    ),
    lang: str = typer.Option(None, "--lang", metavar=message("cli.word.language"), help=message("cli.opt.lang")),
) -> None:
    """--lang is read from the command line before the commands are built (entry.py), so that their help is
    in that language too; here it is only declared and checked."""
    from ..messages import LANGUAGES, language_code

    if lang is not None and language_code(lang) is None:
        _usage(message("cli.bad_lang", value=lang, choices=", ".join(LANGUAGES)))


def run() -> None:
    """Console-script entry: usage errors become one line in the user's language and exit code 2.

    Typer vendors click privately since 0.17, so its exceptions are recognised by name, not imported.
    """
    from typer.main import get_command

    from .helptext import teach

    try:
        result = teach(get_command(app))(standalone_mode=False)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except KeyboardInterrupt:  # Ctrl-C: out at once, without waiting on anything still winding down (workers)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except Exception as err:
        kind = type(err).__name__
        if kind == "Abort":
            sys.exit(130)
        if kind == "Exit" and hasattr(err, "exit_code"):
            sys.exit(err.exit_code)
        if getattr(err, "exit_code", None) == 2 and hasattr(err, "format_message"):
            _usage(usage_text(err), _command_of(getattr(err, "ctx", None)))
        raise
    sys.exit(result if isinstance(result, int) else 0)


def _param_name(param: object) -> str:
    return str(getattr(param, "metavar", None) or getattr(param, "name", None) or "?").upper()


def usage_text(err: Exception) -> str:
    """click's usage error as one line from the catalogue."""
    kind = type(err).__name__
    if kind == "NoSuchOption":
        options = getattr(err, "possibilities", None) or []  # click's close matches, the closest first
        hint = message("did_you_mean", suggestion=options[0]) if options else ""
        if getattr(err, "option_name", "") == "--lang":  # given after the command, where it is not declared
            command = _command_of(getattr(err, "ctx", None)).removeprefix("arbeidsplan").strip() or "check"
            hint = message("cli.usage.lang_first", example="en", command=command)
        return message("cli.usage.no_such_option", option=getattr(err, "option_name", "?")) + hint
    if kind == "MissingParameter":
        param = getattr(err, "param", None)
        if getattr(param, "param_type_name", "") == "option":
            return message("cli.usage.missing_option", option=max(param.opts, key=len))  # type: ignore[union-attr]
        return message("cli.usage.missing", name=_param_name(param))
    if kind == "BadParameter":
        param = getattr(err, "param", None)
        value = _bad_value(getattr(err, "message", ""))
        if value is not None:  # click's «'abc' is not a valid int.»: the value, and what was wanted
            kind_name = str(getattr(getattr(param, "type", None), "name", ""))
            expected = "int" if kind_name in ("integer", "int") else "other"
            return message("cli.usage.bad_value", name=_param_name(param), value=value,
                           expected=message(f"cli.usage.expected.{expected}"))
    extra = _EXTRA.match(str(getattr(err, "message", "")))
    if extra:  # click's «Got unexpected extra argument(s) (gjennomført)»
        words = extra.group(1)
        hint = message("cli.usage.quote_status") if _command_of(getattr(err, "ctx", None)).endswith("status set") \
            else ""
        return message("cli.usage.extra", args=words) + hint
    if kind == "NoSuchCommand":
        return str(getattr(err, "message", err))
    return message("cli.usage.other", reason=err.format_message())  # type: ignore[attr-defined]


_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")
_BAD_VALUE = re.compile(r"^(?P<repr>'.*'|\".*\") is not (?:a valid|one of)")


def _bad_value(text: str) -> str | None:
    """The value in click's «'abc' is not a valid int.», or None."""
    m = _BAD_VALUE.match(text)
    if not m:
        return None
    try:
        return str(ast.literal_eval(m.group("repr")))
    except (ValueError, SyntaxError):
        return m.group("repr")[1:-1]


def _command_of(ctx: object) -> str:
    """«arbeidsplan new» for the command the error is about, whatever the program was called as."""
    names = []
    while ctx is not None and getattr(ctx, "parent", None) is not None:
        name = getattr(ctx, "info_name", "") or ""
        if name != getattr(getattr(ctx.parent, "command", None), "default_command", None):  # type: ignore[attr-defined]
            names.append(name)  # `status` runs `status show` unasked: the user ran `status`
        ctx = ctx.parent  # type: ignore[attr-defined]
    return " ".join(["arbeidsplan", *reversed([n for n in names if n])])


def _usage(text: str, command: str = "arbeidsplan") -> None:
    sys.stderr.write(f"arbeidsplan: {text}\n{message('cli.usage.try', command=command)}\n")
    sys.exit(2)
