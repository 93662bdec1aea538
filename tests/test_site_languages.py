"""The site says status words in its own language (the interface's: --lang / ARBEIDSPLAN_LANG), while the CSS
classes and the filter's values stay the same in every language."""

from __future__ import annotations

import re

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
    assert (f'<span class="status st-utsatt this-year">2026: {postponed}</span>\n'
            '<span class="note muted">LO ønsker møte etter tariffoppgjøret</span>') in item
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


@pytest.mark.parametrize("lang, left_out", [
    ("nb", "Historikken er utelatt (--no-history)."),
    ("nn", "Historikken er utelaten (--no-history)."),
    ("en", "The history was left out (--no-history)."),
])
def test_no_history_says_it_was_left_out(tmp_path, monkeypatch, lang, left_out):
    """The plans here are in git: --no-history leaves their history out, it does not find them outside git."""
    site = _build(tmp_path, monkeypatch, lang)
    history = (site / "plan" / "innlandet-2025-2028.html").read_text(encoding="utf-8").split('id="historikk"')[1]
    assert left_out in history


def test_the_english_site_names_the_levels_in_english_and_filters_by_the_same_values(tmp_path, monkeypatch):
    """From the trial: the English site said «fylkeslag», «lokallag» and «nasjonalt» in its tables and in the
    Level filter. The words are English; the filter's values (and so its data) stay the data's words."""
    site = _build(tmp_path, monkeypatch, "en")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<option value="fylkeslag">county branch</option>' in index
    assert '<option value="lokallag">local branch</option>' in index
    assert 'data-level="fylkeslag"' in index
    assert "<td>local branch</td>" in index  # the «To» column of a requirement asked of the local branches
    level = r"(?:nasjonalt|fylkeslag|lokallag)"
    for page in [index, *(p.read_text(encoding="utf-8") for p in site.rglob("*/*.html"))]:
        # a level alone in a cell, an option, or «for …» (the plans' own text says «Alle lokallag skal …»)
        assert not re.search(rf"<td>{level}(?:, {level})*</td>|>{level}</option>|\(for {level}\)", page)
    innlandet = (site / "plan" / "innlandet-2025-2028.html").read_text(encoding="utf-8")
    assert "<td>county branch</td>" in innlandet and "(for county branch)" in innlandet


@pytest.mark.parametrize("lang, point", [("nb", ","), ("nn", ","), ("en", ".")])
def test_scores_have_the_languages_decimal_sign(tmp_path, monkeypatch, lang, point):
    """From the trial: «0.38» on a Norwegian page; Norwegian writes «0,38»."""
    site = _build(tmp_path, monkeypatch, lang)
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    scores = re.findall(r"\((?:\w+ )?\d[.,]\d\d\)", pages)  # «(0,38)» on a plan, «(skår 0,38)» on a requirement
    assert scores and all(point in s for s in scores), scores[:5]
