"""`arbeidsplan calendar`: the measures with a month or a season as events in an .ics file, read back with
the icalendar library and its recurrence rules expanded, as a calendar program would."""

from __future__ import annotations

from datetime import date, datetime
from textwrap import dedent

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from arbeidsplan import api
from conftest import REPO, header

EXAMPLE = REPO / "examples" / "eksempelby" / "2024-2027.md"


def events_of(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def starts(event) -> list[date]:  # type: ignore[no-untyped-def]
    """Every date the event starts on: DTSTART, its RRULE expanded, and its RDATEs."""
    first = event["dtstart"].dt
    out = [first]
    if "rrule" in event:
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime(first.year, first.month, first.day))
        out = [d.date() for d in rule]
    for rdate in ([event["rdate"]] if "rdate" in event and not isinstance(event["rdate"], list)
                  else event.get("rdate", [])):
        out += [d.dt for d in rdate.dts]
    return sorted(out)


def plan_with(write, *measures: str):  # type: ignore[no-untyped-def]
    body = "\n".join(f"- **{i}** Tiltak {i}.\n  - når: {when}" for i, when in measures)
    return write("plans/lag/2026-2029.md", header(organisasjon="Testlaget SV") + dedent("""
        # Plan

        ## Mål 1: Noe

        ### Tiltak

        """) + body + "\n")


def test_the_example_plan(cli, tmp_path):
    out = tmp_path / "kalender.ics"
    result = cli("calendar", str(EXAMPLE), "-o", str(out))
    assert result.code == 0, result.err
    events = events_of(out.read_bytes())
    plan = api.show(EXAMPLE).plan
    with_month = [m for m in plan.measures() if m.timing and m.timing.months]
    assert len(events) == len(with_month) == 3
    assert f"{len(list(plan.measures())) - 3} tiltak har ingen måned eller årstid" in result.err
    march = events["eksempelby-sv-fiktivt-lokallag-2024-2027-1-2@arbeidsplan"]  # «Mars, årlig»
    assert starts(march) == [date(y, 3, 1) for y in (2024, 2025, 2026, 2027)]
    assert march["dtend"].dt == date(2024, 4, 1)
    assert str(march["summary"]).startswith("1.2 Ringe alle medlemmer")
    spring = events["eksempelby-sv-fiktivt-lokallag-2024-2027-3-1@arbeidsplan"]  # «Våren 2026»
    assert starts(spring) == [date(2026, 3, 1)] and spring["dtend"].dt == date(2026, 6, 1)
    assert "Ansvar: Styret" in str(spring["description"])


def test_election_years_seasons_and_uneven_years(cli, write, tmp_path):
    plan = plan_with(write, ("1.1", "september i valgår"), ("1.2", "mai i lokalvalgår"), ("1.3", "vinter, årlig"),
                     ("1.4", "mars og oktober 2027"), ("1.5", "april 2026 og 2029"), ("1.6", "årlig"))
    out = tmp_path / "k.ics"
    result = cli("calendar", str(plan), "-o", str(out))
    assert result.code == 0, result.err
    ev = {uid.split("-2026-2029-")[1].split("@")[0]: e for uid, e in events_of(out.read_bytes()).items()}
    assert starts(ev["1-1"]) == [date(2027, 9, 1), date(2029, 9, 1)]  # valgår: every odd year
    assert ev["1-1"]["rrule"]["INTERVAL"] == [2]
    assert starts(ev["1-2"]) == [date(2027, 5, 1)]  # lokalvalg 2027 only
    assert starts(ev["1-3"]) == [date(y, 12, 1) for y in range(2026, 2030)]
    assert ev["1-3"]["dtend"].dt == date(2027, 3, 1)  # December to February
    assert starts(ev["1-4"]) == [date(2027, 3, 1)] and starts(ev["1-4-2"]) == [date(2027, 10, 1)]
    assert starts(ev["1-5"]) == [date(2026, 4, 1), date(2029, 4, 1)]
    assert "1-6" not in ev  # «årlig» names no month: not in the calendar, and said so
    assert "1 tiltak har ingen måned eller årstid" in result.err


def test_uids_are_stable_when_the_text_changes_and_unique_when_ids_repeat(cli, write, tmp_path):
    plan = plan_with(write, ("1.1", "mars"), ("1.1", "april"))
    first = events_of(cli("calendar", str(plan)).out.encode())
    plan.write_text(plan.read_text(encoding="utf-8").replace("Tiltak 1.1.", "Nytt navn."), encoding="utf-8")
    second = events_of(cli("calendar", str(plan)).out.encode())
    assert set(first) == set(second) and len(first) == 2
    assert all(str(e["summary"]).startswith("1.1 Nytt navn") for e in second.values())


def test_the_real_plans_give_one_event_per_uid(tmp_path, cli):
    out = tmp_path / "k.ics"
    result = cli("calendar", str(REPO / "plans"), "-o", str(out))
    assert result.code in (0, 1)
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == len({str(e["uid"]) for e in events}) > 0
    assert f"Skrev {len(events)} hendelser" in result.err


@pytest.mark.parametrize("name", ["plan.md", "kalender.txt"])
def test_output_must_be_an_ics_file(cli, tmp_path, name):
    target = tmp_path / name
    target.write_text("min plan", encoding="utf-8")
    result = cli("calendar", str(EXAMPLE), "-o", str(target))
    assert result.code == 2 and ".ics" in result.err
    assert target.read_text(encoding="utf-8") == "min plan"


def test_two_lag_of_the_same_name_keep_their_own_events(cli, write, tmp_path):
    """From a new-user trial: Nes SV in Akershus and Nes SV in Buskerud gave the same UIDs, so a subscribed
    calendar merged them and lost events; the command then failed, after it had replaced the good file."""
    for county in ("akershus", "buskerud"):
        write(f"plans/{county}/nes/2026-2029.md", header(organisasjon="Nes SV") + dedent("""
            # Plan

            ## Mål 1: Noe

            ### Tiltak

            - **1.1** Årsmøte.
              - når: mars, årlig
            """))
    out = tmp_path / "k.ics"
    result = cli("calendar", str(tmp_path / "plans"), "-o", str(out))
    assert result.code == 0, result.err
    events = events_of(out.read_bytes())
    assert len(events) == 2 and all(str(e["summary"]).startswith("Nes SV: 1.1 Årsmøte") for e in events.values())
    assert {str(e["description"]).split("Plan: ")[1].split("\n")[0] for e in events.values()} == {"Nes SV 2026–2029"}
    alone = events_of(cli("calendar", str(tmp_path / "plans" / "akershus")).out.encode())
    assert list(alone) == ["nes-sv-2026-2029-1-1@arbeidsplan"]  # one plan: its UIDs as before, its titles bare
    assert str(alone["nes-sv-2026-2029-1-1@arbeidsplan"]["summary"]) == "1.1 Årsmøte."


def test_a_calendar_that_does_not_read_back_replaces_nothing(cli, tmp_path, monkeypatch):
    from arbeidsplan.render import calendar

    out = tmp_path / "k.ics"
    out.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    monkeypatch.setattr(calendar, "verify", lambda data, n: (_ for _ in ()).throw(calendar.CalendarProblem("1/2")))
    result = cli("calendar", str(EXAMPLE), "-o", str(out))
    assert result.code == 2 and "kan ikke leses tilbake (1/2)" in result.err
    assert out.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def test_events_stay_in_the_period_and_those_outside_it_are_said_so(cli, write, tmp_path):
    plan = plan_with(write, ("1.1", "vinteren 2029"), ("1.2", "mai 2031"), ("1.3", "januar 2025"), ("1.4", "årlig"))
    result = cli("calendar", str(plan))
    events = {uid.split("-2026-2029-")[1].split("@")[0]: e for uid, e in events_of(result.out.encode()).items()}
    assert list(events) == ["1-1"]
    assert events["1-1"]["dtstart"].dt == date(2029, 12, 1) and events["1-1"]["dtend"].dt == date(2030, 1, 1)
    assert "1 tiltak har ingen måned eller årstid" in result.err  # 1.4
    assert "2 tiltak har en måned bare i år utenfor planperioden" in result.err  # 1.2, 1.3
