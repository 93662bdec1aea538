"""A one-year plan (a youth council's «Handlingsplan 2025»): `periode: 2025` is the period 2025–2025."""

from __future__ import annotations

import json

import pytest

from arbeidsplan import api
from arbeidsplan.model import Period
from arbeidsplan.read.frontmatter import parse_period
from arbeidsplan.read.workspace import load_plan

ONE_YEAR = """\
---
organisasjon: Testlaget SV
nivå: lokallag
periode: {period}
---

## Mål 1: Synlig for ungdom

### Tiltak

- **1.1a** Arrangere erfaringsdeling for elevråd
  - når: I løpet av året
- **1.1b** Konferanse med ungdom fra hele fylket
  - når: Q4 2025
"""


@pytest.mark.parametrize("period", ["2025", '"2025"', "2025–2025", "[2025, 2025]"])
def test_one_year_is_the_period_of_that_year(write, period):
    plan = write("plans/lag/plan.md", ONE_YEAR.format(period=period))
    result = api.check([plan])
    assert [d for d in result.findings if d.code.startswith("AP1")] == []
    assert load_plan(plan)[0].meta.period == Period(2025, 2025)


def test_the_one_year_plan_is_checked_and_shown(write, cli):
    plan = write("plans/lag/plan.md", ONE_YEAR.format(period="2025"))
    checked = cli("check", plan)
    assert checked.code == 0, checked.out + checked.err
    shown = cli("show", plan, "--format", "json")
    assert shown.code == 0
    assert "2025" in json.dumps(json.loads(shown.out), ensure_ascii=False)


def test_the_years_status_lists_the_one_year_plans_measures(write, cli):
    plan = write("plans/lag/plan.md", ONE_YEAR.format(period="2025"))
    shown = cli("status", "--year", "2025", plan)
    assert "Testlaget SV 2025:" in shown.out  # the period is the year, not «2025–2025»
    assert "Arrangere erfaringsdeling" in shown.out and "Konferanse med ungdom" in shown.out
    assert "0 av 2" in shown.out


@pytest.mark.parametrize("text, period", [("2025", Period(2025, 2025)), ("2025–2028", Period(2025, 2028)),
                                          ("2028-2025", None), ("2025-", None), ("20255", None)])
def test_the_period_option_reads_the_same_forms(text, period):
    assert parse_period(text) == period


def test_a_bad_single_year_is_still_a_finding(write, cli):
    plan = write("plans/lag/plan.md", ONE_YEAR.format(period="neste år"))
    checked = cli("check", plan)
    assert checked.code == 1 and "AP106" in checked.out and "ettårig" in checked.out


def test_long_whitespace_in_the_period_stays_linear():
    assert parse_period("2025" + " " * 100_000 + "x") is None
    assert parse_period("2025" + " " * 100_000) == Period(2025, 2025)
