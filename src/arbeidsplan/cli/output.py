"""What every command shares: the --format option and printing a result in the chosen format, the reading
problems on stderr, errors as one line, and the exit."""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn

import typer

from ..messages import message


def fail(text: str, code: int = 2) -> NoReturn:
    typer.echo(f"arbeidsplan: {text}", err=True)
    raise typer.Exit(code)


class Formats:
    """A command's output formats: name → "module:function" in render/, the function taking the command's
    result and giving text (printed as it is) or a rich renderable (coloured in a terminal, plain in a pipe).
    Renderers are imported when used, so that `--help` stays fast."""

    def __init__(self, **renderers: str):
        self.renderers = renderers

    def option(self, default: str | None = "text", help_key: str = "cli.opt.format") -> Any:
        return typer.Option(default, "--format", "-f", help=message(help_key, choices=", ".join(self.renderers)))

    def checked(self, fmt: str) -> str:
        if fmt not in self.renderers:
            fail(message("cli.bad_format", value=fmt, choices=", ".join(self.renderers)))
        return fmt

    def render(self, fmt: str, result: Any) -> Any:
        module, function = self.renderers[fmt].split(":")
        return getattr(import_module(f"..render.{module}", __package__), function)(result)

    def emit(self, fmt: str, result: Any) -> None:
        print_out(self.render(fmt, result))


def print_out(out: Any, err: bool = False) -> None:
    if isinstance(out, str):
        (sys.stderr if err else sys.stdout).write(out)
    elif _plain(out) is not None:  # lines of text: never broken at the terminal's width (print_lines)
        print_lines(out, err)
    else:  # a table or a tree: laid out to the width, with its own indentation
        from rich.console import Console

        console = Console(highlight=False, stderr=err)
        if console.is_terminal or console.color_system:
            console.print(out)
            return
        with console.capture() as captured:  # in a pipe: without the spaces rich pads each line to the width with
            console.print(out)
        (sys.stderr if err else sys.stdout).write("\n".join(line.rstrip() for line in captured.get().split("\n")))


def print_lines(out: Any, err: bool = False) -> None:
    """Text, or a group of texts, as lines never wrapped at the terminal's width: coloured on a terminal, and
    in a pipe written as plain text at once (rich would lay out every line, a tenth of a second for a party)."""
    if isinstance(out, str):
        (sys.stderr if err else sys.stdout).write(out)
        return
    stream = sys.stderr if err else sys.stdout
    if not _may_colour(stream) and hasattr(out, "plain"):  # a pipe: rich is not even imported
        stream.write(out.plain + "\n")
        return
    from rich.console import Console

    console = Console(highlight=False, stderr=err, soft_wrap=True)
    plain = None if console.is_terminal or console.color_system else _plain(out)
    if plain is None:
        console.print(out)
    else:
        (sys.stderr if err else sys.stdout).write(plain + "\n")


def _may_colour(stream: Any) -> bool:
    """Whether rich could colour this stream: a terminal, or colour forced (FORCE_COLOR, TTY_COMPATIBLE). Only
    where the answer is a sure no is rich skipped; anything else is left to rich to decide."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") or os.environ.get("TTY_INTERACTIVE"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return True


def _plain(out: Any) -> str | None:
    """The plain text of a Text (or render/terminal.Lines) or a Group of them; None for anything else."""
    if hasattr(out, "plain"):  # a Text or Lines: rich is not imported for it
        return out.plain
    from rich.console import Group

    if isinstance(out, Group):
        parts = [_plain(part) for part in out.renderables]
        return None if None in parts else "\n".join(parts)  # type: ignore[arg-type]
    return None


def show_problems(result: Any) -> None:
    """The findings from reading that make a command's answer incomplete, one line each on stderr."""
    from ..render.findings import text_line

    for d in result.problems:
        typer.echo(text_line(d), err=True)


def show_notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(note, err=True)


def finish(result: Any) -> NoReturn:
    raise typer.Exit(result.exit_code)


def check_output(path: Path | None, may_exist: bool = True, inputs: tuple[Path | None, ...] = (),
                 make_folders: bool = False) -> Path | None:
    """The -o path, checked before any work is done (write/files.py has the rules: no folder, device, FIFO,
    hard-linked file or input), or None for standard output (no -o, or `-o -`)."""
    from ..write.files import Unwritable, output_target

    if path is None or str(path) == "-":
        return None
    try:
        output_target(path, [p for p in inputs if p is not None and p.is_file()], may_exist, make_folders)
    except Unwritable as err:
        fail(str(err))
    return path


def write_output(path: Path, text: str, inputs: tuple[str | Path, ...] = (), may_exist: bool = True,
                 make_folders: bool = False) -> None:
    """Write -o atomically; the checks again (now with every file the command read), then a read-back."""
    write_output_bytes(path, text.encode("utf-8"), inputs, may_exist, make_folders)


def write_output_bytes(path: Path, data: bytes, inputs: tuple[str | Path, ...] = (), may_exist: bool = True,
                       make_folders: bool = False) -> None:
    """Text, or a Word or PDF file, written as above: refused targets and errors are one line and exit 2."""
    from ..write.files import Unwritable, write_atomically

    try:
        write_atomically(path, data, inputs, may_exist, make_folders)
    except Unwritable as err:
        fail(str(err))


def library_call(job: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a library job; its Problem becomes one line and exit 2, here at the edge and nowhere else."""
    from ..api import Problem

    try:
        return job(*args, **kwargs)
    except Problem as err:
        fail(str(err))
