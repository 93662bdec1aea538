"""The library: one function per job, each doing it end to end and returning a value.

The command line calls one of these and hands the result to a renderer in render/; nothing here prints or
exits. A job that cannot be done as asked (a missing folder, a bad option, trouble with git) raises Problem
with one Norwegian line; problems in the plans themselves are findings in the result, and each result's
`exit_code` follows the one policy in diagnostics.exit_code.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .common import PathLike, Problem, default_paths, input_files, reading_problems

_JOBS = {
    "compare": "revisions", "history": "revisions", "ids": "revisions",
    "import_document": "importing",
    "check": "plans", "coverage": "plans", "current_year": "plans", "new_plan": "plans", "report": "plans",
    "report_language": "plans", "show": "plans", "status": "plans",
    "calendar": "publish", "front_matter_schema": "publish", "site_data": "publish",
}


def __getattr__(name: str) -> Any:
    """Each job's module is imported when the job is first asked for: a command loads only its own."""
    if name not in _JOBS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    job = getattr(import_module(f".{_JOBS[name]}", __name__), name)
    globals()[name] = job
    return job


__all__ = sorted(["PathLike", "Problem", "default_paths", "input_files", "reading_problems", *_JOBS])
