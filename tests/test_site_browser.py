"""The static site in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
chromedriver (`apt-get install chromium chromium-driver`). The pages load from file:// with no console
errors, the filters show what the data says they should, and the links lead to pages that exist.

Skipped, with the reason shown in pytest's summary, where Chromium, chromedriver or Selenium is missing.
Set ARBEIDSPLAN_SCREENSHOTS=folder to keep screenshots of the overview, a plan and a requirement.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from textwrap import dedent
from urllib.parse import unquote, urlsplit

import pytest

from arbeidsplan import api
from arbeidsplan.align.alignment import State
from arbeidsplan.status.year import status_in
from conftest import REPO, header
from siteparty import make_party

EXAMPLE = REPO / "examples" / "eksempelby" / "2024-2027.md"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1300,1000")


def _find(name: str, fallback: str) -> str | None:
    found = shutil.which(name)
    return found or (fallback if Path(fallback).is_file() else None)


def _chromium(javascript: bool = True):
    """A headless Chromium for the module's tests (and its profile folder), or a skip saying what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="Selenium is not installed: pip install '.[test]'")
    chromium = _find("chromium", "/usr/bin/chromium")
    driver_path = _find("chromedriver", "/usr/bin/chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("Chromium or chromedriver is not installed: apt-get install chromium chromium-driver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="arbeidsplan-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options), profile


@pytest.fixture(scope="module")
def browser():
    driver, profile = _chromium()
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser_without_scripts():
    """A reader whose browser runs no scripts."""
    driver, profile = _chromium(javascript=False)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _build(out: Path, *paths: Path) -> Path:
    from typer.testing import CliRunner

    from arbeidsplan.cli import app

    result = CliRunner().invoke(app, ["site", *map(str, paths), "-o", str(out), "--year", "2026", "--no-history"])
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("nettsted") / "ut", REPO / "plans", EXAMPLE)


@pytest.fixture(scope="module")
def data():
    return api.site_data([REPO / "plans", EXAMPLE], 2026, with_history=False)


def open_page(driver, path: Path) -> list[dict]:
    """Load a page; the console messages it logged (errors, failed loads, warnings)."""
    driver.get_log("browser")  # forget what earlier pages logged
    driver.get(path.resolve().as_uri())
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def visible(driver, css: str) -> list:
    return [e for e in driver.find_elements("css selector", css) if e.is_displayed()]


def _as_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def test_every_page_loads_without_console_errors_and_every_link_leads_somewhere(browser, site):
    """Start at the overview and follow every link, as a reader clicking through would: each page loads its
    stylesheet and script, logs nothing to the console, and every file of the site is reached."""
    queue, seen = [site / "index.html"], set()
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        assert open_page(browser, page) == [], page.relative_to(site)
        assert browser.title.endswith("Arbeidsplaner"), page
        header_colour = browser.execute_script(
            "return getComputedStyle(document.querySelector('header.top')).backgroundColor")
        assert header_colour == "rgb(179, 18, 59)", "site.css did not load"
        for link in browser.find_elements("css selector", "a[href]"):
            url = link.get_attribute("href")
            assert url.startswith("file://"), url
            target = _as_path(url)
            assert target.is_file(), f"{page.relative_to(site)}: {url}"
            fragment = urlsplit(url).fragment
            if fragment:
                assert f'id="{unquote(fragment)}"' in target.read_text(encoding="utf-8"), url
            queue.append(target)
    assert {p.resolve() for p in seen} == {p.resolve() for p in site.rglob("*.html")}


def test_clicking_from_the_overview_to_a_plan_to_a_requirement(browser, site):
    open_page(browser, site / "index.html")
    browser.find_element("link text", "Innlandet SV 2025–2028").click()
    assert "Innlandet" in browser.find_element("css selector", "h1").text
    browser.find_element("css selector", "#krav a[href*='landsstyret-2026-2029-1-f2']").click()
    assert browser.find_element("css selector", "h1").text.startswith("1.F2 Ha en dørbankansvarlig")
    row = browser.find_element("xpath", "//tr[.//a[text()='Innlandet SV 2025–2028']]")
    assert row.get_attribute("data-state") == "mulig"  # «mulig svar» (AP604): a weak candidate, said as such


def test_overview_filter_by_name_level_and_gaps(browser, site, data):
    open_page(browser, site / "index.html")
    form = browser.find_element("css selector", "form[data-filter-for='matrise-1']")
    rows = "#matrise-1 tbody tr"
    everyone = [r.find_element("css selector", "th").text for r in visible(browser, rows)]
    assert everyone == [p.label for p, _al in data.matrices[0].rows]

    form.find_element("name", "q").send_keys("bergen")
    assert [r.find_element("css selector", "th").text for r in visible(browser, rows)] == ["Bergen SV 2024–2027"]
    assert form.find_element("css selector", "output").text == "1"
    form.find_element("name", "q").clear()
    form.find_element("name", "q").send_keys(" ")  # an input event after clear()
    assert len(visible(browser, rows)) == len(everyone)

    from selenium.webdriver.support.ui import Select

    Select(form.find_element("name", "level")).select_by_value("fylkeslag")
    county = [p.label for p, _al in data.matrices[0].rows if p.meta.level.value == "fylkeslag"]
    assert [r.find_element("css selector", "th").text for r in visible(browser, rows)] == county
    Select(form.find_element("name", "level")).select_by_value("")

    form.find_element("name", "has").click()
    with_gaps = [p.label for p, _al in data.matrices[0].rows  # unanswered from any plan above, as AP601 counts
                 if any(a.state is State.UNANSWERED for al in data.alignments[p.path] for a in al.answers)]
    assert with_gaps  # here every plan has one; the small party tells the checkbox's plans apart (below)
    assert [r.find_element("css selector", "th").text for r in visible(browser, rows)] == with_gaps


def test_plan_page_search_and_status_filter(browser, site, data):
    plan = next(p for p in data.plans if p.path.endswith("eksempelby/2024-2027.md"))
    open_page(browser, next((site / "plan").glob("*eksempelby*.html")))
    form = browser.find_element("css selector", "form[data-filter-for='tre']")
    measures = "li.measure"
    assert form.find_element("css selector", "output").text == str(sum(1 for _ in plan.measures()))

    form.find_element("name", "q").send_keys("Dørbank")
    shown = visible(browser, measures)
    wanted = [m for m in plan.measures() if "dørbank" in f"{m.id} {m.text} {m.responsible} {m.timing_text}".lower()]
    assert len(shown) == len(wanted) > 0
    assert all("dørbank" in e.text.lower() for e in shown)
    goals_shown = visible(browser, "section.goal")
    assert len(goals_shown) == len({id(chain[0]) for chain, m in plan.measures_with_parents() if m in wanted})
    form.find_element("name", "q").clear()
    form.find_element("name", "q").send_keys(" ")

    from selenium.webdriver.support.ui import Select

    Select(form.find_element("name", "status")).select_by_value("gjennomfort")
    done = [m for m in plan.measures() if status_in(m, 2026).done]
    assert len(visible(browser, measures)) == len(done) > 0
    assert form.find_element("css selector", "output").text == str(len(done))


def mixed(data) -> tuple:
    """A requirement some of the plans answer one way and some another, and that way: unanswered where there is
    such a requirement, else suggested. (Which one moves with the matcher; the example plan's links teach Bergen,
    which leaves no requirement of the national plans unanswered by one plan and answered by another.)"""
    for state in (State.UNANSWERED, State.SUGGESTED):
        ra = max(data.requirements, key=lambda r: min(r.count(state), len(r.rows) - r.count(state)))
        if 0 < ra.count(state) < len(ra.rows):
            return ra, state
    raise AssertionError("no requirement that some plans answer and some do not")


def test_requirement_page_filter_by_answer(browser, site, data):
    ra, state = mixed(data)
    page = next(p for p in (site / "krav").glob("*.html")
                if f"<h1><span class=\"id\">{ra.requirement.id}</span>" in p.read_text(encoding="utf-8")
                and ra.requirement.plan.label in p.read_text(encoding="utf-8"))
    open_page(browser, page)
    from selenium.webdriver.support.ui import Select

    from arbeidsplan.render.site import STATE_CLASS

    Select(browser.find_element("css selector", "form[data-filter-for='svar'] select")).select_by_value(
        STATE_CLASS[state])
    shown = visible(browser, "#svar tbody tr")
    assert [r.find_element("css selector", "th").text for r in shown] == \
        [p.label for p, a in ra.rows if a.state is state]


def test_hostile_plan_text_is_shown_as_text_and_runs_nothing(browser, tmp_path, write):
    hostile = "<script>alert('x')</script><img src=x onerror=alert(2)>"
    plan = write("plans/ond/2026-2029.md", header(organisasjon="Ond SV") + dedent(f"""
        # Plan {hostile}

        ## Mål 1: Mål

        ### Tiltak

        - **1.1** Tiltak {hostile}
        """))
    out = _build(tmp_path / "ut", plan)
    page = next((out / "plan").glob("*.html"))
    errors = open_page(browser, page)
    assert errors == []
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.find_element("css selector", "h1").text == f"Plan {hostile}"
    assert browser.find_elements("css selector", "main img") == []


def test_screenshots(browser, site, tmp_path):
    """Screenshots of the three kinds of page (kept in ARBEIDSPLAN_SCREENSHOTS when set, to look at)."""
    keep = Path(os.environ.get("ARBEIDSPLAN_SCREENSHOTS", tmp_path))
    keep.mkdir(parents=True, exist_ok=True)
    pages = {"oversikt": site / "index.html", "plan": next((site / "plan").glob("*eksempelby*.html")),
             "krav": site / "krav" / "landsstyret-2026-2029-1-l1.html"}
    for name, page in pages.items():
        open_page(browser, page)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1300, min(height + 120, 4000))
        assert browser.save_screenshot(str(keep / f"{name}.png"))
        assert (keep / f"{name}.png").stat().st_size > 20_000  # a drawn page, not a blank one
    browser.set_window_size(1300, 1000)


def _shown(driver, rows: str) -> list[str]:
    return [r.find_element("css selector", "th").text for r in visible(driver, rows)]


def _eventually(check, seconds: float = 5.0):
    """Wait for the page to settle (events run after a navigation returns); the last value checked."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(None, seconds, poll_frequency=0.1).until(lambda _d: check())
    except TimeoutException:
        pass
    return check()


def test_back_to_the_overview_shows_what_the_search_field_says(browser, site):
    """From the organisation secretary's trial: search «sørhaug», open the plan, press Back: the box still said
    «sørhaug» but every plan was shown («365 av 365 planer vist»)."""
    rows = "#matrise-1 tbody tr"
    open_page(browser, site / "index.html")
    browser.find_element("css selector", "form[data-filter-for='matrise-1'] [name=q]").send_keys("bergen")
    browser.find_element("link text", "Bergen SV 2024–2027").click()
    assert "Bergen SV" in browser.find_element("css selector", "h1").text
    browser.back()
    form = browser.find_element("css selector", "form[data-filter-for='matrise-1']")
    assert form.find_element("name", "q").get_attribute("value") == "bergen"
    assert _eventually(lambda: _shown(browser, rows) == ["Bergen SV 2024–2027"]), _shown(browser, rows)
    assert form.find_element("css selector", "output").text == "1"


def test_back_to_the_overview_shows_what_the_level_and_checkbox_say(browser, site, data):
    from selenium.webdriver.support.ui import Select

    rows = "#matrise-1 tbody tr"
    open_page(browser, site / "index.html")
    form = browser.find_element("css selector", "form[data-filter-for='matrise-1']")
    Select(form.find_element("name", "level")).select_by_value("fylkeslag")
    form.find_element("name", "has").click()
    chosen = _shown(browser, rows)
    assert 0 < len(chosen) < len(data.matrices[0].rows)
    browser.find_element("link text", chosen[0]).click()
    browser.back()
    form = browser.find_element("css selector", "form[data-filter-for='matrise-1']")
    assert Select(form.find_element("name", "level")).first_selected_option.get_attribute("value") == "fylkeslag"
    assert form.find_element("name", "has").is_selected()
    assert _eventually(lambda: _shown(browser, rows) == chosen), _shown(browser, rows)
    assert form.find_element("css selector", "output").text == str(len(chosen))


def test_back_to_a_requirement_page_shows_what_the_answer_filter_says(browser, site, data):
    from selenium.webdriver.support.ui import Select

    ra, state = mixed(data)
    unanswered = [p.label for p, a in ra.rows if a.state is state]  # those the filter keeps
    from arbeidsplan.render.site import STATE_CLASS, _plan_slug, slug

    open_page(browser, site / "krav" / f"{_plan_slug(ra.requirement.plan)}-{slug(ra.requirement.id)}.html")
    Select(browser.find_element("css selector", "form[data-filter-for='svar'] select")).select_by_value(
        STATE_CLASS[state])
    assert _shown(browser, "#svar tbody tr") == unanswered
    browser.find_element("link text", unanswered[0]).click()
    browser.back()
    assert _eventually(lambda: _shown(browser, "#svar tbody tr") == unanswered), _shown(browser, "#svar tbody tr")


def test_only_plans_with_unanswered_requirements_counts_those_from_every_plan_above(browser, tmp_path):
    """From the trial: a local plan with «AP601 kravet 3.2 fra fylke01/2026-2029 er ikke besvart» was hidden by
    «bare planer med ubesvarte krav». The checkbox keeps exactly the plans `check` gives an AP601."""
    plans = make_party(tmp_path)
    out = _build(tmp_path / "ut", plans)
    gaps = {Path(d.span.file).resolve() for d in api.check([plans]).findings if d.code == "AP601"}
    assert {p.relative_to(plans.resolve()).as_posix() for p in gaps} == {"fjell/nes/2026-2029.md",
                                                                        "kyst/nes/2026-2029.md"}
    open_page(browser, out / "index.html")
    browser.find_element("css selector", "form[data-filter-for='matrise-1'] [name=has]").click()
    shown = {Path(row.get_attribute("data-search").rsplit(" ", 1)[1]).resolve()
             for row in visible(browser, "#matrise-1 tbody tr")}
    assert shown == gaps


def test_without_scripts_the_lists_are_whole_and_no_dead_controls_show(browser_without_scripts, site, data):
    """From the trial: with scripts off, the search box and filters showed but did nothing (Enter reloaded the page
    with ?q=… and everything shown). Without scripts there are no controls, and every row is there."""
    driver = browser_without_scripts
    plan = next(p for p in data.plans if p.path.endswith("eksempelby/2024-2027.md"))
    pages: dict[Path, tuple[str, int]] = {
        site / "index.html": ("#matrise-1 tbody tr", len(data.matrices[0].rows)),
        next((site / "plan").glob("*eksempelby*.html")): ("li.measure", sum(1 for _ in plan.measures())),
        site / "krav" / "landsstyret-2026-2029-1-l1.html": ("#svar tbody tr", 2)}
    for page, (rows, count) in pages.items():
        open_page(driver, page)
        assert visible(driver, "form.filter") == [], page.name
        assert visible(driver, "input, select") == [], page.name
        assert len(visible(driver, rows)) == count, page.name


def test_with_scripts_the_controls_show(browser, site):
    for page in (site / "index.html", next((site / "plan").glob("*eksempelby*.html"))):
        open_page(browser, page)
        assert visible(browser, "form.filter") and visible(browser, "input[type=search]"), page.name


def test_at_phone_width_the_page_never_scrolls_sideways(browser, site):
    """From the trial, at 375 px: the «Status per år» table (481 px) and the requirement tables on the overview (up
    to 624 px) pushed the whole page sideways. Wide tables scroll in their own box; the page stays 375 px wide."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    try:
        for page in sorted(site.rglob("*.html")):
            open_page(browser, page)
            wide, width = browser.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert wide <= width == 375, f"{page.relative_to(site)}: {wide} px wide"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_header_prints_in_a_readable_colour(browser, site):
    """From the trial: «Status 2026» in the header printed pale pink (#f3d6dd) on white paper."""
    open_page(browser, site / "index.html")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        colour = browser.execute_script(
            "return getComputedStyle(document.querySelector('header.top .muted')).color")
        background = browser.execute_script(
            "return getComputedStyle(document.querySelector('header.top')).backgroundColor")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    red, green, blue = (int(c) for c in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])
    assert max(red, green, blue) <= 0x70, colour  # dark enough to read on white (site.css's --muted is #5f6368)


def test_plan_page_search_finds_the_requirement_a_measure_answers(browser, site, data):
    """Searching a plan page for «1.L1» shows the measures that answer 1.L1 (the id is shown beside them)."""
    plan = next(p for p in data.plans if p.path.endswith("eksempelby/2024-2027.md"))
    answering = {item.id for al in data.alignments[plan.path] for a in al.answers if a.requirement.id == "1.L1"
                 for item in a.linked if item in list(plan.measures())}
    assert answering
    open_page(browser, next((site / "plan").glob("*eksempelby*.html")))
    browser.find_element("css selector", "form[data-filter-for='tre'] [name=q]").send_keys("1.L1")
    assert {e.get_attribute("id").removeprefix("punkt-") for e in visible(browser, "li.measure")} == answering
