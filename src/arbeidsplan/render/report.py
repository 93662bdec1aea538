"""The yearly report rendered: report data (status/report.py) through a Jinja2 template, the built-in Markdown or
HTML one in templates/, or the user's own in a sandbox that sees only that data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..messages import message, using
from .markdown import cell
from .paper import long_date

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


class TemplateProblem(Exception):
    """The user's template could not be read or rendered; the message says where."""




def render(data: dict[str, Any], fmt: str, template: Path | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    autoescape = fmt == "html"
    if template is None:
        env: Environment = Environment(loader=FileSystemLoader(template_dir()), autoescape=autoescape,
                                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                       keep_trailing_newline=True)
        name = BUILTIN[fmt]
    else:
        # A user's template sees only the report data, and cannot reach Python internals.
        env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(template.resolve().parent),
                                            autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
                                            keep_trailing_newline=True)
        name = template.name
    env.filters["mdcelle"] = cell
    env.filters["dato"] = long_date
    try:
        with using(data.get("språk")):
            return env.get_template(name).render(**data)
    except TemplateError as err:
        where = getattr(err, "lineno", None)
        location = f"{template or name}:{where}" if where else str(template or name)
        raise TemplateProblem(message("report.template_error", where=location, reason=err.message or err)) from None
    except OSError as err:
        raise TemplateProblem(message("report.template_error", where=str(template or name), reason=err)) from None
