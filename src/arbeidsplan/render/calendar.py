"""Calendar events (status/schedule.py) as an iCalendar file (RFC 5545), built with the `icalendar` library.

Each event is an all-day event over its months (1 March to 1 June for «våren»), never past the plan's period.
Evenly spaced years become one event with a yearly rule (every year for «årlig», every other for «i valgår», every
fourth for «lokalvalgår»); unevenly spaced years a first date and extra dates (RDATE). The UID is made from the
plan's organisation, period and the measure's id, so a new export updates the same events in a subscribed calendar
instead of adding copies; two plans of the same name and period (Nes SV in two counties) have their files' paths
in it too, so that neither takes the other's events. In a calendar of several plans each title names its plan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..messages import message
from ..status.schedule import Event
from .site import slug

PRODID = "-//arbeidsplan//arbeidsplan kalender//NB"


class CalendarProblem(Exception):
    """The file written cannot be read back as the calendar that was meant."""


def _who(plan: Any) -> str:
    period = plan.meta.period
    return slug(f"{plan.meta.organisation or plan.path} {period.first}-{period.last}" if period else plan.path)


def owners(plans: list[Any]) -> dict[str, str]:
    """Each plan's part of its events' UIDs, by path: its organisation and period, and where two plans share
    those, its file's path as well."""
    by_who: dict[str, set[str]] = {}
    for plan in plans:
        by_who.setdefault(_who(plan), set()).add(plan.path)
    return {plan.path: _who(plan) if len(by_who[_who(plan)]) == 1 else slug(f"{_who(plan)} {plan.path}")
            for plan in plans}


def uid(event: Event, who: str | None = None) -> str:
    """`who`: the plan's part (owners()); by default its organisation and period."""
    extra = (f"-{event.occurrence}" if event.occurrence > 1 else "") + (f"-{event.part + 1}" if event.part else "")
    return f"{who or _who(event.plan)}-{slug(event.measure.id)}{extra}@arbeidsplan"


def span(event: Event, year: int) -> tuple[date, date]:
    """First day of the first month, and the day after the last month (DTEND is exclusive for dates), ending with
    the plan's period at the latest: «vinteren» in its last year is December alone."""
    first, last = event.months[0], event.months[-1]
    start = date(year, first, 1)
    end_year = year + (1 if last < first else 0)  # «vinter»: December to February
    end = date(end_year + 1, 1, 1) if last == 12 else date(end_year, last + 1, 1)
    period = event.plan.meta.period
    if period is not None:
        end = min(end, date(period.last + 1, 1, 1))
    return start, end


def _description(event: Event) -> str:
    m = event.measure
    lines = [m.text, "", f"{message('calendar.plan')}: {event.plan.label}"]
    if event.chain:
        goal = event.chain[-1]
        lines.append(f"{message('calendar.goal')}: {goal.label or goal.id} {goal.title}")
    if m.timing_text:
        lines.append(f"{message('calendar.when')}: {m.timing_text}")
    if m.responsible:
        lines.append(f"{message('calendar.responsible')}: {m.responsible}")
    return "\n".join(lines)


def vevent(event: Event, stamp: Any, who: str | None = None, named: bool = False) -> Any:
    """`who`: the plan's part of the UID (owners()); `named`: the title starts with the plan's name (a calendar
    of several plans, where a month holds many plans' «1.2 …»)."""
    from icalendar import Event as VEvent

    out = VEvent()
    out.add("uid", uid(event, who))
    out.add("dtstamp", stamp)
    start, end = span(event, event.years[0])
    out.add("dtstart", start)
    out.add("dtend", end)
    title = f"{event.measure.id} {event.measure.text}"
    out.add("summary", f"{event.plan.meta.organisation or event.plan.name}: {title}" if named else title)
    out.add("description", _description(event))
    out.add("categories", [event.plan.name])
    out.add("transp", "TRANSPARENT")  # a month-long reminder, not a busy block
    step = event.step
    if step is not None:
        out.add("rrule", {"freq": "yearly", "interval": step, "count": len(event.years)})
    elif len(event.years) > 1:
        out.add("rdate", [span(event, y)[0] for y in event.years[1:]])
    return out


def as_ics(result: Any) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", message("calendar.name"))
    plans = list({event.plan.path: event.plan for event in result.events}.values())
    who = owners(plans)
    for event in result.events:
        cal.add_component(vevent(event, result.stamp, who[event.plan.path], named=len(plans) > 1))
    return cal.to_ical()


def verify(data: bytes, expected: int) -> None:
    """Read the calendar back: it must parse and hold the expected number of events, each with its own UID."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except ValueError as err:
        raise CalendarProblem(str(err)) from None
    events = cal.walk("VEVENT")
    uids = {str(e.get("uid")) for e in events}
    if len(events) != expected or len(uids) != expected:
        raise CalendarProblem(f"{len(events)}/{expected}")
