"""Meeting papers read back as a new user reads them: the PDF's page line names the plan of that page in a report
of several plans, ids stay whole in the id column, and the summary line reads naturally in each language."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from conftest import PLANS, header

INNLANDET = PLANS / "innlandet" / "2025-2028.md"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18


def _pages(path: Path) -> list[list[str]]:
    return [[line.strip() for line in page.extract_text().splitlines() if line.strip()]
            for page in PdfReader(str(path)).pages]


def _whole(ident: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(ident)}(?![\w.])", text) is not None


@pytest.fixture(scope="module")
def report_en(tmp_path_factory):
    """`arbeidsplan report 2026 plans/ --lang en -o …` as PDF and Word, the new user's commands, run once."""
    folder = tmp_path_factory.mktemp("papers")
    for suffix in ("pdf", "docx"):
        done = subprocess.run([sys.executable, "-m", "arbeidsplan", "report", "2026", str(PLANS), "--lang", "en",
                               "-o", str(folder / f"rapport-en.{suffix}")], capture_output=True, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"})
        assert done.returncode == 0, done.stderr
    return folder / "rapport-en.pdf", folder / "rapport-en.docx"


def test_each_pdf_page_line_names_the_plan_of_that_page(report_en):
    pdf, _ = report_en
    pages = _pages(pdf)
    plan, seen = "", []
    for number, lines in enumerate(pages, start=1):
        if lines[0].startswith("Annual report 2026 – "):  # a plan starts on this page: its title comes first
            plan = lines[0]
            seen.append(plan)
        assert lines[-1] == f"page {number}", lines[-3:]
        assert lines[-2] == plan, (number, lines[-2], plan)
    # Every plan of plans/ in the report, each named on its own pages, not the first one's name on all.
    assert {"Annual report 2026 – Innlandet SV", "Annual report 2026 – SV",
            "Annual report 2026 – Bergen SV"} <= set(seen)
    assert len(pages) > len(seen)  # some plan runs over several pages, and its later pages keep its name
    assert PdfReader(str(pdf)).metadata.title == "Annual report 2026"  # the paper as a whole: no one plan


def test_word_report_of_several_plans_names_no_one_plan_for_all(report_en):
    _, docx = report_en
    doc = Document(str(docx))
    assert doc.core_properties.title == "Annual report 2026"
    headers = [p.text for s in doc.sections for p in s.header.paragraphs]
    assert not any("Innlandet" in h or "Bergen" in h for h in headers), headers
    titles = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert "Annual report 2026 – Innlandet SV" in titles and "Annual report 2026 – Bergen SV" in titles


def test_ids_stay_whole_in_the_report_pdfs_measure_tables(report_en):
    pdf, _ = report_en
    text = "\n".join("\n".join(lines) for lines in _pages(pdf))
    # The tables only: from each plan's «Measures by goal» to its «Not reported» list (which names ids too).
    tables = "\n".join(part.split("\nNot reported\n")[0] for part in text.split("\nMeasures by goal\n")[1:])
    # (The national plan's report holds its own measures, 1.S1 …: its «Fylkeslagas rolle» is the county branches'.)
    for ident in ("1.1a", "2.3d", "1.S1", "2.1.1a", "2.S4"):
        assert _whole(ident, tables), ident


def _measure_ids(node: object) -> list[str]:
    if isinstance(node, dict):
        measures = node.get("tiltak")
        own = [t["id"] for t in measures if isinstance(t, dict)] if isinstance(measures, list) else []
        return own + [i for v in node.values() for i in _measure_ids(v)]
    if isinstance(node, list):
        return [i for v in node for i in _measure_ids(v)]
    return []


@pytest.mark.parametrize("plan, some", [(INNLANDET, {"1.1a", "2.3d", "2.1.1a"}),
                                        (PLANS / "landsstyret" / "2026-2029.md", {"1.F1", "2.F1"})])
def test_every_id_of_a_plan_stays_whole_in_show_pdf(cli, tmp_path, plan, some):
    target = tmp_path / "x.pdf"
    assert cli("show", str(plan), "-o", str(target)).code == 0
    text = "\n".join("\n".join(lines) for lines in _pages(target))
    ids = set(_measure_ids(json.loads(cli("show", str(plan), "--format", "json").out)))
    assert some <= ids
    assert sorted(i for i in ids if not _whole(i, text)) == []


@pytest.mark.parametrize("lang, line", [
    ("en", "0 of 37 measures planned this year are done (0%)"),
    ("nn", "0 av 37 tiltak planlagde i år er gjennomførte (0 %)"),
    ("nb", "0 av 37 tiltak planlagt i år er gjennomført (0 %)"),
])
def test_the_summary_line_reads_naturally_in_every_format(cli, tmp_path, lang, line):
    for suffix in ("pdf", "docx", "html"):
        target = tmp_path / f"r.{suffix}"
        assert cli("report", "2026", str(INNLANDET), "--lang", lang, "-o", str(target)).code == 0
        if suffix == "pdf":
            text = "\n".join(" ".join(lines) for lines in _pages(target))
        elif suffix == "docx":
            text = "\n".join(p.text for p in Document(str(target)).paragraphs)
        else:
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", target.read_text(encoding="utf-8")))
        assert line in text, (suffix, lang)
        assert "0 / 37" not in text and "of the measures" not in text


def test_one_planned_measure_is_said_in_the_singular(cli, write, tmp_path):
    plan = write("lag/plan.md", header() + """
# Plan

## Mål 1: Flere medlemmer

### Tiltak

- **1.1** Verve medlemmer.
  - når: 2026

## Status 2026

- **1.1** gjennomført
""")
    target = tmp_path / "r.pdf"
    assert cli("report", "2026", str(plan), "--lang", "en", "-o", str(target)).code == 0
    text = " ".join(" ".join(lines) for lines in _pages(target))
    assert "1 of 1 measure planned this year is done (100%)" in text
    html = tmp_path / "r.html"
    assert cli("report", "2026", str(plan), "--lang", "nn", "-o", str(html)).code == 0
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.read_text(encoding="utf-8")))
    assert "1 av 1 tiltak planlagt i år er gjennomført (100 %)" in text


def test_the_colophon_never_stands_alone_on_the_last_page(tmp_path):
    """From a new-user trial: Innlandet's 2026 report as PDF had a sixth page with only «Laget med arbeidsplan, …»
    on it, after the list of the year's changes had filled the fifth. Whatever the length of the last list, the
    colophon goes with its last line."""
    from arbeidsplan.render import pdf
    from arbeidsplan.render.paper import Bullets, Footer, Heading, Paper

    colophon = "Laget med arbeidsplan, 18. november 2026 · plans/innlandet/2025-2028.md"
    alone = []
    for n in range(30, 75):
        paper = Paper("Årsrapport 2026 – Innlandet SV", [
            Heading(1, "Årsrapport 2026 – Innlandet SV"), Heading(2, "Endringer i planen i år"),
            Bullets([[(f"Lagt til tiltak 2.{k}: Ringe alle nye medlemmer innen to uker", "")] for k in range(n)]),
            Footer(colophon)])
        target = tmp_path / f"rapport-{n}.pdf"
        target.write_bytes(pdf.render(paper))
        last = _pages(target)[-1]
        if not any("Lagt til tiltak" in line for line in last):
            alone.append(n)
    assert alone == []
