"""`arbeidsplan import` of a Markdown file: its headings, lists and tables are read as the Word reader reads a
document's (goals, sub-goals and measures come out, nothing is escaped), and a file that is already a plan in
the format is refused with one line that points to `arbeidsplan check`. What import says on the terminal follows
--lang; what it writes into the plan (the `merknad`) is in the plan's language."""

from __future__ import annotations

import pytest

from arbeidsplan import load_plan
from conftest import PLANS, REPO

KILDER = REPO.parent / "shared" / "kilder"
needs_sources = pytest.mark.skipif(not KILDER.is_dir(), reason=f"the source documents are not at {KILDER}")

GENERIC = """# Hamar SV – Arbeidsplan 2026–2029

Vedtatt av årsmøtet i lokallaget.

## Mål 1: Flere aktive medlemmer

Vi vil at flere medlemmer skal være **aktive** i laget.

### Delmål

a) Øke andelen aktive medlemmer

### Tiltak

- Ringe alle nye medlemmer innen en måned
- Holde medlemsmøte hver måned
* Lage en velkomstpakke

## Mål 2: Synlig i lokalpolitikken

### Tiltak

1. Stå på stand før hvert kommunestyremøte
2. Skrive leserinnlegg

| Nr | Tiltak | Tidsrom | Ansvar |
| --- | --- | --- | --- |
| 2.3 | Arrangere folkemøte om skole | 2027 | Styret |
"""


def _measures(plan) -> dict[str, tuple]:
    return {m.id: (chain[-1].id, m.text, m.timing_text, m.responsible) for chain, m in plan.measures_with_parents()}


def test_a_markdown_plan_without_front_matter_is_read_by_its_headings_lists_and_table(cli, tmp_path):
    source = tmp_path / "generic.md"
    source.write_text(GENERIC, encoding="utf-8")
    out = tmp_path / "plan.md"
    result = cli("import", str(source), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert "2 mål, 1 delmål og 6 tiltak" in result.err
    assert "ukjent oppbygning" not in result.err and "sett inn overskrifter" not in result.err
    written = out.read_text(encoding="utf-8")
    assert "\\#" not in written and "\\|" not in written
    plan, found = load_plan(out)
    assert plan is not None and [d.code for d in found if d.severity.value == "error"] == []
    assert [(g.id, g.title) for g in plan.goals] == [("1", "Flere aktive medlemmer"), ("2", "Synlig i lokalpolitikken")]
    assert _measures(plan) == {
        "1.1": ("1", "Ringe alle nye medlemmer innen en måned", None, None),
        "1.2": ("1", "Holde medlemsmøte hver måned", None, None),
        "1.3": ("1", "Lage en velkomstpakke", None, None),
        "2.1": ("2", "Stå på stand før hvert kommunestyremøte", None, None),
        "2.2": ("2", "Skrive leserinnlegg", None, None),
        "2.3": ("2", "Arrangere folkemøte om skole", "2027", "Styret"),
    }
    assert plan.meta.organisation == "Hamar SV" and str(plan.meta.period) == "2026–2029"


def test_pandoc_output_of_a_word_plan_bold_labels_wrapped_items_struck_text_and_links(cli, tmp_path):
    """What pandoc makes of a Word plan: a title block, «**Tiltak:**» as a bold paragraph, items wrapped over lines,
    struck text (~~…~~, the annual meeting's revision) and a link."""
    source = tmp_path / "fra-word.md"
    source.write_text(
        "---\ntitle: Arbeidsplan for Testby SV 2025–2027\n---\n\n"
        "Mål 1: Et synlig lag\n\n**Tiltak:**\n\n"
        "-   Dele ut løpesedler på\n    torget hver lørdag\n"
        "-   Ha ~~to~~ tre medlemsmøter i året\n"
        "-   Holde [nettsiden](https://testby.sv.no) oppdatert\n\n"
        "Mål 2: Flere medlemmer\n\n**Tiltak:**\n\n*   Verve 20 nye medlemmer\n",
        encoding="utf-8")
    out = tmp_path / "plan.md"
    result = cli("import", str(source), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    plan, _found = load_plan(out)
    assert plan is not None
    assert plan.meta.organisation == "Testby SV" and str(plan.meta.period) == "2025–2027"
    assert {k: v[1] for k, v in _measures(plan).items()} == {
        "1.1": "Dele ut løpesedler på torget hver lørdag",
        "1.2": "Ha ~~to~~ tre medlemsmøter i året",
        "1.3": "Holde [nettsiden](https://testby.sv.no) oppdatert",
        "2.1": "Verve 20 nye medlemmer",
    }
    assert "«~~to~~»" in result.err  # the revision mark is reported, as for Word
    assert "title: Arbeidsplan for Testby SV 2025–2027" in out.read_text(encoding="utf-8")  # nothing dropped


def test_a_plan_already_in_the_format_is_refused_with_one_line_and_nothing_written(cli, tmp_path):
    out = tmp_path / "x.md"
    plan = PLANS / "innlandet" / "2025-2028.md"
    result = cli("import", str(plan), "-o", str(out))
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert f"arbeidsplan check {plan}" in result.err
    assert not out.exists() and result.out == ""


def test_a_plan_whose_front_matter_is_broken_is_still_refused(cli, tmp_path):
    """Front matter naming the plan's keys marks a plan even when its YAML cannot be read: check says what is
    wrong, import would only turn the front matter into a paragraph."""
    source = tmp_path / "plan.md"
    source.write_text("---\norganisasjon: Testby SV\nnivå: [lokallag\nperiode: 2026-2029\n---\n\n"
                      "## Mål 1: Noe\n\n- **1.1** Et tiltak\n", encoding="utf-8")
    result = cli("import", str(source), "-o", str(tmp_path / "ny.md"))
    assert result.code == 2 and "arbeidsplan check" in result.err
    assert not (tmp_path / "ny.md").exists()


def test_front_matter_without_the_plan_keys_is_not_a_plan(cli, tmp_path):
    """A near miss: pandoc's title block is front matter too, but not a plan's; the file is imported."""
    source = tmp_path / "notat.md"
    source.write_text("---\ntitle: Notat\nauthor: Styret\n---\n\n" + GENERIC, encoding="utf-8")
    result = cli("import", str(source), "--level", "lokallag")
    assert result.code == 0, result.err
    assert "2 mål, 1 delmål og 6 tiltak" in result.err


@needs_sources
def test_english_import_messages_name_what_was_removed_in_english(cli, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")  # what --lang sets (entry.py), in this process
    result = cli("import", str(KILDER / "innlandet-sv-2025-2028.txt"))
    removed = next(line for line in result.err.splitlines() if line.startswith("Removed from the extract"))
    assert "line numbers" in removed and "table-of-contents lines" in removed
    assert "linjenummer" not in removed and "innholdsfortegnelse" not in removed


@needs_sources
def test_nynorsk_import_messages_name_what_was_removed_in_nynorsk(cli, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    result = cli("import", str(KILDER / "innlandet-sv-2025-2028.txt"))
    removed = next(line for line in result.err.splitlines() if line.startswith("Fjerna frå uttrekket"))
    assert "linjer i innhaldslista" in removed and "innholdsfortegnelse" not in removed


def test_english_import_writes_a_bokmål_note_into_a_bokmål_plan(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    source = tmp_path / "generic.md"
    source.write_text(GENERIC, encoding="utf-8")
    out = tmp_path / "plan.md"
    result = cli("import", str(source), "--level", "lokallag", "-o", str(out))
    assert result.code == 0, result.err
    assert "had no id in the document" in result.err  # the terminal follows --lang
    plan, _found = load_plan(out)
    assert plan is not None and plan.meta.language == "bokmål"
    assert plan.meta.note is not None and plan.meta.note.startswith("Kilden har ingen id-er for 5 tiltak")


@needs_sources
def test_an_extract_saved_as_md_is_read_as_the_text_it_is(cli, tmp_path):
    """A near miss: Innlandet's extract (tab-separated tables, «1.» headings) renamed to .md uses no Markdown;
    read as Markdown its rows would be code blocks and its headings list items. It imports as the .txt does."""
    source = tmp_path / "innlandet.md"
    source.write_bytes((KILDER / "innlandet-sv-2025-2028.txt").read_bytes())
    as_md = cli("import", str(source))
    as_txt = cli("import", str(KILDER / "innlandet-sv-2025-2028.txt"))
    assert as_md.code == as_txt.code
    assert "8 mål, 7 delmål og 49 tiltak" in as_md.err and "8 mål, 7 delmål og 49 tiltak" in as_txt.err
    assert as_md.out.replace("innlandet.md", "X") == as_txt.out.replace("innlandet-sv-2025-2028.txt", "X")


NYNORSK = """# Arbeidsplan for Elvedal SV

## Mål 1: Fleire aktive medlemar

Vi vil at fleire skal vere med, og at ingen medlemar blir verande utan kontakt.

### Tiltak

- Ringje alle nye medlemar innan to veker, slik at dei ikkje blir gløymde.
- Halde eit medlemsmøte kvar månad, med noko å ete.
- Lage ein plan for korleis vi tek imot nye.

## Mål 2: Synlege i heile kommunen

### Tiltak

- Stå på stand saman med SU kvar vår.
- Skrive lesarinnlegg om saker frå kommunestyret.
"""


def test_a_document_written_in_nynorsk_becomes_a_nynorsk_plan(cli, tmp_path):
    """The plan's language is read from the document's telling words (ikkje, frå, fleire …): `språk: nynorsk`
    is written, with where it was read from, and the plan's note is in nynorsk; a bokmål document gets none."""
    (tmp_path / "nn.md").write_text(NYNORSK, encoding="utf-8")
    result = cli("import", tmp_path / "nn.md", "--level", "lokallag", "--org", "Elvedal SV", "--period", "2025-2028",
                 "-o", tmp_path / "nn-plan.md")
    assert result.code == 0, result.err
    written = (tmp_path / "nn-plan.md").read_text(encoding="utf-8")
    assert "\nspråk: nynorsk\n" in written and "Kjelda har ingen id-ar" in written
    assert "språk: nynorsk (fra «" in result.out + result.err
    bokmal = (NYNORSK.replace("Fleire aktive medlemar", "Flere aktive medlemmer").replace("fleire", "flere")
              .replace("vere", "være").replace("medlemar", "medlemmer").replace("ikkje", "ikke")
              .replace("dei ", "de ").replace("eit ", "et ").replace("noko", "noe").replace("korleis", "hvordan")
              .replace("saman", "sammen").replace("frå", "fra").replace("heile", "hele"))
    (tmp_path / "nb.md").write_text(bokmal, encoding="utf-8")
    cli("import", tmp_path / "nb.md", "--level", "lokallag", "--org", "Elvedal SV", "--period", "2025-2028",
        "-o", tmp_path / "nb-plan.md")
    assert "språk:" not in (tmp_path / "nb-plan.md").read_text(encoding="utf-8")
