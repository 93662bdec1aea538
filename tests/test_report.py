"""`arbeidsplan report YEAR`: the board's yearly accounting, in Markdown and HTML."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from arbeidsplan.render.report import template_dir
from conftest import PLANS, REPO, golden, header

EXAMPLE = "examples/eksempelby/2024-2027.md"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18


@pytest.fixture
def outside_git(tmp_path):
    """The example and the national plans copied to a folder outside any git repository, so that the report
    does not depend on this repository's own history."""
    for rel in (EXAMPLE, "plans/landsstyret/2022-2025.md", "plans/landsstyret/2026-2029.md"):
        target = tmp_path / "kopi" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, target)
    return tmp_path / "kopi"


def test_markdown_report_for_the_example(cli, outside_git):
    result = cli("report", "2026", EXAMPLE, cwd=outside_git)
    assert result.code == 0
    out = result.out
    assert out.startswith("# Årsrapport 2026 – Eksempelby SV (fiktivt lokallag)\n")
    assert "| Vedtatt | 27. januar 2024, Årsmøtet i Eksempelby SV |" in out
    assert "Tiltak planlagt i år: **9**. Gjennomført: **5** (56 %)." in out
    assert "## Ikke rapportert\n\n- **2.2** Ha minst én planlagt medlemsaktivitet i kalenderen til enhver tid." in out
    assert "- **3.3** Opprette et kommuneutvalg" in out.split("## Gjennomført uten å være planlagt i år")[1]
    assert "- 31. januar 2026, Årsmøtet i Eksempelby SV: Nye tiltak 1.4 og 1.5" in out
    assert "## Krav fra overordnet plan som ikke er besvart" in out
    assert "## Endringer i planen i år" not in out  # not in git: no history to report
    golden("rapport-eksempel-2026.md", out)


def test_html_report_to_a_file_picks_the_format_from_the_extension(cli, tmp_path, outside_git):
    target = tmp_path / "rapport.html"
    result = cli("report", "2026", EXAMPLE, "-o", str(target), cwd=outside_git)
    assert result.code == 0 and result.out == ""
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "@page { size: A4;" in html
    assert "<link" not in html and "<script" not in html  # one self-contained file
    assert '<span class="status utsatt">utsatt</span>' in html
    golden("rapport-eksempel-2026.html", html)


def test_plan_text_is_escaped_in_html(cli, write, tmp_path):
    plan = write("lag/plan.md", header(organisasjon='"<b>Lag</b>"') + """
## Mål 1: Trygg <i>tekst</i>
### Tiltak
- **1.1** Et tiltak <script>alert("x")</script> & mer
  - når: 2026
  - ansvar: <img src=x onerror=alert(1)>

## Status 2026
- **1.1** gjennomført — <iframe src="https://example.invalid"></iframe>
""")
    target = tmp_path / "r.html"
    assert cli("report", "2026", str(plan), "-o", str(target)).code == 0
    html = target.read_text(encoding="utf-8")
    for raw in ("<script>", "<img", "<iframe", "<b>Lag", "<i>tekst"):
        assert raw not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; mer" in html
    assert "&lt;b&gt;Lag&lt;/b&gt;" in html and "&lt;iframe" in html


def test_real_plans_report_lists_everything_as_not_reported(cli):
    result = cli("report", "2026", "plans/innlandet/2025-2028.md", cwd=REPO)
    assert result.code == 0
    not_reported = result.out.split("## Ikke rapportert")[1].split("\n## ")[0]
    assert not_reported.count("\n- **") == 37
    unanswered = result.out.split("## Krav fra overordnet plan som ikke er besvart")[1].split("\n## ")[0]
    lead = next(line for line in unanswered.splitlines() if line.startswith("- **1.F2** Ha en dørbankansvarlig"))
    assert lead.endswith("– kanskje besvart av 2.2b, 2.3d, 1.2a (mulig svar)")  # a true gap, «mulig svar» (AP604)


def test_refusals_write_nothing(cli, tmp_path):
    result = cli("report", "2026", str(REPO / EXAMPLE), "-o", str(tmp_path / "finnes-ikke" / "r.html"))
    assert result.code == 2 and "mappen" in result.err and "finnes ikke" in result.err
    result = cli("report", "2026", str(REPO / EXAMPLE), "--format", "md", "-o", str(tmp_path / "r.html"))
    assert result.code == 2 and "passer ikke med filnavnet" in result.err
    result = cli("report", "2026", str(REPO / EXAMPLE), "-o", str(tmp_path))
    assert result.code == 2 and "er en mappe" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_users_own_template(cli, write):
    template = write("min.md.j2", "{% for r in rapporter %}{{ r.organisasjon }}: "
                                  "{{ r.sammendrag.gjennomført }}/{{ r.sammendrag.planlagt }}\n{% endfor %}")
    result = cli("report", "2026", str(REPO / EXAMPLE), "--template", str(template))
    assert result.code == 0
    assert result.out == "Eksempelby SV (fiktivt lokallag): 5/9\n"


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ rapporter.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
])
def test_a_users_template_cannot_reach_python_internals(cli, write, attack):
    template = write("ond.md.j2", attack)
    result = cli("report", "2026", str(REPO / EXAMPLE), "--template", str(template))
    assert result.code == 2
    assert "malen kan ikke brukes" in result.err
    assert "Traceback" not in result.err and "<class" not in result.out


def test_templates_ship_with_the_package():
    assert (template_dir() / "rapport.md.j2").exists()
    assert (template_dir() / "rapport.html.j2").exists()


def test_report_works_from_any_directory(cli, tmp_path):
    result = cli("report", "2026", str(REPO / EXAMPLE), cwd=tmp_path)
    assert result.code == 0 and "Årsrapport 2026" in result.out


def test_the_wheel_puts_the_templates_where_the_installed_package_looks():
    """An installed arbeidsplan has no repository around it: it reads templates/ from inside the package."""
    import tomllib

    import arbeidsplan
    from arbeidsplan.render import report

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["templates"]
    package = Path(arbeidsplan.__file__).resolve().parent
    assert report.PACKAGE / "templates" == package.parent / shipped
    # Installed as a wheel it reads its own copy; in an editable install, the repository's.
    assert template_dir() in (report.PACKAGE / "templates", REPO / "templates")
    assert (template_dir() / "rapport.md.j2").is_file() and (template_dir() / "site").is_dir()


def test_a_nynorsk_plan_gets_a_nynorsk_report(cli, write):
    """The plan's `språk` picks the report's language, whatever the interface speaks."""
    plan = write("lag/plan.md", header(språk="nynorsk") + textwrap.dedent("""
        ## Mål 1: Fleire aktive medlemmer

        ### Tiltak

        - **1.1** Ringje alle nye medlemmer.
          - når: 2026
        - **1.2** Dørbanke i alle bydelar.
          - når: 2026

        ## Status 2026

        - **1.1** utsett — for få frivillige
        """))
    md = cli("report", "2026", str(plan)).out
    assert "| 1.1 | Ringje alle nye medlemmer. | 2026 |  | utsett |" in md
    assert "ikkje rapportert" in md and "ikke rapportert" not in md
    html = cli("report", "2026", str(plan), "--format", "html").out
    assert '<html lang="nn">' in html and ">utsett<" in html


def test_a_plan_that_does_not_say_when_it_was_adopted_gets_no_empty_adopted_row(cli, tmp_path):
    """Innlandet's plan has no `vedtatt` in its front matter: the report has no «Vedtatt» row with nothing in it,
    in Markdown, HTML, Word and PDF alike (the example plan, which has one, keeps it: the goldens)."""
    md = cli("report", "2026", PLANS / "innlandet" / "2025-2028.md").out
    assert "| Planperiode | 2025–2028 |" in md and "Vedtatt" not in md
    html = tmp_path / "rapport.html"
    cli("report", "2026", PLANS / "innlandet" / "2025-2028.md", "-o", html)
    assert "Vedtatt" not in html.read_text(encoding="utf-8")
    example = cli("report", "2026", REPO / "examples" / "eksempelby" / "2024-2027.md").out
    assert "| Vedtatt | 27. januar 2024, Årsmøtet i Eksempelby SV |" in example


def test_a_plan_whose_period_has_ended_is_left_out_and_said_so(cli):
    """report 2026 plans/: the 2022–2025 national plan gets no section of its own (one line on stderr says
    why), and Innlandet's report lists no unanswered requirement from it; in 2025 both are there."""
    result = cli("report", "2026", PLANS)
    assert result.code in (0, 1)
    assert "# Årsrapport 2026 – SV\n" in result.out and result.out.count("# Årsrapport 2026 –") == 3
    assert "SV 2022–2025 (" in result.err and "perioden er 2022–2025, ikke 2026" in result.err
    assert "landsstyret/2022-2025" not in result.out
    earlier = cli("report", "2025", PLANS)
    assert earlier.out.count("# Årsrapport 2025 –") == 3  # 2022–2025, Innlandet 2025–2028, Bergen 2024–2027
    assert "landsstyret/2022-2025" in earlier.out and "perioden er 2026–2029, ikke 2025" in earlier.err


def test_each_unanswered_requirement_is_its_own_line_in_markdown(cli, tmp_path):
    """From a new-user trial: in the Markdown report the list of requirements not answered ran together on one
    line («… (mulig svar)- **1.L2** …»), one bullet when rendered, whenever it had two items or more."""
    shutil.copytree(PLANS, tmp_path / "plans")
    md = cli("report", "2026", "plans/vestland/bergen/2024-2027.md", cwd=tmp_path).out
    help_line, section = md.split("## Krav fra overordnet plan som ikke er besvart\n\n")[1].split("\n\n")[:2]
    assert help_line.startswith("*Årsmøtet kan svare på dem med nye tiltak")  # what the meeting can do about them
    lines = section.splitlines()
    assert len(lines) >= 2 and all(line.startswith("- **") for line in lines), section
    assert all(line.count("(landsstyret/2026-2029)") == 1 for line in lines)


def test_the_html_report_and_the_site_show_a_measures_bold_as_bold(cli, write, tmp_path):
    """A measure written «Holde **åpne** møter» is «Holde <strong>åpne</strong> møter» in the HTML report and on
    the site, as in the Markdown report and on paper; its text is still escaped. Fictional plan."""
    plan = write("lag/plan.md", header() + "\n## Mål 1: Møter\n\n### Tiltak\n\n"
                 "- **1.1** Holde **åpne** møter <b>for alle</b>\n  - når: 2026\n")
    assert cli("report", "2026", str(plan), "-o", str(tmp_path / "rapport.html")).code == 0
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "Holde <strong>åpne</strong> møter &lt;b&gt;for alle&lt;/b&gt;" in html and "**" not in html
    assert cli("site", str(plan), "-o", str(tmp_path / "nett"), "--no-history").code == 0
    page = next((tmp_path / "nett" / "plan").glob("*.html")).read_text(encoding="utf-8")
    assert "Holde <strong>åpne</strong> møter &lt;b&gt;for alle&lt;/b&gt;" in page
