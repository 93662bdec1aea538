"""The `arbeidsplan` command: parses options, calls the library, prints. No plan logic lives here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .messages import message

app = typer.Typer(
    help=message("cli.help"),
    no_args_is_help=True,
    add_completion=False,
    # Plain help: prints in a third of the time of typer's rich panels (which import rich.markdown and
    # markdown-it just to show --help), and reads the same in a terminal, a pipe and a CI log.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _fail(text: str, code: int = 2) -> None:
    typer.echo(f"arbeidsplan: {text}", err=True)
    raise typer.Exit(code)


def _choice(value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        _fail(message("cli.bad_format", value=value, choices=", ".join(choices)))
    return value


def _emit(fmt: str, **renderers) -> None:
    """Print the output for `fmt`: each renderer is a function giving text (printed as it is) or a rich
    renderable (printed with colour in a terminal, plain in a pipe). One place for every command's --format."""
    out = renderers[fmt]()
    if isinstance(out, str):
        sys.stdout.write(out)
    else:
        from rich.console import Console

        Console(highlight=False).print(out)


def _reading_problems(ws) -> list:
    """Files that could not be read, or whose front matter is broken: printed, and exit 2 at the end."""
    from .diagnostics import Severity
    from .formatters import text_line

    problems = [d for d in ws.diagnostics if d.unreadable or (d.code.startswith("AP1")
                                                              and d.severity is Severity.ERROR)]
    for d in problems:
        typer.echo(text_line(d), err=True)
    return problems


def _default_paths(paths: Optional[List[Path]]) -> list[Path]:
    if paths:
        return list(paths)
    default = Path.cwd() / "plans"
    if not default.is_dir():
        _fail(message("cli.no_default", cwd=Path.cwd()))
    return [Path("plans")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"arbeidsplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", help=message("cli.version.help"), callback=_version, is_eager=True,
    ),
) -> None:
    pass


@app.command(help=message("cli.check.help"), short_help=message("cli.check.short"))
def check(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", help=message("cli.opt.format", choices="text, json, github")),
    strict: bool = typer.Option(False, "--strict", help=message("cli.opt.strict")),
) -> None:
    from .checks import check as run_checks
    from .diagnostics import Severity, exit_code
    from .formatters import FORMATTERS
    from .loader import load

    _choice(fmt, tuple(FORMATTERS))
    ws = load(_default_paths(paths))
    found = run_checks(ws)
    output = FORMATTERS[fmt](found, len(ws.files))
    if fmt == "json":
        import json

        from .coverage import data, matrices

        parsed = json.loads(output)
        parsed["dekning"] = data(matrices(ws))
        output = json.dumps(parsed, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.write(output)
    if fmt == "text":
        _print_coverage(ws)
        _print_summary(found, len(ws.files))
    code = exit_code(found)
    if strict and code == 0 and any(d.severity is Severity.WARNING for d in found):
        code = 1
    raise typer.Exit(code)


def _print_coverage(ws) -> None:
    """Per plan and parent priority: requirements linked / suggested / unanswered (to stderr, like the summary).
    For more than a few plans, one matrix of plans × priorities instead of a table per plan."""
    from rich.console import Console
    from rich.text import Text

    from .alignment import align
    from .coverage import matrices, matrix_table, summary_table

    console = Console(stderr=True, highlight=False)
    if len(ws.plans) > 3:
        for m in matrices(ws):
            console.print(matrix_table(m))
        return
    for plan in ws.plans:
        for al in align(plan, ws):
            console.print(Text(plan.name, style="bold"), summary_table(al))


def _print_summary(found, files: int) -> None:
    from rich.console import Console

    from .formatters import summary_counts

    counts = summary_counts(found)
    console = Console(stderr=True, highlight=False)
    parts = [message("summary.files", n=files)]
    style = "green"
    if counts["error"]:
        parts.append(f"[bold red]{message('summary.errors', n=counts['error'])}[/]")
        style = "red"
    if counts["warning"]:
        parts.append(f"[yellow]{message('summary.warnings', n=counts['warning'])}[/]")
    if counts["info"]:
        parts.append(message("summary.infos", n=counts["info"]))
    if not found:
        parts.append(f"[green]{message('summary.clean')}[/]")
    console.print(f"[{style}]●[/] " + " · ".join(parts))


@app.command(help=message("cli.show.help"), short_help=message("cli.show.short"))
def show(
    plan: Path = typer.Argument(..., help=message("cli.opt.plan"), show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", help=message("cli.opt.format", choices="text, json")),
) -> None:
    import json

    from .diagnostics import exit_code
    from .formatters import text_line
    from .loader import load_plan
    from .serialize import plan_data
    from .show import plan_tree

    _choice(fmt, ("text", "json"))
    loaded, found = load_plan(plan)
    for d in found:
        typer.echo(text_line(d), err=True)
    if loaded is None:
        raise typer.Exit(exit_code(found) or 2)
    _emit(fmt, json=lambda: json.dumps(plan_data(loaded), ensure_ascii=False, indent=2) + "\n",
          text=lambda: plan_tree(loaded))


class _DefaultCommandGroup(TyperGroup):
    """`arbeidsplan status plans/` means `arbeidsplan status vis plans/`; `status set …` is the other command."""

    default_command = "vis"

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


status_app = typer.Typer(cls=_DefaultCommandGroup, help=message("cli.status.help"), add_completion=False,
                         rich_markup_mode=None,
                         context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(status_app, name="status", short_help=message("cli.status.short"))


def _current_year() -> int:
    from datetime import date

    return date.today().year


@status_app.command("vis", help=message("cli.status.show.help"))
def status_show(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=message("cli.opt.year")),
    ansvar: Optional[str] = typer.Option(None, "--ansvar", help=message("cli.opt.ansvar")),
    overdue: bool = typer.Option(False, "--overdue", help=message("cli.opt.overdue")),
    missing: bool = typer.Option(False, "--missing", help=message("cli.opt.missing")),
    fmt: str = typer.Option("text", "--format", "-f", help=message("cli.opt.format", choices="text, json, csv, md")),
) -> None:
    from . import statustable
    from .loader import load

    _choice(fmt, ("text", "json", "csv", "md"))
    ws = load(_default_paths(paths))
    problems = _reading_problems(ws)
    if not ws.plans:
        raise typer.Exit(2)
    when = year or _current_year()
    items = [statustable.select(p, when, ansvar, overdue, missing) for p in ws.plans if p.meta.period]
    _emit(fmt, json=lambda: statustable.as_json(items), csv=lambda: statustable.as_csv(items),
          md=lambda: statustable.as_markdown(items), text=lambda: statustable.as_rich(items))
    raise typer.Exit(2 if problems else 0)


@status_app.command("set", help=message("cli.status.set.help"))
def status_set(
    plan: Path = typer.Argument(..., help=message("cli.opt.plan_file"), show_default=False),
    item_id: str = typer.Argument(..., metavar="ID", help=message("cli.opt.id"), show_default=False),
    status: str = typer.Argument(..., metavar="STATUS", help=message("cli.opt.status"), show_default=False),
    year: Optional[int] = typer.Option(None, "--year", "-y", help=message("cli.opt.year")),
    note: Optional[str] = typer.Option(None, "--note", "-n", help=message("cli.opt.note")),
) -> None:
    from .statusedit import Refused, set_status

    when = year or _current_year()
    try:
        change = set_status(plan, item_id, status, when, note)
    except Refused as err:
        _fail(str(err), 1)
    if change.before is None:
        typer.echo(message("set.done_new", path=plan, id=item_id, year=when, after=change.after))
    else:
        typer.echo(message("set.done_changed", path=plan, id=item_id, year=when, before=change.before,
                           after=change.after))


@app.command(help=message("cli.report.help"), short_help=message("cli.report.short"))
def report(
    year: int = typer.Argument(..., metavar="ÅR", help=message("cli.opt.report_year"), show_default=False),
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help=message("cli.opt.format", choices="md, html")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.output")),
    template: Optional[Path] = typer.Option(None, "--template", help=message("cli.opt.template")),
) -> None:
    from .loader import load
    from .report import FORMATS, TemplateProblem, format_for, render, report_data, report_extras
    from .statusedit import write_atomically

    if fmt is not None:
        _choice(fmt, FORMATS)
    chosen = format_for(output, fmt)
    if output is not None:
        if fmt and output.suffix.lower() in (".html", ".htm", ".md") and format_for(output, None) != fmt:
            _fail(message("report.format_conflict", fmt=fmt, path=output))
        if output.is_dir():
            _fail(message("report.is_directory", path=output))
        if not output.parent.is_dir():
            _fail(message("report.no_directory", path=output.parent))
    if template is not None and not template.is_file():
        _fail(message("report.template_error", where=template, reason=message("reason.missing")))
    ws = load(_default_paths(paths))
    broken = _reading_problems(ws)
    plans = [p for p in ws.plans if p.meta.period is not None]
    if not plans:
        raise typer.Exit(2)
    try:
        text = render(report_data(plans, year, report_extras(ws, year)), chosen, template)
    except TemplateProblem as err:
        _fail(str(err))
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text.encode("utf-8"))
        typer.echo(message("report.written", path=output), err=True)
    raise typer.Exit(2 if broken else 0)


@app.command(help=message("cli.coverage.help"), short_help=message("cli.coverage.short"))
def coverage(
    paths: Optional[List[Path]] = typer.Argument(None, help=message("cli.opt.paths"), show_default=False),
    detail: bool = typer.Option(False, "--detail", "-d", help=message("cli.opt.detail")),
    parent: Optional[Path] = typer.Option(None, "--parent", "-p", help=message("cli.opt.parent")),
    fmt: str = typer.Option("text", "--format", "-f", help=message("cli.opt.format", choices="text, json, csv, md")),
) -> None:
    from rich.console import Group
    from rich.text import Text

    from . import coverage as cov
    from .loader import load

    _choice(fmt, ("text", "json", "csv", "md"))
    ws = load(_default_paths(paths))
    broken = _reading_problems(ws)
    wanted = None
    if parent is not None:
        wanted = ws.load_file(parent, requested=False) if parent.is_file() else None
        if wanted is None:
            _fail(message("new.parent_unreadable", path=parent))
    ms = cov.matrices(ws, wanted)
    tables = [cov.detail_table(m) if detail else cov.matrix_table(m) for m in ms] if fmt == "text" else []
    _emit(fmt, json=lambda: cov.as_json(ms), csv=lambda: cov.as_csv(ms), md=lambda: cov.as_markdown(ms, detail),
          text=lambda: Group(*tables) if tables else Text(message("coverage.no_requirements")))
    raise typer.Exit(2 if broken else 0)


@app.command(help=message("cli.new.help"), short_help=message("cli.new.short"))
def new(
    level: str = typer.Option(..., "--level", "-l", help=message("cli.opt.level")),
    organisation: str = typer.Option(..., "--organisation", "--org", help=message("cli.opt.organisation")),
    parent: Path = typer.Option(..., "--parent", "-p", help=message("cli.opt.new_parent")),
    period: Optional[str] = typer.Option(None, "--period", help=message("cli.opt.period")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=message("cli.opt.new_output")),
) -> None:
    from .frontmatter import _PERIOD
    from .loader import Workspace
    from .model import Level, Period
    from .scaffold import parent_reference, scaffold
    from .statusedit import write_atomically

    known = [lv.value for lv in Level if lv is not Level.NASJONALT]
    if level not in known:
        _fail(message("reason.level", value=level, known=", ".join(known), suggestion=""))
    ws = Workspace()
    parent_plan = ws.load_file(parent)
    if parent_plan is None or parent_plan.meta.period is None:
        _fail(message("new.parent_unreadable", path=parent))
    if period is None:
        chosen = parent_plan.meta.period
    else:
        m = _PERIOD.match(period)
        if not m or int(m.group(1)) > int(m.group(2)):
            _fail(message("reason.period"))
        chosen = Period(int(m.group(1)), int(m.group(2)))
    if output is not None:
        if output.exists():
            _fail(message("new.exists", path=output))
        if not output.parent.is_dir():
            _fail(message("report.no_directory", path=output.parent))
    text, goals, measures = scaffold(organisation, Level(level), chosen, parent_plan, ws.ancestors(parent_plan),
                                     parent_reference(parent, output))
    if measures == 0:
        _fail(message("new.no_requirements", path=parent, level=level))
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text.encode("utf-8"))
        typer.echo(message("new.written", path=output, goals=goals, measures=measures, parent=parent), err=True)


def _repo_for(path: Path, repos: dict) -> "object":
    """The repository `path` is in, one object per repository for the whole command (so its git log is read
    once), with the shallow-clone note printed the first time that repository is met."""
    from .gitrepo import GitProblem, Repo

    if not path.exists():
        raise GitProblem(f"{path}: " + message("reason.missing"))
    found = Repo.discover(path)
    if found.root not in repos:
        repos[found.root] = found
        note = found.shallow_note()
        if note:
            typer.echo(note, err=True)
    return repos[found.root]


def _plan_paths(paths: list[Path]) -> list[Path]:
    from .loader import plan_files

    out: list[Path] = []
    for p in paths:
        out += plan_files(p) if p.is_dir() else [p]
    return out


@app.command(help=message("cli.history.help"), short_help=message("cli.history.short"))
def history(
    plan: Optional[Path] = typer.Argument(None, help=message("cli.opt.plan_or_dir"), show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", help=message("cli.opt.format", choices="text, md, json")),
) -> None:
    from . import diffrender
    from .gitrepo import GitProblem
    from .history import revisions

    _choice(fmt, ("text", "md", "json"))
    repos: dict = {}
    for path in _plan_paths(_default_paths([plan] if plan else None)):
        try:
            repo = _repo_for(path, repos)
            rel = repo.relative(path)
            revs = revisions(repo, rel)
            if not revs:
                raise GitProblem(message("git.no_history", path=path))
        except GitProblem as err:
            _fail(str(err))
        if repo.is_dirty(rel):
            typer.echo(message("git.dirty", path=path), err=True)
        _emit(fmt, json=lambda r=rel, v=revs: diffrender.history_json(r, v),
              md=lambda r=rel, v=revs: diffrender.history_markdown(r, v),
              text=lambda r=rel, v=revs: diffrender.history_rich(r, v))


@app.command(help=message("cli.diff.help"), short_help=message("cli.diff.short"))
def diff(
    args: Optional[List[str]] = typer.Argument(None, metavar="[REV_A [REV_B]] [STI…]",
                                               help=message("cli.opt.revs_paths"), show_default=False),
    since_adopted: bool = typer.Option(False, "--since-adopted", help=message("cli.opt.since_adopted")),
    fmt: str = typer.Option("text", "--format", "-f", help=message("cli.opt.format", choices="text, md, json")),
) -> None:
    from . import diffrender
    from .gitrepo import GitProblem
    from .history import last_adopted, version
    from .parser import parse_plan
    from .plandiff import diff_plans
    from .source import read_source

    _choice(fmt, ("text", "md", "json"))
    paths = [Path(a) for a in (args or []) if Path(a).exists()]
    revs = [a for a in (args or []) if not Path(a).exists()]
    if len(revs) > 2 or (since_adopted and len(revs) > 1):
        _fail(message("diff.too_many_revisions", extra=revs[-1]))
    results = []
    repos: dict = {}
    try:
        for path in _plan_paths(_default_paths(paths or None)):
            repo = _repo_for(path, repos)
            rel = repo.relative(path)
            if since_adopted:
                adopted = last_adopted(repo, rel)
                old_label = adopted.commit.tags[0] if adopted.commit.tags else adopted.commit.sha[:8]
                old_plan = adopted.plan
                new_rev = revs[0] if revs else None
            else:
                old_label = revs[0] if revs else "HEAD"
                old_plan = version(repo, rel, old_label)
                new_rev = revs[1] if len(revs) > 1 else None
            if new_rev is None:
                source, _ = read_source(path)
                new_plan = parse_plan(source)[0] if source else None
                new_label = message("git.working_tree")
            else:
                new_plan = version(repo, rel, new_rev)
                new_label = new_rev
            results.append((diff_plans(old_plan, new_plan, rel), old_label, new_label))
    except GitProblem as err:
        _fail(str(err))
    _emit(fmt, json=lambda: diffrender.as_json(results), md=lambda: diffrender.as_markdown(results),
          text=lambda: diffrender.as_rich(results))


def run() -> None:
    """Console-script entry: usage errors become one Norwegian line and exit code 2.

    Typer vendors click privately since 0.17, so its exceptions are recognised by name, not imported.
    """
    try:
        result = app(standalone_mode=False)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:
        kind = type(err).__name__
        if kind == "NoSuchOption":
            options = getattr(err, "possibilities", None) or []
            hint = message("did_you_mean", suggestion=sorted(options)[0]) if options else ""
            _usage(message("cli.usage.no_such_option", option=getattr(err, "option_name", "?")) + hint)
        elif kind == "MissingParameter":
            param = getattr(err, "param", None)
            name = str(getattr(param, "name", None) or "?").upper()
            _usage(message("cli.usage.missing", name=name))
        elif hasattr(err, "format_message") and getattr(err, "exit_code", None) == 2:
            _usage(message("cli.usage.other", reason=err.format_message()))
        elif kind == "Abort":
            sys.exit(130)
        elif hasattr(err, "exit_code") and kind == "Exit":
            sys.exit(err.exit_code)
        raise
    sys.exit(result if isinstance(result, int) else 0)


def _usage(text: str) -> None:
    sys.stderr.write(f"arbeidsplan: {text}\n{message('cli.usage.try')}\n")
    sys.exit(2)


if __name__ == "__main__":
    run()
