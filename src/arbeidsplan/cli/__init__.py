"""The command line: a thin layer over the library (api.py). Each module registers its commands on `app`."""

from . import check, coverage, history, plan, report, status  # noqa: F401  (registers the commands)
from . import calendar, schema, site  # noqa: F401  (issue 15: site, calendar, front-matter schema)
from .app import app, run

__all__ = ["app", "run"]
