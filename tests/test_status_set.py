"""`arbeidsplan status set`: only the status bytes change; refusals leave the file untouched."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arbeidsplan import load_plan
from arbeidsplan.model import StatusWord
from arbeidsplan.write.status import Refused, set_status
from conftest import PLANS, REPO, header

PLAN = header() + """
# Arbeidsplan for Testlaget

## Mål 1: Flere aktive
### Tiltak
- **1.1** Ringe nye medlemmer
  - når: Årlig
- **1.2** Dørbank i bydelene
  - når: 2026

## Mål 2: Skolering
| Nr | Tiltak | Tidsrom |
| --- | --- | --- |
| 2.1 | Kurs for tillitsvalgte | Årlig |

## Status 2026

- **1.1** i gang — halvveis
"""


def lines_changed(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines only in `before` and only in `after`, with every other line equal and in order."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[len(a) - 1 - j] == b[len(b) - 1 - j]:
        j += 1
    return a[i:len(a) - j], b[i:len(b) - j]


def test_rewrites_an_existing_status_line_only(write):
    path = write("plan.md", PLAN)
    before = path.read_bytes()
    change = set_status(path, "1.1", "gjennomført", 2026, "45 deltakere på Hamar")
    removed, added = lines_changed(before, path.read_bytes())
    assert removed == [b"- **1.1** i gang \xe2\x80\x94 halvveis\n"]
    assert added == ["- **1.1** gjennomført — 45 deltakere på Hamar\n".encode()]
    assert change.before == "- **1.1** i gang — halvveis"
    plan, found = load_plan(path)
    assert found == [] and plan.find("1.1")[0].status_for(2026).word is StatusWord.GJENNOMFORT


def test_adds_a_line_to_the_years_section(write):
    path = write("plan.md", PLAN)
    before = path.read_bytes()
    set_status(path, "2.1", "utsatt", 2026)
    removed, added = lines_changed(before, path.read_bytes())
    assert removed == [] and added == ["- **2.1** utsatt\n".encode()]
    assert path.read_text(encoding="utf-8").endswith("- **1.1** i gang — halvveis\n- **2.1** utsatt\n")


@pytest.mark.parametrize("typed, written", [("done", "gjennomført"), ("In progress", "i gang"),
                                            ("not  done", "ikke gjennomført")])
def test_the_english_interfaces_status_words_write_the_plans_own(write, typed, written):
    """From a new-user trial: the English help shows «gjennomført (done)», and `status set … done` was refused."""
    path = write("plan.md", PLAN)
    before = path.read_bytes()
    set_status(path, "2.1", typed, 2026)
    removed, added = lines_changed(before, path.read_bytes())
    assert removed == [] and added == [f"- **2.1** {written}\n".encode()]


def test_adds_a_section_for_a_new_year(write):
    path = write("plan.md", PLAN)
    before = path.read_bytes()
    set_status(path, "1.1", "planlagt", 2027)
    removed, added = lines_changed(before, path.read_bytes())
    assert removed == []
    assert b"".join(added) == "\n## Status 2027\n\n- **1.1** planlagt\n".encode()


def test_keeps_crlf_bom_and_a_missing_final_newline(write):
    text = "\ufeff" + PLAN.rstrip("\n").replace("\n", "\r\n")
    path = write("plan.md", text.encode("utf-8"))
    before = path.read_bytes()
    set_status(path, "1.2", "gjennomført", 2026)
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    removed, added = lines_changed(before, after)
    assert removed == [b"- **1.1** i gang \xe2\x80\x94 halvveis"]
    assert added == [b"- **1.1** i gang \xe2\x80\x94 halvveis\r\n", "- **1.2** gjennomført\r\n".encode()]
    assert b"\r\n" in after and after.replace(b"\r\n", b"").count(b"\n") == 0


@pytest.mark.parametrize("item_id, word, year, message", [
    ("9.9", "gjennomført", 2026, "har ikke noe tiltak med id-en «9.9»"),
    ("1.1", "nesten", 2026, "ukjent status «nesten»"),
    ("1.1", "gjennomført", 2031, "2031 er utenfor planperioden 2026–2029"),
])
def test_refusals_leave_the_file_untouched(write, item_id, word, year, message):
    path = write("plan.md", PLAN)
    before = path.read_bytes()
    with pytest.raises(Refused, match=message):
        set_status(path, item_id, word, year)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["plan.md"]


def test_refuses_an_ambiguous_id_in_the_real_innlandet_plan(tmp_path, cli):
    copy = tmp_path / "innlandet.md"
    shutil.copy(PLANS / "innlandet/2025-2028.md", copy)
    before = copy.read_bytes()
    result = cli("status", "set", str(copy), "2.3d", "gjennomført", "--year", "2026")
    assert result.code == 1
    assert "id-en «2.3d» er brukt på flere tiltak" in result.err and "linje 312, 313" in result.err
    assert copy.read_bytes() == before
    ok = cli("status", "set", str(copy), "2.3a", "gjennomført", "--year", "2026", "--note", "12 utsendelser")
    assert ok.code == 0
    removed, added = lines_changed(before, copy.read_bytes())
    assert removed == []
    assert b"".join(added) == "\n## Status 2026\n\n- **2.3a** gjennomført — 12 utsendelser\n".encode()


def test_refuses_a_plan_that_does_not_parse(write, cli):
    path = write("plan.md", "---\norganisasjon: [brutt\n---\n## Mål 1: x\n### Tiltak\n- **1.1** y\n")
    before = path.read_bytes()
    result = cli("status", "set", str(path), "1.1", "gjennomført", "--year", "2026")
    assert result.code == 1 and "har 1 feil og blir ikke endret" in result.err
    assert path.read_bytes() == before


ids = st.from_regex(r"[1-9]\.[1-9][a-c]?", fullmatch=True)
words = st.sampled_from(["planlagt", "i gang", "gjennomført", "delvis gjennomført", "utsatt", "ikke gjennomført"])
notes = st.one_of(st.none(), st.text(alphabet="abcæøå ÆØÅ0123456789,.", min_size=1, max_size=30).map(str.strip)
                  .filter(bool))


@st.composite
def plans(draw):
    measure_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    table = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["---", "organisasjon: Generert SV", "nivå: lokallag", "periode: 2026–2029", "---", "",
             "## Mål 1: Generert", "### Tiltak", ""]
    if table:
        lines += ["| Nr | Tiltak | Tidsrom |", "| --- | --- | --- |"]
        lines += [f"| {i} | Tiltak {i} {draw(st.text(alphabet='abc æøå', max_size=12))} | Årlig |"
                  for i in measure_ids]
    else:
        for i in measure_ids:
            lines += [f"- **{i}** Tiltak {i}", "  - når: Årlig"]
    existing = draw(st.lists(st.sampled_from(measure_ids), unique=True, max_size=len(measure_ids)))
    for year in draw(st.lists(st.sampled_from([2026, 2027]), unique=True, max_size=2)):
        lines += ["", f"## Status {year}", ""]
        lines += [f"- **{i}** {draw(words)}" for i in existing]
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    return text, measure_ids


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans(), data=st.data())
def test_property_only_the_status_bytes_change(tmp_path_factory, plan, data):
    text, measure_ids = plan
    path = tmp_path_factory.mktemp("p") / "plan.md"
    path.write_bytes(text.encode("utf-8"))
    before = path.read_bytes()
    target = data.draw(st.sampled_from(measure_ids))
    year = data.draw(st.sampled_from([2026, 2027, 2028]))
    word = data.draw(words)
    note = data.draw(notes)
    set_status(path, target, word, year, note)
    after = path.read_bytes()
    removed, added = lines_changed(before, after)
    # At most one old line goes (the measure's status line, or a final line that gains its newline) …
    assert len(removed) <= 1
    expected = f"- **{target}** {word}" + (f" — {note}" if note else "")
    # … and what comes in is that status line, and a heading and blank lines when the year is new.
    added_text = [line.decode("utf-8").rstrip("\r\n") for line in added]
    if before == after:  # the same status was already there: nothing to change
        assert expected.encode("utf-8") in before
    else:
        assert expected in added_text
    assert set(added_text) - {expected, "", f"## Status {year}"} <= {removed[0].decode().rstrip("\r\n")} \
        if removed else set(added_text) <= {expected, "", f"## Status {year}"}
    parsed, found = load_plan(path)
    assert [d for d in found if d.severity.value == "error"] == []
    entry = parsed.find(target)[0].status_for(year)
    assert entry.word.value == word and entry.note == note


def test_example_plan_is_untouched_by_the_suite():
    text = (REPO / "examples/eksempelby/2024-2027.md").read_text(encoding="utf-8")
    assert "- **1.1** gjennomført — 4 aksjoner, 380 samtaler" in text


NO_IDS = header() + """
# Arbeidsplan for Testlaget

## Flere aktive
### Tiltak
- Ringe nye medlemmer
  - når: Årlig
- Dørbank i bydelene
  - når: 2026
"""


def test_a_status_for_an_id_made_from_a_place_is_refused(cli, write):
    """A measure without an id of its own is named by its place (m1.t2); the annual meeting inserts a measure
    above it, and a status line written with that id would belong to another measure. Refused, with the way
    out; the file untouched."""
    path = write("plan.md", NO_IDS)
    before = path.read_bytes()
    derived = [m.id for m in load_plan(path)[0].measures()]
    result = cli("status", "set", path, derived[1], "gjennomført", "--year", "2026")
    assert result.code == 1
    assert f"arbeidsplan ids {path} --write" in result.err and f"«{derived[1]}»" in result.err
    assert path.read_bytes() == before


def test_an_unknown_id_in_a_plan_without_ids_points_to_the_ids_command(cli, write):
    path = write("plan.md", NO_IDS)
    result = cli("status", "set", path, "1.2", "gjennomført", "--year", "2026")
    assert result.code == 2
    assert "ikke noe tiltak med id-en «1.2»" in result.err and f"arbeidsplan ids {path}" in result.err


def test_the_near_miss_an_unknown_id_in_a_plan_with_ids_gets_no_such_hint(cli, write):
    path = write("plan.md", PLAN)
    result = cli("status", "set", path, "9.9", "gjennomført", "--year", "2026")
    assert result.code == 2 and "arbeidsplan ids" not in result.err


@pytest.mark.parametrize("command", [["status", "set", "{path}", "1.1", "gjennomført", "--year", "2026"],
                                     ["ids", "{path}"], ["ids", "{path}", "--write"]])
def test_a_file_that_is_not_text_is_bad_input_for_the_writers_too(cli, write, command):
    """As for show and report: a file that cannot be read as a plan is exit 2, with one line saying where."""
    path = write("plan.md", PLAN.encode("latin-1", "replace").replace(b"Flere", "Fler\u00e6".encode("latin-1")))
    before = path.read_bytes()
    result = cli(*[part.format(path=path) for part in command])
    assert result.code == 2, result.err
    assert str(path) in result.err and "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    assert path.read_bytes() == before
