"""The command line: a thin layer over the library (api.py). Each module registers its commands on `app`."""

from . import check, coverage, history, importing, plan, report, status  # noqa: F401  (registers the commands)
from .app import app, run

__all__ = ["app", "run"]
