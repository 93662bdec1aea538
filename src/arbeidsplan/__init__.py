"""arbeidsplan: work plans for a party organisation, kept as Markdown, checked, reported and compared.

Library use, without the CLI:

    from arbeidsplan import load, load_plan, check
    ws = load(["plans/"])
    for finding in check(ws):
        print(finding.span, finding.code, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .checks import check
from .loader import Workspace, load, load_plan
from .timing import parse_timing

__all__ = ["__version__", "check", "load", "load_plan", "parse_timing", "Workspace"]
