"""Events: dated opportunities such as forum meetings, launch days, walks and exhibitions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import BasePage, PortalPageQuerySet

from ..calendars import CalendarEntry, calendar_response
from ..choices import EVENING_STARTS_AT, WHEN
from ..printing import PrintableFlyerMixin
from .pages import DETAIL_RELATED, OpportunityFacts
from .signup_mixin import SignUpPageMixin, SignUpState
from .signups import NOT_HOLDING_A_PLACE, SignUp, SignUpStatus
from .snippets import Venue

# Django counts week days from Sunday (1) to Saturday (7).
WEEKEND_DAYS = (1, 7)
# The site's calendar feed: from a month back to a year ahead.
CALENDAR_DAYS_BACK = datetime.timedelta(days=31)
CALENDAR_DAYS_AHEAD = datetime.timedelta(days=365)
# The columns a calendar shows of an event (see ``EventIndexPage.calendar_entries``).
CALENDAR_FIELDS = (
    "pk",
    "title",
    "summary",
    "url_path",
    "start",
    "end",
    "last_published_at",
    "online_joining_note",
    "venue_id",
    "venue__name",
    "venue__address",
    "venue__postcode",
)


def calendar_location(venue, online_joining_note):
    """Where a calendar says an event is: its venue on one line, or "Online"."""
    if venue is not None:
        return venue.one_line
    return "Online" if online_joining_note else ""


def when_q(value):
    """Events that start at this time of the week, in UK time (the site's time zone)."""
    weekday = ~models.Q(start__week_day__in=WEEKEND_DAYS)
    if value == "weekend":
        return models.Q(start__week_day__in=WEEKEND_DAYS)
    if value == "evening":
        return weekday & models.Q(start__hour__gte=EVENING_STARTS_AT)
    return weekday & models.Q(start__hour__lt=EVENING_STARTS_AT)


class EventPageQuerySet(PortalPageQuerySet):
    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def in_calendar_window(self, now=None):
        """Events from a month back to a year ahead (over for a month at most, starting
        within the year), soonest first. The site's calendar feed holds these, so it
        does not grow with every event the site has ever held or planned."""
        now = now or timezone.now()
        return self.filter(
            end__gte=now - CALENDAR_DAYS_BACK, start__lte=now + CALENDAR_DAYS_AHEAD
        ).order_by("start", "pk")

    def past(self, now=None):
        """Events that have finished, most recent first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


class EventIndexPage(RoutablePageMixin, BasePage):
    """What's on at /events/: upcoming events, past events and a calendar feed."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list of events, in plain words."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["opportunities.EventPage"]
    max_count = 1
    page_description = "The list of events. There is only one."

    # The listing and its filter form use these models, so they stand above them: the
    # page names the view by dotted path, as Wagtail names a page's form class.
    listing_view = "opportunities.event_views.event_listing"

    def events(self):
        return (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .select_related("engagement_type", "area", "organising_group", "venue")
        )

    @path("")
    def upcoming_events(self, request):
        return import_string(self.listing_view)(self, request, past=False)

    @path("past/")
    def past_events(self, request):
        return import_string(self.listing_view)(self, request, past=True)

    def calendar(self, request):
        """Events from a month ago to a year ahead, served at <index URL>calendar.ics (see
        opportunities/urls.py). Recent ones stay so a calendar app does not drop them at once."""
        entries = self.calendar_entries(self.events().in_calendar_window(), request)
        return calendar_response(entries, filename="events.ics")

    def calendar_entries(self, events, request):
        """A ``CalendarEntry`` for each of ``events`` (pages under this one), from one
        query of the columns a calendar shows: no page is loaded. An event's address is
        this page's with the rest of the event's URL path after it, as Wagtail makes it."""
        listing_url = self.get_full_url(request) or ""
        venues = {}  # the same few venues, each written out once
        entries = []
        for row in events.values(*CALENDAR_FIELDS):
            venue_id = row["venue_id"]
            if venue_id is None:
                location = calendar_location(None, row["online_joining_note"])
            elif venue_id in venues:
                location = venues[venue_id]
            else:
                venue = Venue(
                    name=row["venue__name"],
                    address=row["venue__address"],
                    postcode=row["venue__postcode"],
                )
                location = venues[venue_id] = calendar_location(venue, "")
            entries.append(
                CalendarEntry(
                    pk=row["pk"],
                    title=row["title"],
                    start=row["start"],
                    end=row["end"],
                    url=listing_url and listing_url + row["url_path"][len(self.url_path) :],
                    summary=row["summary"],
                    location=location,
                    last_published_at=row["last_published_at"],
                )
            )
        return entries


class EventPage(SignUpPageMixin, PrintableFlyerMixin, OpportunityFacts, BasePage):
    """A dated opportunity: when, where, how many places, and how to sign up."""

    body = StreamField(
        BodyBlock(), blank=True, help_text="What happens at the event, in short plain sentences."
    )
    start = models.DateTimeField(help_text="When it starts, in UK time.")
    end = models.DateTimeField(help_text="When it finishes, in UK time.")
    venue = models.ForeignKey(
        "opportunities.Venue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="Where it happens. Leave empty for an online event and fill in the joining note.",
    )
    online_joining_note = models.TextField(
        blank=True,
        help_text="For online events: how people join. Do not paste a meeting link here if "
        "it should only go to people who signed up.",
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many places there are. Leave empty if there is no limit. When it is "
        "full, new sign-ups go on the waiting list.",
    )
    food_and_travel = models.TextField(
        blank=True, help_text="What food there is and how travel costs are paid back."
    )
    related_opportunity = models.ForeignKey(
        "opportunities.OpportunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="The opportunity this event belongs to, if any (e.g. the forum that meets).",
    )

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    when_where_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("venue"),
        FieldPanel("online_joining_note"),
        FieldPanel("food_and_travel"),
    ]
    sign_up_panels = [
        FieldPanel("capacity"),
        FieldPanel("contact_email"),
        PageChooserPanel("related_opportunity", "opportunities.OpportunityPage"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="What it is"),
            ObjectList(when_where_panels, heading="When and where"),
            ObjectList(OpportunityFacts.facts_panels, heading="Facts for choosing"),
            ObjectList(sign_up_panels, heading="Sign-ups"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        *OpportunityFacts.facts_search_fields,
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["opportunities.EventIndexPage"]
    related_for_page_view = (*DETAIL_RELATED, "venue")
    subpage_types = []
    page_description = "A meeting, launch day, walk, exhibition or other dated event."

    class Meta:
        verbose_name = "event"
        verbose_name_plural = "events"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The end must be after the start."})
        if not self.venue_id and not self.online_joining_note.strip():
            raise ValidationError(
                {"venue": "Choose a venue, or say how people join online in the joining note."}
            )

    @property
    def when_value(self):
        """ "daytime", "evening" or "weekend", from the start in UK time."""
        start = timezone.localtime(self.start)
        if start.isoweekday() >= 6:
            return "weekend"
        return "evening" if start.hour >= EVENING_STARTS_AT else "daytime"

    @property
    def when_labels(self):
        return [WHEN[self.when_value][1]] if self.start else []

    @property
    def town(self):
        return self.venue.town if self.venue else "Online"

    @property
    def is_past(self):
        return self.end < timezone.now()

    def places_taken(self):
        if self.pk is None:  # a preview of an event not yet saved
            return 0
        return SignUp.objects.filter(page=self).exclude(status__in=NOT_HOLDING_A_PLACE).count()

    def pages_showing_places(self):
        """The pages to make afresh when a sign-up takes or frees a place here: this
        event, when it has a limit (the listings show no places)."""
        return [self] if self.capacity is not None else []

    def places_left(self):
        """Places still free, or None when there is no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken(), 0)

    def sign_up_state(self):
        """Past events take no sign-ups; full ones still do, onto the waiting list."""
        if not self.live:
            return SignUpState.CLOSED
        if self.is_past:
            return SignUpState.PAST
        return SignUpState.OPEN

    def initial_sign_up_status(self):
        if self.capacity is None:
            return SignUpStatus.NEW
        # Lock this event's row so two people cannot both take the last place.
        list(Page.objects.select_for_update().filter(pk=self.pk).values_list("pk", flat=True))
        return SignUpStatus.WAITING_LIST if self.places_left() == 0 else SignUpStatus.NEW

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places_left"] = self.places_left()
        return context

    def calendar(self, request):
        """This event alone, served at <event URL>calendar.ics (see opportunities/urls.py)."""
        entry = CalendarEntry(
            pk=self.pk,
            title=self.title,
            start=self.start,
            end=self.end,
            url=self.get_full_url(request) or "",
            summary=self.summary,
            location=calendar_location(self.venue, self.online_joining_note),
            last_published_at=self.last_published_at,
        )
        return calendar_response([entry], filename=f"{self.slug}.ics")
