"""The yearly report rendered: report data (status/report.py) through a Jinja2 template, the built-in Markdown or
HTML one in templates/, or the user's own in a sandbox that sees only that data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..messages import message, using
from .mdtext import md_cell, md_text
from .paper import inline_html, long_date
from .sandbox import TemplateProblem, render_user

FORMATS = ("md", "html")
BUILTIN = {"md": "rapport.md.j2", "html": "rapport.html.j2"}


PACKAGE = Path(__file__).resolve().parents[1]  # src/arbeidsplan, or site-packages/arbeidsplan when installed


def template_dir() -> Path:
    """templates/ inside the installed package (pyproject force-includes it there); in a source checkout, the
    repository's top-level templates/."""
    packaged = PACKAGE / "templates"
    if (packaged / BUILTIN["md"]).exists():
        return packaged
    return PACKAGE.parents[1] / "templates"




def render(data: dict[str, Any], fmt: str, template: Path | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

    autoescape = fmt == "html"
    filters = {"mdcelle": md_cell, "mdtekst": md_text, "dato": long_date, "uthevet": inline_html}
    with using(data.get("språk")):
        if template is not None:  # the user's own: sandboxed, confined to its folder, limited in time and memory
            return render_user(template, data, autoescape, filters)
        env = Environment(loader=FileSystemLoader(template_dir()), autoescape=autoescape,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters.update(filters)
        name = BUILTIN[fmt]
        try:
            return env.get_template(name).render(**data)
        except TemplateError as err:  # the built-in templates: a bug of ours, said as one line all the same
            where = getattr(err, "lineno", None)
            location = f"{name}:{where}" if where else name
            raise TemplateProblem(message("report.template_error", where=location, reason=err.message or err)) from None
