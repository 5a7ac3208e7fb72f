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


# Sets of rows the tests share.


def make_areas():
    return {
        slug: AreaFactory(name=name, slug=slug, sort_order=order)
        for order, (slug, name) in enumerate(
            [
                ("north-ayrshire", "North Ayrshire"),
                ("east-ayrshire", "East Ayrshire"),
                ("south-ayrshire", "South Ayrshire"),
            ]
        )
    }


def make_groups():
    return {
        "mad": OrganisingGroupFactory(name="Making A Difference", slug="mad"),
        "cvn": OrganisingGroupFactory(name="Community Voices Network", slug="cvn"),
    }


def engagement_types():
    return {
        engagement_type.slug: engagement_type for engagement_type in EngagementType.objects.all()
    }


def opportunity_maker(catalogue, areas, groups, types):
    """Add an opportunity to the catalogue; facts default to a plain individual survey."""

    def make(title, **facts):
        facts.setdefault("area", areas["north-ayrshire"])
        facts.setdefault("organising_group", groups["mad"])
        if isinstance(facts.get("engagement_type"), str):
            facts["engagement_type"] = types[facts["engagement_type"]]
        facts.setdefault("engagement_type", types["consultation-feedback"])
        if isinstance(facts["area"], str):
            facts["area"] = areas[facts["area"]]
        return OpportunityPageFactory(parent=catalogue, title=title, **facts)

    return make
