"""What two new users met in a trial (the party office's adviser and a nynorsk local branch's secretary), each
as that user's case. Every organisation here is fictional."""

from __future__ import annotations

from conftest import PLANS


def test_a_draft_made_in_nynorsk_says_it_is_nynorsk_so_its_report_is_in_nynorsk(cli, monkeypatch, tmp_path):
    """The secretary of the fictional Fjellvik SV works in nynorsk: `new` wrote «Heile perioden» and a nynorsk
    introduction, but no `språk: nynorsk`, so the annual report of the same plan came out in bokmål."""
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    plan = tmp_path / "plans" / "vestland" / "fjellvik" / "2026-2029.md"
    made = cli("new", "--level", "lokallag", "--org", "Fjellvik SV", "--parent",
               str(PLANS / "landsstyret/2026-2029.md"), "-o", str(plan))
    assert made.code == 0
    text = plan.read_text(encoding="utf-8")
    front_matter = text.split("\n---\n")[0] + "\n"
    assert "\nspråk: nynorsk\n" in front_matter
    assert "  - svarar på: 1.L1" in text and "Svarar på: 1\n" in text and "svarer på" not in text.lower()
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nb")  # the report follows the plan, not the machine
    report = cli("report", "2026", str(plan))
    assert "## Samandrag" in report.out and "Sammendrag" not in report.out


def test_a_draft_made_in_bokmål_or_english_is_a_bokmål_plan_as_before(cli, monkeypatch, tmp_path):
    for lang in ("nb", "en"):
        monkeypatch.setenv("ARBEIDSPLAN_LANG", lang)
        plan = tmp_path / lang / "2026-2029.md"
        assert cli("new", "--level", "lokallag", "--org", "Fjellvik SV", "--parent",
                   str(PLANS / "landsstyret/2026-2029.md"), "-o", str(plan)).code == 0
        text = plan.read_text(encoding="utf-8")
        assert "språk:" not in text and "  - svarer på: 1.L1" in text and "Svarer på: 1\n" in text

