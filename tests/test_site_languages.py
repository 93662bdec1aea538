"""The site says status words in its own language (the interface's: --lang / ARBEIDSPLAN_LANG), while the CSS
classes and the filter's values stay the same in every language."""

from __future__ import annotations

import pytest

from conftest import REPO

EXAMPLE = REPO / "examples" / "eksempelby" / "2024-2027.md"
INNLANDET = REPO / "plans" / "innlandet" / "2025-2028.md"


def _build(tmp_path, monkeypatch, lang: str):
    from typer.testing import CliRunner

    from arbeidsplan.cli import app

    monkeypatch.setenv("ARBEIDSPLAN_LANG", lang)
    out = tmp_path / lang
    result = CliRunner().invoke(app, ["site", str(REPO / "plans"), str(EXAMPLE), "-o", str(out), "--year", "2026",
                                      "--no-history"])
    assert result.exit_code in (0, 1), result.output
    return out


def _measure(page: str, ident: str) -> str:
    return page.split(f'id="punkt-{ident}"')[1].split("</li>")[0]


@pytest.mark.parametrize("lang, postponed, unscheduled, done", [
    ("nb", "utsatt", "ikke planlagt", "gjennomført"),
    ("nn", "utsett", "ikkje planlagt", "gjennomført"),
    ("en", "postponed", "not planned", "done"),
])
def test_status_words_in_the_sites_language(tmp_path, monkeypatch, lang, postponed, unscheduled, done):
    site = _build(tmp_path, monkeypatch, lang)
    example = (site / "plan" / "examples-eksempelby-2024-2027.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in example
    item = _measure(example, "1.4")  # postponed in 2026
    assert (f'<span class="status st-utsatt this-year" title="LO ønsker møte etter tariffoppgjøret">'
            f"2026: {postponed}") in item
    year_row = example.split('<tr class="this-year">')[1].split("</tr>")[0]
    assert f'<span class="status st-gjennomfort">{done} 5</span>' in year_row
    assert f"<title>{done}: 5</title>" in year_row
    assert f'<option value="utsatt">{postponed}</option>' in example
    assert f'<option value="uplanlagt">{unscheduled}</option>' in example
    innlandet = (site / "plan" / "innlandet-2025-2028.html").read_text(encoding="utf-8")
    item = _measure(innlandet, "1a")  # for 2025: not planned in 2026, and not called «carried over»
    assert f"2026: {unscheduled}</span>" in item and "(" not in item.split("2026:")[1].split("</span>")[0]


def test_no_bokmål_status_word_on_the_english_site(tmp_path, monkeypatch):
    site = _build(tmp_path, monkeypatch, "en")
    example = (site / "plan" / "examples-eksempelby-2024-2027.html").read_text(encoding="utf-8")
    statuses = [part.split("</span>")[0] for part in example.split('class="status ')[1:]]
    shown = [s.split(">", 1)[1] for s in statuses]
    for word in ("gjennomført", "i gang", "utsatt", "ikke rapportert", "ikke planlagt", "planlagt"):
        assert not [s for s in shown if word in s], (word, shown)
