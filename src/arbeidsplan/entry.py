"""The console script. `arbeidsplan --version` is answered here, before the CLI framework is imported; every
other command goes to cli.run."""

from __future__ import annotations

import sys


def run() -> None:
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
