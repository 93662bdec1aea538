"""`-o`: never over a file the command reads, never replacing a device, FIFO, folder or hard-linked file, a
symlink followed to its target, `-o -` standard output, and a failed write one line with nothing changed."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from conftest import REPO, header

PLAN = header(periode="2024–2027") + """
# Arbeidsplan

## Mål 1: Flere medlemmer

### Tiltak

- **1.1** Ringe nye medlemmer.
  - når: 2025

## Status 2025

- **1.1** gjennomført
"""


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plans" / "lag.md"
    path.parent.mkdir()
    path.write_text(PLAN, encoding="utf-8")
    return path


def refused(result, *words):
    assert result.code == 2, result
    assert "Traceback" not in result.err
    line = result.err.strip()
    assert "\n" not in line and line.startswith("arbeidsplan: "), line
    for word in words:
        assert word in line, line
    return line


def test_report_refuses_to_overwrite_the_plan_it_reads(cli, plan):
    refused(cli("report", "2025", str(plan), "-o", str(plan)), "leser")
    assert plan.read_text(encoding="utf-8") == PLAN


def test_report_refuses_a_plan_it_reads_from_a_folder(cli, plan, tmp_path):
    """The plan is found in the folder, not named: the check after reading catches it."""
    link = tmp_path / "samme.md"
    os.symlink(plan, link)
    refused(cli("report", "2025", str(plan.parent), "-o", str(link)), "leser")
    assert plan.read_text(encoding="utf-8") == PLAN and link.is_symlink()


def test_report_refuses_to_overwrite_its_template(cli, plan, tmp_path):
    template = tmp_path / "mal.md.j2"
    template.write_text("{{ år }}\n", encoding="utf-8")
    refused(cli("report", "2025", str(plan), "--template", str(template), "-o", str(template)), "leser")
    assert template.read_text(encoding="utf-8") == "{{ år }}\n"


def test_new_refuses_its_parent(cli, plan):
    refused(cli("new", "--level", "lokallag", "--org", "X SV", "--parent", str(plan), "-o", str(plan)))
    assert plan.read_text(encoding="utf-8") == PLAN


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_report_does_not_replace_what_is_not_a_file(cli, plan, tmp_path, kind):
    if kind == "fifo":
        target = tmp_path / "rør.md"
        os.mkfifo(target)
        check = stat.S_ISFIFO
    elif kind == "device":
        target = Path("/dev/null")
        check = stat.S_ISCHR
    else:
        target = tmp_path / "mappe"
        target.mkdir()
        check = stat.S_ISDIR
    refused(cli("report", "2025", str(plan), "-o", str(target)))
    assert check(os.lstat(target).st_mode)


def test_report_through_a_symlink_writes_its_target(cli, plan, tmp_path):
    real = tmp_path / "ut" / "rapport.md"
    real.parent.mkdir()
    real.write_text("gammel\n", encoding="utf-8")
    link = tmp_path / "rapport.md"
    os.symlink(real, link)
    result = cli("report", "2025", str(plan), "-o", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# Årsrapport 2025")


def test_report_does_not_split_hard_links(cli, plan, tmp_path):
    first = tmp_path / "rapport.md"
    first.write_text("gammel\n", encoding="utf-8")
    second = tmp_path / "kopi.md"
    os.link(first, second)
    refused(cli("report", "2025", str(plan), "-o", str(first)), "harde lenker")
    assert os.stat(first).st_ino == os.stat(second).st_ino and first.read_text(encoding="utf-8") == "gammel\n"


def test_dash_is_standard_output(cli, plan, tmp_path):
    result = cli("report", "2025", str(plan), "-o", "-", cwd=tmp_path)
    assert result.code == 0 and result.out.startswith("# Årsrapport 2025")
    national = REPO / "plans" / "landsstyret" / "2026-2029.md"
    drafted = cli("new", "--level", "fylkeslag", "--org", "X SV", "--parent", str(national), "-o", "-",
                  cwd=tmp_path)
    assert drafted.code == 0 and drafted.out.startswith("---\n")
    assert not (tmp_path / "-").exists()


def test_a_failed_write_is_one_line_and_changes_nothing(cli, plan, tmp_path, monkeypatch):
    target = tmp_path / "rapport.md"
    target.write_text("gammel\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    refused(cli("report", "2025", str(plan), "-o", str(target)), str(target))
    assert target.read_text(encoding="utf-8") == "gammel\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
