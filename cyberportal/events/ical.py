"""The iCalendar feed (RFC 5545), built with the `icalendar` library: one VEVENT per event or meeting.

Events carry their venue's zone (DTSTART;TZID=America/Lima:...), with the VTIMEZONE it needs; meetings
of the recommendations capability are all-day (VALUE=DATE, the day after the last as DTEND). UIDs are
"event-<id>@<host>" and "meeting-<id>@<host>": stable, so a calendar updates an event instead of adding
it again. The library escapes commas, semicolons and new lines in text values.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .selectors import EventItem


def calendar_bytes(items: list[EventItem], *, base_url: str, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    for item in items:
        vevent = VEvent()
        vevent.add("uid", item.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("summary", item.title)
        if item.all_day:
            vevent.add("dtstart", item.start)
            vevent.add("dtend", item.end + datetime.timedelta(days=1))  # DTEND of a date is exclusive
        else:
            vevent.add("dtstart", item.start)
            vevent.add("dtend", item.end)
        if item.updated:
            vevent.add("last-modified", item.updated.astimezone(datetime.UTC).replace(microsecond=0))
        description = "\n\n".join(part for part in (item.summary, item.online_url) if part)
        if description:
            vevent.add("description", description)
        if item.place:
            vevent.add("location", item.place)
        elif item.online_url:
            vevent.add("location", item.online_url)
        vevent.add("url", base_url + item.url)
        vevent.add("categories", [item.kind_label])
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
