"""The library: one function per job, each doing it end to end and returning a value.

The command line calls one of these and hands the result to a renderer in render/; nothing here prints or
exits. A job that cannot be done as asked (a missing folder, a bad option, trouble with git) raises Problem
with one Norwegian line; problems in the plans themselves are findings in the result, and each result's
`exit_code` follows the one policy in diagnostics.exit_code.
"""

from __future__ import annotations

from .common import PathLike, Problem, default_paths, input_files, reading_problems
from .history import compare, history, ids
from .importing import import_document
from .plans import check, coverage, current_year, new_plan, report, report_language, show, status
from .publish import calendar, front_matter_schema, site_data

__all__ = ["PathLike", "Problem", "calendar", "check", "compare", "coverage", "current_year", "default_paths",
           "front_matter_schema", "history", "ids", "import_document", "input_files", "new_plan",
           "reading_problems", "report", "report_language", "show", "site_data", "status"]
