"""Catalogue pages: the opportunities listing and each opportunity."""

from django.db import models
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import BasePage

from ..choices import FORMATS, MOTIVATIONS, SUPPORT, Commitment, Level, Status
from ..signup_mixin import SignUpPageMixin


class OpportunityFacts(models.Model):
    """What a person needs to know to choose: shared by opportunities and events."""

    level = models.CharField(
        max_length=20,
        choices=Level.choices,
        help_text="Individual: just you. Group: with others. Collective: changing things for everyone.",
    )
    engagement_type = models.ForeignKey(
        "opportunities.EngagementType",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Which of the seven types of engagement this is.",
    )
    area = models.ForeignKey(
        "opportunities.Area",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where it happens.",
    )
    organising_group = models.ForeignKey(
        "opportunities.OrganisingGroup",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who runs it.",
    )
    who_can_take_part = models.TextField(
        blank=True,
        help_text="Who this is for, in plain words, e.g. 'Anyone who has been on probation "
        "in the last five years, and their families.'",
    )
    location = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where people go, or 'Online' or 'By phone'. No full addresses of private homes.",
    )

    # One column per tick box (see choices.py): portable, cheap to filter, indexable.
    format_in_person = models.BooleanField("In person", default=False)
    format_online = models.BooleanField("Online", default=False)
    format_phone = models.BooleanField("By phone", default=False)
    format_in_custody = models.BooleanField("In prison (in custody)", default=False)
    support_travel = models.BooleanField("Travel costs paid", default=False)
    support_food = models.BooleanField("Food provided", default=False)
    support_training = models.BooleanField("Training or preparation", default=False)
    support_accessible_venue = models.BooleanField("Accessible venue", default=False)
    support_peer = models.BooleanField("Peer support", default=False)
    support_recognition = models.BooleanField("Recognition for your time", default=False)
    motivation_development = models.BooleanField(
        "Learn and grow (personal development)", default=False
    )
    motivation_purpose = models.BooleanField("Purpose and routine", default=False)
    motivation_belonging = models.BooleanField("Belonging and friendship", default=False)
    motivation_giving_back = models.BooleanField("Giving something back", default=False)

    facts_panels = [
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("engagement_type"), FieldPanel("area")]),
        FieldPanel("organising_group"),
        FieldPanel("who_can_take_part"),
        FieldPanel("location"),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in FORMATS.values()],
            heading="How people take part",
            help_text="Tick every way people can take part.",
        ),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in SUPPORT.values()],
            heading="Support offered",
            help_text="Tick everything we offer to make it easier to take part.",
        ),
        MultiFieldPanel(
            [FieldPanel(field) for field, _ in MOTIVATIONS.values()],
            heading="What people get out of it",
            help_text="Tick what people usually get out of taking part.",
        ),
    ]

    facts_search_fields = [
        index.SearchField("who_can_take_part"),
        index.SearchField("location"),
        index.FilterField("level"),
        index.FilterField("engagement_type"),
        index.FilterField("area"),
        index.FilterField("organising_group"),
        *(
            index.FilterField(field)
            for spec in (FORMATS, SUPPORT, MOTIVATIONS)
            for field, _ in spec.values()
        ),
        index.RelatedFields("engagement_type", [index.SearchField("name")]),
        index.RelatedFields("area", [index.SearchField("name")]),
        index.RelatedFields("organising_group", [index.SearchField("name")]),
    ]

    class Meta:
        abstract = True

    def _ticked(self, spec):
        return [label for field, label in spec.values() if getattr(self, field)]

    @property
    def formats(self):
        return self._ticked(FORMATS)

    @property
    def support_offered(self):
        return self._ticked(SUPPORT)

    @property
    def motivations(self):
        return self._ticked(MOTIVATIONS)


class OpportunityIndexPage(BasePage):
    """The catalogue at /opportunities/: every way to get involved, with filters."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list, in plain words."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["opportunities.OpportunityPage"]
    max_count = 1
    page_description = "The list of all opportunities to get involved. There is only one."


class OpportunityPage(SignUpPageMixin, OpportunityFacts, BasePage):
    """One way to get involved: what you would do, when, where and what support there is."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="What people would do, in short plain sentences. Say what a first visit is like.",
    )
    commitment = models.CharField(
        max_length=20,
        choices=Commitment.choices,
        help_text="How much time it takes overall.",
    )
    time_estimate = models.CharField(
        max_length=120,
        help_text="An honest estimate, e.g. 'About 20 minutes' or '2 hours a week for 6 weeks'.",
    )
    first_step = models.BooleanField(
        "Good first step",
        default=False,
        help_text="Tick if this suits someone who has never taken part before.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text="Open: taking sign-ups. Full: no places now. Closed: finished.",
    )
    closing_date = models.DateField(
        null=True,
        blank=True,
        help_text="The last day people can sign up. Leave empty if there is none.",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="The team told about new sign-ups. Leave empty to use the address in Site settings.",
    )
    what_happens_next = models.TextField(
        blank=True,
        help_text="What happens after someone signs up. Leave empty for the standard wording.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("what_happens_next"),
    ]
    facts_panels = [
        *OpportunityFacts.facts_panels,
        FieldRowPanel([FieldPanel("commitment"), FieldPanel("time_estimate")]),
        FieldPanel("first_step"),
    ]
    sign_up_panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("closing_date")]),
        FieldPanel("contact_email"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="What it is"),
            ObjectList(facts_panels, heading="Facts for choosing"),
            ObjectList(sign_up_panels, heading="Sign-ups"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        *OpportunityFacts.facts_search_fields,
        index.FilterField("commitment"),
        index.FilterField("first_step"),
        index.FilterField("status"),
        index.FilterField("closing_date"),
    ]

    parent_page_types = ["opportunities.OpportunityIndexPage"]
    subpage_types = []
    page_description = "One way to get involved, such as a survey, a group or a forum."

    class Meta:
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"

    @property
    def is_open(self):
        return self.status == Status.OPEN
