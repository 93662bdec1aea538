"""`check --format gitlab`: the findings as a GitLab code-quality report (the Code Climate JSON subset GitLab
reads), so a merge request shows them beside the changed lines. Renders only."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from ..diagnostics import Severity
from ..results import CheckResult

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def as_gitlab(result: CheckResult) -> str:
    """One issue per finding. The fingerprint leaves out the line, so a finding that only moves is the same
    finding to GitLab; a repeat of the same finding in the same file is numbered."""
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for d in result.findings:
        key = (d.code, d.span.file, d.message)
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()
        issues.append({
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[d.severity],
            "location": {"path": d.span.file, "lines": {"begin": max(d.span.line, 1)}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
