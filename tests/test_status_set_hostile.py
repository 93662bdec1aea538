"""`status set` on plans whose layout fooled the line-based editor, concurrent edits, links, and the
verification that refuses any edit that does not read back as exactly the intended change."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from arbeidsplan import load_plan
from arbeidsplan.model import StatusWord
from arbeidsplan.write.status import Refused, set_status
from conftest import header

TOP = header() + "\n# Arbeidsplan\n\n## Mål 1: A\n\n### Tiltak\n\n- **1.1** Ringe nye medlemmer\n- **1.2** Stand\n"


def statuses(path: Path, year: int = 2026) -> dict[str, tuple[str, str | None]]:
    plan, found = load_plan(path)
    assert [d for d in found if d.severity.value == "error"] == []
    return {m.id: (m.status_for(year).word.value, m.status_for(year).note)
            for m in plan.measures() if m.status_for(year) is not None}


def measures(path: Path) -> dict[str, str]:
    plan, _found = load_plan(path)
    return {m.id: m.text for m in plan.measures()}


def test_setext_heading_after_the_status_section(write):
    path = write("plan.md", TOP + "\n## Status 2026\n\n- **1.1** i gang\n\nMål 2: B\n---\n\n### Tiltak\n\n"
                 "- **2.1** Kurs\n")
    before = measures(path)
    set_status(path, "2.1", "utsatt", 2026)
    assert statuses(path) == {"1.1": ("i gang", None), "2.1": ("utsatt", None)}
    assert measures(path) == before
    assert "- **1.1** i gang\n- **2.1** utsatt\n\nMål 2: B\n---" in path.read_text(encoding="utf-8")


def test_subheading_inside_the_status_section(write):
    path = write("plan.md", TOP + "\n## Status 2026\n\nStyret rapporterer.\n\n### Merknader\n\nIngen.\n")
    set_status(path, "1.2", "gjennomført", 2026, "to stands")
    assert statuses(path) == {"1.2": ("gjennomført", "to stands")}
    set_status(path, "1.1", "i gang", 2026)  # a rerun finds the same section: no second "Status 2026"
    text = path.read_text(encoding="utf-8")
    assert text.count("## Status 2026") == 1 and statuses(path)["1.1"] == ("i gang", None)
    assert "### Merknader\n\nIngen.\n" in text


def test_unclosed_code_fence_at_the_end_is_refused(write, cli):
    path = write("plan.md", TOP + "\n## Notater\n\n```\nkode som aldri lukkes\n")
    before = path.read_bytes()
    result = cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2026")
    assert result.code == 1 and "kodeblokk som ikke er lukket" in result.err
    fence_line = path.read_text(encoding="utf-8").splitlines().index("```") + 1
    assert f"{path}:{fence_line}:" in result.err and "\n" not in result.err.strip()
    assert path.read_bytes() == before


def test_paragraph_under_an_empty_status_section_is_not_swallowed(write):
    path = write("plan.md", TOP + "\n## Status 2026\nStyret har ikke rapportert ennå.\n")
    set_status(path, "1.1", "planlagt", 2026)
    assert statuses(path) == {"1.1": ("planlagt", None)}
    text = path.read_text(encoding="utf-8")
    assert "\n\nStyret har ikke rapportert ennå.\n" in text


def test_multi_line_status_is_replaced_whole(write):
    path = write("plan.md", TOP + "\n## Status 2026\n\n- **1.1** i gang — ringt 10,\n  mangler 20\n"
                 "- **1.2** planlagt\n")
    change = set_status(path, "1.1", "gjennomført", 2026, "alle ringt")
    assert statuses(path) == {"1.1": ("gjennomført", "alle ringt"), "1.2": ("planlagt", None)}
    assert "mangler 20" not in path.read_text(encoding="utf-8")
    assert change.before == "- **1.1** i gang — ringt 10, mangler 20"


@pytest.mark.parametrize("cell", ["2 1", "2*1", "**2.1**"])
def test_table_ids_a_status_line_cannot_hold_are_refused(write, cli, cell):
    path = write("plan.md", TOP + f"\n## Mål 2: B\n\n### Tiltak\n\n| Nr | Tiltak |\n| --- | --- |\n"
                 f"| {cell} | Kurs |\n")
    before = path.read_bytes()
    result = cli("status", "set", str(path), cell, "gjennomført", "--year", "2026")
    assert result.code == 1 and "kan ikke stå i en statuslinje" in result.err
    assert path.read_bytes() == before
    checked = cli("check", str(path))
    assert "AP214" in checked.out and checked.code == 1
    ok = cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2026")  # the others still can
    assert ok.code == 0


def test_an_edit_that_does_not_read_back_as_meant_is_refused(write, monkeypatch):
    """The safety net under the editor: were the line put in the wrong place (here: the old bug, at the end of
    the last list in the file, a measure list), the read-back differs from the intended change and nothing
    is written."""
    from arbeidsplan.write import status

    def misplaced(lines, tokens, request, newline, path):
        lines.append(f"- {request.line}{newline}")
        return len(lines) - 1

    monkeypatch.setattr(status, "_insert", misplaced)
    path = write("plan.md", TOP)
    before = path.read_bytes()
    with pytest.raises(Refused, match="ble ikke som tenkt"):
        set_status(path, "1.1", "gjennomført", 2026)
    assert path.read_bytes() == before


def test_symlinked_plan_is_edited_at_its_target(write, tmp_path):
    real = write("ekte/plan.md", TOP)
    link = tmp_path / "plan.md"
    os.symlink(Path("ekte") / "plan.md", link)
    set_status(link, "1.1", "gjennomført", 2026)
    assert link.is_symlink() and statuses(real) == {"1.1": ("gjennomført", None)}


def test_hard_linked_plan_is_refused(write, tmp_path):
    path = write("plan.md", TOP)
    other = tmp_path / "kopi.md"
    os.link(path, other)
    with pytest.raises(Refused, match="harde lenker"):
        set_status(path, "1.1", "gjennomført", 2026)
    assert os.stat(path).st_ino == os.stat(other).st_ino and path.read_text(encoding="utf-8") == TOP


def test_a_failed_write_is_a_refusal(write, monkeypatch):
    path = write("plan.md", TOP)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(Refused, match="kan ikke skrive"):
        set_status(path, "1.1", "gjennomført", 2026)
    assert path.read_text(encoding="utf-8") == TOP
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.md"]


def _record(path: str, item_id: str, start) -> None:
    start.wait()  # every process begins at the same moment
    set_status(Path(path), item_id, "gjennomført", 2026)


def test_concurrent_status_set_loses_nothing(write):
    """20 real processes (forked: no interpreter start-up each), each recording a different measure in the same
    file at the same moment."""
    import multiprocessing

    ids = [f"1.{n}" for n in range(1, 21)]
    path = write("plan.md", header() + "\n## Mål 1: A\n\n### Tiltak\n\n"
                 + "".join(f"- **{i}** Tiltak {i}\n" for i in ids))
    context = multiprocessing.get_context("fork")
    start = context.Barrier(len(ids))
    procs = [context.Process(target=_record, args=(str(path), i, start)) for i in ids]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
    assert [proc.exitcode for proc in procs] == [0] * len(ids)
    assert statuses(path) == {i: ("gjennomført", None) for i in ids}
    assert path.read_text(encoding="utf-8").count("## Status 2026") == 1
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.md"]


def test_concurrent_status_set_from_the_command_line(write):
    """The same through the installed command, a few processes: what a user's shell loop would do."""
    ids = ["1.1", "1.2"]
    path = write("plan.md", TOP)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-m", "arbeidsplan", "status", "set", str(path), i, "gjennomført",
                               "--year", "2026"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for i in ids]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert statuses(path) == {i: ("gjennomført", None) for i in ids}


# -- property: plans laid out in every way the reader accepts --------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ["planlagt", "i gang", "gjennomført", "utsatt"]


@st.composite
def laid_out_plans(draw):
    """A plan with two goals, and a status section for 2026 drawn from the layouts that fooled the old editor:
    setext or ATX headings, a paragraph right under the heading, a subheading inside the section, statuses over
    two lines, ordered or bullet lists, a code block, a goal after the section."""
    ids = ["1.1", "1.2", "2.1", "2.2"]
    setext = draw(st.booleans())
    lines = [header().rstrip("\n"), "", "# Plan", ""]
    lines += ["Mål 1: A", "---"] if draw(st.booleans()) else ["## Mål 1: A"]
    lines += ["", "### Tiltak", "", "- **1.1** Ringe", "- **1.2** Stand", ""]
    section = ["Status 2026", "---"] if setext else ["## Status 2026"]
    if draw(st.booleans()):
        section += ["Styret rapporterer."] if draw(st.booleans()) else ["", "Styret rapporterer."]
    existing = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    marker = draw(st.sampled_from(["-", "*", "1."]))
    if existing:
        section.append("")
    for i in existing:
        section.append(f"{marker} **{i}** {draw(st.sampled_from(_WORDS))} — merknad")
        if draw(st.booleans()):
            section.append("  som fortsetter her")
    if draw(st.booleans()):
        section += ["", "### Merknader", "", "Ingen."]
    if draw(st.booleans()):
        section += ["", "```", "- **2.1** gjennomført (i en kodeblokk)", "```"]
    goal2 = ["Mål 2: B", "---"] if draw(st.booleans()) else ["## Mål 2: B"]
    goal2 += ["", "### Tiltak", "", "- **2.1** Kurs", "- **2.2** Skolering"]
    if draw(st.booleans()):
        lines += section + [""] + goal2
    else:
        lines += goal2 + [""] + section
    return "\n".join(lines) + "\n"


def _everything(path: Path) -> tuple:
    plan, found = load_plan(path)
    return ({m.id: (m.text, tuple((e.year, e.word, e.note) for e in m.statuses)) for m in plan.measures()},
            sorted(d.code for d in found))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=laid_out_plans(), target=st.sampled_from(["1.1", "1.2", "2.1", "2.2"]),
       year=st.sampled_from([2026, 2027]), word=st.sampled_from(_WORDS),
       note=st.one_of(st.none(), st.sampled_from(["ny merknad", "45 deltakere"])))
def test_property_every_layout_gets_exactly_the_one_change(tmp_path_factory, text, target, year, word, note):
    path = tmp_path_factory.mktemp("p") / "plan.md"
    path.write_text(text, encoding="utf-8")
    (before, found_before) = _everything(path)
    set_status(path, target, word, year, note)  # no layout here may be refused
    (after, found_after) = _everything(path)
    expected = {**before}
    text_of, entries = before[target]
    kept = next((e[2] for e in entries if e[0] == year), None) if note is None else note  # no note: the old one
    entries = tuple(e for e in entries if e[0] != year) + ((year, StatusWord(word), kept),)
    expected[target] = (text_of, tuple(sorted(entries, key=lambda e: e[0])))
    assert after == expected
    assert set(found_after) <= set(found_before)
    assert path.read_text(encoding="utf-8").count("Status 2026") == 1


def test_the_plan_keeps_its_mode_and_owner(write):
    path = write("plan.md", TOP)
    path.chmod(0o640)
    if os.getuid() == 0:
        os.chown(path, 54321, 54322)
    set_status(path, "1.1", "gjennomført", 2026)
    st = os.stat(path)
    assert st.st_mode & 0o777 == 0o640
    if os.getuid() == 0:
        assert (st.st_uid, st.st_gid) == (54321, 54322)
