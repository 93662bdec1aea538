"""A golden report per language: the fictional example's yearly report in nynorsk (the plan's `språk: nynorsk`)
and in English (`report --lang en`), Markdown and HTML, and no bokmål from the tool in either."""

from __future__ import annotations

import re
import shutil

import pytest

from arbeidsplan.locale import nb
from conftest import REPO, golden

EXAMPLE = "examples/eksempelby/2024-2027.md"
# The tool's own words in a report: its headings, column names, status words and the like.
REPORT_KEYS = [k for k in nb.NB if k.startswith(("report.", "word.", "label.")) and "{" not in str(nb.NB[k])]
NB_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember"]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18


@pytest.fixture
def example(tmp_path):
    """The example and the national plans outside any git repository; `språk` set in the example's front
    matter when asked."""

    def copy(language: str | None = None):
        for rel in (EXAMPLE, "plans/landsstyret/2022-2025.md", "plans/landsstyret/2026-2029.md"):
            target = tmp_path / "kopi" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / rel, target)
        if language:
            plan = tmp_path / "kopi" / EXAMPLE
            text = plan.read_text(encoding="utf-8")
            assert "\nnivå: lokallag\n" in text
            plan.write_text(text.replace("\nnivå: lokallag\n", f"\nnivå: lokallag\nspråk: {language}\n", 1),
                            encoding="utf-8")
        return tmp_path / "kopi"

    return copy


def _bokmål_leaks(report: str, plan_text: str, other: dict[str, object]) -> list[str]:
    """Bokmål texts of the tool (where the other language says it differently) found in the report, leaving
    out what the plan itself says (its measures are written in bokmål)."""
    leaks = []
    for key in REPORT_KEYS:
        ours, theirs = str(nb.NB[key]), str(other.get(key, ""))
        if len(ours) < 4 or ours.lower() == theirs.lower() or ours.lower() in plan_text.lower():
            continue
        if re.search(r"(?<!\w)" + re.escape(ours) + r"(?!\w)", report, re.IGNORECASE):
            leaks.append(f"{key}: {ours}")
    return leaks


def _report(cli, folder, *args: str) -> tuple[str, str]:
    md = cli("report", "2026", EXAMPLE, *args, cwd=folder)
    assert md.code == 0, md.err
    target = folder / "rapport.html"
    html = cli("report", "2026", EXAMPLE, *args, "-o", str(target), cwd=folder)
    assert html.code == 0, html.err
    return md.out, target.read_text(encoding="utf-8")


def test_nynorsk_report_from_the_plans_own_language(cli, example):
    from arbeidsplan.locale import nn

    folder = example("nynorsk")
    md, html = _report(cli, folder)
    plan_text = (folder / EXAMPLE).read_text(encoding="utf-8")
    assert md.startswith("# Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)\n")
    assert "| Vedteke | 27. januar 2024, Årsmøtet i Eksempelby SV |" in md
    assert "## Ikkje rapportert\n" in md and "| utsett |" in md
    assert "*Laga med arbeidsplan, 18. november 2026." in md
    assert '<html lang="nn">' in html and '<span class="status utsatt">utsett</span>' in html
    assert "5 av 9</span>\n  <span class=\"muted\">tiltak planlagde i år er gjennomførte (56 %)" in html
    for text in (md, html):
        assert _bokmål_leaks(text, plan_text, nn.NN) == []
    golden("rapport-eksempel-2026.nn.md", md)
    golden("rapport-eksempel-2026.nn.html", html)


def test_english_report_asked_for_with_lang(cli, example):
    from arbeidsplan.locale import en

    folder = example()
    md, html = _report(cli, folder, "--lang", "en")
    plan_text = (folder / EXAMPLE).read_text(encoding="utf-8")
    assert md.startswith("# Annual report 2026 – Eksempelby SV (fiktivt lokallag)\n")
    assert "| Adopted | 27 January 2024, Årsmøtet i Eksempelby SV |" in md
    assert "### Goal 1 Snakke med flest mulig i Eksempelby (2/4)" in md
    assert "## Not reported\n" in md and "| postponed |" in md
    assert "*Made with arbeidsplan, 18 November 2026." in md
    assert '<html lang="en">' in html and '<span class="status utsatt">postponed</span>' in html
    assert "5 of 9</span>\n  <span class=\"muted\">measures planned this year are done (56%)" in html
    for text in (md, html):
        assert _bokmål_leaks(text, plan_text, en.EN) == []
        assert [m for m in NB_MONTHS if re.search(rf"\b{m}\b", text) and m not in plan_text.lower()] == []
    golden("rapport-eksempel-2026.en.md", md)
    golden("rapport-eksempel-2026.en.html", html)


def test_lang_overrides_the_plans_own_language(cli, example):
    md = cli("report", "2026", EXAMPLE, "--lang", "nb", cwd=example("nynorsk"))
    assert md.code == 0 and "## Ikke rapportert\n" in md.out and "Ikkje" not in md.out


def test_an_unknown_report_language_is_one_line_and_exit_2(cli, example):
    result = cli("report", "2026", EXAMPLE, "--lang", "tysk", cwd=example())
    assert result.code == 2 and result.out == ""
    assert result.err == "arbeidsplan: ukjent språk for rapporten «tysk»; bruk en av: nb, nn, en\n"


def test_word_report_in_english_says_the_status_words_in_english(cli, example, tmp_path):
    from docx import Document

    target = tmp_path / "annual-report.docx"
    result = cli("report", "2026", EXAMPLE, "--lang", "en", "-o", str(target), cwd=example())
    assert result.code == 0, result.err
    doc = Document(str(target))
    paragraphs = [p.text for p in doc.paragraphs]
    legend = "■ done 5    ■ in progress 2    ■ postponed 1    ■ not reported 1"
    assert any(p.startswith(legend) for p in paragraphs), paragraphs
    assert "Goal 1 Snakke med flest mulig i Eksempelby (2/4)" in paragraphs
    statuses = [row.cells[-1].text for table in doc.tables for row in table.rows[1:] if len(row.cells) == 5]
    assert set(statuses) == {"done", "in progress", "postponed", "not reported"}, statuses


def test_pdf_report_in_the_plans_nynorsk(cli, example, tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "rapport.pdf"
    result = cli("report", "2026", EXAMPLE, "-o", str(target), cwd=example("nynorsk"))
    assert result.code == 0, result.err
    text = "\n".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "side 1" in text and "Samandrag" in text and "Vedteke" in text
    assert "utsett" in text and "ikkje rapportert" in text
    assert "utsatt" not in text and "ikke rapportert" not in text and "Laget med" not in text


def test_show_as_word_says_the_status_words_in_the_interface_language(cli, example, tmp_path, monkeypatch):
    from docx import Document

    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    target = tmp_path / "plan.docx"
    result = cli("show", EXAMPLE, "-o", str(target), cwd=example())
    assert result.code == 0, result.err
    # The measure tables (the facts table above them quotes the plan's own revision notes, in its own words)
    cells = [cell.text for table in Document(str(target)).tables if table.rows[0].cells[0].text == "ID"
             for row in table.rows for cell in row.cells]
    measure_14 = next(c for c in cells if c.startswith("Ta kontakt med LO"))
    assert "2026: postponed – LO ønsker møte etter tariffoppgjøret" in measure_14, measure_14
    assert not [c for c in cells if "utsatt" in c or "gjennomført" in c]


def _second_plan(folder, language: str | None) -> str:
    """A copy of the example as a second lag's plan, in `language` when given."""
    other = "examples/annetlag/2024-2027.md"
    text = (folder / EXAMPLE).read_text(encoding="utf-8").replace("Eksempelby SV", "Annetlag SV")
    text = re.sub(r"\nspråk: \w+\n", "\n", text)
    if language:
        text = text.replace("\nnivå: lokallag\n", f"\nnivå: lokallag\nspråk: {language}\n", 1)
    (folder / other).parent.mkdir(parents=True, exist_ok=True)
    (folder / other).write_text(text, encoding="utf-8")
    return other


def test_a_report_of_several_plans_writes_each_plans_part_in_its_own_language(cli, example, tmp_path):
    """From a new-user trial: a county's report of its lag wrote the nynorsk lag's part in bokmål, while the same
    plan's own report was in nynorsk."""
    from docx import Document

    folder = example("nynorsk")
    bokmål = _second_plan(folder, None)
    md = cli("report", "2026", EXAMPLE, bokmål, cwd=folder)
    assert md.code == 0, md.err
    parts = md.out.split("# Årsrapport 2026 – ")[1:]
    nynorsk_part = next(p for p in parts if p.startswith("Eksempelby"))
    bokmål_part = next(p for p in parts if p.startswith("Annetlag"))
    assert "## Samandrag" in nynorsk_part and "| utsett |" in nynorsk_part and "## Ikkje rapportert" in nynorsk_part
    assert "## Sammendrag" in bokmål_part and "| utsatt |" in bokmål_part and "Samandrag" not in bokmål_part
    target = tmp_path / "fylke.docx"
    assert cli("report", "2026", EXAMPLE, bokmål, "-o", str(target), cwd=folder).code == 0
    headings = [p.text for p in Document(str(target)).paragraphs if p.style.name.startswith("Heading")]
    assert headings.count("Samandrag") == 1 and headings.count("Sammendrag") == 1, headings


def test_near_miss_lang_makes_every_part_one_language(cli, example):
    folder = example("nynorsk")
    md = cli("report", "2026", EXAMPLE, _second_plan(folder, None), "--lang", "en", cwd=folder)
    assert md.out.count("## Summary") == 2 and "Samandrag" not in md.out and "Sammendrag" not in md.out


def test_the_years_changes_in_a_nynorsk_plans_report_are_in_nynorsk(cli, tmp_path):
    """From a new-user trial: the report of a nynorsk plan had nynorsk headings but «Flyttet tiltak 2.2 fra mål 2 til
    mål 1», «Strøket tiltak 2.4» in its list of the year's changes (the command line's language)."""
    from planrepo import V2024, V2025, git

    def nynorsk(text: str) -> str:
        return text.replace("\nnivå: lokallag\n", "\nnivå: lokallag\nspråk: nynorsk\n", 1)

    root = tmp_path / "lag"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    plan = root / "plan.md"
    for text, adopted, day in ((V2024, "2024-01-27", "2024-12-01"), (V2025, "2025-01-25", "2025-01-26")):
        plan.write_text(nynorsk(text.format(adopted=adopted)), encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "Vedteke", date=f"{day}T12:00:00+01:00")
    report = cli("report", "2025", "plan.md", cwd=root)
    assert report.code == 0, report.err
    changes = report.out.split("## Endringar i planen i år")[1]
    assert "Flytta tiltak 2.2 frå mål 2 til mål 1" in changes, report.out
    assert "Flyttet" not in changes and "Strøket" not in changes


def test_lang_before_the_command_asks_for_the_report_in_that_language_too(tmp_path):
    """`arbeidsplan --lang en report …` is the same request as `report … --lang en`; without --lang (the machine's
    language, ARBEIDSPLAN_LANG) the report is in the plan's own language. A real process: --lang before the command
    is read by the console script (entry.py)."""
    import os
    import subprocess
    import sys

    def first_line(args, lang=None):
        env = {k: v for k, v in os.environ.items() if k not in ("ARBEIDSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
        env["ARBEIDSPLAN_CACHE_DIR"] = str(tmp_path / "cache")
        if lang:
            env["ARBEIDSPLAN_LANG"] = lang
        run = subprocess.run([sys.executable, "-c", "from arbeidsplan.entry import run; run()", *args], cwd=REPO,
                             capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        return run.stdout.splitlines()[0]

    before = first_line(["--lang", "en", "report", "2026", EXAMPLE])
    assert before == "# Annual report 2026 – Eksempelby SV (fiktivt lokallag)"
    assert before == first_line(["report", "2026", EXAMPLE, "--lang", "en"])
    assert first_line(["report", "2026", EXAMPLE], lang="en") == "# Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)"
