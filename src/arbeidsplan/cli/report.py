"""`arbeidsplan report YEAR`: the board's yearly report – Markdown, HTML, Word or PDF – to stdout or -o."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..messages import message
from .app import app
from .output import check_output, fail, finish, library_call, show_notes, show_problems
from .suffixes import chosen_format, deliver

REPORT_FORMATS = ("md", "html", "docx", "pdf")


@app.command(help=message("cli.report.help"), short_help=message("cli.report.short"))
def report(
    year: int = typer.Argument(..., help=message("cli.opt.report_year"), show_default=False),
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"),
                                                 show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=message("cli.opt.format", choices=", ".join(REPORT_FORMATS))),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.report_output")),
    template: Optional[Path] = typer.Option(None, "--template", help=message("cli.opt.report_template")),
    lang: Optional[str] = typer.Option(None, "--lang", metavar=message("cli.word.language"),
                                       help=message("cli.opt.report_lang")),
) -> None:
    from .. import api
    from ..messages import LANGUAGES, chosen_on_command_line, language_code

    if lang is not None and language_code(lang) is None:
        fail(message("report.bad_lang", value=lang, choices=", ".join(LANGUAGES)))
    lang = lang or chosen_on_command_line()  # `arbeidsplan --lang en report …` asks for an English report too

    output = check_output(output, inputs=(*(paths or ()), template))
    chosen = chosen_format(output, fmt, REPORT_FORMATS, "md")
    if template is not None:
        if not template.is_file():
            fail(message("report.template_error", where=template, reason=message("reason.missing")))
        word_template = template.suffix.lower() == ".docx"
        if chosen == "pdf" or word_template != (chosen == "docx"):
            fail(message("output.template_mismatch", template=template, fmt=chosen))
    result = library_call(api.report, year, paths, lang=lang)
    show_problems(result)
    show_notes(list(result.notes))
    if result.data is None:
        finish(result)
    deliver(output, _render(result.data, chosen, template), (*result.inputs, *((template,) if template else ())))
    finish(result)


def _render(data, fmt: str, template: Optional[Path]):  # type: ignore[no-untyped-def]
    if fmt in ("md", "html"):
        from ..render.report import TemplateProblem, render

        try:
            return render(data, fmt, template)
        except TemplateProblem as err:
            fail(str(err))
    from ..render.documents import report_docx, report_pdf

    if fmt == "pdf":
        return report_pdf(data)
    from ..render.docx import TemplateUnusable

    try:
        return report_docx(data, template)
    except TemplateUnusable as err:
        fail(message("report.template_error", where=template, reason=err))
