"""Help that teaches: the examples under each command's --help, kept as they are typed (click would otherwise
rewrap them into one paragraph)."""

from __future__ import annotations

from ..messages import message


def examples(key: str) -> str:
    """The examples in messages[key], one command a line, as an epilog: "Eksempler:" and the lines indented."""
    lines = "\n".join("  " + line for line in message(key).splitlines())
    return message("cli.examples", lines=lines)
