"""The command line: a thin layer over the library (api/). Each module registers its commands on `app`."""

from typer.core import TyperCommand

from . import check, plan, status, report, coverage, history, ids, importing, site, calendar, schema  # noqa: F401, I001  (registers them, in this order)
from .app import app, run
from .localised import LocalisedCommand
from .status import status_app

for _typer in (app, status_app):  # click's own words (usage line, headings, --help) in the user's language
    for _info in _typer.registered_commands:
        if _info.cls in (None, TyperCommand):
            _info.cls = LocalisedCommand

__all__ = ["app", "run"]
