"""Factories for the catalogue, for the tests."""

import factory
import wagtail_factories
from django.utils.text import slugify

from opportunities.choices import Commitment, Level, Status
from opportunities.models import (
    Area,
    EngagementType,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisingGroup,
)


class AreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Area
        django_get_or_create = ("slug",)


class OrganisingGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "A group of people with lived experience who run activities."

    class Meta:
        model = OrganisingGroup
        django_get_or_create = ("slug",)


class EngagementTypeFactory(factory.django.DjangoModelFactory):
    """The seven types come from a migration; this reuses them by slug."""

    name = "Consultation and feedback"
    slug = "consultation-feedback"
    description = "Tell us what you think."

    class Meta:
        model = EngagementType
        django_get_or_create = ("slug",)


class OpportunityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Opportunities"
    slug = "opportunities"
    summary = "Every way to get involved, from a short survey to helping run a service."
    intro = "Find something that suits you. Start small if you like: you can always do more later."
    show_in_menus = True

    class Meta:
        model = OpportunityIndexPage


class OpportunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "A way to have your say about services."
    level = Level.INDIVIDUAL
    engagement_type = factory.SubFactory(EngagementTypeFactory)
    area = factory.SubFactory(AreaFactory, name="North Ayrshire")
    organising_group = factory.SubFactory(OrganisingGroupFactory, name="Making A Difference")
    commitment = Commitment.ONE_OFF
    time_estimate = "About 20 minutes"
    status = Status.OPEN

    class Meta:
        model = OpportunityPage
