"""iCalendar (RFC 5545) feeds for events.

A feed is written line by line from ``CalendarEntry`` values, which the event models
read in one query (``EventIndexPage.calendar``). Building an ``icalendar`` object for
each event costs about a quarter of a millisecond, so the site's feed of a few thousand
events took most of a second; writing the handful of properties a feed has takes a
few microseconds each. Text is escaped and long lines are folded as the RFC says, and
the tests read every feed back with the ``icalendar`` parser.
"""

import dataclasses
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from wagtail.models import Site

# RFC 5545 3.1: a line is at most 75 octets; a longer one goes on in lines that start
# with a space.
LINE_OCTETS = 75
BACKSLASH = ord("\\")
HEADER = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Co-production portal//Events//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Events",
]


@dataclasses.dataclass(frozen=True)
class CalendarEntry:
    """What a calendar shows of one event."""

    pk: int
    title: str
    start: datetime.datetime
    end: datetime.datetime
    url: str = ""
    summary: str = ""
    location: str = ""
    last_published_at: datetime.datetime | None = None


def _uid_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def _text(value):
    """A TEXT value, its commas, semicolons, backslashes and line breaks escaped."""
    # Plain replace() calls: several times quicker than str.translate() here.
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def _utc(moment):
    """A DATE-TIME in UTC, e.g. 20270325T180000Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line):
    """``line`` in pieces of at most 75 octets, never splitting a character or an escape."""
    encoded = line.encode()
    if len(encoded) <= LINE_OCTETS:
        return line
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(encoded) - start > limit:
        end = start + limit
        # Back off from the middle of a UTF-8 character (its later bytes are 10xxxxxx)
        # and from just after a backslash, so "\," stays in one piece.
        while end > start + 1 and ((encoded[end] & 0xC0) == 0x80 or encoded[end - 1] == BACKSLASH):
            end -= 1
        pieces.append(encoded[start:end])
        start, limit = end, LINE_OCTETS - 1  # the leading space counts
    pieces.append(encoded[start:])
    return b"\r\n ".join(pieces).decode()


def _event_lines(entry, stamp, domain):
    yield "BEGIN:VEVENT"
    # Stable across requests, edits and hosts: the page's primary key never changes.
    yield f"UID:event-{entry.pk}@{domain}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART:{_utc(entry.start)}"
    yield f"DTEND:{_utc(entry.end)}"
    yield _fold(f"SUMMARY:{_text(entry.title)}")
    if entry.url:
        yield _fold(f"URL:{entry.url}")
    description = f"{entry.summary}\n\n{entry.url}".strip() if entry.url else entry.summary
    yield _fold(f"DESCRIPTION:{_text(description)}")
    if entry.location:
        yield _fold(f"LOCATION:{_text(entry.location)}")
    if entry.last_published_at:
        yield f"LAST-MODIFIED:{_utc(entry.last_published_at)}"
    yield "END:VEVENT"


def build_calendar(entries):
    """A VCALENDAR (bytes) holding one VEVENT per ``CalendarEntry``, times in UTC."""
    stamp = _utc(timezone.now())
    domain = _uid_domain()
    lines = list(HEADER)
    for entry in entries:
        lines.extend(_event_lines(entry, stamp, domain))
    lines.append("END:VCALENDAR")
    lines.append("")
    return "\r\n".join(lines).encode()


def calendar_response(entries, filename):
    response = HttpResponse(build_calendar(entries), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def page_calendar(request, page_path):
    """Serve ``<page URL>calendar.ics`` for any page that offers a calendar.

    Wagtail's own URL pattern only matches paths ending in a slash, so calendar files
    get this small view: it finds the page the way Wagtail does (live pages only) and
    asks it for its calendar.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    page = site.root_page.localized.specific.route(request, components).page
    # Only the page itself, not one of its sub-routes such as /events/past/.
    exact = page.url_path == site.root_page.url_path + page_path
    if not exact or not hasattr(page, "calendar") or page.get_view_restrictions().exists():
        raise Http404
    return page.calendar(request)
