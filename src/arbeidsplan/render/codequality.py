"""`check --format gitlab`: the findings as a GitLab code-quality report (the Code Climate JSON subset GitLab
reads), so a merge request shows them beside the changed lines. Renders only."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

from ..diagnostics import Severity
from ..read.source import repository_path
from ..results import CheckResult
from .findings import promoted

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
_LINES = re.compile(r"\b(linjer?|lines?)\s+\d+(?:\s*(?:,|og|and)\s*\d+)*")  # «linje 86», «lines 3, 7»


def as_gitlab(result: CheckResult) -> str:
    """One issue per finding, its path from the repository's root (as GitLab names files, from wherever the
    check ran). The fingerprint leaves out the line, also where the message names one («på linje 86»), so a
    finding that only moves is the same finding to GitLab; a repeat of the same finding in a file is numbered.
    With --strict a warning is as severe as an error, as the exit code says."""
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for d in result.findings:
        path = repository_path(d.span.file)
        key = (d.code, path, _LINES.sub(r"\1", d.message))
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()
        issues.append({
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[Severity.ERROR if promoted(result, d) else d.severity],
            "location": {"path": path, "lines": {"begin": max(d.span.line, 1)}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
