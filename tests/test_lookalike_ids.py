"""Ids that differ only by invisible characters, full-width forms or letters from another script are a finding
(AP213), naming the id they look like."""

from __future__ import annotations

import pytest

from conftest import header

PLAN = header() + "\n## Mål 1: A\n\n### Tiltak\n\n- **1.1** Ringe\n- **1.2** Stand\n- **{id}** Kurs\n"


@pytest.mark.parametrize("lookalike, what", [
    ("1.1\u200b", "ZERO WIDTH SPACE"),
    ("1.\u202e1", "RIGHT-TO-LEFT OVERRIDE"),
    ("\uff11.\uff12", "full bredde"),
    ("1.2\u0430", "annet alfabet"),  # Cyrillic а after 1.2: looks like 1.2a
])
def test_a_lookalike_id_is_an_error(write, cli, lookalike, what):
    path = write("plan.md", PLAN.format(id=lookalike))
    result = cli("check", str(path))
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "AP213" in line]
    assert len(lines) == 1 and f"{path}:13:" in lines[0] and what in lines[0], result.out


def test_the_twin_is_named(write, cli):
    path = write("plan.md", PLAN.format(id="1.1\u200b"))
    assert "ser ut som «1.1» på linje 11" in cli("check", str(path)).out


@pytest.mark.parametrize("plain", ["1.3", "1.3a", "Æ1", "2.3b)"])
def test_ordinary_ids_with_norwegian_letters_are_not(write, cli, plain):
    path = write("plan.md", PLAN.format(id=plain))
    assert "AP213" not in cli("check", str(path)).out
