"""Only the plans above a plan whose period overlaps its own count for it (docs/format.md §10).

The county secretary's case: Innlandet's 2025–2028 plan names both national plans (its period overlaps both), so
a local plan under it for 2026–2029 was measured against the 2022–2025 national plan too, and `new` drafted goals
from it. Each test has its near miss: a 2025–2028 local plan under the same county plan counts both.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

LOCAL = """\
---
organisasjon: Hamar SV
nivå: lokallag
periode: {period}
overordnet: ../2025-2028.md
---

# Arbeidsplan for Hamar SV

## Mål 1: Flere aktive medlemmer

### Tiltak

- **1.1** Ringe alle nye medlemmer før sommeren.
"""

OLD = "landsstyret/2022-2025"
NEW = "landsstyret/2026-2029"


def local_plan(plans: Path, period: str, extra: str = "") -> Path:
    path = plans / "innlandet" / "hamar" / "2026-2029.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LOCAL.format(period=period) + textwrap.dedent(extra), encoding="utf-8")
    return path


def coverage_findings(out: str) -> list[str]:
    return [line for line in out.splitlines() if " AP60" in line]


def test_check_of_a_2026_local_plan_asks_nothing_from_the_expired_national_plan(cli, party):
    plan = local_plan(party, "2026–2029")
    found = coverage_findings(cli("check", str(plan)).out)
    assert [f for f in found if "AP601" in f and NEW in f], "the live national plan's requirements are still asked"
    assert not [f for f in found if OLD in f], found
    assert not any("AP601 kravet 2.1 fra landsstyret/2022-2025" in f for f in found)


def test_near_miss_a_2025_local_plan_under_the_same_county_plan_answers_both(cli, party):
    plan = local_plan(party, "2025–2028")
    found = coverage_findings(cli("check", str(plan)).out)
    assert any(f"{code} kravet 2.1 fra landsstyret/2022-2025" in f for f in found for code in ("AP601", "AP604")), found
    assert any("AP603" in f and OLD in f for f in found)
    assert any("AP601" in f and NEW in f for f in found)


@pytest.mark.parametrize("period, counted", [
    ("2026–2029", ["innlandet/2025-2028", NEW]),
    ("2025–2028", ["innlandet/2025-2028", OLD, NEW]),
    (None, ["innlandet/2025-2028", OLD, NEW]),  # without a period: every plan above counts, as before
])
def test_the_workspace_decides_which_plans_above_count(party, period, counted):
    from arbeidsplan.align.alignment import Aligner
    from arbeidsplan.align.links import short_name
    from arbeidsplan.read.workspace import load

    plan_path = local_plan(party, period or "x")
    if period is None:
        plan_path.write_text(plan_path.read_text(encoding="utf-8").replace("periode: x\n", ""), encoding="utf-8")
    ws = load([plan_path])
    plan = ws.plans[0]
    assert (plan.meta.period is None) == (period is None)
    assert sorted(short_name(p) for p in ws.ancestors(plan)) == sorted(counted)
    assert {short_name(al.parent) for al in Aligner(ws).align(plan)} <= set(counted)
    assert (OLD in {short_name(al.parent) for al in Aligner(ws).align(plan)}) == (OLD in counted)


def test_the_county_plan_itself_still_counts_both_national_plans(party):
    from arbeidsplan.align.links import short_name
    from arbeidsplan.read.workspace import load

    ws = load([party / "innlandet" / "2025-2028.md"])
    assert [short_name(p) for p in ws.ancestors(ws.plans[0])] == [OLD, NEW]


def test_a_named_parent_counts_even_when_its_period_does_not_overlap(write, tmp_path):
    """AP503 says the parent is wrong; the plan is still measured against what it names."""
    from arbeidsplan.read.workspace import load

    write("plans/landsstyret/2022-2025.md", """\
        ---
        organisasjon: SV
        nivå: nasjonalt
        periode: 2022–2025
        ---
        ## Hovedmål 1: Flere medlemmer i aktivitet
        ### Lokallagas rolle
        - **1.L1** Ringe alle nye medlemmer.
        """)
    plan = write("plans/lag/2026-2029.md", """\
        ---
        organisasjon: Testlaget SV
        nivå: lokallag
        periode: 2026–2029
        overordnet: ../landsstyret/2022-2025.md
        ---
        ## Mål 1: Flere aktive medlemmer
        """)
    ws = load([plan])
    assert [p.meta.organisation for p in ws.ancestors(ws.plans[0])] == ["SV"]


def drafted_goals(text: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("## Mål ")]


def test_new_drafts_no_goals_from_the_expired_national_plan(cli, party):
    from arbeidsplan.align.requirements import priorities
    from arbeidsplan.read.workspace import load_plan

    old, _ = load_plan(party / "landsstyret" / "2022-2025.md")
    new, _ = load_plan(party / "landsstyret" / "2026-2029.md")
    county, _ = load_plan(party / "innlandet" / "2025-2028.md")  # asks its local branches too (1.3b, 2.3d)
    out = party / "innlandet" / "ringsaker" / "2026-2029.md"
    result = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--period", "2026-2029",
                 "--parent", str(party / "innlandet" / "2025-2028.md"), "-o", str(out))
    assert result.code == 0, result.err
    goals = drafted_goals(out.read_text(encoding="utf-8"))
    assert goals and set(goals) <= {g.title for g in priorities(new) + priorities(county)}
    assert {"Sterke allianser", "En aktiv organisasjon"} <= set(goals)  # Innlandet's
    assert not set(goals) & {g.title for g in priorities(old)}
    assert "2022-2025" not in out.read_text(encoding="utf-8")
    assert "for 2026–2029 (fra --period)" in result.err
    # Innlandet writes 2.3d twice (a fault of the source): that one requirement's measure cannot be linked, and
    # both `new` and `check` say so instead of writing a link `check` would call ambiguous (AP504).
    assert "innlandet/2025-2028#2.3d er brukt på flere punkter i planen over" in result.err
    checked = cli("check", str(out))
    assert checked.code == 0 and "AP504" not in checked.out
    assert [line.split(": ", 1)[1].split(" (")[0] for line in checked.out.splitlines()] == [
        "AP602 kravet 2.3d fra innlandet/2025-2028"]
    assert checked.out.rstrip().endswith("bekreft med en kobling når id-en er rettet: 2.3d er brukt på flere punkter "
                                         "i innlandet/2025-2028")


def test_near_miss_a_2025_draft_under_the_same_county_plan_takes_goals_from_both(cli, party):
    from arbeidsplan.align.requirements import priorities
    from arbeidsplan.read.workspace import load_plan

    old, _ = load_plan(party / "landsstyret" / "2022-2025.md")
    result = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--period", "2025-2028",
                 "--parent", str(party / "innlandet" / "2025-2028.md"))
    assert result.code == 0, result.err
    assert "SVs folkevalgte har god oppfølging" in drafted_goals(result.out)
    assert set(drafted_goals(result.out)) & {g.title for g in priorities(old)}


def test_new_takes_the_period_from_the_file_name_and_says_so(cli, party):
    parent = str(party / "innlandet" / "2025-2028.md")
    out = party / "innlandet" / "ringsaker" / "2026-2029.md"
    result = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--parent", parent, "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "periode: 2026–2029" in text and "periode: 2025–2028" not in text
    assert "for 2026–2029 (fra filnavnet)" in result.err
    assert "2022-2025" not in text  # the period from the name decides the plans above too


def test_near_miss_a_file_name_without_a_period_keeps_the_parents(cli, party):
    parent = str(party / "innlandet" / "2025-2028.md")
    out = party / "innlandet" / "ringsaker" / "utkast.md"
    result = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--parent", parent, "-o", str(out))
    assert result.code == 0, result.err
    assert "periode: 2025–2028" in out.read_text(encoding="utf-8")
    assert "for 2025–2028 (fra den overordnede planen)" in result.err


def test_a_given_period_the_file_name_disagrees_with_is_refused_and_nothing_written(cli, party):
    parent = str(party / "innlandet" / "2025-2028.md")
    out = party / "innlandet" / "ringsaker" / "2026-2029.md"
    result = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--parent", parent, "-o", str(out),
                 "--period", "2025-2028")
    assert result.code == 2 and not out.exists()
    assert result.err.strip() == ("arbeidsplan: --period 2025–2028 og filnavnet «2026-2029.md» (2026–2029) sier ulike perioder: "
                                  "gi filen navnet 2025-2028.md, eller utelat --period")


def test_near_miss_a_given_period_the_file_name_agrees_with(cli, party):
    parent = str(party / "innlandet" / "2025-2028.md")
    out = party / "innlandet" / "ringsaker" / "2026-2029.md"
    result = cli("new", "--level", "lokallag", "--org", "Ringsaker SV", "--parent", parent, "-o", str(out),
                 "--period", "2026–2029")
    assert result.code == 0, result.err
    assert "periode: 2026–2029" in out.read_text(encoding="utf-8") and "(fra --period)" in result.err


def test_a_link_into_the_expired_plan_says_why_it_does_not_count(cli, party):
    plan = local_plan(party, "2026–2029", """\

        ## Mål 2: Aktive lokallag

        Svarer på: 2022-2025#2.1
        """)
    lines = [line for line in cli("check", str(plan)).out.splitlines() if "AP501" in line]
    assert len(lines) == 1
    assert "«2022-2025#2.1» finnes ikke i de overordnede planene" in lines[0]
    assert "den står bare i landsstyret/2022-2025, som gjelder 2022–2025 og ikke overlapper 2026–2029" in lines[0]


def test_near_miss_the_same_link_from_a_2025_plan_is_a_link(cli, party):
    plan = local_plan(party, "2025–2028", """\

        ## Mål 2: Aktive lokallag

        Svarer på: 2022-2025#2.1
        """)
    out = cli("check", str(plan)).out
    assert "AP501" not in out and "kravet 2.1 fra landsstyret/2022-2025 er ikke besvart" not in out


def test_the_report_lists_no_unanswered_requirement_of_the_expired_plan(cli, party):
    plan = local_plan(party, "2026–2029")
    out = cli("report", "2026", str(plan)).out
    assert f"({NEW})" in out and f"({OLD})" not in out
    plan = local_plan(party, "2025–2028")
    assert f"({OLD})" in cli("report", "2025", str(plan)).out  # measured against it, and it still ran in 2025
    assert f"({OLD})" not in cli("report", "2026", str(plan)).out  # in 2026 it asks nothing any more


def test_the_site_of_a_2026_local_plan_leaves_out_the_expired_plan(party):
    from arbeidsplan.api.publish import site_data
    from arbeidsplan.align.links import short_name

    plan = local_plan(party, "2026–2029")
    site = site_data([plan], year=2026, with_history=False)
    names = {short_name(p) for p in site.plans}
    assert NEW in names and OLD not in names
    plan = local_plan(party, "2025–2028")
    assert OLD in {short_name(p) for p in site_data([plan], year=2026, with_history=False).plans}
