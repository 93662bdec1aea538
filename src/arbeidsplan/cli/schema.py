"""`arbeidsplan schema`: the JSON Schema for the front matter, on standard output."""

from __future__ import annotations

import json

import typer

from ..messages import message
from .app import app


@app.command(help=message("cli.schema.help"), short_help=message("cli.schema.short"))
def schema() -> None:
    from .. import api

    typer.echo(json.dumps(api.front_matter_schema(), ensure_ascii=False, indent=2))
