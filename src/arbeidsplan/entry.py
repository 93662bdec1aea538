"""The console script. `arbeidsplan --version` is answered here, before the CLI framework is imported; every
other command goes to cli.run."""

from __future__ import annotations

import gc
import sys


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

    cli_run()


def _language_from_arguments(args: list[str]) -> None:
    """--lang before the commands are built, so that their help texts are in that language too."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.removeprefix("--lang=")
        if arg == "--lang" or arg.startswith("--lang="):
            from .messages import choose_language

            choose_language(value)
            return
