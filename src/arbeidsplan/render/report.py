"""The yearly report rendered: report data (status/report.py) through a Jinja2 template, the built-in Markdown or
HTML one in templates/, or the user's own in a sandbox that sees only that data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..messages import message
from .mdtext import md_cell, md_text
from .sandbox import TemplateProblem, render_user

FORMATS = ("md", "html")
BUILTIN = {"md": "rapport.md.j2", "html": "rapport.html.j2"}


def template_dir() -> Path:
    """templates/ inside the installed package; in a source checkout, the repository's top-level templates/."""
    packaged = Path(__file__).resolve().parent / "templates"
    if (packaged / BUILTIN["md"]).exists():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember")


def _long_date(value: object) -> str:
    """"2024-01-27" → "27. januar 2024"; anything else is returned as it is."""
    try:
        d = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{d.day}. {_MONTHS[d.month - 1]} {d.year}"


def render(data: dict[str, Any], fmt: str, template: Path | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

    autoescape = fmt == "html"
    filters = {"mdcelle": md_cell, "mdtekst": md_text, "dato": _long_date}
    if template is not None:  # the user's own: sandboxed, confined to its folder, limited in time and memory
        return render_user(template, data, autoescape, filters)
    env = Environment(loader=FileSystemLoader(template_dir()), autoescape=autoescape, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(filters)
    name = BUILTIN[fmt]
    try:
        return env.get_template(name).render(**data)
    except TemplateError as err:
        where = getattr(err, "lineno", None)
        location = f"{name}:{where}" if where else name
        raise TemplateProblem(message("report.template_error", where=location, reason=err.message or err)) from None


def format_for(output: Path | None, fmt: str | None) -> str:
    """--format if given, else from -o's extension, else Markdown."""
    if fmt:
        return fmt
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return "html"
    return "md"
