"""Catalogue pages: the opportunities listing and each opportunity."""

from contextlib import nullcontext

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.template.response import TemplateResponse
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import BasePage, SiteSettings
from portal.pagination import first, paginate
from portal.search import planned_for_full_text

from ..choices import (
    FORMATS,
    LEVEL_DESCRIPTIONS,
    MOTIVATIONS,
    SUPPORT,
    Commitment,
    Level,
    Status,
    next_level,
)
from ..signup_mixin import SignUpPageMixin

CARD_RELATED = ("engagement_type", "area", "organising_group")
UPCOMING_EVENTS_SHOWN = 3


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
    contact_email = models.EmailField(
        blank=True,
        help_text="The team told about new sign-ups. Leave empty to use the address in Site settings.",
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


class OpportunityIndexPage(RoutablePageMixin, BasePage):
    """The catalogue at /opportunities/: every way to get involved, with filters."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list, in plain words."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["opportunities.OpportunityPage"]
    max_count = 1
    page_description = "The list of all opportunities to get involved. There is only one."

    per_page = 12

    def opportunities(self):
        """Published opportunities under this page, ready for cards (no per-card queries)."""
        return OpportunityPage.objects.child_of(self).live().public().select_related(*CARD_RELATED)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def listing_context(self, request):
        from ..forms import OpportunityFilterForm

        data = request.GET.copy()
        data.setdefault("level", "")  # so "Any level" shows as chosen
        form = OpportunityFilterForm(data)
        form.is_valid()
        results = form.filter_queryset(self.opportunities())
        searching = bool(form.search_words)
        if searching:
            results = results.search(form.search_words)
        else:
            open_first = Case(
                When(status=Status.OPEN, then=Value(0)),
                When(status=Status.FULL, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
            results = results.order_by(open_first, "title", "pk")
        with planned_for_full_text() if searching else nullcontext():
            page_obj, elided_page_range = paginate(request, results, self.per_page)
        return {
            "filter_form": form,
            "page_obj": page_obj,
            "opportunities": page_obj.object_list,
            "elided_page_range": elided_page_range,
            "result_count": page_obj.paginator.count,
            "is_filtered": form.is_filtered,
            "has_other_filters": bool(form.filters().keys() - {"q"}),
            "chooser_url": self.url + self.reverse_subpage("find"),
        }

    @path("find/", name="find")
    def find_what_suits_you(self, request):
        """A few plain questions whose answers open the filtered listing."""
        from ..forms import ChooserForm

        request.is_preview = getattr(request, "is_preview", False)
        context = super().get_context(request)
        context["chooser_form"] = ChooserForm(initial={"commitment": "", "level": "", "area": ""})
        context["levels"] = [
            {"value": level.value, "label": level.label, "description": LEVEL_DESCRIPTIONS[level]}
            for level in Level
        ]
        return TemplateResponse(request, "opportunities/find_what_suits_you.html", context)


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
    related_for_page_view = CARD_RELATED
    page_description = "One way to get involved, such as a survey, a group or a forum."

    class Meta:
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"

    @property
    def is_open(self):
        return self.status == Status.OPEN

    def upcoming_events(self):
        if self.pk is None:  # a preview of an opportunity not yet saved has no events
            return []
        return list(
            self.events.live()
            .public()
            .upcoming()
            .select_related(*CARD_RELATED, "venue")[:UPCOMING_EVENTS_SHOWN]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        others = (
            OpportunityPage.objects.live()
            .public()
            .filter(status=Status.OPEN)
            .exclude(pk=self.pk)
            .select_related(*CARD_RELATED)
        )
        level_after = next_level(self.level)
        ready_for_more = []
        if level_after:
            at_next_level = others.filter(level=level_after).order_by("-first_step", "title")
            ready_for_more = first(
                at_next_level.filter(engagement_type_id=self.engagement_type_id), 3
            )
        also_in_area = first(
            others.filter(area_id=self.area_id)
            .exclude(pk__in=[page.pk for page in ready_for_more])
            .order_by("-first_step", "title"),
            3,
        )
        context.update(
            {
                "next_level": Level(level_after) if level_after else None,
                "ready_for_more": ready_for_more,
                "also_in_area": also_in_area,
                "response_days": SiteSettings.for_request(request).response_days,
                "upcoming_events": self.upcoming_events(),
            }
        )
        return context
