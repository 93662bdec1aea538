"""Text into Markdown output: one place for escaping a table cell."""

from __future__ import annotations


def cell(value: object) -> str:
    """A value as one Markdown table cell: backslashes and pipes escaped, line breaks as spaces."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
