"""`arbeidsplan site`: the static site as the party office opens it, checked without a browser (the browser
tests are in test_site_browser.py): every page there, every link resolving, plan text escaped, the same
figures as `coverage` and `status`, the history from git, and a folder that is not a site left alone."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from urllib.parse import unquote, urlsplit

import pytest

from arbeidsplan import api
from conftest import REPO, header
from planrepo import make_repo
from siteparty import make_party

EXAMPLE = REPO / "examples" / "eksempelby" / "2024-2027.md"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site for the real plans and the fictional example, built once through the CLI's own code."""
    from typer.testing import CliRunner

    from arbeidsplan.cli import app

    out = tmp_path_factory.mktemp("site") / "nettsted"
    result = CliRunner().invoke(app, ["site", str(REPO / "plans"), str(EXAMPLE), "-o", str(out), "--year", "2026",
                                      "--no-history"])
    assert result.exit_code in (0, 1), result.output
    return out


def test_every_plan_and_requirement_has_a_page(built):
    data = api.site_data([REPO / "plans", EXAMPLE], 2026, with_history=False)
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert "index.html" in pages
    assert len([p for p in pages if p.startswith("plan/")]) == len(data.plans) == 5
    assert len([p for p in pages if p.startswith("krav/")]) == len(data.requirements)
    manifest = json.loads((built / "arbeidsplan-site.json").read_text(encoding="utf-8"))
    assert sorted(manifest["filer"]) == sorted(p.relative_to(built).as_posix() for p in built.rglob("*")
                                               if p.is_file() and p.name != "arbeidsplan-site.json")


def test_every_link_resolves_to_a_file_and_an_anchor_in_it(built):
    checked = 0
    for page_path in built.rglob("*.html"):
        for link in parse(page_path).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page_path.name}: external link {link}"
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.is_file(), f"{page_path.relative_to(built)}: {link} does not resolve"
            assert built.resolve() in target.parents, f"{link} leads out of the site"
            if parts.fragment:
                assert unquote(parts.fragment) in parse(target).ids, f"{page_path.name}: no anchor for {link}"
            checked += 1
    assert checked > 200


def test_the_site_needs_no_network(built):
    for path in built.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?:src|href)=\"(?:https?:)?//", text), path
            assert "@import" not in text and "url(http" not in text, path


def test_overview_cells_say_what_coverage_says(built, cli):
    """The cells of Innlandet's row are the cells of `arbeidsplan coverage` for Innlandet."""
    coverage = cli("coverage", "--format", "md", str(REPO / "plans"), str(EXAMPLE))
    row = next(line for line in coverage.out.splitlines() if line.startswith("| Innlandet SV"))
    expected = [c.strip().replace(" ✗", "") for c in row.strip("|").split("|")[1:]]
    innlandet = (built / "index.html").read_text(encoding="utf-8").split("Innlandet SV 2025–2028", 1)[1]
    innlandet_cells = re.findall(r'<td class="cell ([a-z]+)"[^>]*>\s*(?:<a [^>]*>)?([^<]*)', innlandet)[:4]
    assert [text.strip() for _cls, text in innlandet_cells] == expected
    for cls, text in innlandet_cells:
        linked, rest = text.split("+")
        suggested, total = rest.split("/")
        if linked == total:
            assert cls == "koblet"
        elif int(linked) + int(suggested) == 0:
            assert cls == "ubesvart"
        else:
            assert cls == "foreslatt"


def test_requirement_page_names_the_county_without_a_doorknocking_lead(built):
    """«Which counties have no dørbankansvarlig?»: 1.F2 of the 2026–2029 plan, which Innlandet does not answer.
    Its best candidate is weak, so `check` says «mulig svar» (AP604) rather than «ikke besvart», and the page
    says «mulig svar» too, with the candidate, the same as `coverage --detail` and the report."""
    page = (built / "krav" / "landsstyret-2026-2029-1-f2.html").read_text(encoding="utf-8")
    assert "dørbankansvarlig" in page
    row = page.split("Innlandet SV 2025–2028</a>")[1].split("</tr>")[0]
    assert '<span class="badge mulig">mulig svar</span>' in row and "2.2b" in row
    check = api.check([REPO / "plans" / "innlandet" / "2025-2028.md"])
    assert any(d.code == "AP604" and "1.F2" in d.message for d in check.findings)


def test_plan_page_shows_the_years_progress_as_status_counts_it(built):
    status = api.status([EXAMPLE], 2026)
    summary = status.tables[0].summary
    page = (built / "plan" / "examples-eksempelby-2024-2027.html").read_text(encoding="utf-8")
    year_row = page.split('<tr class="this-year">')[1].split("</tr>")[0]
    assert f'<span class="count">{summary.done}/{summary.counted}</span>' in year_row
    assert (summary.done, summary.counted) == (5, 9)
    assert "<svg" in year_row  # the progress is drawn inline, not loaded


def test_a_measure_struck_this_year_is_not_counted_as_planned_on_the_site(cli, write, tmp_path):
    """From a new-user trial: the site said 3/9 where `status` and the report said 3 of 8."""
    plan = write("plans/lag/2026-2029.md", header(period="2026–2029") + dedent("""
        ## Mål 1: Aktive medlemmer

        ### Tiltak

        - **1.1** Medlemsmøte. (oppdiktet)
          - når: 2026
        - **1.2** Studiesirkel.
          - når: 2026
        - **1.3** Stand på torget.
          - når: 2026

        ## Status 2026

        - **1.1** gjennomført
        - **1.3** strøket
        """))
    summary = api.status([plan], 2026).tables[0].summary
    assert (summary.done, summary.counted) == (1, 2)
    cli("site", plan, "-o", tmp_path / "nettsted", "--year", "2026", "--no-history")
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "nettsted").rglob("*.html")]
    counts = [c for page in pages for c in re.findall(r'<span class="count">(\d+/\d+)</span>', page)]
    assert counts and set(counts) == {"1/2"}, counts


HOSTILE = "<script>alert('x')</script>"


def test_plan_text_is_escaped_everywhere(cli, write, tmp_path):
    plan = write("plans/ond/2026-2029.md", header(organisasjon=f'"Ond {HOSTILE}"', merknad=f'"{HOSTILE}"') + dedent(f"""
        # Plan {HOSTILE}

        ## Mål 1: Mål med "><img src=x onerror=alert(1)>

        ### Tiltak

        - **1.1** Tiltak {HOSTILE}
          - når: mars
          - ansvar: {HOSTILE}
        """))
    result = cli("site", str(plan.parent), "-o", str(tmp_path / "ut"))
    assert result.code == 0, result.err
    texts = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "ut").rglob("*.html"))
    assert "<script>alert" not in texts and "<img src=x" not in texts
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in texts
    assert "&lt;img src=x onerror=alert(1)&gt;" in texts


def test_history_from_git_on_the_plan_page(cli, tmp_path):
    plan = make_repo(tmp_path / "repo")
    result = cli("site", str(plan), "-o", str(tmp_path / "ut"))
    assert result.code == 0, result.err
    page = next((tmp_path / "ut" / "plan").glob("*.html")).read_text(encoding="utf-8")
    history = page.split('id="historikk"')[1]
    for subject in ("Arbeidsplan vedtatt av årsmøtet 2024", "Revidert på årsmøtet 2025", "Status høst 2026"):
        assert subject in history
    assert history.count('class="adopted"') == 3  # vedtatt/2024, /2025, /2026
    assert "vedtatt/2025" in history


def test_outside_git_the_page_says_so(cli, write, tmp_path):
    plan = write("plans/lag/2026-2029.md", header() + "\n## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Gjøre noe.\n")
    assert cli("site", str(plan), "-o", str(tmp_path / "ut")).code == 0
    page = next((tmp_path / "ut" / "plan").glob("*.html")).read_text(encoding="utf-8")
    assert "ikke i et git-repo" in page


def test_a_folder_that_is_not_a_site_is_left_alone(cli, write, tmp_path):
    plan = write("plans/lag/2026-2029.md", header() + "\n## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Gjøre noe.\n")
    target = tmp_path / "mine"
    target.mkdir()
    (target / "viktig.txt").write_text("mitt", encoding="utf-8")
    result = cli("site", str(plan), "-o", str(target))
    assert result.code == 2
    assert "ikke er et nettsted" in result.err and "--force" in result.err
    assert sorted(p.name for p in target.iterdir()) == ["viktig.txt"]
    assert cli("site", str(plan), "-o", str(target), "--force").code == 0
    assert (target / "index.html").is_file() and (target / "viktig.txt").read_text(encoding="utf-8") == "mitt"


def test_output_that_is_a_file_is_refused(cli, write, tmp_path):
    plan = write("plans/lag/2026-2029.md", header() + "\n## Mål 1: Noe\n")
    assert cli("site", str(plan), "-o", str(plan)).code == 2
    assert plan.read_text(encoding="utf-8").startswith("---")


def test_a_new_run_replaces_the_previous_site_and_drops_pages_that_are_gone(cli, write, tmp_path):
    one = write("plans/en/2026-2029.md", header(organisasjon="En SV") + "\n## Mål 1: Noe\n")
    two = write("plans/to/2026-2029.md", header(organisasjon="To SV") + "\n## Mål 1: Noe\n")
    out = tmp_path / "ut"
    assert cli("site", str(one), str(two), "-o", str(out)).code == 0
    assert len(list((out / "plan").glob("*.html"))) == 2
    result = cli("site", str(one), "-o", str(out))
    assert result.code == 0
    assert [p.name for p in (out / "plan").glob("*.html")] == ["en-2026-2029.html"]
    assert "Fjernet 1 side fra forrige kjøring" in result.err
    assert "To SV" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_plan_folder_that_does_not_exist_is_one_line(cli, tmp_path):
    result = cli("site", str(tmp_path / "finnes-ikke"), "-o", str(tmp_path / "ut"))
    assert result.code == 2
    assert "AP108" in result.err and "Traceback" not in result.err


def test_a_measure_not_planned_in_the_year_is_not_called_unreported(built):
    """Innlandet's 1a is for 2025: in 2026 it is «ikke planlagt», not missing a status."""
    page = (built / "plan" / "innlandet-2025-2028.html").read_text(encoding="utf-8")
    item = page.split('id="punkt-1a"')[1].split("</li>")[0]
    assert "når: 2025" in item
    assert "2026: ikke planlagt" in item and "ikke rapportert" not in item
    assert 'data-status="uplanlagt"' in page.split('id="punkt-1a"')[1][:300]


def test_the_templates_ship_with_the_package():
    from arbeidsplan.render.report import template_dir
    from arbeidsplan.render.site import ASSETS

    for name in ("base.html.j2", "macros.html.j2", "index.html.j2", "plan.html.j2", "krav.html.j2", *ASSETS):
        assert (template_dir() / "site" / name).is_file(), name


def test_a_requirement_asked_of_one_plan_says_one_plan(built):
    """1.F2 is asked of the county plans; plans/ has one (Innlandet): «av 1 plan», not «av 1 planer»."""
    page = (built / "krav" / "landsstyret-2026-2029-1-f2.html").read_text(encoding="utf-8")
    assert "av 1 plan som skal svare på kravet" in page and "av 1 planer" not in page


def test_an_output_named_like_a_page_is_refused_before_anything_is_made(cli, write, tmp_path):
    plan = write("plans/lag/2026-2029.md", header() + "\n## Mål 1: Noe\n")
    result = cli("site", str(plan), "-o", str(tmp_path / "index.html"))
    assert result.code == 2 and "-o er mappen" in result.err and f"-o {tmp_path / 'index'}" in result.err
    assert not (tmp_path / "index.html").exists()


def test_a_requirement_read_from_its_wording_says_whom_it_asks(built):
    """The 2022–2025 plan has no role sections: «1.3 Alle lokallag skal …» asks the local branches, read from
    its wording. The overview's «Til» column says so instead of «–»."""
    index = (built / "index.html").read_text(encoding="utf-8")
    row = index.split('data-search="1.3 ')[1].split("</tr>")[0]
    assert "<td>lokallag</td>" in row


def test_no_history_says_the_history_was_left_out_not_that_the_plan_is_outside_git(cli, tmp_path):
    """From the trial: `site --no-history` said «Planen ligger ikke i et git-repo» of plans that are in git."""
    plan = make_repo(tmp_path / "repo")
    assert cli("site", str(plan), "-o", str(tmp_path / "ut"), "--no-history").code == 0
    page = next((tmp_path / "ut" / "plan").glob("*.html")).read_text(encoding="utf-8")
    history = page.split('id="historikk"')[1]
    assert "--no-history" in history and "git-repo" not in history


def test_a_boards_status_note_is_text_on_the_plan_page(cli, write, tmp_path):
    """From the trial: the note after a status was only a tooltip on the «2026: gjennomført» badge, which a phone,
    a printout or a screen reader never shows."""
    plan = write("plans/lag/2026-2029.md", header() + dedent(f"""
        ## Mål 1: Aktive medlemmer

        ### Tiltak

        - **1.1** Medlemsmøte.
          - når: 2026
        - **1.2** Studiesirkel.
          - når: 2026

        ## Status 2026

        - **1.1** gjennomført — 40 møtte {HOSTILE}
        - **1.2** utsatt
        """))
    assert cli("site", plan, "-o", tmp_path / "ut", "--year", "2026", "--no-history").code == 0
    page = (tmp_path / "ut" / "plan" / "lag-2026-2029.html").read_text(encoding="utf-8")
    item = page.split('id="punkt-1.1"')[1].split("</li>")[0]
    note = "40 møtte &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    assert re.search(r'2026: gjennomført</span>\s*<span class="note muted">' + re.escape(note) + "</span>", item), item
    assert "title=" not in item
    assert 'class="note' not in page.split('id="punkt-1.2"')[1].split("</li>")[0]


def test_a_year_outside_every_plans_period_is_refused_in_one_line(cli, write, tmp_path):
    """From the trial: `site --year 2031` built a site of empty statuses (exit 0) where `status` and `report`
    refuse the year."""
    plan = write("plans/lag/2026-2029.md", header() + "\n## Mål 1: Noe\n\n### Tiltak\n\n- **1.1** Gjøre noe.\n")
    status = cli("status", plan, "--year", "2031")
    result = cli("site", plan, "-o", tmp_path / "ut", "--year", "2031")
    assert (result.code, status.code) == (2, 2)
    assert result.err.strip() == status.err.strip()
    assert "2031 er utenfor planperioden" in result.err and len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "ut").exists()
    assert cli("site", plan, "-o", tmp_path / "ut", "--year", "2029").code == 0


def test_a_year_in_the_period_of_a_plan_above_is_shown(cli, tmp_path):
    """A year outside a local plan's period but inside the national plan's still has something to show."""
    plans = make_party(tmp_path)
    local = plans / "kyst" / "nes" / "2026-2029.md"
    local.write_text(local.read_text(encoding="utf-8").replace("2026–2029", "2024–2027"), encoding="utf-8")
    assert cli("site", local, "-o", tmp_path / "ut", "--year", "2028", "--no-history").code in (0, 1)


def test_two_plans_with_the_same_name_are_told_apart_by_their_file(cli, tmp_path):
    """From the trial: «Nes SV 2026–2029» in two counties was the same line twice on the overview and on a
    requirement's page. Each says its file beside the name, as the list of other plans does."""
    plans = make_party(tmp_path)
    assert cli("site", plans, "-o", tmp_path / "ut", "--no-history").code in (0, 1)
    index = (tmp_path / "ut" / "index.html").read_text(encoding="utf-8")
    requirement = (tmp_path / "ut" / "krav" / "landsstyret-2026-2029-1-l1.html").read_text(encoding="utf-8")
    for page in (index, requirement):
        names = [row.split("<th", 1)[1].split("</th>")[0] for row in page.split("<tr")[1:]
                 if ">Nes SV 2026–2029</a>" in row]
        assert len(names) == 2
        assert sorted(re.sub(r"<[^>]+>|\s+", " ", name).split()[-1] for name in names) == \
            ["fjell/nes/2026-2029", "kyst/nes/2026-2029"]
    dal = next(row for row in index.split("<tr")[1:] if ">Dal SV 2026–2029</a>" in row)
    assert "fjell/dal" not in dal.split("<th", 1)[1].split("</th>")[0]  # a name no other plan has needs no file


def test_a_plan_page_gives_the_adoption_date_in_words_and_its_answers_in_one_list(cli, write, tmp_path):
    """From a county secretary's trial: the page showed «2026-03-07» where the report says «7. mars 2026», and a
    measure answering two requirements read «svarer på 1.L1 · svarer på 1.L2». Fictional plan."""
    write("plans/landsstyret/2026-2029.md", (REPO / "plans" / "landsstyret" / "2026-2029.md").read_text(encoding="utf-8"))
    adopted = "\n  dato: 2026-03-07\n  av: Årsmøtet i Testlaget SV"
    plan = write("plans/lag/2026-2029.md", header(overordnet="../landsstyret/2026-2029.md", vedtatt=adopted) + dedent("""
        ## Mål 1: Dørbanking

        ### Tiltak

        - **1.1** Banke på dører hver høst, og ringe medlemmene først. (oppdiktet)
          - svarer på: 1.L1, 1.L2
        """))
    assert cli("site", str(plan.parent.parent), "-o", str(tmp_path / "ut"), "--no-history").code == 0
    page = next(p for p in (tmp_path / "ut" / "plan").glob("*.html")
                if "Testlaget" in p.read_text(encoding="utf-8")).read_text(encoding="utf-8")
    assert "7. mars 2026, Årsmøtet i Testlaget SV" in page and "2026-03-07" not in page
    facts = page.split('id="punkt-1.1"')[1].split("</li>")[0]
    assert facts.count("svarer på") == 1 and re.search(r"svarer på <a [^>]*>1\.L1</a>, <a [^>]*>1\.L2</a>", facts)


def _matrix_help(index: str) -> dict[str, str]:
    """Each matrix's title → the help text above it."""
    out = {}
    for section in index.split('<section class="matrix">')[1:]:
        title = re.search(r"<h2>(.*?)</h2>", section).group(1)
        out[title] = re.sub(r"\s+", " ", re.search(r'<p class="muted">(.*?)</p>', section, re.S).group(1))
    return out


@pytest.mark.parametrize("lang, said, cell", [
    ("nb", "Krav et lag har merket «ikke aktuelt» i planen sin, telles ikke med i lagets celler.", "ikke aktuelt"),
    ("nn", "Krav eit lag har merkt «ikkje aktuelt» i planen sin, vert ikkje talde med i cellene til laget.",
     "ikkje aktuelt"),
    ("en", "Requirements a branch has marked «not applicable» in its plan are not counted in its cells.",
     "not applicable"),
], ids=["nb", "nn", "en"])
def test_the_matrix_help_says_requirements_marked_not_applicable_are_not_counted(cli, tmp_path, monkeypatch,
                                                                                 lang, said, cell):
    """A cell is «koblede + foreslåtte» of the requirements under the priority; those a branch has marked
    «ikke aktuelt» are left out of the count (the cell's «/n»). The help above the matrix says so where a plan
    in it has marked one – as `coverage` says it under its matrix – and only there, so the help of a party that
    marks nothing is not about a mark nobody uses."""
    monkeypatch.setenv("ARBEIDSPLAN_LANG", lang)
    plans = make_party(tmp_path)
    assert cli("site", plans, "-o", tmp_path / "før", "--no-history").code in (0, 1)
    before = _matrix_help((tmp_path / "før" / "index.html").read_text(encoding="utf-8"))
    assert len(before) == 1 and said not in next(iter(before.values()))

    nes = plans / "kyst" / "nes" / "2026-2029.md"
    nes.write_text(nes.read_text(encoding="utf-8").replace(
        "---\n\n", "ikke aktuelt:\n  1.L1: Vi har ingen dører å banke på.\n---\n\n", 1), encoding="utf-8")
    assert cli("site", plans, "-o", tmp_path / "etter", "--no-history").code in (0, 1)
    index = (tmp_path / "etter" / "index.html").read_text(encoding="utf-8")
    (after,) = _matrix_help(index).values()
    assert after == next(iter(before.values())) + " " + said
    assert f">{cell}</a>" in index  # Nes SV in Kystfylke's cell: its only requirement there is marked
    if lang == "nb":
        assert after == ("Hver celle: koblede + foreslåtte av kravene under prioriteringen. Status: gjennomførte av "
                         "planlagte tiltak i 2026. Krav et lag har merket «ikke aktuelt» i planen sin, telles ikke "
                         "med i lagets celler.")
