"""Help that teaches, put on the whole command tree in one place before it runs: examples under each command's
--help (messages `cli.COMMAND.examples`), argument and option types as Norwegian words (ÅR, STI, TEKST) rather
than Python's, and Norwegian help and messages for --help and shell completion."""

from __future__ import annotations

from typing import Any

import typer

from ..messages import NB, message

# The word shown for a value (catalogue key cli.word.*), by the parameter's name in the command function; then
# by its type.
_WORDS = {"year": "year", "paths": "path", "plan": "plan", "parent": "plan", "output": "file", "template": "template",
          "fmt": "format", "ansvar": "text", "note": "text", "level": "level", "organisation": "name",
          "period": "period", "item_id": "id", "status": "status", "lang": "language",
          "args": "revision_or_path", "output_dir": "folder"}
_TYPE_WORDS = {"integer": "number", "path": "path", "text": "text", "float": "number"}


def examples(key: str) -> str:
    """The examples in messages[key], one command a line, as an epilog: "Eksempler:" and the lines indented,
    marked (\\b) so that click prints them as they are instead of rewrapping them into one paragraph."""
    lines = "\n".join("  " + line for line in message(key).splitlines())
    return message("cli.examples", lines=lines)


def _word(param: Any) -> str:
    word = _WORDS.get(param.name or "") or _TYPE_WORDS.get(getattr(getattr(param, "type", None), "name", ""), "value")
    return message(f"cli.word.{word}")


def _no_type(ctx: Any) -> None:
    return None


def _install(ctx: Any, param: Any, value: Any) -> Any:
    """--install-completion: typer's installer for the shell it detects (bash, zsh, fish), in Norwegian."""
    if not value or ctx.resilient_parsing:
        return value
    import contextlib
    import io

    from typer.completion import install

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # typer's own English line when the shell is unknown
            shell, path = install(shell=value if isinstance(value, str) else None)
    except typer.Exit:
        typer.echo(f"arbeidsplan: {message('cli.completion.unknown_shell')}", err=True)
        raise typer.Exit(2) from None
    typer.echo(message("cli.completion.installed", shell=shell, path=path))
    raise typer.Exit(0)


def _teach_params(command: Any) -> None:
    for param in command.params:
        kind = type(param).__name__
        if param.name == "install_completion":
            param.help = message("cli.completion.install")
            param.callback = _install
        elif param.name == "show_completion":
            param.help = message("cli.completion.show")
        elif kind == "TyperArgument":
            if param.metavar is None:
                param.metavar = _word(param)
                if param.nargs != 1:  # typer adds "..." only to a metavar of its own making
                    param.metavar = f"{param.metavar}..." if param.required else f"[{param.metavar}]..."
            param.display_type_rich = _no_type  # the word says it; typer would add "<list[Path]>"
        elif kind == "TyperOption" and param.metavar is None and not param.is_flag:
            param.metavar = _word(param)


def _norwegian_help_option(command: Any) -> None:
    """click makes the --help option itself, when the help is asked for, with an English text."""
    make = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.help = message("cli.click.help")
        return option

    command.get_help_option = get_help_option


def teach(command: Any, path: str = "") -> Any:
    """Walk the command tree (the click command typer builds from the app) and give every command its examples
    and words. Returns the same command."""
    key = f"cli.{path}.examples" if path else "cli.app.examples"
    if key in NB and not command.epilog:
        command.epilog = examples(key)
    _teach_params(command)
    _norwegian_help_option(command)
    for name, sub in getattr(command, "commands", {}).items():
        sub_path = f"{path}.{name}" if path else name
        teach(sub, "status.show" if sub_path == "status.vis" else sub_path)
    return command
