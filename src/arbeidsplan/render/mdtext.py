"""Text from a plan placed in Markdown output: the one place that knows how to keep it from becoming markup.

A plan's text is the user's, and may hold anything YAML or a table cell allows: a newline (which in Markdown
output would start a heading, a list or a block of raw HTML), `<` (raw HTML, which many Markdown renderers pass
through), a backslash (which would escape what follows), or `|` (which ends a table cell)."""

from __future__ import annotations


def md_text(value: object) -> str:
    """Inside a line of Markdown: one line, backslashes kept as backslashes, no raw HTML."""
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("<", "\\<")


def md_cell(value: object) -> str:
    """In a Markdown table cell: as md_text, and a `|` cannot end the cell."""
    return md_text(value).replace("|", "\\|")
