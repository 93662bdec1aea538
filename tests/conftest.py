from __future__ import annotations

import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("ARBEIDSPLAN_UPDATE_GOLDEN") == "1"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def bokmål(monkeypatch):
    """Every test reads bokmål unless it asks for another language, whatever the machine's locale is."""
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nb")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Every test starts with an empty plan cache of its own, never the user's ~/.cache."""
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def party(tmp_path, monkeypatch):
    """The repository's own plans, copied, with an empty private cache folder."""
    monkeypatch.setenv("ARBEIDSPLAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ARBEIDSPLAN_CACHE", raising=False)
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return Path("plans")


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `arbeidsplan ARGS` through the console-script entry point, in the current directory."""
    from arbeidsplan.cli.app import run

    def invoke(*args: str, cwd: Path | None = None, columns: int = 100) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["arbeidsplan", *map(str, args)])
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setenv("NO_COLOR", "1")
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            run()
        captured = capsys.readouterr()
        code = exit_info.value.code
        return Result(code if isinstance(code, int) else 0, captured.out, captured.err)

    return invoke


@pytest.fixture
def write(tmp_path):
    """Write a dedented plan (or any file) under tmp_path and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; ARBEIDSPLAN_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"golden file {name} is missing; run with ARBEIDSPLAN_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def header(**fields: str) -> str:
    base = {"organisasjon": "Testlaget SV", "nivå": "lokallag", "periode": "2026–2029"}
    base.update(fields)
    lines = [f"{k}: {v}" for k, v in base.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def checked(monkeypatch) -> list[str]:
    """The plans checked from here on: those not found in the result cache, which `check` reads again."""
    from arbeidsplan.checks import outcomes

    names: list[str] = []
    real = outcomes.read_some

    def counting(items):
        names.extend(name for name, _data in items)
        return real(items)
    monkeypatch.setattr(outcomes, "read_some", counting)
    return names


def only_in_workers(monkeypatch) -> None:
    """`check` from here on reads its plans in two worker processes (as on a 2-core machine with a party), and a
    plan checked in this process fails the test."""
    import os

    from arbeidsplan import workers
    from arbeidsplan.checks import outcomes, run

    monkeypatch.setattr(outcomes, "PARALLEL_MIN", 2)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    me, real = os.getpid(), run.run_rules

    def elsewhere(plan, ctx):
        assert os.getpid() != me, "checked in this process, not in a worker"
        return real(plan, ctx)
    monkeypatch.setattr(run, "run_rules", elsewhere)
