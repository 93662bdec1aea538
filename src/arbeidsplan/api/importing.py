"""Bringing a Word, PDF or text document into the format."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..diagnostics import Diagnostic
from ..messages import message
from ..model import Level, Plan
from .common import PathLike, Problem


def import_document(path: PathLike, output: PathLike | None = None, organisation: str | None = None,
                    level: str | None = None, period: str | None = None, parents: Iterable[PathLike] = (),
                    force: bool = False, timing_from_text: bool = False):
    """A Word, PDF or text document as a plan (read/importing/): the plan's text, what was recognised, the
    findings on it and anything of the source that did not come with it. With `output`, the plan is written
    there atomically (never over the document itself, nor over an existing file unless `force`) and read back
    to check it. With `timing_from_text`, a listed measure's timing and responsible are also read out of its
    own text where it states them once. Returns read.importing.build.Imported."""
    from dataclasses import replace

    from ..read.frontmatter import parse_period
    from ..read.importing.build import Options, import_file
    from ..read.importing.extract import ImportProblem
    from ..write.files import Unwritable, output_target, write_atomically
    from ..write.newplan import parent_reference

    known = [lv.value for lv in Level]
    if level is not None and level not in known:
        raise Problem(message("import.bad_level", value=level, known=", ".join(known)))
    span = None
    if period is not None:
        parsed = parse_period(period)
        if parsed is None:
            raise Problem(message("import.bad_period", value=period))
        span = (parsed.first, parsed.last)
    out = Path(output) if output is not None else None
    if out is not None:
        if Path(path).exists() and out.exists() and out.resolve() == Path(path).resolve():
            raise Problem(message("import.same_file", path=out))
        if out.exists() and not out.is_dir() and not force:
            raise Problem(message("import.exists", path=out))
        try:  # the rules every -o follows (write/files.py): no folder, device, FIFO, hard link or input
            output_target(out, [path], may_exist=True, make_folders=True)
        except Unwritable as err:
            raise Problem(str(err)) from None
    refs = tuple(parent_reference(Path(p), out) for p in parents)
    plan_path = str(out) if out is not None else message("import.stdout_name")  # findings name what is written
    try:
        result = import_file(str(path), Options(organisation, level, span, refs, timing_from_text), plan_path)
    except ImportProblem as err:
        raise Problem(str(err)) from None
    result = replace(result, findings=_checked(result.plan, result.findings))
    if out is None:
        return result
    data = result.text.encode("utf-8")
    try:  # atomic, and read back byte for byte
        write_atomically(out, data, [path], make_folders=True)
    except Unwritable as err:
        raise Problem(str(err)) from None
    from ..read.workspace import load_plan

    plan, _found = load_plan(out)
    if plan is None or plan.counts() != result.counts:
        out.unlink(missing_ok=True)
        raise Problem(message("import.readback", path=out, reason=message("import.reads_differently")))
    return replace(result, output=str(out))


def _checked(plan: Plan | None, found: list[Diagnostic]) -> list[Diagnostic]:
    """An imported plan checked as `check` would check it once saved, with its parents if they were given."""
    from ..checks.run import check_workspace
    from ..read.workspace import Workspace, path_key

    if plan is None:
        return list(found)
    ws = Workspace()
    ws.plans.append(plan)
    ws.by_path[path_key(plan.path)] = plan
    ws.files.append(plan.path)
    ws.diagnostics.extend(found)
    return check_workspace(ws)
