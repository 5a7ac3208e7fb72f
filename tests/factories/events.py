"""Factories for events, for the tests."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from opportunities.choices import Level
from opportunities.models import EventIndexPage, EventPage, Venue

from .opportunities import AreaFactory, EngagementTypeFactory, OrganisingGroupFactory


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Community hall {n}")
    address = "1 High Street\nKilmarnock"
    postcode = "KA1 1AA"
    accessibility_notes = "Step-free entrance and an accessible toilet."
    directions = "The number 4 bus stops outside."

    class Meta:
        model = Venue
        django_get_or_create = ("name",)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "What's on"
    slug = "events"
    summary = "Meetings, walks, launch days and exhibitions you can come to."
    intro = "Come along to something. You can bring a friend, and we pay travel."
    show_in_menus = True

    class Meta:
        model = EventIndexPage


def _next_week_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Come along and have your say."
    level = Level.GROUP
    engagement_type = factory.SubFactory(EngagementTypeFactory)
    area = factory.SubFactory(AreaFactory, name="East Ayrshire")
    organising_group = factory.SubFactory(OrganisingGroupFactory, name="Community Voices Network")
    venue = factory.SubFactory(VenueFactory)
    start = factory.LazyFunction(lambda: _next_week_at(10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage
