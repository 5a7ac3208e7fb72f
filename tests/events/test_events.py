import datetime
import zoneinfo

import pytest
from django.utils import timezone
from freezegun import freeze_time
from icalendar import Calendar
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from opportunities.choices import Level
from opportunities.models import EventIndexPage, EventPage
from portal.models import HomePage
from tests.factories.events import EventPageFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 3, 20, 12, 0, tzinfo=LONDON)


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def make_event(index, title, start, hours=2, **kwargs):
    return EventPageFactory(
        parent=index,
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        **kwargs,
    )


class EventPageTreeTests(WagtailPageTestCase):
    def test_events_live_under_the_single_event_index(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertEqual(EventIndexPage.max_count, 1)
        self.assertNotIn(EventPage, Page.allowed_subpage_models())


@pytest.mark.django_db
@freeze_time(NOW)
class TestUpcomingAndPast:
    def test_upcoming_lists_soonest_first_and_past_newest_first(self, client, event_index):
        later = make_event(event_index, "Later walk", london(2027, 4, 2, 10))
        sooner = make_event(event_index, "Sooner forum", london(2027, 3, 25, 18))
        old = make_event(event_index, "Old café", london(2027, 1, 5, 10))
        older = make_event(event_index, "Older exhibition", london(2026, 12, 1, 10))
        # Started an hour ago and still going: it is still on, so it counts as upcoming.
        ongoing = make_event(event_index, "Ongoing launch day", london(2027, 3, 20, 11), hours=4)

        upcoming = client.get("/events/")
        assert [e.pk for e in upcoming.context["events"]] == [ongoing.pk, sooner.pk, later.pk]
        assert "3 events coming up" in upcoming.content.decode()

        past = client.get("/events/past/")
        assert [e.pk for e in past.context["events"]] == [old.pk, older.pk]

    def test_event_page_renders_local_time_across_the_clock_change(self, client, event_index):
        # UK clocks go forward at 01:00 UTC on Sunday 28 March 2027.
        before = make_event(event_index, "Before the change", london(2027, 3, 27, 10))
        after = make_event(event_index, "After the change", london(2027, 3, 29, 10))
        for page in (before, after):
            response = client.get(page.url)
            assert (
                "10:00 a.m." in response.content.decode() or "10 a.m." in response.content.decode()
            )

        calendar = Calendar.from_ical(client.get("/events/calendar.ics").content)
        starts = {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
        assert starts["Before the change"] == datetime.datetime(
            2027, 3, 27, 10, tzinfo=datetime.UTC
        )
        assert starts["After the change"] == datetime.datetime(2027, 3, 29, 9, tzinfo=datetime.UTC)

    def test_filters_by_level_area_and_month_and_keeps_them_across_pages(self, client, event_index):
        for day in range(1, 15):
            make_event(
                event_index, f"Group session {day}", london(2027, 4, day, 10), level=Level.GROUP
            )
        make_event(event_index, "Council", london(2027, 4, 20, 10), level=Level.COLLECTIVE)
        make_event(event_index, "May walk", london(2027, 5, 3, 10), level=Level.GROUP)

        response = client.get("/events/", {"level": "group", "month": "2027-04"})
        assert response.context["page_obj"].paginator.count == 14
        html = response.content.decode()
        assert 'href="?level=group&amp;month=2027-04&amp;page=2"' in html

        page_two = client.get("/events/", {"level": "group", "month": "2027-04", "page": 2})
        assert len(page_two.context["events"]) == 2

    @pytest.mark.parametrize(
        "query",
        [
            {"level": "bogus"},
            {"month": "2027-13"},
            {"month": "<script>"},
            {"area": "<script>alert(1)</script>"},
            {"type": "x" * 5000},
        ],
    )
    def test_bad_filter_input_is_reported_never_a_server_error(self, client, event_index, query):
        make_event(event_index, "Forum", london(2027, 3, 25, 10))
        response = client.get("/events/", query)
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert "<title>Error:" in html
        assert "<script>alert(1)</script>" not in html
        # The valid part of the listing still shows.
        assert "Forum" in html

    @pytest.mark.parametrize("page", ["999", "x", "0", "-1"])
    def test_a_page_out_of_range_is_a_404(self, client, event_index, page):
        make_event(event_index, "Forum", london(2027, 3, 25, 10))
        assert client.get("/events/", {"page": page}).status_code == 404

    def test_listing_queries_do_not_grow_with_the_number_of_events(
        self, client, event_index, django_assert_max_num_queries
    ):
        for day in range(3):
            make_event(event_index, f"Few {day}", london(2027, 4, day + 1, 10))
        client.get("/events/")  # the first request creates the site settings row
        with django_assert_max_num_queries(16) as few:
            client.get("/events/")
        for day in range(30):
            make_event(event_index, f"Many {day}", london(2027, 5, day + 1, 10))
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get("/events/")


@pytest.mark.django_db
@freeze_time(NOW)
class TestCalendars:
    def test_site_feed_holds_upcoming_events_with_urls_locations_and_stable_uids(
        self, client, event_index
    ):
        forum = make_event(event_index, "Forum", london(2027, 3, 25, 18))
        make_event(event_index, "Last year", london(2026, 3, 25, 18))

        first = client.get("/events/calendar.ics")
        assert first.status_code == 200
        assert first["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(first.content)
        events = calendar.walk("VEVENT")
        assert [str(e["summary"]) for e in events] == ["Forum"]
        event = events[0]
        assert str(event["url"]).endswith(forum.url)
        assert str(event["location"]).startswith(forum.venue.name)
        assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=2)

        again = Calendar.from_ical(client.get("/events/calendar.ics").content)
        assert [str(e["uid"]) for e in again.walk("VEVENT")] == [str(event["uid"])]

    def test_site_feed_runs_from_a_month_back_to_a_year_ahead(self, client, event_index):
        make_event(event_index, "Two months ago", london(2027, 1, 18, 10))
        make_event(event_index, "Three weeks ago", london(2027, 2, 27, 10))
        make_event(event_index, "Next week", london(2027, 3, 27, 10))
        make_event(event_index, "In eleven months", london(2028, 2, 20, 10))
        make_event(event_index, "In thirteen months", london(2028, 4, 20, 10))

        calendar = Calendar.from_ical(client.get("/events/calendar.ics").content)
        assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
            "Three weeks ago",
            "Next week",
            "In eleven months",
        ]

    def test_site_feed_costs_the_same_queries_for_three_events_or_thirty(
        self, client, event_index, django_assert_max_num_queries
    ):
        for day in range(3):
            make_event(event_index, f"Few {day}", london(2027, 4, day + 1, 10))
        client.get("/events/calendar.ics")
        with django_assert_max_num_queries(12) as few:
            client.get("/events/calendar.ics")
        for day in range(27):
            make_event(event_index, f"Many {day}", london(2027, 5, day + 1, 10))
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get("/events/calendar.ics")
        assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 30

    def test_site_feed_keeps_punctuation_and_long_words_intact(self, client, event_index):
        title = "Walk; talk, and tea \\ all welcome"
        summary = "Ceilidh in Kilmarnock’s hall — " * 6 + "bring a friend."
        event = make_event(event_index, title, london(2027, 3, 25, 18), summary=summary)
        event.venue = None
        event.online_joining_note = "We send a link."
        event.save()

        content = client.get("/events/calendar.ics").content
        assert all(len(line) <= 75 for line in content.split(b"\r\n"))
        (entry,) = Calendar.from_ical(content).walk("VEVENT")
        assert str(entry["summary"]) == title
        assert str(entry["description"]) == f"{summary}\n\n{event.full_url}"
        assert str(entry["location"]) == "Online"

    def test_each_event_has_its_own_calendar_file_linked_from_the_page(self, client, event_index):
        forum = make_event(event_index, "Forum", london(2027, 3, 25, 18))
        page = client.get(forum.url)
        assert f'href="{forum.url}calendar.ics"' in page.content.decode()

        response = client.get(forum.url + "calendar.ics")
        calendar = Calendar.from_ical(response.content)
        assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Forum"]
        assert calendar["version"] == "2.0"
        assert "prodid" in calendar


@pytest.mark.django_db
def test_an_event_must_end_after_it_starts_and_say_where_it_is(event_index):
    from django.core.exceptions import ValidationError

    start = timezone.now() + datetime.timedelta(days=3)
    backwards = EventPageFactory.build(start=start, end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="The end must be after the start."):
        backwards.clean()

    nowhere = EventPageFactory.build(start=start, end=start + datetime.timedelta(hours=1))
    nowhere.venue = None
    with pytest.raises(ValidationError, match="Choose a venue"):
        nowhere.clean()
    nowhere.online_joining_note = "We send a video link the day before."
    nowhere.clean()
