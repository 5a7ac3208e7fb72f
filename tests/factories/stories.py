"""Factories for stories and change records, for the tests."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from stories.choices import ChangeStatus, ConsentMethod
from stories.models import ChangeRecord, StoryIndexPage, StoryPage, YouSaidWeDidPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories"
    slug = "stories"
    show_in_menus = True
    summary = "People who took part tell you, in their own words, what it was like."
    intro = (
        "Real stories from people who have taken part. Some use a made-up name, and some "
        "share without a name. Every story is shared with the storyteller's permission."
    )

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    """A story with consent recorded, ready to publish."""

    title = factory.Sequence(lambda n: f"A story about taking part {n}")
    summary = "What it was like to take part for the first time."
    display_name = factory.Sequence(lambda n: f"Storyteller {n}")
    body = wagtail_factories.StreamFieldFactory({})
    consent_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    consent_method = ConsentMethod.WRITTEN
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")
    storyteller_approved = True
    consent_review_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=335)
    )

    class Meta:
        model = StoryPage


class YouSaidWeDidPageFactory(wagtail_factories.PageFactory):
    title = "You said, we did"
    slug = "you-said-we-did"
    show_in_menus = True
    summary = "What people told us, what we changed because of it, and what we could not change."
    intro = (
        "When you take part, you tell us what works and what does not. Here is what we "
        "did about it. When we could not make a change, we say why."
    )

    class Meta:
        model = YouSaidWeDidPage


class ChangeRecordFactory(factory.django.DjangoModelFactory):
    you_said = factory.Sequence(lambda n: f"People asked for change number {n}.")
    we_did = "We made the change."
    status = ChangeStatus.DONE
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = ChangeRecord
        skip_postgeneration_save = True

    @factory.post_generation
    def opportunities(self, create, extracted, **kwargs):
        if create and extracted:
            self.opportunities.set(extracted)
            self.save()
