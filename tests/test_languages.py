"""The nynorsk and English catalogues: complete, with the same placeholders and plural pairs as bokmål, and used
by the real command line when a user asks for nn or en."""

from __future__ import annotations

import ast
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from arbeidsplan.locale.en import EN
from arbeidsplan.locale.nn import NN
from arbeidsplan.messages import NB, Text
from conftest import REPO

CATALOGUES = {"nn": NN, "en": EN}
NO_FRONT_MATTER = "# Mål\n\nTekst uten front matter.\n"


def _placeholders(text: Text) -> set[str]:
    fields = set()
    for form in text if isinstance(text, tuple) else (text,):
        try:
            fields |= {field for _lit, field, _spec, _conv in string.Formatter().parse(form) if field is not None}
        except ValueError:  # a text never formatted, with a literal brace («[ eller {»)
            fields.add("<not a pattern>")
    return fields


def _keys_called_with_n() -> set[str]:
    """The NB keys that some `message(...)` call in the package passes `n` to, found by reading the source."""
    patterns = []
    for path in (REPO / "src" / "arbeidsplan").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # `finding(code, span, n=...)` hands its arguments to `message(code, ...)` (diagnostics.py)
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("message", "finding")
                    and node.args):
                continue
            if not any(k.arg == "n" for k in node.keywords):
                continue
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                patterns.append(re.escape(key.value))
            elif isinstance(key, ast.JoinedStr):  # message(f"diff.{what}_n", n=n)
                patterns.append("".join(re.escape(part.value) if isinstance(part, ast.Constant) else r"[^.]+"
                                        for part in key.values))
    return {key for key in NB if any(re.fullmatch(p, key) for p in patterns)}


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_bokmål_key_is_translated_in_the_same_order_and_nothing_else(code):
    catalogue = CATALOGUES[code]
    assert sorted(set(NB) - set(catalogue)) == []
    assert sorted(set(catalogue) - set(NB)) == []
    assert list(catalogue) == list(NB)
    assert all(isinstance(text, (str, tuple)) and text for text in catalogue.values())


@pytest.mark.parametrize("code", CATALOGUES)
def test_translations_keep_the_placeholders(code):
    wrong = {key: (sorted(_placeholders(NB[key])), sorted(_placeholders(text)))
             for key, text in CATALOGUES[code].items() if _placeholders(text) != _placeholders(NB[key])}
    assert wrong == {}


def test_the_source_scan_finds_the_calls_that_pass_n():
    """Every bokmål pair is chosen by `n`, so the scan below must find each of them, and no key without `n`."""
    called = _keys_called_with_n()
    assert {key for key, text in NB.items() if isinstance(text, tuple)} <= called
    assert {"summary.errors", "set.parse_errors", "diff.tiltak_n", "diff.mål_n"} <= called
    assert "AP102" not in called and "cli.click.help" not in called


@pytest.mark.parametrize("code", CATALOGUES)
def test_a_pair_stays_a_pair_and_a_text_becomes_one_only_where_n_is_passed(code):
    called = _keys_called_with_n()
    for key, text in CATALOGUES[code].items():
        if isinstance(NB[key], tuple):
            assert isinstance(text, tuple) and len(text) == 2, key
        elif isinstance(text, tuple):
            assert len(text) == 2 and key in called, f"{key} is a pair but no call passes n"


# Bokmål forms that nynorsk writes otherwise (ikkje, kva, fila, manglar, overordna, endringar, åtvaring …).
BOKMÅL_ONLY = {
    "ikke", "noe", "noen", "hva", "hvem", "hvor", "hvis", "hvordan", "hver", "hvert", "bare", "fra", "være",
    "dem", "mangler", "finnes", "filen", "mappen", "linjen", "raden", "overskriften", "nummereringen",
    "overordnet", "overordnede", "vedtatt", "vedtatte", "endret", "endringer", "innsjekkinger",
    "advarsel", "advarsler", "leses", "lest", "brukes", "vises", "planer", "kolonner", "verdier", "rapporter",
    "koblet", "kobling", "koblingen", "koblinger", "sjekket", "feilet", "nøkler", "ukjent", "mulig", "enda",
}


def _outside_quotes(text: str) -> str:
    """Words a user reads as prose: not «quoted» names, tags like vedtatt/2025, or placeholders."""
    return re.sub(r"«[^»]*»|\S+/\S*|\{[^}]*\}", " ", text)


def test_nynorsk_has_no_bokmål_word_forms():
    found = {key: sorted(BOKMÅL_ONLY & set(re.findall(r"[a-zæøå]+", _outside_quotes(form).lower())))
             for key, text in NN.items() for form in (text if isinstance(text, tuple) else (text,))}
    assert {key: words for key, words in found.items() if words} == {}


def test_the_bokmål_word_check_sees_bokmål():
    """The same check on the bokmål catalogue finds many keys, so the test above can fail."""
    hits = [key for key, text in NB.items()
            if BOKMÅL_ONLY & set(re.findall(r"[a-zæøå]+", _outside_quotes(str(text)).lower()))]
    assert len(hits) > 50


# English texts identical to bokmål: the same word in both («Status», «front matter»), or text written into a
# plan file, where the parser reads it (`new`'s «Hele perioden», «Styret»).
SAME_IN_ENGLISH = {"status.title", "status.summary_title", "report.status", "coverage.col.state", "new.responsible",
                   "new.timing", "diff.n_meta", "diff.h.meta", "diff.ref_under",
                   "align.link_key"}  # the plan format's own word, as an English reader writes it in a plan too
# Shell examples with no prose in them: commands, file names (rapport.pdf) and words users type stay as they are.
SHELL_EXAMPLES = {f"cli.{name}.examples" for name in ("show", "site", "calendar", "schema", "import", "ids", "status.show",
                                                      "report", "coverage", "new", "history", "diff")}


def test_english_texts_are_translated():
    same = {key for key, text in EN.items() if text == NB[key]
            and re.search(r"[a-zæøå]{4,}", re.sub(r"\{[^}]*\}", "", str(NB[key])))}
    assert same == SAME_IN_ENGLISH | SHELL_EXAMPLES


@pytest.fixture
def nofm(write):
    return write("plans/uten.md", NO_FRONT_MATTER)


def test_nynorsk_check_through_the_cli(cli, monkeypatch, nofm):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    result = cli("check", nofm)
    assert result.code == 1
    assert f"{nofm}:1:1: AP102 manglar front matter: fila må byrje med ei YAML-blokk mellom to linjer «---»" \
        in result.out
    assert "1 fil kontrollert · 1 feil" in result.err
    assert "mangler" not in result.out + result.err and "filer" not in result.err


def test_nynorsk_plural_of_files_and_warnings(cli, monkeypatch, write, nofm):
    write("plans/andre.md", NO_FRONT_MATTER)
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "nn")
    result = cli("check", nofm.parent)
    assert "2 filer kontrollerte · 2 feil" in result.err
    assert "åtvaringar" in result.err and "advarsler" not in result.err


def test_english_check_through_the_cli(cli, monkeypatch, nofm):
    monkeypatch.setenv("ARBEIDSPLAN_LANG", "en")
    result = cli("check", nofm)
    assert result.code == 1
    assert f"{nofm}:1:1: AP102 no front matter: the file must begin with a YAML block between two «---» lines" \
        in result.out
    assert "1 file checked · 1 error ·" in result.err
    assert "1 files" not in result.err and "kontrollert" not in result.err


def test_bokmål_stays_the_default(cli, nofm):
    result = cli("check", nofm)
    assert "AP102 mangler front matter" in result.out and "1 fil kontrollert · 1 feil" in result.err


def _installed_script() -> str | None:
    here = Path(sys.executable).parent / "arbeidsplan"
    return str(here) if here.exists() else shutil.which("arbeidsplan")


def _script(args: list[str], lang: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = _installed_script()
    if script is None:
        pytest.skip("the console script is not installed in this environment")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("ARBEIDSPLAN_LANG", None)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        env[variable] = "C.UTF-8"
    if lang:
        env["ARBEIDSPLAN_LANG"] = lang
    return subprocess.run([script, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_lang_option_gives_english_check(nofm):
    run = _script(["--lang", "en", "check", str(nofm)], None, nofm.parent)
    assert run.returncode == 1
    assert "AP102 no front matter: the file must begin with a YAML block" in run.stdout
    assert "1 file checked · 1 error" in run.stderr


def _bokmål_help_texts_in(text: str, code: str) -> list[str]:
    """The bokmål help texts (those translated differently) that occur in a help page, wrapping undone."""
    flat = " ".join(text.split())

    def shown(bokmål: str) -> bool:  # as whole words: «FIL» is not in «FILE»
        return re.search(rf"(?<!\w){re.escape(' '.join(bokmål.split()))}(?!\w)", flat) is not None

    return [str(NB[key]) for key in NB if key.startswith("cli.") and NB[key] != CATALOGUES[code][key]
            and isinstance(NB[key], str) and "{" not in NB[key] and shown(NB[key])]


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["status", "set", "--help"],
                                  ["report", "--help"]])
def test_nynorsk_help_has_no_bokmål(tmp_path, args):
    run = _script(args, "nn", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Vis denne hjelpa og avslutt." in run.stdout and "Val:" in run.stdout
    assert "Vis denne hjelpen" not in run.stdout and "Valg:" not in run.stdout
    assert _bokmål_help_texts_in(run.stdout, "nn") == []


@pytest.mark.parametrize("how", ["env", "option"])
@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["coverage", "--help"]])
def test_english_help_has_no_bokmål(tmp_path, args, how):
    run = _script(["--lang", "en", *args] if how == "option" else args, "en" if how == "env" else None, tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Show this help and exit." in run.stdout and "Options:" in run.stdout and "Usage:" in run.stdout
    assert "Vis denne hjelpen" not in run.stdout and "Valg:" not in run.stdout
    assert _bokmål_help_texts_in(run.stdout, "en") == []


def test_the_help_check_can_see_bokmål(tmp_path):
    """The same check on a bokmål help page finds its texts, so the tests above are not empty."""
    run = _script(["check", "--help"], "nb", tmp_path)
    assert "Vis denne hjelpen og avslutt." in run.stdout
    assert len(_bokmål_help_texts_in(run.stdout, "nn")) >= 3
