"""A user's report template is code from someone else: it may only read its own folder, gets bounded time and
memory, and whatever goes wrong in it is one line with the template's file and line. And plan text cannot
become Markdown structure in any Markdown output."""

from __future__ import annotations

import os

import pytest
from markdown_it import MarkdownIt

from arbeidsplan.render import sandbox
from conftest import header

PLAN = header(organisasjon='"Testby SV\\n# Injisert overskrift\\n<script>alert(1)</script>"', periode="2024–2027",
              vedtatt="{dato: 2024-01-27, av: \"Årsmøtet | ekstra celle\"}") + """
# Arbeidsplan

## Mål 1: Flere <b>aktive</b>

### Tiltak

| Nr | Tiltak | Tidsrom |
| --- | --- | --- |
| 1.1 | Ringe \\| nye <i>medlemmer</i> | 2025 |

## Status 2025

- **1.1** gjennomført — ferdig <img src=x onerror=alert(1)>
"""


@pytest.fixture
def plan(write):
    return write("plan.md", PLAN)


def one_line_error(result, *words):
    assert result.code == 2 and "Traceback" not in result.err, result
    line = result.err.strip()
    assert "\n" not in line, line
    for word in words:
        assert word in line, line


def test_include_cannot_follow_a_symlink_out_of_the_folder(cli, plan, write, tmp_path):
    secret = write("hemmelig/nøkkel.txt", "HEMMELIG-INNHOLD\n")
    folder = tmp_path / "maler"
    folder.mkdir()
    os.symlink(secret, folder / "lenke.txt")
    template = folder / "mal.md.j2"
    template.write_text('{% include "lenke.txt" %}\n', encoding="utf-8")
    result = cli("report", "2025", str(plan), "--template", str(template))
    assert "HEMMELIG-INNHOLD" not in result.out + result.err
    one_line_error(result, "lenke.txt")
    (folder / "egen.txt").write_text("EGEN\n", encoding="utf-8")  # a real file beside it is fine
    template.write_text('{% include "egen.txt" %}', encoding="utf-8")
    assert cli("report", "2025", str(plan), "--template", str(template)).out == "EGEN\n"


def test_include_of_a_fifo_does_not_block(cli, plan, tmp_path):
    os.mkfifo(tmp_path / "rør.txt")
    template = tmp_path / "mal.md.j2"
    template.write_text('{% include "rør.txt" %}', encoding="utf-8")
    one_line_error(cli("report", "2025", str(plan), "--template", str(template)), "rør.txt")


@pytest.mark.parametrize("body, words", [
    ("{{ 1 / 0 }}", ["mal.md.j2:3", "division"]),
    ("{{ rapporter[0].finnes_ikke.heller_ikke }}", ["mal.md.j2:3"]),
    ("{{ finnes_ikke() }}", ["mal.md.j2:3", "finnes_ikke"]),
    ("{% for r in rapporter %}{{ r.organisasjon + 1 }}{% endfor %}", ["mal.md.j2:3"]),
])
def test_an_error_in_a_template_is_one_line_with_its_place(cli, plan, write, body, words):
    template = write("mal.md.j2", "Linje én\nLinje to\n" + body + "\n")
    one_line_error(cli("report", "2025", str(plan), "--template", str(template)), *words)


def test_an_endless_template_is_stopped(cli, plan, write, monkeypatch):
    monkeypatch.setattr(sandbox, "TEMPLATE_SECONDS", 1)
    template = write("mal.md.j2", "{% for a in range(100000) %}{% for b in range(100000) %}{% for c in "
                                  "range(100000) %}{% endfor %}{% endfor %}{% endfor %}")
    one_line_error(cli("report", "2025", str(plan), "--template", str(template)), "sekund")


@pytest.mark.parametrize("body", ["{{ 'x' * 10 ** 10 }}", "{{ 'x' | center(10 ** 10) }}",
                                  "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                  "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}"])
def test_a_template_that_eats_memory_is_stopped(cli, plan, write, monkeypatch, body):
    monkeypatch.setattr(sandbox, "TEMPLATE_MEMORY", 200 * 1024 * 1024)
    template = write("mal.md.j2", body)
    one_line_error(cli("report", "2025", str(plan), "--template", str(template)), "minne")


def test_a_template_that_writes_without_end_is_cut_off(cli, plan, write, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_BYTES", 1024 * 1024)
    template = write("mal.md.j2", "{% for a in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    one_line_error(cli("report", "2025", str(plan), "--template", str(template)), "MB")


def structure(markdown: str) -> tuple[list[str], list[str], list[int]]:
    """Headings, raw HTML, and the number of cells in each table row, as a Markdown renderer sees them."""
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    html = [t.content for t in tokens if t.type == "html_block"]
    html += [c.content for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "html_inline"]
    rows, cells = [], 0
    for t in tokens:
        if t.type == "tr_open":
            cells = 0
        elif t.type in ("td_open", "th_open"):
            cells += 1
        elif t.type == "tr_close":
            rows.append(cells)
    return headings, html, rows


def test_plan_text_cannot_become_markdown_structure(cli, plan):
    report = cli("report", "2025", str(plan)).out
    headings, html, rows = structure(report)
    assert not any(h.startswith("Injisert") for h in headings), headings
    assert html == [] and len(set(rows[:4])) == 1 and len(set(rows[4:])) == 1, (html, rows)
    assert "Årsmøtet \\| ekstra celle" in report
    status = cli("status", "--year", "2025", "--format", "md", str(plan)).out
    headings, html, rows = structure(status)
    assert not any(h.startswith("Injisert") for h in headings) and html == [] and len(set(rows)) == 1, status
