"""The `arbeidsplan` command group and its entry point: usage errors become one Norwegian line and exit 2.
The commands live in the modules beside this one, one per command or pair of commands."""

from __future__ import annotations

import sys

import typer

from .. import __version__
from ..messages import message

app = typer.Typer(
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
) -> None:
    pass


def run() -> None:
    """Console-script entry: usage errors become one Norwegian line and exit code 2.

    Typer vendors click privately since 0.17, so its exceptions are recognised by name, not imported.
    """
    from typer.main import get_command

    from .helptext import teach

    try:
        result = teach(get_command(app))(standalone_mode=False)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:
        kind = type(err).__name__
        if kind == "NoSuchOption":
            options = getattr(err, "possibilities", None) or []
            hint = message("did_you_mean", suggestion=sorted(options)[0]) if options else ""
            _usage(message("cli.usage.no_such_option", option=getattr(err, "option_name", "?")) + hint)
        elif kind == "MissingParameter":
            param = getattr(err, "param", None)
            name = str(getattr(param, "name", None) or "?").upper()
            _usage(message("cli.usage.missing", name=name))
        elif hasattr(err, "format_message") and getattr(err, "exit_code", None) == 2:
            _usage(message("cli.usage.other", reason=err.format_message()))
        elif kind == "Abort":
            sys.exit(130)
        elif hasattr(err, "exit_code") and kind == "Exit":
            sys.exit(err.exit_code)
        raise
    sys.exit(result if isinstance(result, int) else 0)


def _usage(text: str) -> None:
    sys.stderr.write(f"arbeidsplan: {text}\n{message('cli.usage.try')}\n")
    sys.exit(2)

