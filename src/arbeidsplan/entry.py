"""The console script. `arbeidsplan --version` is answered here, before the CLI framework is imported; every
other command goes to cli.run."""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"arbeidsplan {__version__}\n")
        sys.exit(0)
    from .cli.app import run as cli_run

    cli_run()
