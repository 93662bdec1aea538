"""`-o FILE`: the file's suffix chooses the format, for every command that writes a file. A suffix the command
cannot write is refused before any work is done, never answered with another format under that name; Word and
PDF go to a file only, never to the terminal."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable, Iterable

import typer

from ..messages import message
from .output import check_output, fail, print_out, write_output_bytes

SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv",
            ".txt": "text", ".docx": "docx", ".pdf": "pdf"}
BINARY = ("docx", "pdf")


def _suffixes_for(allowed: Iterable[str]) -> str:
    return ", ".join(s for s, f in SUFFIXES.items() if f in allowed)


def chosen_format(output: Path | None, fmt: str | None, allowed: Iterable[str], default: str,
                  make_folders: bool = False) -> str:
    """The format to write: from -o's suffix, else --format, else `default`; refused with one line and exit 2
    if the suffix is unknown to this command, disagrees with --format, or Word/PDF is asked for without -o."""
    allowed = list(allowed)
    if output is not None and str(output) == "-":  # `-o -`: standard output
        output = None
    if fmt is not None and fmt not in allowed:
        fail(message("cli.bad_format", value=fmt, choices=", ".join(allowed)))
    if output is None:
        chosen = fmt or default
        if chosen in BINARY:
            fail(message("output.binary_needs_file", fmt=chosen))
        return chosen
    check_output(output, make_folders=make_folders)
    by_suffix = SUFFIXES.get(output.suffix.lower())
    if by_suffix is None or by_suffix not in allowed:
        fail(message("output.unknown_suffix", path=output, suffix=output.suffix or message("output.no_suffix"),
                     suffixes=_suffixes_for(allowed)))
    if fmt is not None and fmt != by_suffix:
        fail(message("report.format_conflict", fmt=fmt, path=output))
    return by_suffix


def word_template(template: Path | None, fmt: str) -> Path | None:
    """--template for show and diff: a board's Word file, used only when writing Word."""
    if template is None:
        return None
    if not template.is_file():
        fail(message("report.template_error", where=template, reason=message("reason.missing")))
    if fmt != "docx" or template.suffix.lower() != ".docx":
        fail(message("output.template_mismatch", template=template, fmt=fmt))
    return template


def in_word_template(render: Callable[..., bytes], result: Any, template: Path) -> bytes:
    """The Word document drawn on the board's template; a template python-docx cannot open is one line, exit 2."""
    from ..render.docx import TemplateUnusable

    try:
        return render(result, template)
    except TemplateUnusable as err:
        fail(message("report.template_error", where=template, reason=err))


def _as_bytes(out: Any) -> bytes:
    if isinstance(out, list):  # one rendered part per plan
        return b"".join(_as_bytes(part) for part in out)
    if isinstance(out, bytes):
        return out
    if isinstance(out, str):
        return out.encode("utf-8")
    from rich.console import Console  # a tree or table for the terminal, written without colour

    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, highlight=False, soft_wrap=False).print(out)
    return buffer.getvalue().encode("utf-8")


def deliver(output: Path | None, out: Any, inputs: tuple[Path | str | None, ...] = ()) -> None:
    """Print the rendered result (no -o, or `-o -`), or write it to -o atomically, never over a file the command
    read, and read it back (write/files.py)."""
    if output is None or str(output) == "-":
        for part in out if isinstance(out, list) else [out]:
            print_out(part)
        return
    write_output_bytes(output, _as_bytes(out), tuple(p for p in inputs if p is not None))
    typer.echo(message("report.written", path=output), err=True)
