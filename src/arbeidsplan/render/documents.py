"""Word and PDF for the commands that make meeting papers: each function takes the same result the command's
other formats get, builds the paper (render/paper.py) and draws it (render/docx.py, render/pdf.py) as bytes.
The drawing libraries are imported only when a document is asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..messages import using
from ..model import Plan
from .paper import Paper, diff_paper, report_paper


def document(fmt: str, paper: Paper, template: Path | None = None) -> bytes:
    """`fmt` "docx" or "pdf"; `template` a Word file whose styles, page and header the document takes."""
    if fmt == "docx":
        from .docx import render as docx

        return docx(paper, template)
    from .pdf import render as pdf

    return pdf(paper)


def report_docx(data: dict[str, Any], template: Path | None = None) -> bytes:
    with using(data.get("språk")):  # the report's language, as in the Markdown and HTML reports
        return document("docx", report_paper(data), template)


def report_pdf(data: dict[str, Any]) -> bytes:
    with using(data.get("språk")):
        return document("pdf", report_paper(data))


def _plan(plan: Plan) -> Paper:
    from .planpaper import plan_paper

    return plan_paper(plan)


def plan_docx(plan: Plan, template: Path | None = None) -> bytes:
    return document("docx", _plan(plan), template)


def plan_pdf(plan: Plan) -> bytes:
    return document("pdf", _plan(plan))


def _diffs(diffs: list[tuple[Any, str, str | None]]) -> Paper:
    from .diff import SECTIONS, diff_data, shown_and_unchanged

    shown, unchanged = shown_and_unchanged(diffs)
    return diff_paper([diff_data(*d) for d in shown], SECTIONS, unchanged)


def diff_docx(diffs: list[tuple[Any, str, str | None]], template: Path | None = None) -> bytes:
    return document("docx", _diffs(diffs), template)


def diff_pdf(diffs: list[tuple[Any, str, str | None]]) -> bytes:
    return document("pdf", _diffs(diffs))
