"""A user's own report template, rendered so that it can do no harm and cannot hang or exhaust the machine.

- Jinja2's ImmutableSandboxedEnvironment: the template sees only the report data and cannot reach Python
  internals or change the data.
- `{% include %}`/`{% import %}` read only regular files inside the template's own folder: a symlink there
  that points out of it, a FIFO or a device is "not found", and no file past MAX_TEMPLATE_BYTES is read.
- The rendering runs in a child process (fork) with a CPU-time limit (TEMPLATE_SECONDS) and an address-space
  limit (TEMPLATE_MEMORY more than the parent has); the output is cut off at MAX_OUTPUT_BYTES. An endless loop,
  `"x" * 10**10`, `9 ** 9 ** 9` or a filter asked for a billion characters ends as one line, not a hang or a
  MemoryError. Where fork is not available (Windows) the template runs in-process, without the limits.
- Any error inside the template (an undefined name, 1/0, a wrong type) is one line with the template's file and
  line, never a traceback.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..messages import message

TEMPLATE_SECONDS = 10
TEMPLATE_MEMORY = 1024 * 1024 * 1024
MAX_OUTPUT_BYTES = 32 * 1024 * 1024
MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateProblem(Exception):
    """The user's template could not be read or rendered; the message says where."""


def _loader(folder: Path):
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    root = os.path.realpath(folder)

    class ConfinedLoader(BaseLoader):
        def get_source(self, environment, template):  # type: ignore[no-untyped-def]
            path = os.path.realpath(os.path.join(root, *split_template_path(template)))
            if os.path.commonpath([root, path]) != root or not os.path.isfile(path):
                raise TemplateNotFound(template)
            with open(path, "rb") as handle:
                data = handle.read(MAX_TEMPLATE_BYTES + 1)
            if len(data) > MAX_TEMPLATE_BYTES:
                raise TemplateNotFound(template)
            return data.decode("utf-8"), path, lambda: False

    return ConfinedLoader()


def render_user(template: Path, data: dict[str, Any], autoescape: bool, filters: dict[str, Callable]) -> str:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def job() -> str:
        env = ImmutableSandboxedEnvironment(loader=_loader(template.resolve().parent), autoescape=autoescape,
                                            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters.update(filters)
        try:
            parts, size = [], 0
            for part in env.get_template(template.resolve().name).generate(**data):
                size += len(part)
                if size > MAX_OUTPUT_BYTES:
                    raise TemplateProblem(message("template.too_much_output", where=template,
                                                  limit=MAX_OUTPUT_BYTES // (1024 * 1024)))
                parts.append(part)
            return "".join(parts)
        except TemplateProblem:
            raise
        except MemoryError:
            raise TemplateProblem(message("template.too_much_memory", where=template)) from None
        except Exception as err:  # anything the template does wrong is the template's problem, in one line
            raise TemplateProblem(message("report.template_error", where=_where(err, template),
                                          reason=getattr(err, "message", None) or err or type(err).__name__)) from None

    return _limited(job, template)


def _where(err: Exception, template: Path) -> str:
    """file:line in the template where the error happened (Jinja2 puts the template's own frames, with its file
    name and line, into the traceback)."""
    root = os.path.realpath(template.resolve().parent) + os.sep
    line = getattr(err, "lineno", None)
    name = getattr(err, "filename", None) or str(template)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.startswith(root):
            name, line = frame.filename, frame.lineno
    return f"{name}:{line}" if line else name


def _limited(job: Callable[[], str], template: Path) -> str:
    if not hasattr(os, "fork"):
        return job()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, render, send back, and leave without running the parent's exit code
        code = 0
        try:
            os.close(read_end)
            _set_limits()
            try:
                payload = b"T" + job().encode("utf-8", "surrogatepass")
            except TemplateProblem as err:
                payload = b"P" + str(err).encode("utf-8", "replace")
            except MemoryError:
                payload = b"P" + message("template.too_much_memory", where=template).encode("utf-8")
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as incoming:
        payload = incoming.read()
    _pid, status = os.waitpid(pid, 0)
    if payload.startswith(b"T"):
        return payload[1:].decode("utf-8", "surrogatepass")
    if payload.startswith(b"P"):
        raise TemplateProblem(payload[1:].decode("utf-8", "replace"))
    if os.WIFSIGNALED(status):
        raise TemplateProblem(message("template.too_long", where=template, seconds=TEMPLATE_SECONDS))
    raise TemplateProblem(message("template.too_much_memory", where=template))


def _set_limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (TEMPLATE_SECONDS, TEMPLATE_SECONDS + 1))
    try:
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        in_use = 512 * 1024 * 1024
    limit = in_use + TEMPLATE_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
