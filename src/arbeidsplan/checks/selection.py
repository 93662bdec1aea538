"""Which finding codes `check` reports: `--select`/`--ignore`, or `select`/`ignore` in the plan repository's
settings (`[tool.arbeidsplan]` in pyproject.toml, or arbeidsplan.toml), found from the current folder upwards
to the repository's root. An option on the command line wins over the same key in the settings.

A code selects itself (AP202) or every code it begins (AP2, AP60). Findings that a file could not be read
(AP101, AP108) are always reported: ignoring them would hide that nothing was checked.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..diagnostics import CODES
from ..messages import message

ALWAYS = frozenset(code for code, (_severity, unreadable) in CODES.items() if unreadable)


class SettingsProblem(Exception):
    """The settings or the options name something that is not a finding code, or the file cannot be read."""


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()  # empty: every code
    ignore: tuple[str, ...] = ()
    source: str | None = None  # the settings file it came from, if any

    def keeps(self, code: str) -> bool:
        if code in ALWAYS:
            return True
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)


def _codes(values: Iterable[Any], where: str) -> tuple[str, ...]:
    out = []
    for value in values:
        code = str(value).strip().upper()
        if not code or not any(c.startswith(code) for c in CODES):
            close = difflib.get_close_matches(code, list(CODES), n=1)
            hint = message("did_you_mean", suggestion=close[0]) if close else ""
            raise SettingsProblem(message("select.unknown_code", where=where, code=value) + hint)
        out.append(code)
    return tuple(out)


def split_option(values: Iterable[str] | None) -> list[str]:
    """`--select AP2,AP301 --select AP5` → ["AP2", "AP301", "AP5"]."""
    return [part for value in values or () for part in value.split(",") if part.strip()]


def settings_file(start: Path) -> Path | None:
    """The nearest arbeidsplan.toml, or pyproject.toml with a [tool.arbeidsplan] table, from `start` up to the
    folder holding .git."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "arbeidsplan.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.arbeidsplan]" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def read_settings(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:  # the reader's own words, placed where it found the fault
        found = _TOML_PLACE.search(str(err))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (text.count("\n") + 1, 1)
        detail = _TOML_PLACE.sub("", str(err)).replace("(at end of document)", "").strip()
        raise SettingsProblem(message("select.bad_toml", path=path, line=line, col=col, reason=detail)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise SettingsProblem(message("select.bad_file", path=path, reason=err)) from None
    table = data.get("tool", {}).get("arbeidsplan", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise SettingsProblem(message("select.bad_file", path=path, reason=message("select.not_table")))
    for key, value in table.items():
        if key not in ("select", "ignore"):
            raise SettingsProblem(message("select.unknown_key", path=path, key=key))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsProblem(message("select.not_list", path=path, key=key))
    return table


def selection(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
              start: Path | None = None) -> Selection:
    """The codes to report: the options where given, else the settings file's, else all."""
    path = settings_file(start or Path.cwd())
    settings = read_settings(path) if path else {}
    where = str(path) if path else ""
    chosen_select = _codes(select, "--select") if select else _codes(settings.get("select", ()), where)
    chosen_ignore = _codes(ignore, "--ignore") if ignore else _codes(settings.get("ignore", ()), where)
    return Selection(chosen_select, chosen_ignore, where or None)
