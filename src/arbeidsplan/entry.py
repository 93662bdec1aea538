"""The console script. `arbeidsplan --version` is answered here, before the CLI framework is imported; every
other command goes to cli.run."""

from __future__ import annotations

import gc
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which `--version` has no need of
if TYPE_CHECKING:
    from typing import NoReturn


def run() -> None:
    # A run makes hundreds of thousands of small objects that live until it ends (trees, a cache's outcomes) and
    # almost no cycles: collect the youngest generation every 50,000 allocations, not every 700 (as mypy does).
    gc.set_threshold(50_000, 20, 20)
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"arbeidsplan {__version__}\n")
        sys.exit(0)
    _language_from_arguments(sys.argv[1:])
    from .cli import run as cli_run

    try:
        cli_run()
    except SystemExit as done:
        _leave(done.code)


def _leave(code: object) -> NoReturn:
    """Out at once, once the output is written, as mypy does (its `fast_exit`): an ordinary exit takes apart
    every object the run made, one by one, module by module, which for `history` or a whole party's `check` is
    a tenth of the run (benchmarks/run.py). Nothing is left to do by then: files are written and renamed into
    place, worker processes and git are finished or stopped, before a command returns. A reader that has gone
    (`arbeidsplan show … | head`) loses nothing it wanted; the exit code stays."""
    if code is not None and not isinstance(code, int):  # SystemExit("text"): as Python prints it, exit 1
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, or a stream closed by the caller
            pass
    os._exit(code or 0)


def _language_from_arguments(args: list[str]) -> None:
    """--lang before the commands are built, so that their help texts are in that language too."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.removeprefix("--lang=")
        if arg == "--lang" or arg.startswith("--lang="):
            from .messages import choose_language

            choose_language(value)
            return
