"""The catalogue's own addresses, included by the site's URLs (portal/urls.py)."""

from django.urls import re_path

from .calendars import page_calendar

urlpatterns = [
    # /events/calendar.ics and <event URL>calendar.ics: Wagtail's pattern needs a final slash.
    re_path(r"^(?P<page_path>(?:[\w\-]+/)*)calendar\.ics$", page_calendar, name="page_calendar"),
]
