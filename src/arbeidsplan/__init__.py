"""arbeidsplan: work plans for a party organisation, kept as Markdown, checked, reported and compared.

Library use, without the CLI:

    from arbeidsplan import load, load_plan, check
    ws = load(["plans/"])
    for finding in check(ws):
        print(finding.span, finding.code, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

# Imported on first use, so that `arbeidsplan --version` and `--help` do not load the parser stack.
_LAZY = {
    "check": ("checks", "check"),
    "load": ("loader", "load"),
    "load_plan": ("loader", "load_plan"),
    "Workspace": ("loader", "Workspace"),
    "parse_timing": ("timing", "parse_timing"),
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'arbeidsplan' has no attribute {name!r}")
