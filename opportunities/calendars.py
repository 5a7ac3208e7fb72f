"""iCalendar (RFC 5545) feeds for events, built with the icalendar package."""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


def _uid_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def build_calendar(request, events):
    """A VCALENDAR holding one VEVENT per event page, times in UTC."""
    calendar = Calendar()
    calendar.add("prodid", "-//Co-production portal//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Events")
    stamp = timezone.now().astimezone(UTC)
    domain = _uid_domain()
    for page in events:
        event = Event()
        # Stable across requests, edits and hosts: the page's primary key never changes.
        event.add("uid", f"event-{page.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start.astimezone(UTC))
        event.add("dtend", page.end.astimezone(UTC))
        event.add("summary", page.title)
        url = page.get_full_url(request)
        if url:
            event.add("url", url)
        description = page.summary or ""
        event.add("description", f"{description}\n\n{url}".strip() if url else description)
        if page.venue_id:
            event.add("location", page.venue.one_line)
        elif page.online_joining_note:
            event.add("location", "Online")
        if page.last_published_at:
            event.add("last-modified", page.last_published_at.astimezone(UTC))
        calendar.add_component(event)
    return calendar


def calendar_response(request, events, filename):
    response = HttpResponse(
        build_calendar(request, events).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def page_calendar(request, page_path):
    """Serve ``<page URL>calendar.ics`` for any page that offers a calendar.

    Wagtail's own URL pattern only matches paths ending in a slash, so calendar files
    get this small view: it finds the page the way Wagtail does (live pages only) and
    asks it for its calendar.
    """
    from wagtail.models import Site

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
