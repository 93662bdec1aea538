"""arbeidsplan: work plans for a party organisation, kept as Markdown, checked, reported and compared.

Library use, without the CLI: each job is one function that returns a value (api/).

    from arbeidsplan import check, load
    result = check(["plans/"])
    for finding in result.findings:
        print(finding.span, finding.code, finding.message)
    ws = load(["plans/"])  # the parsed plans themselves
"""

from __future__ import annotations

__version__ = "0.1.0"

# Imported on first use, so that `arbeidsplan --version` and `--help` do not load the parser stack.
_LAZY = {
    **{job: ("api", job) for job in ("check", "show", "status", "report", "coverage", "new_plan", "history",
                                     "compare", "Problem")},
    "Aligner": ("align.alignment", "Aligner"),
    "load": ("read.workspace", "load"),
    "load_plan": ("read.workspace", "load_plan"),
    "Workspace": ("read.workspace", "Workspace"),
    "parse_timing": ("read.timing", "parse_timing"),
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'arbeidsplan' has no attribute {name!r}")
